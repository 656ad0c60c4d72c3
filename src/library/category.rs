//! Score or song: weighing the evidence in a track's tags and in its production.
//!
//! None of the signs is proof (see DOMAIN.md), so each has a weight, the
//! weights are added (score counts up, song down), and every sign found is
//! written down for the user. A tie is broken by what the same artist's
//! other tracks in the production are; a track stays Unknown only when
//! nothing says.
//!
//! | sign | side | weight |
//! |---|---|---|
//! | has lyrics | song | 3 |
//! | a lyricist | song | 3 |
//! | language says no lyrics (`zxx`) | score | 3 |
//! | the artist is one of the production's composers | score | 3 |
//! | a cue code in the title (`2M3`) | score | 3 |
//! | an opening or ending theme, a TV-size or insert song (OP, ED, TVサイズ) | song | 2 |
//! | a featured artist (`feat.`) | song | 2 |
//! | a song genre on the track (Pop, Rock, K-Pop, Hip-Hop...) | song | 2 |
//! | release type Vocal (VGMdb) | song | 2 |
//! | an orchestra, ensemble, choir or conductor plays the composer's music | score | 2 |
//! | the album is titled as a score | score | 2 |
//! | a film's theme on a compilation of film music (`Theme (From "Film")`) | score | 2 |
//! | a sung language (not `zxx`; Picard writes the tracklist's language, so weak) | song | 1 |
//! | the performer is not among the production's composers | song | 1 |
//! | its folders hold scores ("Film Scores") | score | 1 |
//! | `(From "Film")` in a title elsewhere | song | 1 |
//! | an instrumental version (`(Inst.)`) | score | 1 |
//! | the album is titled as songs ("Music from the Motion Picture") | song | 1 |
//! | one artist plays the whole soundtrack album and no other composer is named | score | 1 |
//! | a score genre (Soundtrack, Score, Orchestral) with the composer as artist | score | 1 |
//!
//! "Music from the X Series" albums hold score and songs alike: their title
//! weighs nothing. Music that is not a soundtrack (a rock album, a symphony)
//! is never score: there a track is a song when a song sign says so, else
//! Unknown.

use serde::{Deserialize, Serialize};

use super::album_title::AlbumKind;
use super::tags::FileTags;
use super::text::{Lettered, Words};
use crate::cue::CueCode;

/// What a track is within its production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Music composed for the production.
    Score,
    /// A song heard in the production.
    Song,
    /// Not enough evidence either way.
    Unknown,
}

impl Category {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Score => "score",
            Category::Song => "song",
            Category::Unknown => "unknown",
        }
    }

    /// The name shown on badges and section headings.
    pub fn label(self) -> &'static str {
        match self {
            Category::Score => "Score",
            Category::Song => "Song",
            Category::Unknown => "Unknown",
        }
    }
}

/// The verdict and the reasons for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// Score, song or unknown.
    pub category: Category,
    /// Each sign found, for example "score: artist is the composer".
    pub evidence: Vec<String>,
}

/// What the production around a track says of it, worked out once the
/// tracks are grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// Whether the track's artist is one of the production's own composers
    /// (credited on two tracks or more, or the only one there is), on this
    /// track or another.
    pub artist_is_composer_here: bool,
    /// Its folders hold scores: "Film Scores", "Scores".
    pub score_folder: bool,
    /// Whether the production names composers at all (else a performer can
    /// not be told from one).
    pub composers_known: bool,
    /// One artist plays the whole soundtrack album and no other composer is named.
    pub album_by_one_artist: bool,
    /// The album is a compilation of film (or TV, game) music.
    pub compilation: bool,
    /// The album is not a soundtrack at all: no score here.
    pub not_soundtrack: bool,
    /// A tie broken by the same artist's other tracks in the production.
    pub like_artist: Option<Category>,
}

