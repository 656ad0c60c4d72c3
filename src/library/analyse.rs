//! What each file says on its own, before files are grouped into productions:
//! worked out on every core (rayon) while the files are still being read.

use std::collections::HashMap;

// The album cache is asked once per file: foldhash rather than SipHash.
use foldhash::{HashMap as FastMap, HashMapExt};
use std::os::unix::ffi::OsStrExt;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};

use rayon::iter::{
    IndexedParallelIterator, IntoParallelIterator, ParallelBridge, ParallelIterator,
};

use super::album_title::{self, AlbumTitle, Marked};
use super::placement::{self, Placement};
use super::{
    Category, FileTags, Medium, StoredFile, UserData, category, context, file_path, medium, names,
    production,
};
use crate::cue::CueCode;

/// What an album title (or, for untagged files, the folder) says, shared by
/// the tracks of the album: it is parsed once per album.
#[derive(Debug)]
pub struct AlbumSource {
    /// The production, medium, kind and year the title gives.
    pub title: AlbumTitle,
    /// The production's grouping key.
    pub key: String,
    /// Whether the title came parsed from the store (not parsed in this load).
    pub kept: bool,
}

/// What one file says on its own.
pub struct Analysis {
    pub album: Arc<AlbumSource>,
    pub title: String,
    pub cue: Option<CueCode>,
    /// The weight of the signs in its own tags (see [`category::own_weight`]).
    pub own_weight: i32,
    /// Whether any of them points to song.
    pub song_sign: bool,
    /// The category the user chose, if any.
    pub chosen: Option<Category>,
    pub placement: Placement,
    pub genre_medium: Option<Medium>,
    /// The medium the file's folders name ("Games", "Anime"...), found here
    /// (on every core) rather than again when it is grouped (on one).
    pub folder_medium: Option<Medium>,
    /// Whether anything about the file says soundtrack (its album's title, a
    /// genre, a release type, a cue code, an episode, its folders).
    pub soundtrack_sign: bool,
    /// Whether a folder above it holds scores ("Film Scores").
    pub score_folder: bool,
    /// Whether its tags name an album: asked of every file when they are
    /// grouped, on one core, where reaching into each file's boxed tags
    /// cost a cache miss a file.
    pub tagged: bool,
    /// The year its tags give.
    pub year: Option<u32>,
    /// What the file's and folders' names give where the tags say nothing.
    pub fill: Fill,
    /// What its tags say for the weighing with its production in view.
    pub weighed: context::Weighed,
}

/// Numbers and names an untagged (or ID3v1) file gets from its names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fill {
    pub disc: Option<u32>,
    pub track: Option<u32>,
    pub artist: Option<String>,
    pub album_artist: Option<String>,
}

impl Fill {
    /// Writes what the tags lack.
    pub fn apply(self, tags: &mut FileTags) {
        if tags.disc_number.is_none() {
            tags.disc_number = self.disc;
        }
        if tags.track_number.is_none() {
            tags.track_number = self.track;
        }
        if tags.artists.is_empty()
            && let Some(artist) = self.artist
        {
            tags.artists.push(artist);
        }
        if tags.album_artist.is_none() {
            tags.album_artist = self.album_artist;
        }
    }
}

/// Files with what each says, in chunks in the order they were read.
pub struct Analysed {
    chunks: Vec<(Vec<StoredFile>, Vec<Analysis>)>,
    /// Every album title met, parsed or given, by album name.
    albums: FastMap<String, Arc<AlbumSource>>,
}

/// Album titles already parsed (kept in the store), by album name.
pub type Known = HashMap<String, AlbumTitle>;

impl Analysed {
    /// How many files.
    pub fn len(&self) -> usize {
        files_in(&self.chunks)
    }

    /// The album titles parsed in this analysis (not known before it).
    pub fn new_titles(&self) -> impl Iterator<Item = (&str, &AlbumTitle)> {
        self.albums
            .iter()
            .filter(|(_, album)| !album.kept)
            .map(|(name, album)| (name.as_str(), &album.title))
    }

