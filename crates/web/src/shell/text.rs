//! Wording helpers shared by pages and the API: timecodes, durations, shortened text.
//! Plural forms are not here: they are Fluent's (see `i18n.rs`).

use crate::shell::i18n::Tr;
use std::borrow::Cow;

/// A position in a recording: «4:05», «1:02:03».
/// `ru` for a text in Cyrillic (a person's name among the English studio's words), so a screen
/// reader reads it as Russian; empty otherwise.
pub fn lang_of(text: &str) -> &'static str {
    if text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        "ru"
    } else {
        ""
    }
}

pub fn timecode(ms: u32) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration in words: «1 ч 5 мин», "1 h 5 min", «45 мин», «30 с».
pub fn duration(t: &Tr, ms: u32) -> String {
    let minutes = ms / 60_000;
    let n = |v: u32| Cow::Owned(v.to_string());
    match (minutes / 60, minutes % 60) {
        (0, 0) => t.args("duration-seconds", &[("s", n(ms / 1000))]),
        (0, m) => t.args("duration-minutes", &[("m", n(m))]),
        (h, 0) => t.args("duration-hours", &[("h", n(h))]),
        (h, m) => t.args("duration-hours-minutes", &[("h", n(h)), ("m", n(m))]),
    }
}

/// The first `max` characters of a text, cut at a word where possible, with «…» when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches([',', '.', ';', ':', '—', ' '])
    )
}

/// The museum's time zone: times people read (the studio's lists and history, a resident's
/// status page) are shown in it, whatever the server's own zone.
const MUSEUM_TIME_ZONE: &str = "Europe/Moscow";

/// A moment in the museum's time zone, as people read it: «26 ноября 2026 г., 14:05».
pub fn moment(t: &Tr, at: jiff::Timestamp) -> String {
    let tz = jiff::tz::TimeZone::get(MUSEUM_TIME_ZONE).unwrap_or(jiff::tz::TimeZone::UTC);
    let zoned = at.to_zoned_datetime(tz);
    let text = format!(
        "{:04}-{:02}-{:02}",
        zoned.year(),
        zoned.month(),
        zoned.day()
    );
    let date = letopis_core::Edtf::parse(&text)
        .map(|d| t.date(&d))
        .unwrap_or(text);
    format!("{date}, {:02}:{:02}", zoned.hour(), zoned.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::i18n::Lang;

    #[test]
    fn timecodes_and_durations() {
        assert_eq!(timecode(0), "0:00");
        assert_eq!(timecode(245_000), "4:05");
        assert_eq!(timecode(3_723_000), "1:02:03");
        let (ru, en) = (Tr::new(Lang::Ru), Tr::new(Lang::En));
        assert_eq!(duration(&ru, 45 * 60_000), "45 мин");
        assert_eq!(duration(&ru, 65 * 60_000), "1 ч 5 мин");
        assert_eq!(duration(&en, 65 * 60_000), "1 h 5 min");
        assert_eq!(duration(&ru, 30_000), "30 с");
    }

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(shorten("коротко", 20), "коротко");
        assert_eq!(
            shorten("Первая  строка\nвторая", 40),
            "Первая строка вторая"
        );
        assert_eq!(shorten("Служил связистом в полку", 15), "Служил…");
    }

    #[test]
    fn moments_are_read_in_the_museums_time_zone() {
        let at: jiff::Timestamp = "2026-11-26T13:47:00Z".parse().unwrap();
        assert_eq!(moment(&Tr::new(Lang::Ru), at), "26 ноября 2026 г., 16:47");
        assert!(moment(&Tr::new(Lang::En), at).ends_with(", 16:47"));
    }
}