const SONG_GENRES: Words<22> = Words::new([
    "pop", "rock", "hip-hop", "hip hop", "rap", "r&b", "soul", "country", "folk", "indie", "punk",
    "metal", "disco", "funk", "dance", "reggae", "blues", "singer", "vocal", "ballad", "k-pop",
    "j-pop",
]);
const SCORE_GENRES: Words<7> = Words::new([
    "soundtrack",
    "score",
    "classical",
    "orchestral",
    "film score",
    "ambient",
    "cinematic",
]);
const FEATURING: Words<3> = Words::new(["feat.", "(feat ", " ft. "]);
const FROM_PRODUCTION: Words<3> = Words::new(["(from \"", "(from “", "(from '"]);
const ENSEMBLES: Words<12> = Words::new([
    "orchestra",
    "philharmoni",
    "symphony",
    "sinfonia",
    "ensemble",
    "choir",
    "chorus",
    "conduct",
    "orchester",
    "orchestre",
    "players",
    "strings",
]);
const INSTRUMENTAL: Words<5> = Words::new([
    "(inst.)",
    "(inst)",
    "(instrumental)",
    "instrumental ver",
    "[inst.]",
]);

/// An opening or ending theme, a TV-size cut or an insert song.
fn is_theme_song(lettered: &Lettered<'_>) -> bool {
    const WORDS: Words<7> = Words::new([
        "tv size",
        "tv-size",
        "opening theme",
        "ending theme",
        "insert song",
        "tv ver",
        "ed ver",
    ]);
    if WORDS.any_in_lettered(lettered) {
        return true;
    }
    let title = lettered.text();
    // The words below are all CJK: an ASCII title (most are) holds none.
    !title.is_ascii()
        && [
            "TVサイズ",
            "TV サイズ",
            "オープニング",
            "エンディング",
            "主題歌",
            "挿入歌",
            "片尾曲",
            "主题曲",
            "主題曲",
        ]
        .iter()
        .any(|w| title.contains(w))
        // Split into words only where an "OP" or an "ED" can be.
        || (title.contains("OP") || title.contains("ED"))
            && title
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == "OP" || w == "ED")
}

/// One sign found, pointing to score or to song. `S` is what names an
/// artist, lyricist, language or genre: its text where the evidence is
/// shown, `()` where the load only weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign<S> {
    ArtistComposesHere,
    Ensemble(S),
    PerformerNotComposer(S),
    AlbumByOneArtist,
    ScoreFolder,
    TitleHasCue(CueCode),
    HasLyrics,
    Lyricist(S),
    NoLyricsLanguage,
    SungLanguage(S),
    FeaturedArtist,
    FromProduction,
    ThemeOnCompilation,
    ThemeSong,
    Instrumental,
    SongGenre(S),
    ScoreGenre(S),
    VocalRelease,
    ScoreAlbum,
    SongsAlbum,
    LikeArtist(Category),
}

impl<S: Copy> Sign<S> {
    /// How much the sign weighs: positive for score, negative for song.
    fn weight(self) -> i32 {
        match self {
            Sign::HasLyrics | Sign::Lyricist(_) => -3,
            Sign::NoLyricsLanguage | Sign::ArtistComposesHere | Sign::TitleHasCue(_) => 3,
            Sign::ThemeSong | Sign::FeaturedArtist | Sign::SongGenre(_) | Sign::VocalRelease => -2,
            Sign::Ensemble(_) | Sign::ScoreAlbum | Sign::ThemeOnCompilation => 2,
            Sign::SungLanguage(_)
            | Sign::PerformerNotComposer(_)
            | Sign::FromProduction
            | Sign::SongsAlbum => -1,
            Sign::Instrumental
            | Sign::AlbumByOneArtist
            | Sign::ScoreGenre(_)
            | Sign::ScoreFolder => 1,
            // Not weighed: it only breaks a tie.
            Sign::LikeArtist(_) => 0,
        }
    }

    fn side(self) -> Category {
        match self {
            Sign::LikeArtist(c) => c,
            s if s.weight() > 0 => Category::Score,
            _ => Category::Song,
        }
    }
}

