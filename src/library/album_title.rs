//! The release grammar of the world's soundtracks: what an album (or folder)
//! title says once its conventions are taken off. "Arrival Point (Original
//! Motion Picture Score)", "Goblin (Original Television Soundtrack), Pt. 4",
//! "進撃の巨人 オリジナル・サウンドトラック 2", "Stranger Things 3 (Original
//! Score from the Netflix Original Series)" each name a production, and what
//! was taken off says the medium, score or songs, the season, the part, the
//! edition and the disc.
//!
//! # The grammar
//!
//! | form | example | gives |
//! |---|---|---|
//! | a soundtrack **marker** after the production, bracketed or not | `X (Original Motion Picture Soundtrack)`, `X OST`, `X - Original Score`, `X オリジナル・サウンドトラック`, `X 电影原声带`, `X (Bande originale du film)` | production `X`; the marker's words give medium and kind (tables [`MARKERS`], [`MEDIUM_WORDS`]) |
//! | a marker with nothing before it | `The Score`, `Original Soundtrack`, `Soundtrack to Your Escape` | no marker: the title stays whole (an album called so) |
//! | a **release part** after a marker, or spelled `Pt.`/`Part.` | `X OST Part.4`, `X (Original Television Soundtrack), Pt. 4`, `X Original Soundtrack 2`, `X O.S.T.2`, `X OST Vol.2`, `X Pt.3 Original Television Soundtrack` | part N of production `X` |
//! | `, Part N` / `, Vol. N` / `, Volume N` before a marker | `Tokyo 42, Part I (Original Game Soundtrack)`, `Stranger Things, Vol. 2` | part N, except on a film, where `Harry Potter and the Deathly Hallows, Part 2` is the film's own title |
//! | `Part N` / `Vol. N` inside a title | `Kill Bill Vol. 1 (Original Soundtrack)`, `Dune: Part Two (...)` | kept: the film is called so |
//! | a **season** | `X: Season 2 (Music from the HBO Series)`, `X 3 (Original Score from the Netflix Original Series)`, `X Saison 2`, `X 시즌2` | season N of `X` (a bare number only before a series marker: `Toy Story 3` is a film of its own) |
//! | an **edition** | `(Deluxe Edition)`, `[Expanded]`, `(Remastered 2014)`, `- The Complete Recordings`, `(25th Anniversary Edition)`, `(English Version)` | the same production; the edition is kept on the album ([`EDITIONS`]) |
//! | a **disc** | `(Disc 3)`, `[Disc 4]`, `CD2` | disc N |
//! | a **year** | `X (2014)`, `[2010] X` | the year |
//! | a **companion** | `X: Awesome Mix Vol. 1 (...)`, `X: The Album`, `X: More Songs from ...` | joins production `X` when the library has it ([`COMPANIONS`]) |
//! | a **single** | `Song (From "Film") - Single`, `Song (From the HBO Original Series Euphoria)`, `Song (From the Motion Picture "Film")` | production `Film`, songs |
//! | a **quoted** production | `TVアニメ「X」オリジナルサウンドトラック`, `劇場版『X』SOUNDTRACK` | production `X`; `TVアニメ`, `劇場版`, `ゲーム`... give the medium |
//! | a **compilation** of film music | `Music from the Films of X`, `The Film Music of X`, `X Plays the Movies` | one compilation, titled as it is ([`COMPILATIONS`]) |
//! | `More from X` | `I Wish You Love: More From The Bodyguard` | production `X`, songs |
//! | `Music from X`, `Songs from X` at the start | `Music from Big Pink`, `Songs from the Big Chair` | kept whole, a weak sign only (many are not soundtracks) |
//! | an episode code | `Lakeside S01E03`, `Lakeside (S01E03 Score)` | one production across its episodes |
//! | format and source tags of rips | `[FLAC]`, `(320kbps)`, `[24-96]`, `[WEB]` | dropped |
//!
//! Franchises stay apart: only the forms above are taken off, so "Star Wars:
//! Episode IV – A New Hope" and "Star Wars: Episode V – The Empire Strikes
//! Back" are two productions.

use super::medium::Medium;

/// What an album (or folder) title says once its conventions are taken off.
/// Kept in the store as read (`album_titles.rs`), so a load does not parse
/// every album again.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct AlbumTitle {
    /// The production's title: "Arrival Point".
    pub production: String,
    /// The medium the convention names, if any ("Motion Picture" is film).
    pub medium: Option<Medium>,
    /// Whether the title calls the album a score or a set of songs.
    pub kind: Option<AlbumKind>,
    /// How plainly the title says the album is a soundtrack.
    pub marked: Marked,
    /// The phrases that were removed, for the evidence shown to the user.
    pub stripped: Vec<String>,
    /// A year written in the title, as in "Film (2014)".
    pub year: Option<u32>,
    /// The season of a series: "Season 2", "Show 3 (... Series)".
    pub season: Option<u32>,
    /// The release part or volume: "OST Part.4", "Original Soundtrack 2".
    pub part: Option<u32>,
    /// The disc: "(Disc 3)", "CD2".
    pub disc: Option<u32>,
    /// The edition: "Deluxe Edition", "The Complete Recordings".
    pub edition: Option<String>,
    /// "Guardians of the Galaxy" for "Guardians of the Galaxy: Awesome Mix
    /// Vol. 1": the production a companion album joins when the library has it.
    pub companion_of: Option<String>,
    /// A compilation of music from several productions.
    pub compilation: bool,
    /// The title with only editions, discs, years and rip tags taken off:
    /// the production's name for an album that is not a soundtrack.
    pub plain: String,
}

/// What an album title says its tracks are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AlbumKind {
    /// "(Original Score)", "(Original Motion Picture Score)".
    Score,
    /// "(Music from the Motion Picture)", "(Original Cast Recording)" and the like.
    Songs,
}

/// How plainly a title says the album is a soundtrack.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Marked {
    /// Nothing in the title says so.
    #[default]
    No,
    /// A form that many albums that are not soundtracks share: "Music from Big Pink".
    Weak,
    /// A soundtrack convention: "(Original Motion Picture Soundtrack)", "OST".
    Strong,
}

/// Soundtrack markers, lower case, longest first where one contains another.
/// Each is a phrase of its own (Latin words at word boundaries, CJK anywhere).
pub const MARKERS: &[&str] = &[
    // English
    "original motion picture soundtrack",
    "original motion picture score",
    "original motion picture",
    "original video game score",
    "original game score",
    "video game score",
    "songs from and inspired by",
    "songs from & inspired by",
    "selections from the",
    "covers from the",
    "soundtracks",
    "motion picture soundtrack",
    "motion picture score",
    "music from and inspired by",
    "soundtrack from and inspired by",
    "soundtrack from & inspired by",
    "music from & inspired by",
    "music inspired by",
    "songs inspired by",
    "music from the motion picture",
    "music from the original",
    "music from the",
    "songs from the",
    "soundtrack from the",
    "original soundtrack recording",
    "original television soundtrack",
    "original tv soundtrack",
    "television soundtrack",
    "original series soundtrack",
    "series soundtrack",
    "original game soundtrack",
    "official game soundtrack",
    "game soundtrack",
    "video game soundtrack",
    "original video game soundtrack",
    "original sound version",
    "original sound track",
    "original soundtrack",
    "original film soundtrack",
    "original movie soundtrack",
    "official soundtrack",
    "original score",
    "complete score",
    "original music",
    "original broadway cast recording",
    "original london cast recording",
    "original cast recording",
    "broadway cast recording",
    "london cast recording",
    "cast recording",
    "original broadway cast",
    "original london cast",
    "original west end cast",
    "original cast",
    "soundtrack",
    "score",
    "o.s.t.",
    "o.s.t",
    "ost",
    "bgm",
    // Japanese
    "オリジナル・サウンドトラック",
    "オリジナルサウンドトラック",
    "オリジナル・サウンド・トラック",
    "オリジナル サウンドトラック",
    "オリジナル・ゲーム・サウンドトラック",
    "オリジナル・サウンド・ヴァージョン",
    "オリジナル・サウンド・バージョン",
    "オリジナル・スコア",
    "オリジナル・ゲーム・サントラ",
    "ゲーム・サントラ",
    "サウンドトラックス",
    "サウンドトラック",
    "サウンド・トラック",
    "サントラ",
    "音楽集",
    "ミュージックコレクション",
    "ミュージック・コレクション",
    "bgm集",
    "劇伴音楽集",
    "劇伴",
    "音楽全集",
    "全曲集",
    // Korean
    "오리지널 사운드트랙",
    "사운드트랙",
    // Chinese
    "电影原声带",
    "電影原聲帶",
    "电视原声带",
    "電視原聲帶",
    "影视原声带",
    "网络剧原声带",
    "游戏原声",
    "遊戲原聲",
    "电视剧原声带",
    "電視劇原聲帶",
    "原声带",
    "原聲帶",
    "原声音乐",
    "原聲音樂",
    "原声大碟",
    "原聲大碟",
    "电影原声",
    "電影原聲",
    "原声",
    "原聲",
    // French, German, Spanish, Italian, Portuguese, Polish, Russian
    "bande originale du film",
    "bande originale de la série",
    "bande originale",
    "musique originale du film",
    "musique originale",
    "musique du film",
    "original filmmusik",
    "soundtrack zum film",
    "musik aus dem film",
    "filmmusik",
    "banda sonora original",
    "banda sonora",
    "colonna sonora originale",
    "colonna sonora",
    "trilha sonora original",
    "trilha sonora",
    "oficjalna ścieżka dźwiękowa",
    "ścieżka dźwiękowa",
    "оригинальный саундтрек",
    "официальный саундтрек",
    "саундтрек",
    "музыка из фильма",
];

