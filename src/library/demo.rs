//! The bundled demo library, shown when the user has none yet.

use std::path::PathBuf;

/// Where the demo library is: `LEITMOTIF_DEMO_DIR`, then beside an installed
/// binary (`../share/leitmotif/demo`), then the source tree it was built from.
pub fn demo_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LEITMOTIF_DEMO_DIR") {
        return Some(PathBuf::from(dir));
    }
    let installed = std::env::current_exe().ok().and_then(|exe| {
        exe.parent()
            .and_then(|bin| bin.parent())
            .map(|prefix| prefix.join("share/leitmotif/demo"))
    });
    let source_tree = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo"));
    installed
        .into_iter()
        .chain(std::iter::once(source_tree))
        .find(|dir| dir.is_dir())
}
