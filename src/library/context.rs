//! Score or song, with the production in view: whose composers its
//! composers are, whether one artist plays a whole album, and, for a tie,
//! what the same artist's other tracks are (see [`category`] for the weights).

use std::hash::BuildHasher;

use foldhash::{HashMap, HashMapExt};

use super::FileTags;
use super::category::{self, Category, Context, Facts};
use super::track::{Track, TrackId};

/// What the weighing asks of one file's tags, found where they are read
/// (on every core, while they are in the cache) so that the weighing reads
/// a small value a track rather than each track's tags: those reads were
/// most of the weighing of a 50,000-file load (perf, `measure load-store`).
///
/// Names and albums are known by a 64-bit hash of them (of the name as a
/// person reads it, [`Name`]; of the album's exact text): two of one
/// production's few hundred names hash alike with odds of about 1 in 10^14.
#[derive(Debug, Clone, Copy, Default)]
pub struct Weighed {
    facts: Facts<()>,
    /// Its first artist.
    artist: Option<u64>,
    /// Its composers: the first three (a track naming more is read from its tags).
    composers: [u64; 3],
    composer_count: usize,
    /// Its album's title as tagged.
    album: Option<u64>,
}

/// The key of a name as a person reads it (and of an album's text).
fn key(name: impl std::hash::Hash) -> u64 {
    foldhash::fast::FixedState::with_seed(0x1e17_6071_f000_0001).hash_one(name)
}

impl Weighed {
    /// What `tags` say, with `artist` the first artist (the tags' own, or
    /// one its file's name gives).
    pub fn of(tags: &FileTags, artist: Option<&str>) -> Weighed {
        let mut composers = [0; 3];
        for (slot, c) in composers.iter_mut().zip(&tags.composers) {
            *slot = key(Name::new(c));
        }
        Weighed {
            facts: Facts::of(tags, artist).unnamed(),
            artist: artist.map(|a| key(Name::new(a))),
            composers,
            composer_count: tags.composers.len(),
            album: tags.album.as_deref().map(key),
        }
    }

    /// The keys of its composers (`track` is read only when it names more
    /// than three).
    fn composers<'t>(&'t self, track: &'t Track) -> impl Iterator<Item = u64> + 't {
        let kept = self.composer_count <= self.composers.len();
        let inline = kept.then(|| self.composers[..self.composer_count].iter().copied());
        let read = (!kept).then(|| track.tags.composers.iter().map(|c| key(Name::new(c))));
        inline
            .into_iter()
            .flatten()
            .chain(read.into_iter().flatten())
    }
}

/// What the load knows of a track before its production is in view.
#[derive(Debug, Clone, Copy, Default)]
pub struct Own {
    /// The weight of the signs in its own tags.
    pub weight: i32,
    /// Whether one of them points to song.
    pub song_sign: bool,
    /// Whether its album is a compilation of film music.
    pub compilation: bool,
    /// The category the user chose.
    pub chosen: Option<Category>,
    /// Whether a folder above it holds scores ("Film Scores").
    pub score_folder: bool,
    /// What its tags say for the weighing with its production in view.
    pub weighed: Weighed,
}

/// A name as a person reads it: the same whatever its case and the spaces
/// around it. Compared and hashed letter by letter, lower-cased on the fly:
/// lower-cased copies of every artist and composer were a tenth of the
/// weighing of a 50,000-file load.
#[derive(Debug, Clone, Copy)]
struct Name<'a>(&'a str);

impl<'a> Name<'a> {
    fn new(name: &'a str) -> Name<'a> {
        Name(name.trim())
    }

    /// Lower-cased a letter at a time; the final sigma (ς, which
    /// `str::to_lowercase` gives a word-final Σ) read as σ, so "ΒΑΓΓΕΛΗΣ"
    /// is "Βαγγελης".
    fn letters(self) -> impl Iterator<Item = char> + 'a {
        self.0
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ς' { 'σ' } else { c })
    }
}

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            return self.0.eq_ignore_ascii_case(other.0);
        }
        self.letters().eq(other.letters())
    }
}

impl Eq for Name<'_> {}

impl std::hash::Hash for Name<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // What `eq` calls equal hashes the same, ASCII or not (the Kelvin
        // sign, U+212A, lower-cases to an ASCII "k"): the lower-cased letters
        // as UTF-8, handed over a buffer at a time (a write per letter was
        // most of the weighing's hashing, perf over `measure load-store`).
        // One stream of letters always makes the same writes.
        let mut buffer = [0u8; 64];
        let mut used = 0;
        let mut put = |c: char, state: &mut H| {
            if used + 4 > buffer.len() {
                state.write(&buffer[..used]);
                used = 0;
            }
            used += c.encode_utf8(&mut buffer[used..]).len();
        };
        if self.0.is_ascii() {
            for b in self.0.bytes() {
                put(char::from(b.to_ascii_lowercase()), state);
            }
        } else {
            for c in self.letters() {
                put(c, state);
            }
        }
        state.write(&buffer[..used]);
        state.write_u8(0xff);
    }
}