/// Markers that many albums that are not soundtracks also carry: a weak sign.
const WEAK_MARKERS: &[&str] = &["music from the", "songs from the", "original music", "bgm"];

/// Words that name the medium, looked for in what was taken off (and in
/// prefixes such as `TVアニメ`). The first medium with a word found wins, in
/// this order: game, stage, TV, film.
pub const MEDIUM_WORDS: &[(Medium, &[&str])] = &[
    (
        Medium::Game,
        &[
            "game",
            "sound version",
            "игры",
            "игра",
            "ゲーム",
            "게임",
            "游戏",
            "遊戲",
            "サウンド・ヴァージョン",
            "サウンド・バージョン",
        ],
    ),
    (
        Medium::Stage,
        &[
            "cast recording",
            "broadway",
            "west end",
            "original cast",
            "london cast",
            "musical",
            "ミュージカル",
            "뮤지컬",
        ],
    ),
    (
        Medium::Tv,
        &[
            "television",
            "tv",
            "series",
            "season",
            "drama",
            "ドラマ",
            "드라마",
            "テレビ",
            "tvアニメ",
            "电视剧",
            "電視劇",
            "电视",
            "電視",
            "网络剧",
            "影视",
            "série",
            "serie",
        ],
    ),
    (
        Medium::Film,
        &[
            "motion picture",
            "film",
            "films",
            "movies",
            "filmmusik",
            "zum film",
            "movie",
            "filme",
            "película",
            "pelicula",
            "фильм",
            "电影",
            "電影",
            "映画",
            "劇場版",
            "영화",
        ],
    ),
];

/// Streaming services that make series and films alike: a medium only when
/// nothing else says one ("Music from the Netflix Film" is a film).
const PLATFORM_WORDS: &[&str] = &[
    "netflix",
    "hbo",
    "hulu",
    "apple tv",
    "amazon original",
    "disney+",
];

/// Words that make an album a score.
const SCORE_WORDS: &[&str] = &["score", "スコア"];

/// Words that make an album a set of songs (a film's songs album). "Music
/// from the X Series" holds score and songs alike, so "music from" counts
/// only for films.
const SONGS_WORDS: &[&str] = &[
    "inspired by",
    "inspirée",
    "inspiré",
    "covers from",
    "songs from",
    "cast recording",
    "original cast",
    "london cast",
    "broadway cast",
    "awesome mix",
];

/// Editions and versions: the same production, another album.
pub const EDITIONS: &[&str] = &[
    "super deluxe edition",
    "super deluxe",
    "deluxe edition",
    "deluxe version",
    "deluxe",
    "expanded edition",
    "expanded",
    "remastered",
    "remaster",
    "special edition",
    "collector's edition",
    "collectors edition",
    "limited edition",
    "extended edition",
    "complete edition",
    "definitive edition",
    "digest edition",
    "standard edition",
    "anniversary edition",
    "legacy edition",
    "ultimate edition",
    "enhanced edition",
    "game of the year edition",
    "the complete recordings",
    "complete recordings",
    "box set",
    "bonus track version",
    "english version",
    "japanese version",
    "korean version",
    "chinese version",
    "international version",
    "director's cut",
    "reissue",
];

/// Subtitles that make "X: <subtitle>" a companion album of X.
pub const COMPANIONS: &[&str] = &[
    "awesome mix",
    "songs from",
    "music from",
    "the music",
    "a musical companion",
    "the album",
    "more music from",
    "more songs from",
    "music inspired by",
    "songs inspired by",
    "the songs",
    "radio",
];

/// Titles of compilations of film, TV or game music.
pub const COMPILATIONS: &[&str] = &[
    "music from the films of",
    "music from the movies of",
    "film music of",
    "movie music of",
    "plays the movies",
    "goes to the movies",
    "at the movies",
    "film themes",
    "movie themes",
    "tv themes",
    "television themes",
    "great film music",
    "greatest film",
    "greatest movie",
    "film music box",
    "video game music",
    "games music collection",
    "game music concert",
    "ゲーム音楽",
    "best of soundtrack",
    "film music collection",
    "movie soundtracks",
    "film scores of",
    "genius of film music",
];

/// Tags of rips that say nothing of the music: `[FLAC]`, `(320kbps)`, `[24-96]`.
const RIP_TAGS: &[&str] = &[
    "flac", "mp3", "aac", "alac", "ogg", "wav", "ape", "dsd", "m4a", "opus", "web", "cd", "vinyl",
    "lossless", "hi-res", "hires", "hi res", "v0", "v2", "cbr", "vbr", "eac", "cue", "log",
    "24bit", "16bit", "24-bit", "16-bit", "scans", "kbps", "khz",
];

/// Prefixes that name the medium in Japanese, Korean and Chinese titles.
const MEDIUM_PREFIXES: &[(&str, Medium)] = &[
    ("tvアニメーション版", Medium::Tv),
    ("tvアニメーション", Medium::Tv),
    ("テレビアニメーション", Medium::Tv),
    ("アニメーション版", Medium::Tv),
    ("tvアニメ", Medium::Tv),
    ("テレビアニメ", Medium::Tv),
    ("アニメ", Medium::Tv),
    ("劇場版", Medium::Film),
    ("映画", Medium::Film),
    ("ova", Medium::Other),
    ("ゲーム", Medium::Game),
    ("ドラマ", Medium::Tv),
    ("드라마", Medium::Tv),
    ("영화", Medium::Film),
    ("电视剧", Medium::Tv),
    ("電視劇", Medium::Tv),
    ("电影", Medium::Film),
    ("電影", Medium::Film),
];

/// A title as characters, with a lower-cased copy of the same length for
/// matching (positions in one are positions in the other).
struct Text {
    chars: Vec<char>,
    folded: Vec<char>,
    /// Inside a word (a letter after a letter): no phrase can start there,
    /// so the search skips it (most places of a title).
    mid_word: Vec<bool>,
}

/// A letter or digit of a word (CJK characters are words of their own).
fn wordy(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

impl Text {
    fn new(text: &str) -> Text {
        let chars: Vec<char> = text.chars().collect();
        let folded = chars
            .iter()
            .map(|&c| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => l,
                    _ => c,
                }
            })
            .collect();
        let mid_word = (0..chars.len())
            .map(|at| at > 0 && wordy(chars[at - 1]) && wordy(chars[at]))
            .collect();
        Text {
            chars,
            folded,
            mid_word,
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from.min(to)..to].iter().collect()
    }

    /// The length in characters of `phrase` (lower case) if it stands at
    /// `at` as a phrase of its own. Compares as it goes, so most places are
    /// turned down at their first character, with nothing allocated.
    fn phrase_at(&self, at: usize, phrase: &str) -> Option<usize> {
        let mut end = at;
        let mut first = None;
        let mut last = None;
        for c in phrase.chars() {
            if self.folded.get(end) != Some(&c) {
                return None;
            }
            first.get_or_insert(c);
            last = Some(c);
            end += 1;
        }
        let first_wordy = first.is_some_and(wordy);
        let last_wordy = last.is_some_and(wordy);
        let before_ok = at == 0 || !first_wordy || !wordy(self.chars[at - 1]);
        // "O.S.T.2", "サウンドトラック2", "OST2": a number may follow at once.
        let after_ok = end == self.len()
            || !last_wordy
            || !wordy(self.chars[end])
            || (self.chars[end].is_ascii_digit() && !phrase.chars().all(|c| c.is_ascii_digit()));
        (before_ok && after_ok).then_some(end - at)
    }

    /// Every place one of `phrases` stands, the longest at each place.
    fn find_all(&self, phrases: &[&str]) -> Vec<(usize, usize)> {
        // The phrases' first characters, as bits: most places start none.
        let bit = |c: char| 1u128 << (u32::from(c) % 128);
        let firsts = phrases
            .iter()
            .filter_map(|p| p.chars().next())
            .fold(0u128, |m, c| m | bit(c));
        let mut found = Vec::new();
        let mut at = 0;
        while at < self.len() {
            if self.mid_word[at] || firsts & bit(self.folded[at]) == 0 {
                at += 1;
                continue;
            }
            let best = phrases.iter().filter_map(|p| self.phrase_at(at, p)).max();
            match best {
                Some(len) if len > 0 => {
                    found.push((at, at + len));
                    at += len;
                }
                _ => at += 1,
            }
        }
        found
    }

    fn contains(&self, phrase: &str) -> bool {
        !self.find_all(&[phrase]).is_empty()
    }
}