    /// The files in `order`, to be read in place, then moved out once.
    pub fn ordered(self, order: Order) -> Ordered {
        fn key(file: &StoredFile) -> &[u8] {
            file.path.as_os_str().as_bytes()
        }
        let permutation = match order {
            Order::AsRead => None,
            Order::ByPath => {
                let mut order: Vec<(u32, u32)> = Vec::with_capacity(self.len());
                for (c, (files, _)) in self.chunks.iter().enumerate() {
                    order.extend((0..files.len()).map(|i| (c as u32, i as u32)));
                }
                let file = |&(c, i): &(u32, u32)| &self.chunks[c as usize].0[i as usize];
                let sorted = order
                    .windows(2)
                    .all(|w| key(file(&w[0])) <= key(file(&w[1])));
                (!sorted).then(|| {
                    order.sort_unstable_by(|a, b| key(file(a)).cmp(key(file(b))));
                    order
                })
            }
        };
        Ordered {
            chunks: self.chunks,
            permutation,
        }
    }
}

/// The order a library's tracks take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the files were handed over.
    AsRead,
    /// By their paths' bytes (what the store used to give).
    ByPath,
}

/// Analysed files in the order their tracks take: looked at in place
/// first (the grouping plan), then moved out once, into tracks. Collecting
/// them into one vector first copied 20 MB of a 50,000-file load into fresh
/// memory, on one core.
pub struct Ordered {
    chunks: Vec<(Vec<StoredFile>, Vec<Analysis>)>,
    /// Where each file is, (chunk, index), when that is not as read.
    permutation: Option<Vec<(u32, u32)>>,
}

/// How many files the chunks hold.
fn files_in(chunks: &[(Vec<StoredFile>, Vec<Analysis>)]) -> usize {
    chunks.iter().map(|c| c.0.len()).sum()
}

impl Ordered {
    /// How many files.
    pub fn len(&self) -> usize {
        files_in(&self.chunks)
    }

    /// Each file with what it says, in order, in place.
    pub fn iter(&self) -> Box<dyn Iterator<Item = (&StoredFile, &Analysis)> + '_> {
        match &self.permutation {
            None => Box::new(
                self.chunks
                    .iter()
                    .flat_map(|(files, analyses)| files.iter().zip(analyses)),
            ),
            Some(order) => Box::new(order.iter().map(|&(c, i)| {
                let (files, analyses) = &self.chunks[c as usize];
                (&files[i as usize], &analyses[i as usize])
            })),
        }
    }

    /// Each file with what it says, and its entry of `each` (one per file,
    /// in order), moved into `make` on every core; what it makes, in order.
    /// Made serially, the tracks of a 50,000-file load were a tenth of its
    /// time on one core while the others waited (perf, `measure load-store`).
    pub fn map_in_order<P: Sync, T: Send>(
        self,
        each: &[P],
        make: impl Fn(StoredFile, Analysis, &P) -> T + Sync,
    ) -> Vec<T> {
        let files = self.len();
        let make = &make;
        // Where each file goes (its place in `each` and in what is made),
        // by where it was read.
        let mut at: Vec<Vec<usize>> = Vec::with_capacity(self.chunks.len());
        let mut next = 0;
        for (chunk, _) in &self.chunks {
            at.push((next..next + chunk.len()).collect());
            next += chunk.len();
        }
        if let Some(order) = &self.permutation {
            for (k, &(c, i)) in order.iter().enumerate() {
                at[c as usize][i as usize] = k;
            }
        }
        let mut made: Vec<Vec<Option<T>>> = self
            .chunks
            .into_par_iter()
            .zip(at)
            .map(|((files, analyses), at)| {
                files
                    .into_iter()
                    .zip(analyses)
                    .zip(at)
                    .map(|((file, analysis), k)| each.get(k).map(|p| make(file, analysis, p)))
                    .collect()
            })
            .collect();
        let Some(order) = self.permutation else {
            let mut out = Vec::with_capacity(files);
            for chunk in made {
                out.extend(chunk.into_iter().flatten());
            }
            return out;
        };
        order
            .into_iter()
            .filter_map(|(c, i)| {
                made.get_mut(c as usize)
                    .and_then(|chunk| chunk.get_mut(i as usize))
                    .and_then(Option::take)
            })
            .collect()
    }
}

