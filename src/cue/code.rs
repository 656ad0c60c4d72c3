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
    /// Written the TV way, `101` (part 1, cue 01), rather than `1M1`.
    pub numbered: bool,
}

impl CueCode {
    /// Finds a cue code standing as a word of its own in `text`, such as the
    /// `2M3` in "2M3 The Signal". Text that merely contains digits and an `m`
    /// ("5mm", "4m33s") is not a code.
    pub fn find_in(text: &str) -> Option<CueCode> {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
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
            numbered: false,
        })
    }

    /// Parses a TV-style number, `101` or `1204` (the part, episode or act,
    /// then a two-digit cue), with an optional letter: `101b`. Only for places
    /// that say they hold a cue (a sidecar's `code`, the first word of a TV
    /// production's track): elsewhere "101" is just a number.
    pub fn parse_numbered(word: &str) -> Option<CueCode> {
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        if !(3..=4).contains(&digits) {
            return None;
        }
        let tail = &word[digits..];
        let insert = match tail.len() {
            0 => None,
            1 => Some(tail.chars().next().filter(char::is_ascii_alphabetic)?),
            _ => return None,
        };
        let (part, cue) = word[..digits].split_at(digits - 2);
        let reel: u32 = part.parse().ok()?;
        let cue: u32 = cue.parse().ok()?;
        if reel == 0 || cue == 0 {
            return None;
        }
        Some(CueCode {
            reel,
            cue,
            insert: insert.map(|c| c.to_ascii_lowercase()),
            numbered: true,
        })
    }

    /// Either form, for fields that can only hold a cue code.
    pub fn parse_any(word: &str) -> Option<CueCode> {
        let word = word.trim();
        CueCode::parse(word).or_else(|| CueCode::parse_numbered(word))
    }

    /// The code spelled out for people: "Reel 2, cue 3" or "Reel 1, cue 3b".
    pub fn describe(&self) -> String {
        if self.numbered {
            let letter = self.insert.map(String::from).unwrap_or_default();
            return format!("Cue {self}: part {}, cue {}{letter}", self.reel, self.cue);
        }
        match self.insert {
            Some(letter) => format!("Reel {}, cue {}{}", self.reel, self.cue, letter),
            None => format!("Reel {}, cue {}", self.reel, self.cue),
        }
    }
}

impl fmt::Display for CueCode {
    /// The canonical short form: `2M3`, `1M3b`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.numbered {
            write!(f, "{}{:02}", self.reel, self.cue)?;
        } else {
            write!(f, "{}M{}", self.reel, self.cue)?;
        }
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
                insert: None,
                numbered: false,
            })
        );
        assert_eq!(
            CueCode::parse("6m02"),
            Some(CueCode {
                reel: 6,
                cue: 2,
                insert: None,
                numbered: false,
            })
        );
        assert_eq!(
            CueCode::parse("1M3b"),
            Some(CueCode {
                reel: 1,
                cue: 3,
                insert: Some('b'),
                numbered: false,
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
        // A number is not a reel-style code, even in a title.
        assert_eq!(CueCode::find_in("101 Dalmatians"), None);
    }

    #[test]
    fn reads_tv_numbered_cues_only_where_asked() {
        let code = CueCode::parse_numbered("101").expect("101");
        assert_eq!((code.reel, code.cue, code.numbered), (1, 1, true));
        assert_eq!(code.to_string(), "101");
        assert_eq!(code.describe(), "Cue 101: part 1, cue 1");
        let code = CueCode::parse_numbered("1204B").expect("1204B");
        assert_eq!((code.reel, code.cue, code.insert), (12, 4, Some('b')));
        assert_eq!(code.to_string(), "1204b");
        for word in ["10", "12345", "100", "001", "101xy", "1o1", "", "101-"] {
            assert_eq!(CueCode::parse_numbered(word), None, "{word}");
        }
        assert_eq!(
            CueCode::parse_any(" 2M3 ").map(|c| c.to_string()),
            Some("2M3".into())
        );
        assert_eq!(
            CueCode::parse_any("305").map(|c| c.describe()),
            Some("Cue 305: part 3, cue 5".into())
        );
        assert_eq!(CueCode::parse_any("Main Title"), None);
    }
}
