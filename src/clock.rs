//! Durations written the way players show them.

use std::time::Duration;

/// `m:ss` under an hour, `h:mm:ss` from an hour on.
pub fn format(d: Duration) -> String {
    let total = d.as_secs();
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_player() {
        assert_eq!(format(Duration::from_millis(6_999)), "0:06");
        assert_eq!(format(Duration::from_secs(125)), "2:05");
        assert_eq!(format(Duration::from_secs(4350)), "1:12:30");
    }
}