/// `text` without `prefix`, ignoring case; never splits a character.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    (head.to_lowercase() == prefix).then(|| &text[prefix.len()..])
}

/// `text` without `suffix`, ignoring case; never splits a character.
fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    (tail.to_lowercase() == suffix).then(|| &text[..cut])
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0x1100..=0x11FF
        | 0xFF00..=0xFFEF | 0x3130..=0x318F)
}

/// Separators between a title and what follows it.
const SEPARATORS: &[&str] = &[
    " - ", " – ", " — ", " -- ", ": ", ", ", " / ", "：", " ~ ", "～", " | ",
];

/// Trims spaces and dangling separators: "X -", "X:", ", X"; a dash
/// written against a word ("CLANNAD -クラナド-") stays.
fn trim_separators(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        text = text
            .trim_matches(|c: char| ":,/~～|：·・;".contains(c))
            .trim();
        for dash in ['-', '–', '—'] {
            if let Some(t) = text.strip_suffix(dash)
                && (t.is_empty() || t.ends_with(char::is_whitespace))
            {
                text = t.trim();
            }
            if let Some(t) = text.strip_prefix(dash)
                && (t.is_empty() || t.starts_with(char::is_whitespace))
            {
                text = t.trim();
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Whether a leftover head says nothing: empty, or only an article.
fn says_nothing(head: &str) -> bool {
    let head = trim_separators(head).trim_end_matches(['(', '[', '（', '【']);
    let head = trim_separators(head);
    head.is_empty()
        || [
            "the", "a", "an", "la", "le", "les", "der", "die", "das", "el", "il", "o",
        ]
        .iter()
        .any(|a| head.eq_ignore_ascii_case(a))
}

/// Parses an album or folder title.
pub fn parse(title: &str) -> AlbumTitle {
    let normal = normalise(title);
    let mut out = AlbumTitle {
        plain: strip_plain(&normal),
        ..AlbumTitle::default()
    };
    let mut rest = normal.clone();
    // " - Single", " - EP": the release form, not the title.
    for suffix in [" - single", " - ep", " (single)", " [single]", " - ost"] {
        if let Some(head) = strip_suffix_ci(&rest, suffix)
            && !says_nothing(head)
        {
            out.stripped
                .push(suffix.trim_start_matches([' ', '-']).to_string());
            rest = head.to_string();
        }
    }
    rest = strip_rip_tags(&rest, &mut out);
    let mut said = String::new();
    if !Text::new(&rest).find_all(COMPILATIONS).is_empty() || multi_production(&rest) {
        out.compilation = true;
        out.marked = Marked::Strong;
        said.push_str(&rest.to_lowercase());
        let plain = strip_plain(&rest);
        out.production = strip_parts(&plain, &mut out);
        finish(&mut out, &said, None);
        return out;
    }
    // 'Song (From "Film") - Single', 'Song (Police University OST Part.4)'.
    if let Some(production) = from_group(&rest, &mut out) {
        out.production = production;
        return out;
    }
    // Japanese, Korean and Chinese titles may say the medium first.
    let (prefix_medium, rest_after) = medium_prefix(&rest);
    rest = rest_after;
    if let Some((quoted, outside)) = quoted_production(&rest) {
        said.push(' ');
        said.push_str(&outside.to_lowercase());
        out.stripped.push(outside.clone());
        out.marked = Marked::Strong;
        read_tail(&outside, &mut out);
        rest = match kept_prefix(&normal) {
            Some(prefix) => format!("{prefix} {quoted}"),
            None => quoted,
        };
    }
    // "I Wish You Love: More From The Bodyguard": the production follows "from".
    if let Some(after) = more_from(&rest) {
        out.marked = Marked::Strong;
        out.kind = Some(AlbumKind::Songs);
        out.stripped.push(rest.clone());
        rest = after;
    }
    let (head, tail) = split_at_marker(&rest);
    let marker_found = tail.is_some();
    let mut head = head;
    if let Some(tail) = &tail {
        said.push(' ');
        said.push_str(&tail.to_lowercase());
        out.stripped.push(tail.trim().to_string());
        let lower = tail.to_lowercase();
        let weak = WEAK_MARKERS
            .iter()
            .any(|w| lower.trim_start_matches(['(', '[']).starts_with(w))
            && medium_in(&lower).is_none();
        out.marked = out
            .marked
            .max(if weak { Marked::Weak } else { Marked::Strong });
        read_tail(tail, &mut out);
        // "Parade - Music From The Motion Picture Under The Cherry Moon".
        if let Some(name) = named_after_marker(tail) {
            head = name;
        }
        // "The Music of League of Legends: Season 8 (...)".
        for prefix in ["the music of ", "music of "] {
            if let Some(after) = strip_prefix_ci(&head, prefix)
                && !says_nothing(after)
            {
                head = after.to_string();
            }
        }
    } else if let Some(after) = weak_start(&rest) {
        // "Music from Party of Five": the production, if it is a soundtrack at all.
        out.marked = out.marked.max(Marked::Weak);
        out.kind = Some(AlbumKind::Songs);
        head = after;
    }
    let medium_hint = medium_in(&said).or(prefix_medium);
    let mut production = strip_head(&head, &mut out, medium_hint, marker_found, &mut said);
    // "X: Awesome Mix Vol. 1": a companion of X.
    if let Some((parent, subtitle)) = companion(&production) {
        out.kind = out
            .kind
            .or_else(|| kind_in(&subtitle.to_lowercase(), Some(Medium::Film)));
        out.companion_of = Some(parent);
        out.marked = out.marked.max(Marked::Weak);
        production = strip_parts(&production, &mut out);
    }
    if production.is_empty() {
        production.clone_from(&normal);
    }
    out.production = production;
    finish(&mut out, &said, prefix_medium);
    out
}

/// "Music From The Motion Picture Under The Cherry Moon": the film named
/// after the marker.
fn named_after_marker(tail: &str) -> Option<String> {
    [
        "music from the motion picture ",
        "songs from the motion picture ",
        "music from the film ",
        "soundtrack from the motion picture ",
    ]
    .iter()
    .find_map(|p| {
        let name = strip_prefix_ci(tail.trim(), p)?.trim();
        let name = name.trim_matches(|c| "\"“”'".contains(c));
        let lower = name.to_lowercase();
        (name.chars().next().is_some_and(char::is_alphanumeric)
            && piece(name).is_none()
            && !["composed", "conducted", "music", "by "]
                .iter()
                .any(|w| lower.contains(w)))
        .then(|| name.to_string())
    })
}

/// "Music from Sunshine & 28 Days Later", "Music from the Batman Trilogy":
/// music from several productions.
fn multi_production(rest: &str) -> bool {
    weak_start(rest).is_some_and(|after| {
        let lower = after.to_lowercase();
        lower.contains(" & ") || lower.contains(" and ") || lower.ends_with(" trilogy")
    })
}

/// What follows "Music from" or "Songs from" at the start of a title.
fn weak_start(rest: &str) -> Option<String> {
    let lower = rest.to_lowercase();
    ["music from ", "songs from "].iter().find_map(|p| {
        if !lower.starts_with(p) {
            return None;
        }
        let after = rest.get(p.len()..)?.trim();
        (!says_nothing(after)).then(|| after.to_string())
    })
}

/// The medium prefix that stays in a production's name: `劇場版` names a
/// film of its own, apart from the series.
fn kept_prefix(title: &str) -> Option<&'static str> {
    ["劇場版", "映画"]
        .into_iter()
        .find(|p| title.starts_with(p))
}

/// Medium and kind from what was said; the production's own name may say
/// the medium too ("Matilda the Musical").
fn finish(out: &mut AlbumTitle, said: &str, prefix_medium: Option<Medium>) {
    out.medium = medium_in(said).or(prefix_medium).or_else(|| {
        let name = Text::new(&out.production);
        if out.marked == Marked::No {
            None
        } else if name.contains("the series") {
            Some(Medium::Tv)
        } else if name.contains("the musical") {
            Some(Medium::Stage)
        } else {
            None
        }
    });
    let marked = out.marked == Marked::Strong;
    if out.season.is_some() && out.medium.is_none() && marked {
        out.medium = Some(Medium::Tv);
    }
    // "X OST Part.4", "X (Original Soundtrack), Pt. 4": releases in numbered
    // parts are how Korean dramas put out their songs.
    if out.medium.is_none() && out.part.is_some() && !out.compilation && marked {
        let all = out.stripped.join(" ");
        if !Text::new(&all).find_all(&["part", "pt"]).is_empty() {
            out.medium = Some(Medium::Tv);
        }
    }
    if out.kind.is_none() {
        out.kind = kind_in(said, out.medium);
    }
}

fn normalise(title: &str) -> String {
    let mut text: String = title
        .chars()
        .map(|c| match c {
            '\u{3000}' | '\u{a0}' | '\t' => ' ',
            '－' => '-',
            '（' => '(',
            '）' => ')',
            '［' => '[',
            '］' => ']',
            c => c,
        })
        .collect();
    // "Chocolate,Pt.7(Original Television Soundtrack)": words apart.
    let mut spaced = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        if c == '('
            && prev.is_some_and(|p| p.is_alphanumeric() || p == '.')
            && next.is_some_and(char::is_alphabetic)
            && chars[..i].contains(&' ')
        {
            spaced.push(' ');
        }
        spaced.push(c);
        if c == ','
            && next.is_some_and(|n| n.is_ascii_alphabetic())
            && prev.is_some_and(|p| !p.is_ascii_digit())
        {
            spaced.push(' ');
        }
    }
    text = spaced;
    while text.contains("  ") {
        text = text.replace("  ", " ");
    }
    text.trim().to_string()
}

/// The medium the words of `said` name.
fn medium_in(said: &str) -> Option<Medium> {
    let text = Text::new(said);
    MEDIUM_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(m, _)| *m)
        .or_else(|| {
            PLATFORM_WORDS
                .iter()
                .any(|w| text.contains(w))
                .then_some(Medium::Tv)
        })
}

