//! XSPF, the XML Shareable Playlist Format (VLC, Audacious, Strawberry):
//! `<playlist><trackList><track><location>` URIs, with `<title>`,
//! `<creator>` and `<duration>` (milliseconds). Read with quick-xml; names
//! are matched without their namespace prefix.

use std::time::Duration;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::location::Kind;
use super::{Place, Problem, RawEntry};

#[derive(Default)]
struct Track {
    number: usize,
    locations: Vec<String>,
    title: Option<String>,
    creator: Option<String>,
    duration: Option<Duration>,
}

/// The entries of XSPF text. Broken XML ends the reading there, with a
/// problem at its line; the tracks before it are kept.
pub fn parse(text: &str) -> (Vec<RawEntry>, Vec<Problem>) {
    // Text is not trimmed by the reader: an entity splits it (`Rock &amp; Roll`),
    // and trimming each piece would lose the spaces around it.
    let mut reader = Reader::from_str(text);
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    // The names of the open elements, and the text of the innermost one.
    let mut open: Vec<String> = Vec::new();
    let mut content = String::new();
    let mut track: Option<Track> = None;
    let mut tracks_seen = 0;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let line = line_of(text, reader.error_position());
                problems.push(Problem {
                    place: Place::Line(line),
                    text: format!("after {tracks_seen} track(s)"),
                    reason: format!("the XML is broken here ({e}); the tracks before it are kept"),
                });
                break;
            }
        };
        match event {
            Event::Start(start) => {
                let name = local(start.local_name().as_ref());
                if name == "track" && parent_is(&open, "trackList") {
                    tracks_seen += 1;
                    track = Some(Track {
                        number: tracks_seen,
                        ..Track::default()
                    });
                }
                open.push(name);
                content.clear();
            }
            // `<track/>`: a track with nothing in it.
            Event::Empty(start)
                if local(start.local_name().as_ref()) == "track"
                    && parent_is(&open, "trackList") =>
            {
                tracks_seen += 1;
                problems.push(no_location(tracks_seen));
            }
            Event::Text(text) => {
                if let Ok(part) = text.xml10_content() {
                    content.push_str(&part);
                }
            }
            Event::CData(data) => {
                if let Ok(part) = data.decode() {
                    content.push_str(&part);
                }
            }
            Event::GeneralRef(reference) => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    content.push(c);
                } else if let Ok(name) = reference.decode()
                    && let Some(entity) = quick_xml::escape::resolve_predefined_entity(&name)
                {
                    content.push_str(entity);
                }
            }
            Event::End(_) => {
                let name = open.pop().unwrap_or_default();
                let in_track = parent_is(&open, "track");
                if let Some(current) = track.as_mut()
                    && in_track
                {
                    let value = content.trim().to_string();
                    match name.as_str() {
                        "location" if !value.is_empty() => current.locations.push(value),
                        "title" if !value.is_empty() => current.title = Some(value),
                        "creator" if !value.is_empty() => current.creator = Some(value),
                        "duration" => {
                            current.duration = value.parse::<u64>().ok().map(Duration::from_millis);
                        }
                        _ => {}
                    }
                }
                if name == "track"
                    && parent_is(&open, "trackList")
                    && let Some(done) = track.take()
                {
                    if done.locations.is_empty() {
                        problems.push(no_location(done.number));
                    } else {
                        entries.push(entry(done));
                    }
                }
                content.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (entries, problems)
}

fn entry(track: Track) -> RawEntry {
    let title = match (track.creator, track.title) {
        (Some(creator), Some(title)) => Some(format!("{creator} - {title}")),
        (None, title) => title,
        (creator, None) => creator,
    };
    RawEntry {
        place: Place::Track(track.number),
        locations: track.locations,
        kind: Kind::Uri,
        title,
        duration: track.duration,
    }
}

fn no_location(number: usize) -> Problem {
    Problem {
        place: Place::Track(number),
        text: format!("track {number}"),
        reason: "the track has no <location>: nothing to play".into(),
    }
}

fn local(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

fn parent_is(open: &[String], name: &str) -> bool {
    open.last().is_some_and(|n| n == name)
}

/// The line (from 1) of a byte offset.
fn line_of(text: &str, offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const VLC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<playlist xmlns="http://xspf.org/ns/0/" xmlns:vlc="http://www.videolan.org/vlc/playlist/ns/0/" version="1">
	<title>Arrival Point</title>
	<trackList>
		<track>
			<location>file:///m/Arrival%20Point/02%202M3%20The%20Signal.ogg</location>
			<title>2M3 The Signal</title>
			<creator>Composer</creator>
			<duration>225000</duration>
			<extension application="http://www.videolan.org/vlc/playlist/0">
				<vlc:id>0</vlc:id>
			</extension>
		</track>
		<track>
			<location>Songs/Neon%20Highway.mp3</location>
			<location>Songs/Neon Highway (alt).mp3</location>
			<title><![CDATA[Neon & Highway]]></title>
		</track>
		<track><title>No location</title></track>
		<track><location>c.mp3</location><title>Rock &amp; Roll &#233;t&#xE9;</title></track>
	</trackList>
</playlist>"#;

    #[test]
    fn vlc_playlists_give_locations_titles_and_lengths() {
        let (entries, problems) = parse(VLC);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[2].title.as_deref(), Some("Rock & Roll été"));
        assert_eq!(entries[2].place, Place::Track(4));
        assert_eq!(
            entries[0].locations,
            vec!["file:///m/Arrival%20Point/02%202M3%20The%20Signal.ogg".to_string()]
        );
        assert_eq!(
            entries[0].title.as_deref(),
            Some("Composer - 2M3 The Signal")
        );
        assert_eq!(entries[0].duration, Some(Duration::from_millis(225_000)));
        assert_eq!(entries[0].place, Place::Track(1));
        assert_eq!(entries[1].locations.len(), 2);
        assert_eq!(entries[1].title.as_deref(), Some("Neon & Highway"));
        assert_eq!(entries[1].kind, Kind::Uri);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place, Place::Track(3));
        assert!(problems[0].reason.contains("no <location>"));
    }

    #[test]
    fn broken_xml_keeps_the_tracks_before_it() {
        let text = "<playlist xmlns=\"http://xspf.org/ns/0/\"><trackList>\n\
                    <track><location>a.mp3</location></track>\n\
                    <track><location>b.mp3</wrong></track>\n</trackList></playlist>";
        let (entries, problems) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].locations, vec!["a.mp3".to_string()]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].place, Place::Line(3));
        assert!(problems[0].reason.contains("XML is broken"), "{problems:?}");
    }

    #[test]
    fn entities_in_names_and_relative_uris_are_decoded() {
        let dir = std::env::temp_dir().join(format!("leitmotif-xspf-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("R&B")).expect("dir");
        std::fs::write(dir.join("R&B/Été 1.mp3"), b"x").expect("write");
        let text = "<playlist xmlns=\"http://xspf.org/ns/0/\"><trackList>\
                    <track><location>R&amp;B/%C3%89t%C3%A9%201.mp3</location></track>\
                    <track><location>R%26B/gone.mp3</location></track>\
                    </trackList></playlist>";
        let list = crate::playlist::parse(text, crate::playlist::Format::Xspf, &dir);
        assert_eq!(list.entries.len(), 1, "{:?}", list.problems);
        assert_eq!(list.entries[0].path, dir.join("R&B/Été 1.mp3"));
        assert_eq!(list.problems[0].place, Place::Track(2));
        let _ = std::fs::remove_dir_all(dir);
    }
}
