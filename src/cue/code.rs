//! Film and TV cue codes such as `1M1` (reel 1, music cue 1), `6m02` or `1M3b`.

use std::fmt;

/// A reel-and-cue code as film and TV music departments number their cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CueCode {
    /// The reel (or act) number.
    pub reel: u32,
    /// The cue number within the reel.
    pub cue: u32,
    /// A letter for a cue inserted later, as in `1M3b`.
    pub insert: Option<char>,
}

impl CueCode {
    /// Finds a cue code standing as a word of its own in `text`, such as the
    /// `2M3` in "2M3 The Signal". Text that merely contains digits and an `m`
    /// ("5mm", "4m33s") is not a code.
    pub fn find_in(text: &str) -> Option<CueCode> {
        text.split(|c: char| c.is_whitespace() || "-_.,:;()[]\"'".contains(c))
            .find_map(CueCode::parse)
    }

    /// Parses exactly one code: digits, `M` or `m`, digits, an optional letter.
    pub fn parse(word: &str) -> Option<CueCode> {
        let bytes = word.as_bytes();
        let reel_len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if reel_len == 0 || reel_len > 2 || !matches!(bytes.get(reel_len), Some(b'M' | b'm')) {
            return None;
        }
        let rest = &word[reel_len + 1..];
        let cue_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if cue_len == 0 || cue_len > 3 {
            return None;
        }
        let tail = &rest[cue_len..];
        let insert = match tail.chars().count() {
            0 => None,
            1 => tail.chars().next().filter(char::is_ascii_alphabetic),
            _ => return None,
        };
        if !tail.is_empty() && insert.is_none() {
            return None;
        }
        // "4m33s" reads as minutes and seconds, not a cue.
        if matches!(insert, Some('s' | 'S')) {
            return None;
        }
        Some(CueCode {
            reel: word[..reel_len].parse().ok()?,
            cue: rest[..cue_len].parse().ok()?,
            insert: insert.map(|c| c.to_ascii_lowercase()),
        })
    }

    /// The code spelled out for people: "Reel 2, cue 3" or "Reel 1, cue 3b".
    pub fn describe(&self) -> String {
        match self.insert {
            Some(letter) => format!("Reel {}, cue {}{}", self.reel, self.cue, letter),
            None => format!("Reel {}, cue {}", self.reel, self.cue),
        }
    }
}

impl fmt::Display for CueCode {
    /// The canonical short form: `2M3`, `1M3b`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}M{}", self.reel, self.cue)?;
        if let Some(letter) = self.insert {
            write!(f, "{letter}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_forms() {
        assert_eq!(
            CueCode::parse("1M1"),
            Some(CueCode {
                reel: 1,
                cue: 1,
                insert: None
            })
        );
        assert_eq!(
            CueCode::parse("6m02"),
            Some(CueCode {
                reel: 6,
                cue: 2,
                insert: None
            })
        );
        assert_eq!(
            CueCode::parse("1M3b"),
            Some(CueCode {
                reel: 1,
                cue: 3,
                insert: Some('b')
            })
        );
        assert_eq!(
            CueCode::parse("1M3A").map(|c| c.to_string()),
            Some("1M3a".into())
        );
    }

    #[test]
    fn ignores_look_alikes() {
        for word in [
            "5mm", "M1", "1M", "4m33s", "12M3xy", "abc", "100M1", "1M1234",
        ] {
            assert_eq!(CueCode::parse(word), None, "{word}");
        }
    }

    #[test]
    fn finds_codes_inside_titles() {
        let code = CueCode::find_in("2M3 The Signal").map(|c| c.describe());
        assert_eq!(code.as_deref(), Some("Reel 2, cue 3"));
        assert_eq!(
            CueCode::find_in("The Signal (6m02)").map(|c| c.to_string()),
            Some("6M2".into())
        );
        assert_eq!(CueCode::find_in("Running 5mm late"), None);
    }
}