fn kind_in(said: &str, medium: Option<Medium>) -> Option<AlbumKind> {
    let text = Text::new(said);
    if SCORE_WORDS.iter().any(|w| text.contains(w)) {
        Some(AlbumKind::Score)
    } else if SONGS_WORDS.iter().any(|w| text.contains(w))
        || (text.contains("music from") && medium == Some(Medium::Film))
    {
        Some(AlbumKind::Songs)
    } else {
        None
    }
}

/// `TVアニメ「X」...`, `劇場版 X ...`: the medium, and the title without it.
fn medium_prefix(rest: &str) -> (Option<Medium>, String) {
    for (prefix, medium) in MEDIUM_PREFIXES {
        if let Some(after) = strip_prefix_ci(rest, prefix) {
            // "OVA .hack//Quantum", not "OVAL".
            if prefix.is_ascii() && !after.starts_with(' ') {
                continue;
            }
            let after = after.trim_start();
            if !after.is_empty() && !says_nothing(after) {
                let medium = Some(*medium).filter(|m| *m != Medium::Other);
                // A film of a series keeps "劇場版" in its name: another production.
                if kept_prefix(rest).is_some() || *prefix == "ova" {
                    return (medium, rest.to_string());
                }
                return (medium, after.to_string());
            }
        }
    }
    (None, rest.to_string())
}

/// `TVアニメ「X」オリジナルサウンドトラック`: the production in Japanese quotes
/// before a marker that stands outside them; gives it and the rest.
fn quoted_production(rest: &str) -> Option<(String, String)> {
    let mut best: Option<(usize, String, String)> = None;
    for (open, close) in [('「', '」'), ('『', '』')] {
        let Some(start) = rest.find(open) else {
            continue;
        };
        let Some(end) = rest[start..].find(close).map(|e| e + start) else {
            continue;
        };
        let inner = rest[start + open.len_utf8()..end].trim();
        let after = &rest[end + close.len_utf8()..];
        let outside = format!("{} {after}", &rest[..start]);
        if !inner.is_empty()
            && !Text::new(after).find_all(MARKERS).is_empty()
            && best.as_ref().is_none_or(|(s, ..)| start < *s)
        {
            best = Some((start, inner.to_string(), outside.trim().to_string()));
        }
    }
    best.map(|(_, inner, outside)| (inner, outside))
}

/// Words that say what a production is, in "from the HBO Original Series X".
const KIND_OF_WORK: &[&str] = &[
    "series",
    "motion picture",
    "film",
    "movie",
    "musical",
    "game",
    "show",
    "drama",
    "anime",
];

/// Words that make a quoted production in a bracket the one a song is from.
const SONG_OF_WORDS: &[&str] = &[
    "theme song",
    "片尾曲",
    "主題曲",
    "主题曲",
    "插曲",
    "主題歌",
    "挿入歌",
    "soundtrack",
    "ost",
    "motion picture",
    "music from",
    "film",
    "series",
    "movie",
];

/// `Song (From "Film")`, `Song (From the HBO Original Series Euphoria)`,
/// `Song (Police University OST Part.4)`, `Song [Ost. Film]`: a song released
/// from a production; the production it is from.
fn from_group(rest: &str, out: &mut AlbumTitle) -> Option<String> {
    // A release part may follow the group: "Song (From 'X'), Pt. 2".
    let mut part = None;
    let mut text = rest.trim().to_string();
    if let Some((h, seg, _)) = trailing_segment(&text)
        && let Some(Piece::Part(n)) = piece(seg)
        && trailing_group(h).is_some()
    {
        part = Some(n);
        text = h.to_string();
    }
    let (head, group) = trailing_group(&text)?;
    if says_nothing(head) {
        return None;
    }
    let from = ["from ", "taken from "]
        .iter()
        .find_map(|p| strip_prefix_ci(group, p));
    let inner = Text::new(group);
    let production = if let Some(after) = from {
        if let Some((q, start, end)) = quoted(after) {
            let around = format!("{} {}", &after[..start], &after[end..]);
            out.medium = medium_in(&around.to_lowercase());
            part = part.or_else(|| part_in(&Text::new(&around)));
            let mut t = parse(&q);
            let name = t.production.clone();
            let production = strip_parts(&name, &mut t);
            part = part.or(t.part).or(t.season);
            out.medium = out.medium.or(t.medium);
            production
        } else {
            let t = Text::new(after);
            let name = match t.find_all(KIND_OF_WORK).last() {
                Some(&(_, end)) => {
                    out.medium = medium_in(&t.slice(0, end).to_lowercase());
                    trim_separators(&t.slice(end, t.len())).to_string()
                }
                None => after.to_string(),
            };
            let t = parse(&name);
            part = part.or(t.part).or(t.season);
            out.medium = out.medium.or(t.medium);
            t.production
        }
    } else if !inner.find_all(&["ost", "o.s.t", "o.s.t."]).is_empty() {
        // "(Police University OST Part.4)", "(OST «Псих»)", "[Ost. X]"; only the
        // abbreviation: "(A Netflix Original Series Soundtrack)" names no production.
        let name = if let Some((q, ..)) = quoted(group) {
            q
        } else {
            {
                let stripped = ["ost. ", "ost ", "o.s.t. "]
                    .iter()
                    .find_map(|p| strip_prefix_ci(group, p).map(str::to_string));
                if let Some(name) = stripped {
                    name
                } else {
                    let (h, tail) = split_at_marker(group);
                    let tail = tail?;
                    if piece(trim_separators(&h)).is_some() {
                        return None;
                    }
                    read_tail(&tail, out);
                    out.medium = medium_in(&tail.to_lowercase());
                    h
                }
            }
        };
        let t = parse(&name);
        part = part.or(t.part).or(out.part);
        out.medium = out.medium.or(t.medium);
        t.production
    } else if let Some((q, ..)) = quoted(group)
        && SONG_OF_WORDS.iter().any(|w| inner.contains(w))
    {
        // "(HBO Asia原創影集《戒指流浪記》片尾曲)": the song of a quoted production.
        parse(&q).production
    } else {
        return None;
    };
    let production = trim_separators(&production).to_string();
    if production.is_empty() {
        return None;
    }
    out.part = part;
    out.marked = Marked::Strong;
    out.kind = Some(AlbumKind::Songs);
    out.stripped.push(format!("({group})"));
    Some(production)
}

/// The production a title says it is from: "Film" of `Theme (From "Film")`.
pub fn from_quoted(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let at = lower.find("(from ").or_else(|| lower.find("[from "))?;
    // The same place in `title` (what precedes is compared case-blind, byte for byte).
    let after = title.get(at..)?;
    quoted(after).map(|(q, ..)| q)
}

/// The first quoted text: its content and where the quotes are.
fn quoted(text: &str) -> Option<(String, usize, usize)> {
    for (open, close) in [
        ('"', '"'),
        ('“', '”'),
        ('\'', '\''),
        ('‘', '’'),
        ('«', '»'),
        ('「', '」'),
        ('『', '』'),
        ('《', '》'),
        ('〈', '〉'),
    ] {
        if let Some(start) = text.find(open) {
            let from = start + open.len_utf8();
            if let Some(len) = text[from..].find(close) {
                let inner = text[from..from + len].trim();
                if !inner.is_empty() {
                    return Some((inner.to_string(), start, from + len + close.len_utf8()));
                }
            }
        }
    }
    None
}

