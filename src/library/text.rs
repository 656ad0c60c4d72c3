//! Matching words in tags, for every track at each load: no lower-cased copies.

/// Whether `haystack` contains `needle`, ignoring ASCII case (the needles
/// here are ASCII words such as "feat." or "soundtrack").
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let first = first.to_ascii_lowercase();
    hay[..=hay.len() - needle.len()]
        .iter()
        .enumerate()
        .any(|(i, b)| {
            b.to_ascii_lowercase() == first
                && hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest)
        })
}

/// Lower-case ASCII words to look for in tags, each with the set of letters
/// it has: a text that lacks one of a word's letters is passed over without
/// a search (most genres share few letters with most of the words).
pub struct Words<const N: usize> {
    words: [&'static str; N],
    letters: [u32; N],
}

impl<const N: usize> Words<N> {
    /// The words to look for.
    pub const fn new(words: [&'static str; N]) -> Words<N> {
        let mut letters = [0; N];
        let mut i = 0;
        while i < N {
            letters[i] = letters_of(words[i].as_bytes());
            i += 1;
        }
        Words { words, letters }
    }

    /// Whether `text` contains one of the words, ignoring ASCII case.
    pub fn any_in(&self, text: &str) -> bool {
        self.any_in_lettered(&Lettered::new(text))
    }

    /// [`Words::any_in`] for a text whose letters are known: a title asked
    /// by several lists is gone through once for its letters.
    pub fn any_in_lettered(&self, text: &Lettered<'_>) -> bool {
        let Lettered { text, letters: has } = *text;
        self.words
            .iter()
            .zip(self.letters)
            .any(|(word, letters)| letters & !has == 0 && contains_ignore_case(text, word))
    }
}

/// A text with the ASCII letters it holds.
#[derive(Debug, Clone, Copy)]
pub struct Lettered<'a> {
    text: &'a str,
    letters: u32,
}

impl<'a> Lettered<'a> {
    pub fn new(text: &'a str) -> Lettered<'a> {
        Lettered {
            text,
            letters: letters_of(text.as_bytes()),
        }
    }

    /// The text itself.
    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// The ASCII letters in `bytes`, either case, as bits (a is bit 0).
const fn letters_of(bytes: &[u8]) -> u32 {
    let mut letters = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i].to_ascii_lowercase();
        if b.is_ascii_lowercase() {
            letters |= 1 << (b - b'a');
        }
        i += 1;
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_as_a_search_would_find_them() {
        const WORDS: Words<4> = Words::new(["pop", "hip-hop", "r&b", "(from “"]);
        for text in [
            "Pop",
            "K-POP",
            "Hip-Hop/Rap",
            "R&B",
            "Soundtrack",
            "Opp",
            "hip hop",
            "",
            "Ünï pop",
            "Theme (From “Arrival”)",
            "from",
        ] {
            let searched = ["pop", "hip-hop", "r&b", "(from “"]
                .iter()
                .any(|w| contains_ignore_case(text, w));
            assert_eq!(WORDS.any_in(text), searched, "{text}");
        }
        assert!(WORDS.any_in("k-pop") && !WORDS.any_in("Soundtrack"));
    }

    #[test]
    fn case_is_ignored_without_copies() {
        assert!(contains_ignore_case("Slow Dust (FEAT. Ilse)", "feat."));
        assert!(contains_ignore_case("Ünïcode feat. x", "feat."));
        assert!(contains_ignore_case("feat.", "FEAT."));
        assert!(contains_ignore_case("Video Game Music", "game"));
        assert!(!contains_ignore_case("Feature", "feat."));
        assert!(!contains_ignore_case("fea", "feat."));
        assert!(contains_ignore_case("anything", ""));
        assert!(!contains_ignore_case("ab", "abc"));
        assert!(contains_ignore_case("(From “Arrival”)", "(from “"));
    }
}
