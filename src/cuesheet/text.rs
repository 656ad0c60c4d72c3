//! A sheet's bytes as text: UTF-8 (with or without a byte-order mark),
//! UTF-16 with one, or whatever legacy encoding the bytes look like
//! (CP1252 from EAC on a Western Windows, Shift-JIS from a Japanese one,
//! EUC-KR, GBK, Big5), guessed by chardetng.

/// Decodes `bytes`; the name of the encoding found is given too.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8");
    }
    let mut detector = chardetng::EncodingDetector::new();
    let _ = detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_encodings_are_read() {
        // "TITLE "Amélie"" in CP1252 and "TITLE "千と千尋の神隠し"" in Shift-JIS.
        let cp1252 = b"PERFORMER \"Yann Tiersen\"\nTITLE \"Am\xe9lie\"\n";
        assert_eq!(
            decode(cp1252).0,
            "PERFORMER \"Yann Tiersen\"\nTITLE \"Amélie\"\n"
        );
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("TITLE \"千と千尋の神隠し サウンドトラック\"\nPERFORMER \"久石譲\"\n");
        let (text, name) = decode(&sjis);
        assert!(text.contains("千と千尋の神隠し"), "{text} ({name})");
        assert!(text.contains("久石譲"));
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice("TITLE \"Ü\"".as_bytes());
        assert_eq!(decode(&bom).0, "TITLE \"Ü\"");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("TITLE \"x\"".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).0, "TITLE \"x\"");
    }
}