/// `I Wish You Love: More From The Bodyguard`: what follows "More (Music|Songs) From".
fn more_from(rest: &str) -> Option<String> {
    let t = Text::new(rest);
    let found = t
        .find_all(&["more music from", "more songs from", "more from"])
        .first()
        .copied()
        .or_else(|| {
            // "More Love - Songs from Little Voice Season One".
            let (start, end) = *t.find_all(&["songs from"]).first()?;
            let before = t.slice(0, start);
            let after = t.slice(end, t.len()).to_lowercase();
            let lead = [
                "the motion picture",
                "the film",
                "the series",
                "the original",
                "the netflix",
                "the hbo",
                "the movie",
            ];
            // After a dash; after a colon it is a companion of what precedes.
            (before.trim_end().ends_with(['-', '–'])
                && !lead.iter().any(|l| after.trim_start().starts_with(l)))
            .then_some((start, end))
        });
    let (_, end) = found?;
    let after = trim_separators(&t.slice(end, t.len())).to_string();
    (!after.is_empty()).then_some(after)
}

/// The production part before the first marker with something before it,
/// and the rest from that marker on.
fn split_at_marker(rest: &str) -> (String, Option<String>) {
    let text = Text::new(rest);
    for (start, _) in text.find_all(MARKERS) {
        let head = text.slice(0, start);
        if says_nothing(&head) {
            continue;
        }
        // A marker inside a bracket: what precedes it in the bracket joins the tail.
        let (head, inner) = split_open_bracket(&head);
        let tail = format!("{inner}{}", text.slice(start, text.len()));
        if says_nothing(&head) {
            continue;
        }
        return (head, Some(tail));
    }
    (rest.to_string(), None)
}

/// `("X", "(Deluxe Edition / ")` when `head` ends inside an open bracket.
fn split_open_bracket(head: &str) -> (String, String) {
    let mut depth = 0i32;
    let mut open_at = None;
    for (i, c) in head.char_indices() {
        match c {
            '(' | '[' | '【' | '{' => {
                if depth == 0 {
                    open_at = Some(i);
                }
                depth += 1;
            }
            ')' | ']' | '】' | '}' => {
                depth -= 1;
                if depth <= 0 {
                    depth = 0;
                    open_at = None;
                }
            }
            _ => {}
        }
    }
    match open_at {
        Some(i) => (head[..i].to_string(), head[i..].to_string()),
        None => (head.to_string(), String::new()),
    }
}

/// Reads part, season, edition, disc and year from what follows the marker.
fn read_tail(tail: &str, out: &mut AlbumTitle) {
    let text = Text::new(tail);
    if out.part.is_none() {
        out.part = part_in(&text).or_else(|| number_after_marker(&text));
    }
    if out.season.is_none() {
        out.season = season_in(&text);
    }
    if out.edition.is_none()
        && let Some((s, e)) = text.find_all(EDITIONS).first()
    {
        out.edition = Some(text.slice(*s, *e));
    }
    if out.disc.is_none() {
        out.disc = disc_in(&text);
    }
    if out.year.is_none() {
        out.year = tail.split(|c: char| !c.is_ascii_digit()).find_map(as_year);
    }
}

/// Where one of `words` stands followed by a number (after `gap`
/// characters): its start, the number, and where the number ends.
fn numbered(text: &Text, words: &[&str], gap: &str) -> Option<(usize, u32, usize)> {
    for (start, end) in text.find_all(words) {
        let mut at = end;
        while at < text.len() && gap.contains(text.chars[at]) {
            at += 1;
        }
        if let Some((n, len)) = number_len_at(text, at) {
            return Some((start, n, at + len));
        }
    }
    None
}

/// Whether `found` covers all of `text` (a trailing dot aside).
fn whole(text: &Text, found: Option<(usize, u32, usize)>) -> Option<u32> {
    let (start, n, end) = found?;
    let rest: String = text.chars[end..].iter().collect();
    (start == 0
        && rest
            .trim_matches(|c: char| c == '.' || c.is_whitespace())
            .is_empty())
    .then_some(n)
}

const PART_WORDS: &[&str] = &["part", "pt", "vol", "volume", "第"];
const SEASON_WORDS: &[&str] = &[
    "season",
    "series",
    "saison",
    "staffel",
    "temporada",
    "시즌",
    "シーズン",
];
const DISC_WORDS: &[&str] = &["disc", "disk", "cd"];

/// `Part.4`, `Pt. 4`, `Vol.2`, `Volume 2`, `Part I` anywhere in `text`.
fn part_in(text: &Text) -> Option<u32> {
    numbered(text, PART_WORDS, ". ").map(|(_, n, _)| n)
}

/// "Original Soundtrack 2", "O.S.T.2", "サウンドトラック2": a number right after a marker.
fn number_after_marker(text: &Text) -> Option<u32> {
    for (_, end) in text.find_all(MARKERS) {
        let mut at = end;
        while at < text.len() && " )]".contains(text.chars[at]) {
            at += 1;
        }
        for word in ["アルバム", "album "] {
            let w: Vec<char> = word.chars().collect();
            if text.folded[at..].starts_with(&w) {
                at += w.len();
            }
        }
        if at < text.len()
            && let Some(n) = number_at(text, at)
            && n < 100
        {
            return Some(n);
        }
    }
    None
}

/// A number written at `at`: digits, a Roman numeral, or a word.
fn number_at(text: &Text, at: usize) -> Option<u32> {
    number_len_at(text, at).map(|(n, _)| n)
}

/// The number at `at` and how many characters it takes.
fn number_len_at(text: &Text, at: usize) -> Option<(u32, usize)> {
    let digits: String = text.chars[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if !digits.is_empty() {
        let len = digits.chars().count();
        return digits
            .parse()
            .ok()
            .filter(|&n: &u32| n < 1000)
            .map(|n| (n, len));
    }
    let word: String = text.folded[at..]
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let len = word.chars().count();
    let n = match word.as_str() {
        "i" | "one" => 1,
        "ii" | "two" => 2,
        "iii" | "three" => 3,
        "iv" | "four" => 4,
        "v" | "five" => 5,
        "vi" | "six" => 6,
        "vii" | "seven" => 7,
        "viii" | "eight" => 8,
        "ix" | "nine" => 9,
        "x" | "ten" => 10,
        _ => return None,
    };
    Some((n, len))
}

/// `Season 2`, `Series 3`, `Saison 2`, `Staffel 2`, `Temporada 2`, `시즌 2`, `シーズン2`.
fn season_in(text: &Text) -> Option<u32> {
    numbered(text, SEASON_WORDS, " .").map(|(_, n, _)| n)
}

/// `Disc 3`, `Disk 2`, `CD2`, `DISC-1`.
fn disc_in(text: &Text) -> Option<u32> {
    numbered(text, DISC_WORDS, " .-_")
        .map(|(_, n, _)| n)
        .filter(|&n| n < 100)
}

fn as_year(group: &str) -> Option<u32> {
    let year: u32 = group.trim().parse().ok()?;
    (1880..=2100).contains(&year).then_some(year)
}

/// What a bracketed or separated piece says, when it is one of the forms
/// that come off a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Year(u32),
    Edition,
    Disc(u32),
    Part(u32),
    Season(u32),
    Episode,
    Rip,
    Marker,
}

/// Classifies a piece; `None` when it is part of the title.
fn piece(text: &str) -> Option<Piece> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(y) = as_year(text) {
        return Some(Piece::Year(y));
    }
    // "1960-1965".
    if let Some((a, b)) = text.split_once('-')
        && let (Some(y), Some(_)) = (as_year(a), as_year(b))
    {
        return Some(Piece::Year(y));
    }
    let lower = text.to_lowercase();
    if [
        "final season",
        "the final season",
        "complete series",
        "the complete series",
    ]
    .contains(&lower.as_str())
    {
        return Some(Piece::Episode);
    }
    // "Volume Alpha": a volume by name.
    if let Some(word) = lower
        .strip_prefix("volume ")
        .or_else(|| lower.strip_prefix("vol. "))
        && !word.contains(' ')
        && word.chars().all(char::is_alphabetic)
    {
        return Some(Piece::Part(0));
    }
    let t = Text::new(text);
    let whole = |phrases: &[&str]| {
        t.find_all(phrases)
            .first()
            .is_some_and(|&(s, e)| s == 0 && e == t.len())
    };
    if whole(EDITIONS) {
        return Some(Piece::Edition);
    }
    // "2014 Remaster", "Remastered 2011", "25th Anniversary Edition", "Deluxe Edition / 2014".
    let words: Vec<&str> = text.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    // A year, or an ordinal ("25th"): "2014 Remaster", "25th Anniversary Edition".
    let is_number_word = |w: &str| {
        let lower = w.to_lowercase();
        as_year(w).is_some()
            || ["st", "nd", "rd", "th"].iter().any(|s| {
                lower
                    .strip_suffix(s)
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
    };
    if words.len() > 1 && words.iter().any(|w| !is_number_word(w)) && {
        let rest: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !is_number_word(w))
            .collect();
        let joined = rest.join(" ");
        let rt = Text::new(&joined);
        rt.find_all(EDITIONS)
            .first()
            .is_some_and(|&(s, e)| s == 0 && e == rt.len())
            || joined.eq_ignore_ascii_case("anniversary")
    } {
        return Some(Piece::Edition);
    }
    if crate::cue::Episode::parse(text).is_some()
        || chapters(text)
        || lower.starts_with("episode ") && text.len() < 14
    {
        return Some(Piece::Episode);
    }
    if let Some(n) = self::whole(&t, numbered(&t, DISC_WORDS, " .-_")).filter(|&n| n < 100) {
        return Some(Piece::Disc(n));
    }
    if let Some(n) = self::whole(&t, numbered(&t, SEASON_WORDS, " .")) {
        return Some(Piece::Season(n));
    }
    if let Some(n) = self::whole(&t, numbered(&t, PART_WORDS, ". ")) {
        return Some(Piece::Part(n));
    }
    if is_rip_tag(text) {
        return Some(Piece::Rip);
    }
    if !t.find_all(MARKERS).is_empty() {
        return Some(Piece::Marker);
    }
    None
}