/// Analyses the chunks that `read` hands over, on rayon's threads while
/// `read` goes on (on this thread: the store it reads is not shared between
/// threads); `decode` makes each chunk files (on the worker). The first
/// error, from `read` or else from `decode`, is returned as it is.
pub fn stream<C: Send, E: Send>(
    user: &UserData,
    decode: impl Fn(C) -> Result<Vec<StoredFile>, E> + Sync,
    read: impl FnOnce(&mut dyn FnMut(C)) -> Result<(), E>,
) -> Result<Analysed, E> {
    stream_knowing(user, Known::new(), decode, read)
}

/// [`stream`], with the album titles `known` taken as parsed.
pub fn stream_knowing<C: Send, E: Send>(
    user: &UserData,
    known: Known,
    decode: impl Fn(C) -> Result<Vec<StoredFile>, E> + Sync,
    read: impl FnOnce(&mut dyn FnMut(C)) -> Result<(), E>,
) -> Result<Analysed, E> {
    let decode = &decode;
    // Moved in, not copied, and keyed on every core: 4,000 titles of a
    // 50,000-file library were a serial tenth of the load before its files.
    let seeded: FastMap<String, Arc<AlbumSource>> = known
        .into_par_iter()
        .map(|(name, title)| {
            let key = production::grouping_key(&title.production);
            let source = AlbumSource {
                title,
                key,
                kept: true,
            };
            (name, Arc::new(source))
        })
        .collect();
    let shared = RwLock::new(seeded);
    let shared_ref = &shared;
    let (send, receive) = mpsc::channel::<(usize, C)>();
    std::thread::scope(|scope| {
        let workers = scope.spawn(move || {
            receive
                .into_iter()
                .par_bridge()
                .map_init(
                    || Albums::new(shared_ref),
                    |albums, (index, chunk)| {
                        let files = decode(chunk)?;
                        let analyses: Vec<Analysis> =
                            files.iter().map(|f| analyse(f, user, albums)).collect();
                        Ok((index, files, analyses))
                    },
                )
                .collect::<Vec<Result<_, E>>>()
        });
        let mut sent = 0;
        let outcome = read(&mut |chunk| {
            // The workers are gone only if one panicked; the join says so.
            let _ = send.send((sent, chunk));
            sent += 1;
        });
        drop(send);
        let results = workers
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        outcome?;
        let mut chunks: Vec<(usize, Vec<StoredFile>, Vec<Analysis>)> =
            results.into_iter().collect::<Result<_, E>>()?;
        chunks.sort_unstable_by_key(|c| c.0);
        Ok(Analysed {
            chunks: chunks.into_iter().map(|(_, f, a)| (f, a)).collect(),
            albums: std::mem::take(
                &mut *shared
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            ),
        })
    })
}

/// Albums already read, by name, so that each is parsed once per load
/// (the rows come in no set order, so one album's tracks reach several
/// workers and chunks): a worker asks its own map, then the shared one.
struct Albums<'s> {
    own: FastMap<String, Arc<AlbumSource>>,
    shared: &'s RwLock<FastMap<String, Arc<AlbumSource>>>,
    /// What each folder met says, with what is above it: a new album's
    /// folder asks only its own name and then its parent, met before.
    /// Keyed on the path's bytes: `Path` hashes component by component, and
    /// that was 2 % of a 50,000-file load (perf, `measure load-store`).
    folders: FastMap<Vec<u8>, FolderSigns>,
    /// The folder asked last and what it says: a folder's files come
    /// one after another, so most files need no lookup at all.
    last: Option<(Vec<u8>, FolderSigns)>,
    /// What each genre met says: a library has few genres, each on
    /// thousands of files.
    genres: FastMap<String, GenreSigns>,
}

/// What one genre tag says.
#[derive(Clone, Copy, Default)]
struct GenreSigns {
    medium: Option<Medium>,
    soundtrack: bool,
}

/// What a file's folders say, the same for every file in the folder.
#[derive(Clone, Copy, Default)]
struct FolderSigns {
    /// "Games", "Anime", "Films"... above it.
    medium: Option<Medium>,
    /// "Soundtracks", "OST"... above it.
    soundtracks: bool,
    /// "Film Scores", "Scores"... above it.
    scores: bool,
}

