//! Which production each file goes to, once every file has said what it can
//! on its own: a file whose tags name no album joins what its folder-mates
//! agree on; a companion album ("X: Awesome Mix Vol. 1") joins X when the
//! library has X; albums with no soundtrack sign at all (a rock album, a
//! symphony) are not productions of a film, series or game, and stay each
//! their own album ("Other music").

// foldhash (hashbrown's hasher, already in the tree): the maps of a load are
// keyed by album names and paths, and SipHash was 6 % of a 50,000-file load.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::Path;
use std::sync::Arc;

use super::analyse::{AlbumSource, Analysis};
use super::production::grouping_key;
use super::store::StoredFile;

/// Where each file goes.
pub struct Plan {
    /// Per file (in order): the album source it is grouped by, whether that
    /// came from its folder-mates, and the index of its group key.
    pub files: Vec<(Arc<AlbumSource>, bool, usize)>,
    /// The group keys, and whether each group is music that is not a soundtrack.
    pub keys: Vec<(String, bool)>,
}

/// The address of an album source, to know it again cheaply.
fn id(source: &Arc<AlbumSource>) -> usize {
    Arc::as_ptr(source) as usize
}

/// Works out the plan for `items`.
pub fn plan(items: &[(&StoredFile, &Analysis)]) -> Plan {
    let sources = folder_mates(items);
    // An album's files come one after another: each run of one source is
    // looked up once, not once per file (a load's plan runs on one core).
    let starts: Vec<usize> = (0..sources.len())
        .filter(|&i| i == 0 || id(&sources[i].0) != id(&sources[i - 1].0))
        .collect();
    let run = |r: usize| starts[r]..starts.get(r + 1).copied().unwrap_or(sources.len());
    // Every production key there is, to find a companion's production.
    let mut known: HashSet<&str> = HashSet::new();
    for &start in &starts {
        let _ = known.insert(sources[start].0.key.as_str());
    }
    // The key each distinct source goes under before "other music" is decided.
    let mut first_key: HashMap<usize, String> = HashMap::new();
    for &start in &starts {
        let source = &sources[start].0;
        let _ = first_key.entry(id(source)).or_insert_with(|| {
            source
                .title
                .companion_of
                .as_deref()
                .map(grouping_key)
                .filter(|parent| parent != &source.key && known.contains(parent.as_str()))
                .unwrap_or_else(|| source.key.clone())
        });
    }
    // A group is music that is not a soundtrack when its files are tagged
    // with an album and none of them says soundtrack.
    let mut said: HashMap<&str, (bool, bool)> = HashMap::new();
    for r in 0..starts.len() {
        let key = first_key[&id(&sources[starts[r]].0)].as_str();
        let entry = said.entry(key).or_insert((false, false));
        for &(_, analysis) in &items[run(r)] {
            entry.0 |= analysis.soundtrack_sign;
            entry.1 |= analysis.tagged;
        }
    }
    let mut keys: Vec<(String, bool)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut by_source: HashMap<usize, usize> = HashMap::new();
    let mut at = Vec::with_capacity(starts.len());
    for &start in &starts {
        let source = &sources[start].0;
        at.push(*by_source.entry(id(source)).or_insert_with(|| {
            let key = &first_key[&id(source)];
            let (sign, tagged) = said.get(key.as_str()).copied().unwrap_or((true, false));
            let other = tagged && !sign;
            // Other music: one album, one "production", named as the album is.
            let key = if other {
                format!("\u{1}other {}", grouping_key(&source.title.plain))
            } else {
                key.clone()
            };
            *index.entry(key.clone()).or_insert_with(|| {
                keys.push((key, other));
                keys.len() - 1
            })
        }));
    }
    let mut files = Vec::with_capacity(items.len());
    let mut r = 0;
    for (i, (source, mate)) in sources.into_iter().enumerate() {
        if starts.get(r + 1) == Some(&i) {
            r += 1;
        }
        files.push((source, mate, at[r]));
    }
    Plan { files, keys }
}

/// Each file's album source, a file without an album tag taking the one
/// most of the tagged files in its folder have (true then).
fn folder_mates(items: &[(&StoredFile, &Analysis)]) -> Vec<(Arc<AlbumSource>, bool)> {
    let untagged = items.iter().any(|(_, a)| !a.tagged);
    if !untagged {
        return items
            .iter()
            .map(|(_, a)| (Arc::clone(&a.album), false))
            .collect();
    }
    // Keyed on `Path`, slower to hash than bytes but one folder however it
    // is spelled ("/m//A" is "/m/A"); this runs only when a file has no album.
    fn folder(file: &StoredFile) -> &Path {
        // A track of a CD image sits in its image's folder.
        let path = file
            .image
            .as_ref()
            .map_or(file.path.as_path(), |i| i.file.as_path());
        super::file_path::folder(path).unwrap_or(Path::new(""))
    }
    let mut votes: HashMap<&Path, Vec<(Arc<AlbumSource>, usize)>> = HashMap::new();
    for &(file, analysis) in items {
        if !analysis.tagged {
            continue;
        }
        let list = votes.entry(folder(file)).or_default();
        match list.iter_mut().find(|(s, _)| s.key == analysis.album.key) {
            Some((_, n)) => *n += 1,
            None => list.push((Arc::clone(&analysis.album), 1)),
        }
    }
    items
        .iter()
        .map(|&(file, analysis)| {
            if analysis.tagged {
                return (Arc::clone(&analysis.album), false);
            }
            let best = votes
                .get(folder(file))
                .and_then(|list| list.iter().max_by_key(|(_, n)| *n));
            match best {
                Some((source, _)) => (Arc::clone(source), true),
                None => (Arc::clone(&analysis.album), false),
            }
        })
        .collect()
}