/// `Chapters 9-12`, `Episodes 1-4`.
fn chapters(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["chapter", "chapters", "episode", "episodes", "ep.", "eps."]
        .iter()
        .any(|w| {
            lower.strip_prefix(w).is_some_and(|r| {
                r.trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == ' ' || c == '&' || c == ',')
            })
        })
}

/// `FLAC`, `320kbps`, `24-96`, `MP3 320`, `FLAC 24bit 96kHz`, `WEB`.
fn is_rip_tag(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split([' ', '/', ',', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            RIP_TAGS.contains(w)
                || RIP_TAGS.iter().any(|t| {
                    w.ends_with(t)
                        && w[..w.len() - t.len()]
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == '.')
                })
                || w.chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
                    && w.contains('-')
                    && w.split('-').all(|n| !n.is_empty() && n.len() <= 3)
                || ["320", "256", "192", "128"].contains(w)
        })
}

/// `[FLAC]`, `(320kbps)`, `[24-96]` anywhere; a leading `[2010]` or `(2010)` year.
fn strip_rip_tags(rest: &str, out: &mut AlbumTitle) -> String {
    let mut text = rest.to_string();
    loop {
        let mut changed = false;
        for (open, close) in [('[', ']'), ('(', ')'), ('{', '}')] {
            let mut from = 0;
            while let Some(s) = text[from..].find(open).map(|i| i + from) {
                let Some(e) = text[s..].find(close).map(|i| i + s) else {
                    break;
                };
                let inner = &text[s + 1..e];
                if is_rip_tag(inner) && !inner.trim().chars().all(|c| c.is_ascii_digit()) {
                    out.stripped.push(text[s..=e].to_string());
                    text = format!("{} {}", text[..s].trim_end(), text[e + 1..].trim_start())
                        .trim()
                        .to_string();
                    changed = true;
                    break;
                }
                from = e + 1;
            }
        }
        if !changed {
            break;
        }
    }
    // "[2010] Film OST", "(2010) Film", "2010 - Film".
    for (open, close) in [('[', ']'), ('(', ')')] {
        if text.starts_with(open)
            && let Some(e) = text.find(close)
            && let Some(y) = as_year(&text[1..e])
            && !says_nothing(&text[e + 1..])
        {
            out.year = Some(y);
            out.stripped.push(text[..=e].to_string());
            text = text[e + 1..].trim().to_string();
        }
    }
    if let Some((y, after)) = text.split_once(" - ")
        && let Some(y) = as_year(y)
        && !says_nothing(after)
    {
        out.year = Some(y);
        text = after.trim().to_string();
    }
    text
}

/// The production from what precedes the marker: trailing years, editions,
/// discs, seasons, parts and episode codes come off.
fn strip_head(
    head: &str,
    out: &mut AlbumTitle,
    medium: Option<Medium>,
    marker_found: bool,
    said: &mut String,
) -> String {
    let mut rest = head.trim().to_string();
    loop {
        let before = rest.clone();
        rest = trim_separators(&rest).to_string();
        if let Some((h, group)) = trailing_group(&rest) {
            let items: Vec<&str> = group.split(['/', ';']).map(str::trim).collect();
            let pieces: Vec<Option<Piece>> = items.iter().map(|i| piece(i)).collect();
            if !h.trim().is_empty() && pieces.iter().all(Option::is_some) {
                for p in pieces.into_iter().flatten() {
                    take(p, group, out, said);
                }
                out.stripped.push(format!("({group})"));
                rest = h.to_string();
            }
        }
        if let Some((h, seg, sep)) = trailing_segment(&rest)
            && !says_nothing(h)
            && let Some(p) = piece(seg)
        {
            // ", Part 2" on a film is the film's own title.
            let film_part = matches!(p, Piece::Part(_))
                && medium == Some(Medium::Film)
                && !Text::new(seg).find_all(&["part", "pt"]).is_empty();
            if !film_part && (sep.trim() != ":" || !matches!(p, Piece::Part(_)) || marker_found) {
                take(p, seg, out, said);
                out.stripped.push(seg.to_string());
                rest = h.to_string();
            }
        }
        rest = strip_trailing_words(&rest, out, medium, marker_found, said);
        if marker_found {
            rest = strip_before_marker(&rest, out, said);
        }
        if rest == before || rest.is_empty() {
            break;
        }
    }
    // "欢乐颂2 电视原声带": a series' season written against its name.
    if medium == Some(Medium::Tv) && out.season.is_none() {
        let digits = rest.chars().rev().take_while(char::is_ascii_digit).count();
        let before = rest.chars().rev().nth(digits);
        if (1..=2).contains(&digits) && before.is_some_and(is_cjk) {
            let cut = rest.len() - digits;
            out.season = rest[cut..].parse().ok();
            rest.truncate(cut);
        }
    }
    let rest = trim_separators(&rest).to_string();
    // "Queen & Slim: The" of "Queen & Slim: The Soundtrack".

    ["the", "a"]
        .iter()
        .find_map(|a| {
            let cut = strip_suffix_ci(&rest, a)?;
            (cut.ends_with([' ', ':']) && !says_nothing(cut))
                .then(|| trim_separators(cut).to_string())
        })
        .unwrap_or(rest)
}

/// Words a marker often begins with that the grammar reads as part of the
/// head: "X Original Video Game Score", "X Series Original Soundtrack".
const MARKER_LEAD: &[&str] = &[
    "original",
    "official",
    "video",
    "game",
    "motion",
    "picture",
    "television",
    "tv",
    "series",
    "film",
    "movie",
    "anime",
    "drama",
    "the",
    "オリジナル",
    "animation",
];

/// Right before a marker: the words that lead into it ("Original Video
/// Game", "Series", "The Album"), a second title after " / ", symbols.
fn strip_before_marker(rest: &str, out: &mut AlbumTitle, said: &mut String) -> String {
    let mut rest = rest.trim().to_string();
    // "Les rencontres d'après minuit / You and the Night": the first title.
    if let Some((first, _)) = rest.split_once(" / ")
        && !says_nothing(first)
    {
        out.stripped.push(rest[first.len()..].to_string());
        rest = first.trim().to_string();
    }
    if let Some(cut) = strip_suffix_ci(&rest, "the album")
        && !says_nothing(cut)
    {
        rest = trim_separators(cut).to_string();
    }
    // A run of lead words that starts with "original" or "official", or
    // ends in "series".
    let words: Vec<&str> = rest.split(' ').collect();
    let lead = words
        .iter()
        .rev()
        .take_while(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            MARKER_LEAD.contains(&w.as_str())
        })
        .count();
    if lead > 0 && lead < words.len() {
        let run: Vec<&str> = words[words.len() - lead..].to_vec();
        let first = run[0].to_lowercase();
        let last = run[run.len() - 1].to_lowercase();
        let _ = last;
        if first.starts_with("original")
            || first.starts_with("official")
            || first.starts_with("オリジナル")
        {
            said.push(' ');
            said.push_str(&run.join(" ").to_lowercase());
            out.stripped.push(run.join(" "));
            let head = words[..words.len() - lead].join(" ");
            if !says_nothing(&head) {
                return head;
            }
        }
    }
    // "Persona4 the ANIMATION Series Original Soundtrack"; "The Series" stays.
    if let Some(head) = strip_suffix_ci(&rest, " series")
        && !says_nothing(head)
        && !head.to_lowercase().ends_with(" the")
        && !head.to_lowercase().ends_with(':')
    {
        said.push_str(" series");
        return head.trim().to_string();
    }
    // "オリジナル✿" before "サウンドトラック".
    let trimmed = rest.trim_end_matches(|c: char| {
        !c.is_alphanumeric() && !c.is_whitespace() && !"!?)]」』".contains(c)
    });
    if let Some(head) = trimmed.strip_suffix("オリジナル")
        && !says_nothing(head)
    {
        return head.trim().to_string();
    }
    rest
}