impl<'s> Albums<'s> {
    fn new(shared: &'s RwLock<FastMap<String, Arc<AlbumSource>>>) -> Albums<'s> {
        Albums {
            own: FastMap::new(),
            shared,
            folders: FastMap::new(),
            last: None,
            genres: FastMap::new(),
        }
    }

    /// What `folder` and those above it say ("Games", "OST", "Film Scores"),
    /// the nearest naming a medium winning: as the folder's
    /// `production::medium_of_folder`, `holds_soundtracks`
    /// and `score_folder` say, each worked out once a folder.
    fn signs_of(&mut self, folder: &std::path::Path) -> FolderSigns {
        if let Some(signs) = self.folders.get(folder.as_os_str().as_bytes()) {
            return *signs;
        }
        let above = file_path::folder(folder)
            .map_or_else(FolderSigns::default, |parent| self.signs_of(parent));
        let signs = match file_path::name(folder) {
            Some(name) => FolderSigns {
                medium: production::names_medium(name).or(above.medium),
                soundtracks: above.soundtracks || production::names_soundtracks(name),
                scores: above.scores || production::names_scores(name),
            },
            None => above,
        };
        let _ = self
            .folders
            .insert(folder.as_os_str().as_bytes().to_vec(), signs);
        signs
    }

    /// What a file's genres say: the first that names a medium, and
    /// whether any says soundtrack.
    fn genre_signs(&mut self, genres: &[String]) -> GenreSigns {
        let mut out = GenreSigns::default();
        for genre in genres {
            let signs = if let Some(signs) = self.genres.get(genre.as_str()) {
                *signs
            } else {
                let signs = GenreSigns {
                    medium: Medium::from_genre(genre),
                    soundtrack: medium::is_soundtrack_genre(genre),
                };
                let _ = self.genres.insert(genre.clone(), signs);
                signs
            };
            out.medium = out.medium.or(signs.medium);
            out.soundtrack |= signs.soundtrack;
        }
        out
    }

    /// What the folder of `path` says, worked out once per folder.
    fn folder_signs(&mut self, path: &std::path::Path) -> FolderSigns {
        let folder = file_path::folder(path).unwrap_or(std::path::Path::new(""));
        let bytes = folder.as_os_str().as_bytes();
        if let Some((last, signs)) = &self.last
            && last.as_slice() == bytes
        {
            return *signs;
        }
        let signs = self.signs_of(folder);
        match &mut self.last {
            Some((last, remembered)) => {
                last.clear();
                last.extend_from_slice(bytes);
                *remembered = signs;
            }
            None => self.last = Some((bytes.to_vec(), signs)),
        }
        signs
    }

    fn get_or(&mut self, name: &str, make: impl FnOnce() -> Arc<AlbumSource>) -> Arc<AlbumSource> {
        if let Some(album) = self.own.get(name) {
            return Arc::clone(album);
        }
        let known = self
            .shared
            .read()
            .ok()
            .and_then(|albums| albums.get(name).cloned());
        let album = known.unwrap_or_else(|| {
            let album = make();
            if let Ok(mut albums) = self.shared.write() {
                let _ = albums
                    .entry(name.to_string())
                    .or_insert_with(|| Arc::clone(&album));
            }
            album
        });
        let _ = self.own.insert(name.to_string(), Arc::clone(&album));
        album
    }
}

fn analyse(file: &StoredFile, user: &UserData, albums: &mut Albums<'_>) -> Analysis {
    let StoredFile { path, tags, .. } = file;
    let mut fill = Fill::default();
    let source = |fill: &mut Fill| {
        let title = match tags.album.as_deref() {
            // ID3v1 cut the album at 30 characters: the folder may have it whole.
            Some(album) if tags.id3v1 && album.chars().count() >= 28 => {
                let folder = production::folder_source(path);
                let whole = &folder.title.plain;
                if whole.len() > album.len()
                    && whole
                        .to_lowercase()
                        .starts_with(&album.trim().to_lowercase())
                {
                    album_title::parse(whole)
                } else {
                    album_title::parse(album)
                }
            }
            Some(album) => album_title::parse(album),
            None => {
                let folder = production::folder_source(path);
                fill.album_artist = folder.artist;
                folder.title
            }
        };
        let key = production::grouping_key(&title.production);
        Arc::new(AlbumSource {
            title,
            key,
            kept: false,
        })
    };
    let album = match tags.album.as_deref() {
        Some(name) if !tags.id3v1 => albums.get_or(name, || source(&mut fill)),
        _ => source(&mut fill),
    };
    let stem = file_path::stem(path)
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let title = if let Some(title) = &tags.title {
        // The file's name is read only for what the tags lack: most files
        // have their number, and only ID3v1 cuts titles.
        let cut = tags.id3v1 && title.chars().count() >= 28;
        let named = (cut || tags.track_number.is_none()).then(|| names::file_name(&stem));
        if tags.track_number.is_none() {
            fill.track = named.as_ref().and_then(|n| n.track);
        }
        // ID3v1 cut the title too; the file's name may have it whole.
        match named {
            Some(named)
                if cut
                    && named.title.len() > title.len()
                    && named
                        .title
                        .to_lowercase()
                        .starts_with(&title.to_lowercase()) =>
            {
                named.title
            }
            _ => title.clone(),
        }
    } else {
        let named = names::file_name(&stem);
        fill.track = named.track;
        fill.disc = named.disc;
        fill.artist = named.artist;
        named.title
    };
    if fill.disc.is_none() && tags.disc_number.is_none() {
        fill.disc = file_path::folder(path)
            .and_then(file_path::name)
            .and_then(|n| names::disc_folder(&n.to_string_lossy()))
            .or(album.title.disc);
    }
    let cue = CueCode::find_in(&title);
    let placement = placement::from_tags(&title, tags);
    let chosen = user.track(path).and_then(|edit| edit.category);
    let (own_weight, song_sign) =
        category::own_weight(tags, album.title.kind, cue, album.title.compilation);
    let genres = albums.genre_signs(&tags.genres);
    let genre_medium = genres.medium;
    let folders = albums.folder_signs(path);
    let folder_medium = folders.medium;
    let soundtrack_sign = album.title.marked == Marked::Strong
        || album.title.compilation
        || cue.is_some()
        || placement.episode.is_some()
        || genre_medium.is_some()
        || tags.release_types.iter().any(|t| t == "soundtrack")
        || genres.soundtrack
        || folder_medium.is_some()
        || folders.soundtracks;
    Analysis {
        album,
        title,
        cue,
        own_weight,
        song_sign,
        chosen,
        placement,
        genre_medium,
        folder_medium,
        soundtrack_sign,
        score_folder: folders.scores,
        tagged: tags.album.is_some(),
        year: tags.year,
        weighed: context::Weighed::of(
            tags,
            tags.artists
                .first()
                .or(fill.artist.as_ref())
                .map(String::as_str),
        ),
        fill,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::FileTags;
    use std::path::PathBuf;

    fn file(path: &str, album: &str) -> StoredFile {
        StoredFile {
            path: PathBuf::from(path),
            tags: Box::new(FileTags {
                album: Some(album.to_string()),
                title: Some(format!("1M{} Cue", path.len() % 9 + 1)),
                ..FileTags::default()
            }),
            added: 0,
            image: None,
        }
    }

    #[test]
    fn folders_and_genres_say_what_they_said_before_they_were_remembered() {
        let shared = RwLock::new(FastMap::new());
        let mut albums = Albums::new(&shared);
        let paths = [
            "/m/Games/OST/Film Scores/X/01.flac",
            "/m/Games/Anime/X/01.flac",
            "/m/Games/OST/Y/02.flac",
            "/m/TV/Soundtracks/Y/a.mp3",
            "/m/Music/Rock/Z/b.flac",
            "/m/Film Scores/Games/Q/c.ogg",
            "/m/film scores/x.flac",
            "rel/OST/d.flac",
            "e.flac",
            "/f.flac",
        ];
        // Twice, so that the second round reads what the first remembered.
        for path in paths.iter().chain(&paths).map(std::path::Path::new) {
            let folder = path.parent().unwrap_or(std::path::Path::new(""));
            let signs = albums.folder_signs(path);
            assert_eq!(
                signs.medium,
                production::medium_of_folder(folder),
                "{path:?}"
            );
            assert_eq!(signs.soundtracks, production::holds_soundtracks(folder));
            assert_eq!(signs.scores, production::score_folder(folder), "{path:?}");
        }
        let genres: [&[&str]; 5] = [
            &["Soundtrack", "Video Game"],
            &["Rock"],
            &["Anime", "Film Score"],
            &[],
            &["Rock", "Video Game"],
        ];
        for list in genres.iter().chain(&genres) {
            let list: Vec<String> = list.iter().map(|g| (*g).to_string()).collect();
            let signs = albums.genre_signs(&list);
            assert_eq!(
                signs.medium,
                list.iter().find_map(|g| Medium::from_genre(g))
            );
            assert_eq!(
                signs.soundtrack,
                list.iter().any(|g| medium::is_soundtrack_genre(g)),
                "{list:?}"
            );
        }
    }

    #[test]
    fn chunks_keep_their_order_however_they_are_cut() {
        let files: Vec<StoredFile> = (0..1000)
            .map(|i| {
                let album = format!("Film {} (Original Score)", i % 13);
                file(&format!("/m/{}/{i:04}.flac", i % 7), &album)
            })
            .collect();
        for size in [1, 37, 1000] {
            let out = stream(&UserData::default(), Ok, |send| {
                for chunk in files.chunks(size) {
                    send(chunk.to_vec());
                }
                Ok::<(), String>(())
            })
            .expect("no error");
            assert_eq!(out.len(), files.len());
            let out: Vec<_> = out
                .ordered(Order::AsRead)
                .map_in_order(&vec![(); files.len()], |f, a, ()| (f, a));
            assert_eq!(out.len(), files.len());
            for ((stored, analysis), original) in out.iter().zip(&files) {
                assert_eq!(stored.path, original.path, "chunks of {size}");
                let album = original.tags.album.as_deref().unwrap_or_default();
                let production = album.trim_end_matches(" (Original Score)");
                assert_eq!(analysis.album.title.production, production);
                assert!(analysis.own_weight > 0, "a cue and a score album");
                assert!(analysis.cue.is_some());
            }
        }
    }

    #[test]
    fn an_error_while_reading_is_returned_after_the_workers_end() {
        let out = stream(&UserData::default(), Ok, |send| {
            send(vec![file("/m/a.flac", "A")]);
            Err("the disk is gone")
        });
        assert_eq!(
            out.err().map(|e| e.to_string()).as_deref(),
            Some("the disk is gone")
        );
    }

    #[test]
    fn files_looked_at_and_files_moved_out_come_in_one_order() {
        // The grouping plan reads the files in place and the tracks take
        // them moved out: were the two orders different, a file would get
        // another file's production.
        for order in [Order::AsRead, Order::ByPath] {
            let ordered = stream(&UserData::default(), Ok, |send| {
                send(vec![file("/m/c/x.flac", "C"), file("/m/a/x.flac", "A")]);
                send(vec![file("/m/b/x.flac", "B"), file("/m/B/x.flac", "D")]);
                Ok::<(), ()>(())
            })
            .expect("no error")
            .ordered(order);
            let looked: Vec<(PathBuf, String)> = ordered
                .iter()
                .map(|(f, a)| (f.path.clone(), a.album.title.production.clone()))
                .collect();
            // Each file moved out meets its own entry of what the plan
            // gives (here: where it was looked at).
            let places: Vec<usize> = (0..looked.len()).collect();
            let moved: Vec<(usize, (PathBuf, String))> = ordered
                .map_in_order(&places, |f, a, &k| {
                    (k, (f.path, a.album.title.production.clone()))
                });
            assert_eq!(
                moved.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                places,
                "{order:?}"
            );
            let moved: Vec<(PathBuf, String)> = moved.into_iter().map(|(_, m)| m).collect();
            assert_eq!(looked, moved, "{order:?}");
            let first = looked
                .first()
                .map(|(p, _)| p.to_string_lossy().into_owned());
            let want = if order == Order::ByPath {
                "/m/B/x.flac"
            } else {
                "/m/c/x.flac"
            };
            assert_eq!(first.as_deref(), Some(want), "{order:?}");
        }
    }

    #[test]
    fn paths_sort_by_their_bytes() {
        let items = stream(&UserData::default(), Ok, |send| {
            send(vec![file("/m/a/x.flac", "A"), file("/m/B/x.flac", "B")]);
            send(vec![file("/m/a b/x.flac", "C")]);
            Ok::<(), ()>(())
        })
        .expect("no error")
        .ordered(Order::ByPath)
        .map_in_order(&[(); 3], |f, _, ()| f.path);
        let paths: Vec<&str> = items
            .iter()
            .map(|p| p.to_str().unwrap_or_default())
            .collect();
        assert_eq!(paths, ["/m/B/x.flac", "/m/a b/x.flac", "/m/a/x.flac"]);
    }
}
