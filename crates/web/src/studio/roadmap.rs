//! The roadmap as data: the town's «дорожная карта» (`seed/roadmap.ru.txt`, the annex to the
//! Administration's resolution), read from its tab-separated layout: one activity per line,
//! `N. Activity<TAB>period<TAB>responsible departments`.

use letopis_store::accounts::NewActivity;

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
                title: title.trim().to_string(),
                period: cols.next().unwrap_or("").to_string(),
                departments: cols
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('»')
                    .trim()
                    .to_string(),
            })
        })
        .collect()
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
        assert!(
            fill.title.starts_with("Наполнение информационной базы"),
            "{}",
            fill.title
        );
        assert_eq!(fill.period, "постоянно");
        assert!(fill.departments.contains("Рабочие группы"));
        assert_eq!(activities[3].period, "раз в квартал");
        assert_eq!(period_label(&activities[0].period), "однократно");
    }
}
