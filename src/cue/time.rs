//! Times in a production: `01:12:30`, `12:30`, `01:12:30.5` or ISO 8601 `PT1H12M30S`.

use std::time::Duration;

/// Reads a time as cue sheets write it. Returns a message saying what is
/// accepted when the text is not a time.
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "\"{text}\" is not a time: write 01:12:30 (hours:minutes:seconds), 12:30 or PT1H12M30S"
        )
    };
    if text.len() > 40 {
        return Err(bad());
    }
    let upper = text.to_ascii_uppercase();
    let ms = if let Some(iso) = upper.strip_prefix("PT") {
        iso_ms(iso).ok_or_else(bad)?
    } else {
        clock_ms(text).ok_or_else(bad)?
    };
    Ok(Duration::from_millis(ms))
}

/// `1H12M30.5S` (what follows `PT`).
fn iso_ms(mut rest: &str) -> Option<u64> {
    if rest.is_empty() {
        return None;
    }
    let mut total = 0u64;
    let mut last_unit = 0;
    while !rest.is_empty() {
        let split = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let (number, tail) = rest.split_at(split);
        let unit = tail.chars().next()?;
        let (order, scale) = match unit {
            'H' => (1, 3_600_000.0),
            'M' => (2, 60_000.0),
            'S' => (3, 1_000.0),
            _ => return None,
        };
        // Units come once each, in order; only seconds may have a fraction.
        if order <= last_unit || number.is_empty() || (number.contains('.') && unit != 'S') {
            return None;
        }
        last_unit = order;
        let value: f64 = number.parse().ok()?;
        total = total.checked_add((value * scale).round() as u64)?;
        rest = &tail[1..];
    }
    Some(total)
}

/// `h:mm:ss`, `mm:ss`, with an optional fraction of a second.
fn clock_ms(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let (seconds, whole) = parts.split_last()?;
    let mut total = 0u64;
    for (i, part) in whole.iter().enumerate() {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = part.parse().ok()?;
        // Minutes after hours stay under 60.
        if i > 0 && value >= 60 {
            return None;
        }
        total = total * 60 + value;
    }
    let (secs, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    if secs.len() != 2 || !secs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: u64 = secs.parse().ok()?;
    if secs >= 60 {
        return None;
    }
    let millis = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<3}").parse::<u64>().ok()?
    };
    Some((total * 60 + secs) * 1000 + millis)
}

/// Writes a time the way people read it: `1:12:30`, or `2:05` under an hour.
pub fn format(time: Duration) -> String {
    let secs = time.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Writes a time for a sidecar: always `hh:mm:ss`, with milliseconds when there are some.
pub fn format_exact(time: Duration) -> String {
    let ms = time.as_millis();
    let secs = ms / 1000;
    let base = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    match ms % 1000 {
        0 => base,
        rest => format!("{base}.{rest:03}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> Option<u128> {
        parse(text).ok().map(|d| d.as_millis())
    }

    #[test]
    fn reads_clock_and_iso_forms() {
        assert_eq!(ms("01:12:30"), Some(4_350_000));
        assert_eq!(ms("1:12:30"), Some(4_350_000));
        assert_eq!(ms("12:30"), Some(750_000));
        assert_eq!(ms("00:00:01.5"), Some(1_500));
        assert_eq!(ms("PT1H12M30S"), Some(4_350_000));
        assert_eq!(ms("pt2m5s"), Some(125_000));
        assert_eq!(ms("PT30.25S"), Some(30_250));
        assert_eq!(ms(" 02:05 "), Some(125_000));
    }

    #[test]
    fn refuses_what_only_looks_like_a_time() {
        for text in [
            "",
            "12",
            "1:2",
            "1:60",
            "1:61:00",
            "a:bc",
            "PT",
            "PT5",
            "PTS",
            "PT1M2H",
            "PT1.5M",
            "P1D",
            "01:12:30:00",
            "-1:00",
            "1:00.1234",
            "12:30pm",
        ] {
            let error = parse(text).err();
            assert!(
                error.as_deref().is_some_and(|e| e.contains("01:12:30")),
                "{text}: {error:?}"
            );
        }
    }

    #[test]
    fn formats_for_people_and_for_files() {
        let t = Duration::from_millis(4_350_000);
        assert_eq!(format(t), "1:12:30");
        assert_eq!(format(Duration::from_secs(125)), "2:05");
        assert_eq!(format_exact(t), "01:12:30");
        assert_eq!(format_exact(Duration::from_millis(1_500)), "00:00:01.500");
        assert_eq!(
            parse(&format_exact(Duration::from_millis(61_234))).ok(),
            Some(Duration::from_millis(61_234))
        );
    }
}
