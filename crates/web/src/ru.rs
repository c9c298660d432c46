//! Russian wording helpers: plural forms, counted nouns, timecodes.

use letopis_core::Kind;

/// Chooses the Russian plural form for `n`: `one` for 1, 21, 101; `few` for 2–4, 22–24;
/// `many` for 0, 5–20, 11–14, 25–30 and so on.
pub fn plural_ru<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (last, last_two) = (n % 10, n % 100);
    if last == 1 && last_two != 11 {
        one
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        few
    } else {
        many
    }
}

/// «1 герой», «3 героя», «25 героев».
pub fn count_ru(n: u64, kind: Kind) -> String {
    let (one, few, many) = match kind {
        Kind::Person => ("герой", "героя", "героев"),
        Kind::Interview => ("живой голос", "живых голоса", "живых голосов"),
        Kind::Item => ("материал", "материала", "материалов"),
        Kind::Place => ("место", "места", "мест"),
        Kind::Event => ("событие", "события", "событий"),
        Kind::Organization => ("организация", "организации", "организаций"),
        Kind::Story => ("экспозиция", "экспозиции", "экспозиций"),
        Kind::Collection => ("подборка", "подборки", "подборок"),
        Kind::Source => ("источник", "источника", "источников"),
    };
    format!("{n} {}", plural_ru(n, one, few, many))
}

/// A position in a recording: «4:05», «1:02:03».
pub fn timecode(ms: u32) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration in words: «1 ч 5 мин», «45 мин», «30 с».
pub fn duration(ms: u32) -> String {
    let minutes = ms / 60_000;
    match (minutes / 60, minutes % 60) {
        (0, 0) => format!("{} с", ms / 1000),
        (0, m) => format!("{m} мин"),
        (h, 0) => format!("{h} ч"),
        (h, m) => format!("{h} ч {m} мин"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn heroes(n: u64) -> &'static str {
        plural_ru(n, "герой", "героя", "героев")
    }

    #[test]
    fn plural_forms() {
        for n in [1, 21, 31, 101, 1001, 121] {
            assert_eq!(heroes(n), "герой", "{n}");
        }
        for n in [2, 3, 4, 22, 34, 102, 1004] {
            assert_eq!(heroes(n), "героя", "{n}");
        }
        for n in [
            0, 5, 9, 10, 11, 12, 13, 14, 15, 19, 20, 25, 100, 111, 112, 114, 211,
        ] {
            assert_eq!(heroes(n), "героев", "{n}");
        }
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(count_ru(1, Kind::Person), "1 герой");
        assert_eq!(count_ru(2, Kind::Person), "2 героя");
        assert_eq!(count_ru(5, Kind::Person), "5 героев");
        assert_eq!(count_ru(3, Kind::Interview), "3 живых голоса");
        assert_eq!(count_ru(0, Kind::Place), "0 мест");
    }

    #[test]
    fn timecodes_and_durations() {
        assert_eq!(timecode(0), "0:00");
        assert_eq!(timecode(245_000), "4:05");
        assert_eq!(timecode(3_723_000), "1:02:03");
        assert_eq!(duration(45 * 60_000), "45 мин");
        assert_eq!(duration(65 * 60_000), "1 ч 5 мин");
        assert_eq!(duration(30_000), "30 с");
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
}