/// Records what a piece said.
fn take(p: Piece, text: &str, out: &mut AlbumTitle, said: &mut String) {
    match p {
        Piece::Year(y) => out.year = out.year.or(Some(y)),
        Piece::Edition => {
            if out.edition.is_none() {
                out.edition = Some(text.trim().to_string());
            }
        }
        Piece::Disc(n) => out.disc = out.disc.or(Some(n)),
        Piece::Part(n) => out.part = out.part.or(Some(n).filter(|&n| n > 0)),
        Piece::Season(n) => out.season = out.season.or(Some(n)),
        Piece::Episode | Piece::Rip => {}
        Piece::Marker => {
            said.push(' ');
            said.push_str(&text.to_lowercase());
            out.marked = out.marked.max(Marked::Strong);
            read_tail(text, out);
        }
    }
}

/// Trailing words without a separator: `OST`, `Part.4`, `Pt.3`, `Vol.2`,
/// `Season 2`, `CD2`, an episode code, and a season number before a series
/// marker (`Stranger Things 3`).
fn strip_trailing_words(
    rest: &str,
    out: &mut AlbumTitle,
    medium: Option<Medium>,
    marker_found: bool,
    said: &mut String,
) -> String {
    let words: Vec<&str> = rest.split(' ').collect();
    if words.len() < 2 {
        return rest.to_string();
    }
    let last = words[words.len() - 1];
    let head = words[..words.len() - 1].join(" ");
    let lower = last.to_lowercase();
    if says_nothing(&head) {
        return rest.to_string();
    }
    if crate::cue::Episode::parse(last).is_some() {
        out.stripped.push(last.to_string());
        return head;
    }
    if let Some(Piece::Disc(n)) = piece(last) {
        out.disc = out.disc.or(Some(n));
        out.stripped.push(last.to_string());
        return head;
    }
    // "Part.4", "Pt.3", "Vol.2": written as one word, a release part.
    for prefix in ["part.", "pt.", "vol.", "pt"] {
        if let Some(n) = lower
            .strip_prefix(prefix)
            .and_then(|n| n.parse::<u32>().ok())
        {
            out.part = out.part.or(Some(n));
            out.stripped.push(last.to_string());
            return head;
        }
    }
    if words.len() >= 3 {
        let two = format!("{} {}", words[words.len() - 2], last);
        let head2 = words[..words.len() - 2].join(" ");
        if !says_nothing(&head2)
            && let Some(p) = piece(&two)
        {
            let release_part = match p {
                // "Pt. 4" is always a release part; "Part 2" and "Vol. 1" are
                // the film's own title unless a marker came before them.
                Piece::Part(_) => {
                    let t = Text::new(&two);
                    medium != Some(Medium::Film)
                        && (t.contains("pt") || (marker_found && !t.contains("vol")))
                }
                Piece::Marker => false,
                _ => true,
            };
            if release_part {
                take(p, &two, out, said);
                out.stripped.push(two);
                return head2;
            }
        }
    }
    // "Stranger Things 3 (Original Score from the Netflix Original Series)".
    if medium == Some(Medium::Tv)
        && let Ok(n) = last.parse::<u32>()
        && (1..=30).contains(&n)
    {
        out.season = out.season.or(Some(n));
        out.stripped.push(last.to_string());
        return head;
    }
    rest.to_string()
}

/// `X: Awesome Mix Vol. 1` gives `("X", "Awesome Mix Vol. 1")`.
fn companion(production: &str) -> Option<(String, String)> {
    let (parent, subtitle) = production.split_once(": ")?;
    let t = Text::new(subtitle);
    let found = t.find_all(COMPANIONS);
    // "Awesome Mix Vol. 1", "Cargo Hold Mix", "The Jukebox": a mix of songs.
    let mix = !t
        .find_all(&["mix", "mixtape", "playlist", "jukebox"])
        .is_empty();
    ((found.first().is_some_and(|&(s, _)| s == 0) || mix) && !says_nothing(parent))
        .then(|| (parent.trim().to_string(), subtitle.trim().to_string()))
}

/// Parts and volumes off the end (for compilations and companions).
fn strip_parts(text: &str, out: &mut AlbumTitle) -> String {
    let mut rest = text.trim().to_string();
    loop {
        let before = rest.clone();
        if let Some((h, seg, _)) = trailing_segment(&rest)
            && !says_nothing(h)
            && let Some(Piece::Part(n)) = piece(seg)
        {
            out.part = out.part.or(Some(n).filter(|&n| n > 0));
            rest = h.to_string();
        }
        let words: Vec<String> = rest.split(' ').map(str::to_string).collect();
        if words.len() >= 3 {
            let two = format!("{} {}", words[words.len() - 2], words[words.len() - 1]);
            if let Some(Piece::Part(n)) = piece(&two) {
                out.part = out.part.or(Some(n).filter(|&n| n > 0));
                rest = words[..words.len() - 2].join(" ");
            }
        }
        if let Some(last) = words.last()
            && words.len() >= 2
        {
            let lower = last.to_lowercase();
            for prefix in ["vol.", "part.", "pt."] {
                if let Some(n) = lower
                    .strip_prefix(prefix)
                    .and_then(|n| n.parse::<u32>().ok())
                {
                    out.part = out.part.or(Some(n));
                    rest = words[..words.len() - 1].join(" ");
                }
            }
        }
        rest = trim_separators(&rest).to_string();
        if rest == before {
            return rest;
        }
    }
}

/// The title with editions, discs, years and rip tags taken off.
fn strip_plain(title: &str) -> String {
    let mut rest = strip_rip_tags(title, &mut AlbumTitle::default());
    loop {
        let before = rest.clone();
        if let Some((h, group)) = trailing_group(&rest) {
            let all = group.split(['/', ';']).all(|i| {
                matches!(
                    piece(i),
                    Some(Piece::Year(_) | Piece::Edition | Piece::Disc(_) | Piece::Rip)
                )
            });
            if all && !h.trim().is_empty() {
                rest = h.to_string();
            }
        }
        if let Some((h, seg, _)) = trailing_segment(&rest)
            && !says_nothing(h)
            && matches!(piece(seg), Some(Piece::Edition | Piece::Disc(_)))
        {
            rest = h.to_string();
        }
        rest = trim_separators(&rest).to_string();
        if rest == before {
            return rest;
        }
    }
}

/// `("Film", "Original Score")` for "Film (Original Score)" or "Film [Original Score]".
fn trailing_group(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let (open, close) = match text.chars().last()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        '】' => ('【', '】'),
        '}' => ('{', '}'),
        _ => return None,
    };
    // The matching opener, allowing brackets nested inside.
    let mut depth = 0;
    let mut start = None;
    for (i, c) in text.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                start = Some(i);
                break;
            }
        }
    }
    let start = start?;
    let inner = &text[start + open.len_utf8()..text.len() - close.len_utf8()];
    Some((text[..start].trim_end(), inner.trim()))
}

/// `("Film", "Season 2", ": ")` for "Film: Season 2"; the last separator.
fn trailing_segment(text: &str) -> Option<(&str, &str, &'static str)> {
    SEPARATORS
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|i| (i, *sep)))
        .max_by_key(|(i, _)| *i)
        .map(|(i, sep)| (text[..i].trim_end(), text[i + sep.len()..].trim(), sep))
        .filter(|(_, seg, _)| !seg.is_empty())
}