impl<S: std::fmt::Display> std::fmt::Display for Sign<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sign::ArtistComposesHere => f.write_str("artist is the composer"),
            Sign::Ensemble(a) => write!(f, "{a} plays the composer's music"),
            Sign::PerformerNotComposer(a) => write!(f, "performer {a} is not the composer"),
            Sign::AlbumByOneArtist => f.write_str("one artist plays the whole soundtrack"),
            Sign::ScoreFolder => f.write_str("its folder holds scores"),
            Sign::TitleHasCue(code) => write!(f, "title has cue {code}"),
            Sign::HasLyrics => f.write_str("has lyrics"),
            Sign::Lyricist(l) => write!(f, "lyricist {l}"),
            Sign::NoLyricsLanguage => f.write_str("language says no lyrics (zxx)"),
            Sign::SungLanguage(l) => write!(f, "sung language {l}"),
            Sign::FeaturedArtist => f.write_str("title names a featured artist"),
            Sign::FromProduction => f.write_str("title says (From \"...\")"),
            Sign::ThemeOnCompilation => {
                f.write_str("a film's theme on a compilation of film music")
            }
            Sign::ThemeSong => f.write_str("an opening, ending or insert song"),
            Sign::Instrumental => f.write_str("an instrumental version"),
            Sign::SongGenre(g) => write!(f, "genre {g}"),
            Sign::ScoreGenre(g) => write!(f, "genre {g} with the composer as artist"),
            Sign::VocalRelease => f.write_str("release type Vocal"),
            Sign::ScoreAlbum => f.write_str("album is titled as a score"),
            Sign::SongsAlbum => f.write_str("album is titled as songs from the production"),
            Sign::LikeArtist(c) => write!(
                f,
                "a tie, and the same artist's other tracks here are {}",
                c.as_str()
            ),
        }
    }
}

/// The signs in the track's own tags (and its album's title): the same
/// wherever the track is, so they are weighed while the files are read.
fn own_signs<'a>(
    tags: &'a FileTags,
    album_kind: Option<AlbumKind>,
    cue: Option<CueCode>,
    compilation: bool,
    mut found: impl FnMut(Sign<&'a str>),
) {
    if let Some(code) = cue {
        found(Sign::TitleHasCue(code));
    }
    if tags.has_lyrics {
        found(Sign::HasLyrics);
    }
    if let Some(lyricist) = &tags.lyricist {
        found(Sign::Lyricist(lyricist));
    }
    match tags.language.as_deref() {
        Some("zxx") => found(Sign::NoLyricsLanguage),
        Some(lang) if !lang.is_empty() && lang != "und" && lang != "mul" => {
            found(Sign::SungLanguage(lang));
        }
        _ => {}
    }
    if let Some(title) = &tags.title {
        let lettered = Lettered::new(title);
        if FEATURING.any_in_lettered(&lettered) {
            found(Sign::FeaturedArtist);
        }
        if FROM_PRODUCTION.any_in_lettered(&lettered) {
            found(if compilation {
                Sign::ThemeOnCompilation
            } else {
                Sign::FromProduction
            });
        }
        if is_theme_song(&lettered) {
            found(Sign::ThemeSong);
        }
        if INSTRUMENTAL.any_in_lettered(&lettered) {
            found(Sign::Instrumental);
        }
    }
    for genre in &tags.genres {
        if SONG_GENRES.any_in(genre) {
            found(Sign::SongGenre(genre));
        }
    }
    if tags.release_types.iter().any(|t| t == "vocal") {
        found(Sign::VocalRelease);
    }
    match album_kind {
        Some(AlbumKind::Score) => found(Sign::ScoreAlbum),
        Some(AlbumKind::Songs) => found(Sign::SongsAlbum),
        None => {}
    }
}

/// What a track's own tags say that the weighing with its production in
/// view ([`context_signs`]) asks: found once per file while its tags are
/// read at load (the weighing then reads no tags: reaching into each
/// track's tags again was most of it, perf over `measure load-store`), or
/// from the tags when a track's evidence is shown. `S` names the artist and
/// the genre: their text for the evidence, `()` at load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<S> {
    /// The track's first artist.
    artist: Option<S>,
    /// Whether the first artist is one of the track's own composers.
    artist_composes: bool,
    /// Whether every composer named is the first artist (true when none is).
    only_artist_composes: bool,
    /// Whether the track names a composer.
    has_composers: bool,
    /// Whether the first artist is an ensemble (asked only when a composer
    /// is named: the sign needs one).
    ensemble: bool,
    /// A genre saying score and not song (asked only when the artist composes).
    score_genre: Option<S>,
}

impl<S> Default for Facts<S> {
    fn default() -> Self {
        Facts {
            artist: None,
            artist_composes: false,
            only_artist_composes: true,
            has_composers: false,
            ensemble: false,
            score_genre: None,
        }
    }
}

