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

#[cfg(test)]
mod tests {
    use super::*;

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