/// "Season 2" or "Series 3" gives the number.
pub fn season_number(phrase: &str) -> Option<u32> {
    let t = Text::new(phrase.trim());
    whole(&t, numbered(&t, SEASON_WORDS, " ."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(title: &str) -> AlbumTitle {
        parse(title)
    }

    #[test]
    fn score_and_songs_albums_name_one_production() {
        let score = p("Arrival Point (Original Motion Picture Score)");
        let songs = p("Arrival Point (Original Motion Picture Soundtrack)");
        assert_eq!(score.production, "Arrival Point");
        assert_eq!(songs.production, "Arrival Point");
        assert_eq!(score.kind, Some(AlbumKind::Score));
        assert_eq!(songs.kind, None);
        assert_eq!(score.medium, Some(Medium::Film));
        assert_eq!(songs.medium, Some(Medium::Film));
        assert_eq!(score.marked, Marked::Strong);
    }

    #[test]
    fn series_seasons_and_games() {
        let tv = p("Stranger Things: Season 2 (Music from the Netflix Original Series)");
        assert_eq!(tv.production, "Stranger Things");
        assert_eq!(tv.medium, Some(Medium::Tv));
        assert_eq!(tv.season, Some(2));
        assert_eq!(tv.kind, None, "music from a series holds score and songs");
        let three = p("Stranger Things 3 (Original Score from the Netflix Original Series)");
        assert_eq!(
            (three.production.as_str(), three.season, three.kind),
            ("Stranger Things", Some(3), Some(AlbumKind::Score))
        );
        assert_eq!(
            p("Toy Story 3 (Original Motion Picture Soundtrack)").production,
            "Toy Story 3"
        );
        let game = p("Lanternfall (Original Game Soundtrack)");
        assert_eq!(
            (game.production.as_str(), game.medium),
            ("Lanternfall", Some(Medium::Game))
        );
        for episode in [
            "Lakeside S01E03",
            "Lakeside: 1x03",
            "Lakeside (S01E03 Score)",
            "Lakeside (S01E03)",
        ] {
            assert_eq!(p(episode).production, "Lakeside", "{episode}");
        }
        let stage = p("Hamilton (Original Broadway Cast Recording)");
        assert_eq!(
            (stage.production.as_str(), stage.medium, stage.kind),
            ("Hamilton", Some(Medium::Stage), Some(AlbumKind::Songs))
        );
    }

    #[test]
    fn korean_drama_parts_are_one_production() {
        for (title, part) in [
            ("Goblin OST Part.1", 1),
            ("Goblin OST Part 4", 4),
            ("Goblin (Original Television Soundtrack), Pt. 4", 4),
            ("Goblin (Original Television Soundtrack) Pt.14", 14),
            ("Goblin OST Pt. 2", 2),
            ("Goblin Pt.3 Original Television Soundtrack", 3),
        ] {
            let t = p(title);
            assert_eq!(
                (t.production.as_str(), t.part, t.medium),
                ("Goblin", Some(part), Some(Medium::Tv)),
                "{title}"
            );
        }
        assert_eq!(p("도깨비 OST Part 1").production, "도깨비");
    }

    #[test]
    fn anime_and_game_volumes() {
        for (title, part) in [
            ("進撃の巨人 オリジナル・サウンドトラック", None),
            ("進撃の巨人 オリジナル・サウンドトラック 2", Some(2)),
            ("進撃の巨人 オリジナル・サウンドトラック2", Some(2)),
            ("進撃の巨人 OST Vol.2", Some(2)),
        ] {
            let t = p(title);
            assert_eq!(
                (t.production.as_str(), t.part),
                ("進撃の巨人", part),
                "{title}"
            );
        }
        let quoted = p("TVアニメ「鬼滅の刃」オリジナルサウンドトラック");
        assert_eq!(
            (quoted.production.as_str(), quoted.medium),
            ("鬼滅の刃", Some(Medium::Tv))
        );
        let film = p("劇場版『CLANNAD -クラナド-』SOUNDTRACK");
        assert_eq!(
            (film.production.as_str(), film.medium),
            ("劇場版 CLANNAD -クラナド-", Some(Medium::Film)),
            "a film of a series is a production of its own"
        );
        let volume = p("Skyforge Original Soundtrack Vol. 2");
        assert_eq!(
            (volume.production.as_str(), volume.part),
            ("Skyforge", Some(2))
        );
        assert_eq!(p(".hack//Roots O.S.T.2").production, ".hack//Roots");
    }

    #[test]
    fn editions_companions_singles_and_discs() {
        for title in [
            "Arrival Point (Deluxe Edition)",
            "Arrival Point (Original Motion Picture Soundtrack) [Deluxe Edition]",
            "Arrival Point [Expanded]",
            "Arrival Point (Remastered 2014)",
            "Arrival Point - The Complete Recordings",
            "Arrival Point (25th Anniversary Edition)",
            "Arrival Point (Original Score) (Disc 3)",
            "Arrival Point [Disc 4]",
            "Arrival Point CD2",
        ] {
            assert_eq!(p(title).production, "Arrival Point", "{title}");
        }
        assert_eq!(p("Arrival Point (Disc 3)").disc, Some(3));
        assert_eq!(
            p("Arrival Point [Expanded]").edition.as_deref(),
            Some("Expanded")
        );
        let mix =
            p("Guardians of the Galaxy: Awesome Mix Vol. 1 (Original Motion Picture Soundtrack)");
        assert_eq!(mix.companion_of.as_deref(), Some("Guardians of the Galaxy"));
        assert_eq!(mix.kind, Some(AlbumKind::Songs));
        let single = p("Slow Dust (From \"Arrival Point\") - Single");
        assert_eq!(
            (single.production.as_str(), single.kind),
            ("Arrival Point", Some(AlbumKind::Songs))
        );
        assert_eq!(
            p("All For Us (from the HBO Original Series Euphoria)").production,
            "Euphoria"
        );
        assert_eq!(
            p("I Wish You Love: More From The Bodyguard").production,
            "The Bodyguard"
        );
    }

    #[test]
    fn films_keep_their_own_parts_and_franchises_stay_apart() {
        for title in [
            "Harry Potter and the Deathly Hallows, Part 2 (Original Motion Picture Soundtrack)",
            "Dune: Part Two (Original Motion Picture Soundtrack)",
            "Kill Bill Vol. 1 (Original Soundtrack)",
        ] {
            let t = p(title);
            assert_eq!(t.part, None, "{title}: {t:?}");
        }
        assert_ne!(
            p("Star Wars: Episode IV – A New Hope (Original Motion Picture Soundtrack)").production,
            p("Star Wars: Episode V – The Empire Strikes Back (Original Motion Picture Soundtrack)")
                .production
        );
    }

    #[test]
    fn other_languages() {
        for (title, production, medium) in [
            (
                "Amélie (Bande originale du film)",
                "Amélie",
                Some(Medium::Film),
            ),
            (
                "Das Boot (Original Filmmusik)",
                "Das Boot",
                Some(Medium::Film),
            ),
            (
                "Lola rennt - Soundtrack zum Film",
                "Lola rennt",
                Some(Medium::Film),
            ),
            ("Volver (Banda Sonora Original)", "Volver", None),
            (
                "Nuovo Cinema Paradiso (Colonna sonora originale)",
                "Nuovo Cinema Paradiso",
                None,
            ),
            (
                "Cidade de Deus (Trilha Sonora Original)",
                "Cidade de Deus",
                None,
            ),
            ("赛德克‧巴莱 电影原声带", "赛德克‧巴莱", Some(Medium::Film)),
            (
                "千と千尋の神隠し サウンドトラック",
                "千と千尋の神隠し",
                None,
            ),
        ] {
            let t = p(title);
            assert_eq!(
                (t.production.as_str(), t.medium),
                (production, medium),
                "{title}"
            );
            assert_eq!(t.marked, Marked::Strong, "{title}");
        }
    }

    #[test]
    fn folder_style_titles() {
        assert_eq!(p("Lanternfall OST").production, "Lanternfall");
        let film = p("Arrival Point (2024)");
        assert_eq!(
            (film.production.as_str(), film.year),
            ("Arrival Point", Some(2024))
        );
        assert_eq!(p("Dune - Original Score").kind, Some(AlbumKind::Score));
        let rip = p("[2011] Harrowgate OST (FLAC)");
        assert_eq!(
            (rip.production.as_str(), rip.year),
            ("Harrowgate", Some(2011))
        );
        let rip = p("Night Ferry (2019) [FLAC]");
        assert_eq!(
            (rip.production.as_str(), rip.year),
            ("Night Ferry", Some(2019))
        );
        let rip = p("Film - Music From The Motion Picture (2010) [320kbps]");
        assert_eq!(
            (rip.production.as_str(), rip.year, rip.medium),
            ("Film", Some(2010), Some(Medium::Film))
        );
        assert_eq!(p("Film (2014) [FLAC 24-96]").production, "Film");
    }

    #[test]
    fn plain_titles_stay_whole() {
        for title in [
            "Score",
            "OST",
            "Interstellar",
            "Music",
            "The Last of Us: Part II",
            "The Score",
            "The Original Soundtrack",
            "Soundtrack to Your Escape",
            "Arista Heritage Series: Iggy Pop",
        ] {
            let t = p(title);
            assert_eq!(t.production, title);
            assert_eq!(t.marked, Marked::No, "{title}");
        }
        // Weak: the production if the tags say soundtrack, else the plain title.
        for (title, production) in [
            ("Music From Big Pink", "Big Pink"),
            ("Songs From The Big Chair", "The Big Chair"),
        ] {
            let t = p(title);
            assert_eq!(
                (t.production.as_str(), t.plain.as_str(), t.marked),
                (production, title, Marked::Weak)
            );
        }
        assert_eq!(p("Abbey Road (Super Deluxe Edition)").plain, "Abbey Road");
        assert_eq!(p("Abbey Road (Super Deluxe Edition)").marked, Marked::No);
    }

    #[test]
    fn compilations_are_titled_as_they_are() {
        let t = p("Music from the Films of Ennio Morricone");
        assert!(t.compilation);
        assert_eq!(t.production, "Music from the Films of Ennio Morricone");
        let t = p("Film Music of Hans Zimmer, Vol.1");
        assert_eq!(
            (t.production.as_str(), t.part),
            ("Film Music of Hans Zimmer", Some(1))
        );
    }
}