impl<'a> Facts<&'a str> {
    /// What the tags say, with `artist` as the track's first artist (the
    /// tags' own, or one its file's name gives).
    pub fn of(tags: &'a FileTags, artist: Option<&'a str>) -> Facts<&'a str> {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let artist_composes = artist.is_some_and(|a| tags.composers.iter().any(|c| same(a, c)));
        let has_composers = !tags.composers.is_empty();
        Facts {
            artist,
            artist_composes,
            only_artist_composes: tags
                .composers
                .iter()
                .all(|c| artist.is_some_and(|a| same(a, c))),
            has_composers,
            ensemble: has_composers && artist.is_some_and(|a| ENSEMBLES.any_in(a)),
            score_genre: if artist_composes {
                tags.genres
                    .iter()
                    .find(|g| !SONG_GENRES.any_in(g) && SCORE_GENRES.any_in(g))
                    .map(String::as_str)
            } else {
                None
            },
        }
    }

    /// The same facts, their names dropped (what the load keeps).
    pub fn unnamed(self) -> Facts<()> {
        Facts {
            artist: self.artist.map(|_| ()),
            artist_composes: self.artist_composes,
            only_artist_composes: self.only_artist_composes,
            has_composers: self.has_composers,
            ensemble: self.ensemble,
            score_genre: self.score_genre.map(|_| ()),
        }
    }
}

impl<S> Facts<S> {
    /// Whether every composer named is the first artist (true when none is):
    /// an album whose tracks all say so is played by one artist alone.
    pub fn only_artist_composes(&self) -> bool {
        self.only_artist_composes
    }
}

/// The signs that need the production: whether the artist composes for it,
/// is an ensemble playing its composer, or plays a whole album alone.
fn context_signs<S: Copy>(facts: Facts<S>, context: Context, mut found: impl FnMut(Sign<S>)) {
    // Whose composer an artist of a rock album is says nothing of score.
    if context.not_soundtrack {
        return;
    }
    if facts.artist_composes && context.artist_is_composer_here {
        found(Sign::ArtistComposesHere);
        if let Some(genre) = facts.score_genre {
            found(Sign::ScoreGenre(genre));
        }
    } else if let Some(a) = facts.artist {
        if facts.ensemble {
            found(Sign::Ensemble(a));
        } else if context.composers_known && !context.artist_is_composer_here && facts.has_composers
        {
            // One of the production's composers playing a colleague's cue is
            // no sign of a song.
            found(Sign::PerformerNotComposer(a));
        }
    }
    if context.album_by_one_artist {
        found(Sign::AlbumByOneArtist);
    }
    if context.score_folder {
        found(Sign::ScoreFolder);
    }
}

/// The weight of the track's own signs (see [`verdict`]).
pub fn own_weight(
    tags: &FileTags,
    album_kind: Option<AlbumKind>,
    cue: Option<CueCode>,
    compilation: bool,
) -> (i32, bool) {
    let (mut weight, mut song_sign) = (0, false);
    own_signs(tags, album_kind, cue, compilation, |s| {
        weight += s.weight();
        song_sign |= s.weight() < 0 && !matches!(s, Sign::SongsAlbum);
    });
    (weight, song_sign)
}

/// The weight of what the production says of the track.
pub fn context_weight(facts: Facts<()>, context: &Context) -> i32 {
    let mut weight = 0;
    context_signs(facts, *context, |s| weight += s.weight());
    weight
}

/// The category a total weight gives; `song_sign` says whether any sign
/// points to song (music that is not a soundtrack is a song only then).
pub fn verdict(weight: i32, song_sign: bool, context: &Context) -> Category {
    if context.not_soundtrack {
        return if song_sign && weight < 0 {
            Category::Song
        } else {
            Category::Unknown
        };
    }
    match weight.cmp(&0) {
        std::cmp::Ordering::Greater => Category::Score,
        std::cmp::Ordering::Less => Category::Song,
        std::cmp::Ordering::Equal => context.like_artist.unwrap_or(Category::Unknown),
    }
}