/// Each track of one production (`ids`) with its category and context.
pub fn categorise(
    tracks: &[Track],
    own: &[Own],
    ids: &[TrackId],
    not_soundtrack: bool,
) -> Vec<(TrackId, Category, Context)> {
    // The production's own composers: credited on two tracks or more, or
    // the only composer it has.
    let mut credits: HashMap<u64, usize> = HashMap::with_capacity(ids.len().min(64));
    for &id in ids {
        for c in own[id].weighed.composers(&tracks[id]) {
            *credits.entry(c).or_default() += 1;
        }
    }
    let only = (credits.len() == 1)
        .then(|| credits.keys().next().copied())
        .flatten();
    // Each track's first artist as a number, each artist asked once
    // whether it composes here: a production has few artists.
    let mut numbers: HashMap<u64, usize> = HashMap::with_capacity(ids.len().min(64));
    let artists: Vec<Option<usize>> = ids
        .iter()
        .map(|&id| {
            let first = own[id].weighed.artist?;
            let next = numbers.len();
            Some(*numbers.entry(first).or_insert(next))
        })
        .collect();
    let mut composes_here = vec![false; numbers.len()];
    for (name, &n) in &numbers {
        composes_here[n] = credits.get(name).is_some_and(|&c| c >= 2) || only == Some(*name);
    }
    // Albums one artist plays alone, with no other composer named.
    let mut albums: HashMap<Option<u64>, (Option<u64>, bool, usize)> = HashMap::new();
    for &id in ids {
        let w = &own[id].weighed;
        let entry = albums.entry(w.album).or_insert((w.artist, true, 0));
        entry.1 &= w.artist.is_some() && entry.0 == w.artist && w.facts.only_artist_composes();
        entry.2 += 1;
    }
    let mut out: Vec<(TrackId, i32, Context)> = ids
        .iter()
        .zip(&artists)
        .map(|(&id, artist)| {
            let w = &own[id].weighed;
            let by_one = w.album.is_some()
                && albums
                    .get(&w.album)
                    .is_some_and(|&(_, alone, n)| alone && n >= 2);
            let in_scores = !not_soundtrack && own[id].score_folder;
            let context = Context {
                score_folder: in_scores,
                artist_is_composer_here: !not_soundtrack
                    && artist.is_some_and(|n| composes_here[n]),
                composers_known: !not_soundtrack && !credits.is_empty(),
                album_by_one_artist: !not_soundtrack && by_one,
                compilation: own[id].compilation,
                not_soundtrack,
                like_artist: None,
            };
            let weight = own[id].weight + category::context_weight(w.facts, &context);
            (id, weight, context)
        })
        .collect();
    // A tie: what the same artist's other (decided) tracks here are.
    let mut by_artist = vec![(0usize, 0usize); numbers.len()];
    for (&(_, weight, _), artist) in out.iter().zip(&artists) {
        if let Some(n) = *artist {
            if weight > 0 {
                by_artist[n].0 += 1;
            } else if weight < 0 {
                by_artist[n].1 += 1;
            }
        }
    }
    for ((_, weight, context), artist) in out.iter_mut().zip(&artists) {
        if *weight == 0
            && !not_soundtrack
            && let Some(n) = *artist
            && let Some(&(score, song)) = by_artist.get(n)
        {
            context.like_artist = match score.cmp(&song) {
                std::cmp::Ordering::Greater => Some(Category::Score),
                std::cmp::Ordering::Less => Some(Category::Song),
                std::cmp::Ordering::Equal => None,
            };
        }
    }
    out.into_iter()
        .map(|(id, weight, context)| {
            let category = own[id]
                .chosen
                .unwrap_or_else(|| category::verdict(weight, own[id].song_sign, &context));
            (id, category, context)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{FileTags, Library, StoredFile, UserData};
    use super::*;
    use std::path::PathBuf;

    fn file(n: u32, artist: &str, composer: &str) -> StoredFile {
        StoredFile::unstored(
            PathBuf::from(format!("/m/Harrowgate/{n:02}.flac")),
            FileTags {
                title: Some(format!("Night Drive {n}")),
                album: Some("Harrowgate (Original Motion Picture Soundtrack)".into()),
                artists: vec![artist.into()],
                composers: vec![composer.into()],
                track_number: Some(n),
                ..FileTags::default()
            },
        )
    }

    /// The context of the track numbered `n`.
    fn context_of(library: &Library, n: u32) -> Context {
        library
            .tracks
            .iter()
            .find(|t| t.tags.track_number == Some(n))
            .map(|t| t.context)
            .expect("track")
    }

    #[test]
    fn names_equal_as_read_hash_alike() {
        use std::hash::BuildHasher;
        let hash = |n: Name<'_>| foldhash::fast::FixedState::with_seed(7).hash_one(n);
        for (a, b) in [
            ("Ada Vale", " ada VALE"),
            ("Jóhann Jóhannsson", "JÓHANN JÓHANNSSON "),
            ("\u{212a}ai", "kai"),
            ("坂本龍一", "坂本龍一"),
            ("ΒΑΓΓΕΛΗΣ", "Βαγγελης"),
            // Longer than the hash's buffer: its flushes fall alike.
            (
                "The Royal Philharmonic Orchestra and the Ambrosian Singers of London",
                "the royal philharmonic orchestra and the ambrosian singers of LONDON",
            ),
            (
                "Orchestre Philharmonique de Radio France, Choeur de Radio France, \u{212a}",
                "orchestre philharmonique de radio france, choeur de radio france, k",
            ),
        ] {
            let (a, b) = (Name::new(a), Name::new(b));
            assert_eq!(a, b);
            assert_eq!(hash(a), hash(b), "{a:?} {b:?}");
        }
        assert_ne!(Name::new("Ada Vale"), Name::new("Ada Valen"));
        assert_ne!(Name::new("Jóhann"), Name::new("Johann"));
        // Names that differ only past the buffer's first flush differ.
        let long = "The Royal Philharmonic Orchestra and the Ambrosian Singers of London";
        let other = "The Royal Philharmonic Orchestra and the Ambrosian Singers of Londen";
        assert_ne!(hash(Name::new(long)), hash(Name::new(other)));
    }

    #[test]
    fn a_track_naming_many_composers_counts_each() {
        // More composers than the load keeps beside the track: the rest are
        // read from its tags. The fourth, credited on two tracks, composes here.
        let many = |n: u32| {
            let mut f = file(n, "Cy Moor", "Ada Vale");
            f.tags.composers = ["Ada Vale", "Bo Lind", "Eli Park", "cy moor "]
                .map(String::from)
                .to_vec();
            f
        };
        let files = vec![many(1), many(2), file(3, "Dee Rao", "Ada Vale")];
        let library = Library::build(files, Vec::new(), &[], &UserData::default());
        let context = |n: u32| context_of(&library, n);
        assert!(context(1).artist_is_composer_here);
        assert!(context(2).artist_is_composer_here);
        assert!(!context(3).artist_is_composer_here);
        // Untagged files' artist comes from their names ("01. Artist - Title"):
        // it is weighed as the artist it becomes.
        let named = |n: u32| {
            let mut f = StoredFile::unstored(
                PathBuf::from(format!(
                    "/m/Harrowgate OST/{n:02}. Ada Vale - Night {n}.flac"
                )),
                FileTags {
                    album: Some("Harrowgate (Original Motion Picture Soundtrack)".into()),
                    composers: vec!["Ada Vale".into()],
                    ..FileTags::default()
                },
            );
            f.tags.title = None;
            f
        };
        let library = Library::build(
            vec![named(1), named(2)],
            Vec::new(),
            &[],
            &UserData::default(),
        );
        for t in &library.tracks {
            assert_eq!(t.tags.artists, ["Ada Vale"], "{:?}", t.path);
            assert!(t.context.artist_is_composer_here, "{:?}", t.path);
        }
    }

    #[test]
    fn a_name_is_the_same_whatever_its_case_and_spaces() {
        // One composer written three ways is one composer, and the artist
        // who is that composer composes here.
        let files = vec![
            file(1, "Ada Vale", "Ada Vale"),
            file(2, "ADA VALE ", "ada vale"),
            file(3, "Bo Lind", " Ada vale"),
        ];
        let library = Library::build(files, Vec::new(), &[], &UserData::default());
        for n in [1, 2] {
            let context = context_of(&library, n);
            assert!(context.artist_is_composer_here, "track {n}");
            assert!(context.composers_known);
        }
        let other = context_of(&library, 3);
        assert!(!other.artist_is_composer_here);
        assert!(other.composers_known);
        let tracks: Vec<_> = library.tracks.iter().map(|t| t.category).collect();
        assert_eq!(tracks[0], Category::Score);
    }
}
