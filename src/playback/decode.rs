//! Opening a file as a rodio source.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use rodio::Decoder;

/// A decoder over a file, knowing its byte length (needed to seek backwards).
pub type FileDecoder = Decoder<BufReader<File>>;

/// Opens `path` for playback, with a message a user can act on when it fails.
pub fn open(path: &Path) -> Result<FileDecoder, String> {
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the file is gone (moved or deleted?)".to_string(),
        std::io::ErrorKind::PermissionDenied => "no permission to read the file".to_string(),
        _ => format!("cannot open the file: {e}"),
    })?;
    let len = file
        .metadata()
        .map_err(|e| format!("cannot read the file: {e}"))?
        .len();
    let mut builder = Decoder::builder()
        .with_data(BufReader::new(file))
        .with_byte_len(len)
        .with_seekable(true)
        .with_gapless(true);
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        builder = builder.with_hint(&ext.to_lowercase());
    }
    builder
        .build()
        .map_err(|e| format!("cannot decode this file: {e}"))
}