/// Weighs every sign into a category, with each reason written for the
/// user; the same weighing as [`verdict`] makes at load.
pub fn classify(
    tags: &FileTags,
    album_kind: Option<AlbumKind>,
    cue: Option<CueCode>,
    context: &Context,
) -> Classification {
    let mut signs = Vec::new();
    own_signs(tags, album_kind, cue, context.compilation, |s| {
        signs.push(s);
    });
    let artist = tags.artists.first().map(String::as_str);
    context_signs(Facts::of(tags, artist), *context, |s| signs.push(s));
    let weight: i32 = signs.iter().map(|s| s.weight()).sum();
    let song_sign = signs
        .iter()
        .any(|s| s.weight() < 0 && !matches!(s, Sign::SongsAlbum));
    if weight == 0
        && let Some(c) = context.like_artist
    {
        signs.push(Sign::LikeArtist(c));
    }
    let category = verdict(weight, song_sign, context);
    let mut evidence = Vec::new();
    if context.not_soundtrack {
        evidence.push("not a soundtrack: nothing in its album says film, series or game".into());
    }
    let (first, second): (Vec<&Sign<&str>>, Vec<&Sign<&str>>) = signs
        .iter()
        .partition(|s| s.side() == category || category == Category::Unknown);
    let label = |s: &Sign<&str>| match s.side() {
        Category::Score => "score",
        _ => "song",
    };
    evidence.extend(first.iter().map(|s| format!("{}: {s}", label(s))));
    // The weaker side is shown too, so the user sees why a verdict was close.
    evidence.extend(second.iter().map(|s| format!("but {}: {s}", label(s))));
    Classification { category, evidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> FileTags {
        FileTags::default()
    }

    fn here() -> Context {
        Context {
            artist_is_composer_here: true,
            composers_known: true,
            ..Context::default()
        }
    }

    fn category(t: &FileTags, kind: Option<AlbumKind>, context: &Context) -> Category {
        let cue = t.title.as_deref().and_then(CueCode::find_in);
        let c = classify(t, kind, cue, context);
        let (own, song) = own_weight(t, kind, cue, context.compilation);
        assert_eq!(
            verdict(
                own + context_weight(
                    Facts::of(t, t.artists.first().map(String::as_str)).unnamed(),
                    context
                ),
                song,
                context
            ),
            c.category,
            "the load's verdict and the shown reasons agree: {:?}",
            c.evidence
        );
        c.category
    }

    /// The weights as a table: each case a track as taggers write it.
    #[test]
    fn signs_weighed_as_a_table() {
        let mut cases: Vec<(&str, FileTags, Option<AlbumKind>, Context, Category)> = Vec::new();
        let composer = |artist: &str, composer: &str| FileTags {
            artists: vec![artist.into()],
            composers: vec![composer.into()],
            ..tags()
        };
        cases.push((
            "composer as artist, cue in title",
            FileTags {
                title: Some("2M3 The Signal".into()),
                ..composer("Mara", "Mara")
            },
            None,
            here(),
            Category::Score,
        ));
        cases.push((
            "a song with lyrics and a lyricist",
            FileTags {
                has_lyrics: true,
                lyricist: Some("Jo".into()),
                language: Some("eng".into()),
                ..composer("The Night Ferries", "Jo")
            },
            None,
            here(),
            Category::Song,
        ));
        cases.push((
            "an orchestra plays the composer's cue",
            composer("London Session Orchestra", "Tomas Weller"),
            None,
            Context {
                artist_is_composer_here: false,
                ..here()
            },
            Category::Score,
        ));
        cases.push((
            "a singer-songwriter's own song on a series album",
            FileTags {
                genres: vec!["Soundtrack".into()],
                ..composer("Mira Lane", "Mira Lane")
            },
            None,
            Context {
                artist_is_composer_here: false,
                ..here()
            },
            Category::Song,
        ));
        cases.push((
            "Music from the Series: the title weighs nothing",
            composer("Priya", "Priya"),
            None,
            here(),
            Category::Score,
        ));
        cases.push((
            "an OP in TV size",
            FileTags {
                title: Some("空の約束 (TVサイズ)".into()),
                language: Some("jpn".into()),
                ..composer("スカイライン", "高橋 翔")
            },
            None,
            here(),
            Category::Song,
        ));
        cases.push((
            "the instrumental of a drama's song: a tie the singer's song breaks",
            FileTags {
                title: Some("Only You (Inst.)".into()),
                ..composer("Haneul", "Park Minho")
            },
            None,
            Context {
                artist_is_composer_here: false,
                like_artist: Some(Category::Song),
                ..here()
            },
            Category::Song,
        ));
        cases.push((
            "a theme on a compilation of film music",
            FileTags {
                title: Some("Theme (From \"Quiet Harbour\")".into()),
                ..composer("City of Prague Philharmonic Orchestra", "Anna")
            },
            None,
            Context {
                compilation: true,
                artist_is_composer_here: false,
                ..here()
            },
            Category::Score,
        ));
        cases.push((
            "a single from a film",
            FileTags {
                title: Some("Falling Star (From \"Starfall\")".into()),
                genres: vec!["Pop".into()],
                ..composer("Ada Wren", "Ada Wren")
            },
            Some(AlbumKind::Songs),
            Context {
                artist_is_composer_here: false,
                ..here()
            },
            Category::Song,
        ));
        cases.push((
            "a Steam download: one artist, no composer",
            FileTags {
                artists: vec!["Kai".into()],
                ..tags()
            },
            None,
            Context {
                album_by_one_artist: true,
                ..Context::default()
            },
            Category::Score,
        ));
        cases.push((
            "nothing says",
            FileTags {
                title: Some("Track 01".into()),
                ..tags()
            },
            None,
            Context::default(),
            Category::Unknown,
        ));
        cases.push((
            "a rock album is songs, never score",
            FileTags {
                genres: vec!["Alternative Rock".into()],
                ..composer("The Copper Wires", "The Copper Wires")
            },
            None,
            Context {
                not_soundtrack: true,
                ..here()
            },
            Category::Song,
        ));
        cases.push((
            "a symphony is not score",
            composer("Wiener Philharmoniker", "Beethoven"),
            None,
            Context {
                not_soundtrack: true,
                ..Context::default()
            },
            Category::Unknown,
        ));
        cases.push((
            "a score album's title",
            FileTags {
                artists: vec!["Park".into()],
                ..tags()
            },
            Some(AlbumKind::Score),
            Context::default(),
            Category::Score,
        ));
        cases.push((
            "a tie with nothing to break it",
            FileTags {
                has_lyrics: true,
                language: Some("zxx".into()),
                ..tags()
            },
            None,
            Context::default(),
            Category::Unknown,
        ));
        for (what, t, kind, context, want) in &cases {
            assert_eq!(category(t, *kind, context), *want, "{what}");
        }
    }

    #[test]
    fn reasons_name_the_signs() {
        let t = FileTags {
            title: Some("2M3 The Signal".into()),
            artists: vec!["Mara Lindqvist".into()],
            composers: vec!["Mara Lindqvist".into()],
            ..tags()
        };
        let c = classify(&t, None, CueCode::find_in("2M3 The Signal"), &here());
        assert_eq!(c.category, Category::Score);
        assert!(
            c.evidence
                .contains(&"score: artist is the composer".to_string())
        );
        assert!(c.evidence.contains(&"score: title has cue 2M3".to_string()));
        let t = FileTags {
            title: Some("Slow Dust (FEAT. Ilse Moreau)".into()),
            artists: vec!["Ilse".into()],
            composers: vec!["Mara".into()],
            genres: vec!["Film Score".into(), "Synth-POP".into()],
            ..tags()
        };
        let c = classify(
            &t,
            None,
            None,
            &Context {
                artist_is_composer_here: false,
                ..here()
            },
        );
        assert_eq!(c.category, Category::Song);
        assert!(
            c.evidence.contains(&"song: genre Synth-POP".to_string()),
            "{:?}",
            c.evidence
        );
        assert!(
            c.evidence
                .contains(&"song: title names a featured artist".to_string())
        );
        let c = classify(
            &FileTags {
                title: Some("Only You (Inst.)".into()),
                ..composer_tags()
            },
            None,
            None,
            &Context {
                artist_is_composer_here: false,
                like_artist: Some(Category::Song),
                ..here()
            },
        );
        assert!(
            c.evidence
                .iter()
                .any(|e| e.contains("same artist's other tracks here are song")),
            "{:?}",
            c.evidence
        );
    }

    fn composer_tags() -> FileTags {
        FileTags {
            artists: vec!["Haneul".into()],
            composers: vec!["Park".into()],
            ..tags()
        }
    }
}
