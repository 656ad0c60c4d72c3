//! The `.lrc` file beside a song: the same name with `.lrc` (or `.LRC`) in
//! place of the audio extension, or added to the whole name
//! (`song.mp3.lrc`), as lyrics downloaders save them. In any encoding: LRC
//! files from Chinese and Japanese sites are often GBK or Shift-JIS.

use std::path::{Path, PathBuf};

use super::Lyrics;

/// The largest `.lrc` read; lyrics are a few kilobytes.
const MAX_BYTES: u64 = 1024 * 1024;

/// The lyrics in the `.lrc` beside `audio`, if there is one with words in it.
pub fn read(audio: &Path) -> Option<Lyrics> {
    let path = find(audio)?;
    let size = std::fs::metadata(&path).ok()?.len();
    if size > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    crate::guard::isolate(|| {
        let (text, _) = crate::cuesheet::decode(&bytes);
        Lyrics::from_text(&text)
    })
    .ok()
    .flatten()
}

/// The `.lrc` file that goes with `audio`.
pub fn find(audio: &Path) -> Option<PathBuf> {
    let mut candidates = vec![audio.with_extension("lrc"), audio.with_extension("LRC")];
    let mut whole = audio.as_os_str().to_owned();
    whole.push(".lrc");
    candidates.push(PathBuf::from(whole));
    candidates
        .into_iter()
        .find(|c| c.as_path() != audio && c.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_lrc_beside_the_song_is_read_in_its_encoding() {
        let dir = std::env::temp_dir().join(format!("leitmotif-lrc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let song = dir.join("02 Slow Dust.ogg");
        std::fs::write(&song, b"audio").expect("write");
        assert_eq!(read(&song), None, "no .lrc yet");
        // GBK, as Chinese lyrics sites save them: "[00:01.50]慢慢的尘土".
        let (gbk, _, _) = encoding_rs::GBK.encode("[ti:慢]\n[00:01.50]慢慢的尘土\n[00:04.00]风\n");
        std::fs::write(dir.join("02 Slow Dust.lrc"), &gbk).expect("write");
        let Some(Lyrics::Synced(lines)) = read(&song) else {
            panic!("synced lyrics expected");
        };
        assert_eq!(lines[0].start, Duration::from_millis(1_500));
        assert_eq!(lines[0].text, "慢慢的尘土");
        assert_eq!(lines.len(), 2);
        // song.ogg.lrc is found too; a plain-text .lrc gives plain lyrics.
        let other = dir.join("03 Other.flac");
        std::fs::write(&other, b"audio").expect("write");
        std::fs::write(dir.join("03 Other.flac.lrc"), "Just words\n").expect("write");
        assert_eq!(read(&other), Some(Lyrics::Plain("Just words".into())));
        let _ = std::fs::remove_dir_all(dir);
    }
}
