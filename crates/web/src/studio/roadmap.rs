//! The roadmap as data: the town's «дорожная карта» (`seed/roadmap.ru.txt`, the annex to the
//! Administration's resolution), read from its tab-separated layout: one activity per line,
//! `N. Activity<TAB>period<TAB>responsible departments`.

use letopis_store::accounts::{ALL_DIRECTIONS, NewActivity};

/// The roadmap the project starts from, built into the binary.
pub const SEED: &str = include_str!("../../seed/roadmap.ru.txt");

/// The activities of a roadmap in that layout; lines that are not activities (the heading,
/// the column names, blank lines) are skipped.
pub fn parse(text: &str) -> Vec<NewActivity> {
    text.lines()
        .filter_map(|line| {
            let mut cols = line.split('\t').map(str::trim);
            let first = cols.next()?;
            let (number, title) = first.split_once(". ")?;
            let number: i64 = number.trim().parse().ok()?;
            Some(NewActivity {
                number,
                directions: directions_of(title),
                title: title.trim().to_string(),
                period: cols.next().unwrap_or("").to_string(),
                departments: without_unbalanced_close(cols.next().unwrap_or("")),
            })
        })
        .collect()
}

/// The text without the closing quotes at its end that nothing opened: the annex is quoted as a
/// whole («Приложение № 1 … Администрации»»), so its last cell carries the document's closing
/// quote, while «МКУ «Управление информационной политики»» must keep both of its own.
fn without_unbalanced_close(text: &str) -> String {
    let mut text = text.trim();
    while text.ends_with('»') && text.matches('»').count() > text.matches('«').count() {
        text = text[..text.len() - '»'.len_utf8()].trim_end();
    }
    text.to_string()
}

/// The working-group directions that carry out an activity of the municipality's roadmap, read
/// from its wording (the roadmap names no directions); the council can change them later.
pub fn directions_of(title: &str) -> Vec<String> {
    let t = title.to_lowercase();
    let links: &[(&str, &[&str])] = &[
        ("наполнение информационной базы", &[ALL_DIRECTIONS]),
        ("с ветеранами", &["living_voices"]),
        ("с жителями", &["heroes"]),
        ("медиа-план", &["media"]),
        ("информационное освещение", &["media"]),
        ("в образовательном процессе", &["education"]),
        ("ознакомительных экскурсий", &["education"]),
        ("краеведческой конференции", &["places", "documents"]),
        ("площадок для продвижения", &["media"]),
        ("развития интерактивного портала", &[ALL_DIRECTIONS]),
    ];
    links
        .iter()
        .find(|(words, _)| t.contains(words))
        .map(|(_, codes)| codes.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

/// «постоянно» / «раз в квартал» / «по отдельному плану», or «однократно» when the roadmap
/// gives no period.
pub fn period_label(period: &str) -> &str {
    if period.trim().is_empty() {
        "однократно"
    } else {
        period
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_has_thirteen_activities() {
        let activities = parse(SEED);
        assert_eq!(activities.len(), 13);
        assert_eq!(activities[0].number, 1);
        let fill = &activities[5];
        assert_eq!(fill.number, 6);
        assert_eq!(fill.directions, [ALL_DIRECTIONS]);
        assert_eq!(activities[1].directions, ["living_voices"]);
        assert_eq!(activities[8].directions, ["heroes"]);
        assert_eq!(activities[10].directions, ["education"]);
        assert!(
            activities[2].directions.is_empty(),
            "the estimate is nobody's direction"
        );
        assert!(
            fill.title.starts_with("Наполнение информационной базы"),
            "{}",
            fill.title
        );
        assert_eq!(fill.period, "постоянно");
        assert!(fill.departments.contains("Рабочие группы"));
        assert_eq!(activities[3].period, "раз в квартал");
        assert_eq!(period_label(&activities[0].period), "однократно");
        assert_eq!(
            activities[3].departments, "МКУ «Управление информационной политики»",
            "a department's own closing quote is kept"
        );
        assert_eq!(
            activities[12].departments, "МКУ «Управление делами Администрации»",
            "the annex's closing quote is not a department's"
        );
        assert_eq!(activities[7].directions, ["media"]);
    }
}
