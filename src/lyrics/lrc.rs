//! LRC, the text format of synced lyrics: `[mm:ss.xx]` before each line
//! (several for a line sung more than once), `[offset:+/-ms]` to shift them
//! all, metadata tags (`[ar:]`, `[ti:]`, `[by:]`...) that are not lyrics, and
//! the word times of "enhanced" LRC (`<mm:ss.xx>`), which are dropped.

use std::time::Duration;

use super::Line;

/// The timed lines of LRC text, in time order; `None` when no line has a
/// time (the text is not LRC: plain lyrics, or `[Chorus]` headings).
pub fn parse(text: &str) -> Option<Vec<Line>> {
    let mut lines = Vec::new();
    let mut offset_ms: i64 = 0;
    for raw in text.lines() {
        let mut rest = raw.trim();
        let mut times = Vec::new();
        // Leading tags: times, or one metadata tag.
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else {
                break;
            };
            let tag = &inner[..close];
            if let Some(time) = time(tag) {
                times.push(time);
                rest = inner[close + 1..].trim_start();
                continue;
            }
            if let Some((key, value)) = tag.split_once(':')
                && key.trim().eq_ignore_ascii_case("offset")
            {
                offset_ms = value.trim().trim_start_matches('+').parse().unwrap_or(0);
            }
            break;
        }
        if times.is_empty() {
            continue;
        }
        let words = without_word_times(rest);
        for start in times {
            lines.push((start, words.clone()));
        }
    }
    if lines.is_empty() {
        return None;
    }
    // A positive offset makes the lyrics come sooner.
    let shift = |start: Duration| -> Duration {
        let ms = i64::try_from(start.as_millis()).unwrap_or(i64::MAX);
        Duration::from_millis(u64::try_from(ms.saturating_sub(offset_ms)).unwrap_or(0))
    };
    let mut lines: Vec<Line> = lines
        .into_iter()
        .map(|(start, text)| Line {
            start: shift(start),
            text,
        })
        .collect();
    // Stable: lines at the same time keep the file's order.
    lines.sort_by_key(|line| line.start);
    Some(lines)
}

/// `mm:ss`, `mm:ss.x`, `mm:ss.xx`, `mm:ss.xxx` or `mm:ss:xx` (and `h:mm:ss.xx`).
fn time(tag: &str) -> Option<Duration> {
    let tag = tag.trim();
    let digits = |t: &str| !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
    let mut parts: Vec<&str> = tag.split(':').collect();
    // The fraction: after a dot in the seconds, or a third field `mm:ss:xx`.
    let mut fraction = "";
    if let Some(last) = parts.last_mut()
        && let Some((seconds, frac)) = last.split_once('.')
    {
        *last = seconds;
        fraction = frac;
    } else if parts.len() == 3 && parts[0].len() <= 2 && parts[2].len() == 2 {
        fraction = parts.pop()?;
    }
    let (hours, minutes, seconds) = match parts.as_slice() {
        [m, s] => ("0", *m, *s),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    if !(digits(hours) && digits(minutes) && digits(seconds)) || seconds.len() != 2 {
        return None;
    }
    if !fraction.is_empty() && !digits(fraction) {
        return None;
    }
    let (h, m, s): (u64, u64, u64) = (
        hours.parse().ok()?,
        minutes.parse().ok()?,
        seconds.parse().ok()?,
    );
    if s >= 60 {
        return None;
    }
    // ".5" is half a second, ".05" a twentieth, ".005" a two-hundredth.
    let millis = if fraction.is_empty() {
        0
    } else {
        let value: u64 = fraction.parse().ok()?;
        value * 10u64.pow(3 - u32::try_from(fraction.len()).ok()?)
    };
    Some(Duration::from_millis(
        ((h * 60 + m) * 60 + s) * 1000 + millis,
    ))
}

/// The line without enhanced LRC's `<mm:ss.xx>` word times.
fn without_word_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) if time(&after[..close]).is_some() => {
                out.push_str(&rest[..open]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn times_in_every_form_people_write_them() {
        assert_eq!(time("01:02.50"), Some(ms(62_500)));
        assert_eq!(time("01:02.5"), Some(ms(62_500)));
        assert_eq!(time("01:02.005"), Some(ms(62_005)));
        assert_eq!(time("01:02"), Some(ms(62_000)));
        assert_eq!(time("01:02:50"), Some(ms(62_500)));
        assert_eq!(time("1:01:02.00"), Some(ms(3_662_000)));
        assert_eq!(time("100:00.00"), Some(ms(6_000_000)));
        for bad in [
            "ar:Artist",
            "01:60.00",
            "1:2.00",
            "a:bc",
            "",
            "00:01.1234",
            "00:01.x",
        ] {
            assert_eq!(time(bad), None, "{bad}");
        }
    }

    #[test]
    fn lines_with_several_times_metadata_and_an_offset() {
        let text = "[ti:Slow Dust]\n[ar:Ilse Moreau]\n[length: 03:20]\n[offset:+500]\n\n\
                    [00:12.00]Dust on the window\n\
                    [00:20.50][01:10.50]Slow, slow dust\n\
                    [00:30.00]\n\
                    [00:35.00]<00:35.00>Word <00:35.60>by <00:36.10>word\n\
                    a stray line without a time\n\
                    [00:00.20]Starts before the offset\n";
        let lines = parse(text).expect("LRC");
        let got: Vec<(Duration, &str)> = lines.iter().map(|l| (l.start, l.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (ms(0), "Starts before the offset"),
                (ms(11_500), "Dust on the window"),
                (ms(20_000), "Slow, slow dust"),
                (ms(29_500), ""),
                (ms(34_500), "Word by word"),
                (ms(70_000), "Slow, slow dust"),
            ]
        );
    }

    #[test]
    fn plain_lyrics_and_headings_are_not_lrc() {
        assert_eq!(
            parse("[Verse 1]\nDust on the window\n[Chorus]\nSlow dust"),
            None
        );
        assert_eq!(parse(""), None);
        assert_eq!(parse("[ar:Someone]\n[ti:Nothing timed]"), None);
        // A negative offset makes them later; a bad one is ignored.
        let later = parse("[offset:-250]\n[00:01.00]a").expect("LRC");
        assert_eq!(later[0].start, ms(1_250));
        let ignored = parse("[offset:soon]\n[00:01.00]a").expect("LRC");
        assert_eq!(ignored[0].start, ms(1_000));
        // `<` that is no word time stays.
        assert_eq!(parse("[00:01.00]a <b> c").expect("LRC")[0].text, "a <b> c");
    }
}
