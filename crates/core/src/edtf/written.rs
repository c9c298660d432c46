//! Dates as people write them — in spreadsheets, in residents' forms — read into EDTF:
//! `05.03.1921`, `3.1921`, `1921 г.`, `около 1921`, `194х`. One reader for the CSV import and the
//! residents' stories, so both accept the same forms and explain a mistake the same way.

use super::{Edtf, days_in_month, month_prepositional_ru};

/// Parses a date cell: empty → `None`; otherwise the spreadsheet forms are rewritten to EDTF and
/// parsed. Errors read «неверная дата «31.02.1921»: в феврале 1921 г. 28 дней».
pub fn parse_date(raw: &str) -> Result<Option<Edtf>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let edtf = date_to_edtf(raw).map_err(|why| format!("неверная дата «{raw}»: {why}"))?;
    Edtf::parse(&edtf)
        .map(Some)
        .map_err(|e| format!("неверная дата «{raw}»: {}", lower_first(&e.message)))
}

/// Rewrites what Russian spreadsheets hold into EDTF text, checking the calendar on the way:
/// `05.03.1921` → `1921-03-05`, `3.1921` → `1921-03`, `1921 г.` → `1921`, `около 1921` /
/// `ок. 1921` → `1921~`, `около 1921?` → `1921%`. Anything else (already EDTF: `1942-03~`,
/// `194X`, `1941/1945`) passes through unchanged for [`Edtf::parse`] to judge.
pub fn date_to_edtf(raw: &str) -> Result<String, String> {
    let lower = raw.trim().to_lowercase();
    let mut s = lower.as_str();
    let mut approximate = false;
    for prefix in [
        "около",
        "ок.",
        "ок ",
        "примерно",
        "прим.",
        "приблизительно",
        "circa",
        "ca.",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            approximate = true;
            s = rest.trim_start();
            break;
        }
    }
    // An EDTF qualifier written after the Russian form («1921 г.?»), kept for the end.
    let mut qualifier = None;
    if let Some(last) = s.chars().last()
        && matches!(last, '?' | '~' | '%')
    {
        qualifier = Some(last);
        s = s[..s.len() - last.len_utf8()].trim_end();
    }
    for suffix in ["года", "год", "гг.", "гг", "г.", "г"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
            break;
        }
    }
    // EDTF has no lower-case letters (`194X`, `T`, `Y`), and a Cyrillic «х» typed for the
    // unspecified digit is common in Russian spreadsheets.
    let core = match dotted(s)? {
        Some(d) => d,
        None => s.replace('х', "X").to_ascii_uppercase(),
    };
    let qualifier = match (approximate, qualifier) {
        (false, q) => q,
        (true, None | Some('~')) => Some('~'),
        // Approximate and uncertain at once is EDTF's `%`.
        (true, Some(_)) => Some('%'),
    };
    Ok(match qualifier {
        Some(q) => format!("{core}{q}"),
        None => core,
    })
}

/// `dd.mm.yyyy` and `mm.yyyy` (one or two digits) → EDTF, with the calendar checked so that the
/// message names the real problem; `None` when the text is not in a dotted form at all.
fn dotted(s: &str) -> Result<Option<String>, String> {
    let parts: Vec<&str> = s.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() < 2 || parts.len() > 3 || !parts.iter().all(numeric) {
        return Ok(None);
    }
    let year_text = parts[parts.len() - 1];
    if year_text.len() != 4 {
        return Err("год нужно указать четырьмя цифрами (например, 05.03.1921)".into());
    }
    let (day_text, month_text) = match parts.as_slice() {
        [d, m, _] => (Some(*d), *m),
        [m, _] => (None, *m),
        _ => return Ok(None),
    };
    if month_text.len() > 2 || day_text.is_some_and(|d| d.len() > 2) {
        return Ok(None);
    }
    // All parts are 1–4 ASCII digits, so these parses cannot fail.
    let year: i32 = year_text.parse().map_err(|_| "неверный год".to_string())?;
    let month: u32 = month_text
        .parse()
        .map_err(|_| "неверный месяц".to_string())?;
    if !(1..=12).contains(&month) {
        return Err(format!("месяца {month} не бывает, месяцы — от 1 до 12"));
    }
    let Some(day_text) = day_text else {
        return Ok(Some(format!("{year:04}-{month:02}")));
    };
    let day: u32 = day_text.parse().map_err(|_| "неверный день".to_string())?;
    // `month` was checked to be 1–12 above.
    let days = u32::from(days_in_month(year, month as u8));
    if day == 0 {
        return Err("дня 0 не бывает".into());
    }
    if day > days {
        return Err(format!(
            "в {} {year} г. {days} {}",
            month_prepositional_ru(month as u8),
            days_word(days)
        ));
    }
    Ok(Some(format!("{year:04}-{month:02}-{day:02}")))
}

/// 28–31 days: «28 дней», «29 дней», «30 дней», but «31 день».
fn days_word(n: u32) -> &'static str {
    if n % 10 == 1 && n % 100 != 11 {
        "день"
    } else {
        "дней"
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_date_forms_become_edtf() {
        let ok = |raw: &str| date_to_edtf(raw).unwrap();
        assert_eq!(ok("05.03.1921"), "1921-03-05");
        assert_eq!(ok("5.3.1921"), "1921-03-05");
        assert_eq!(ok("03.1921"), "1921-03");
        assert_eq!(ok("1921 г."), "1921");
        assert_eq!(ok("1921г"), "1921");
        assert_eq!(ok("1921 года"), "1921");
        assert_eq!(ok("около 1921"), "1921~");
        assert_eq!(ok("Около 1921 г."), "1921~");
        assert_eq!(ok("ок. 1921"), "1921~");
        assert_eq!(ok("ок.1921"), "1921~");
        assert_eq!(ok("1921?"), "1921?");
        assert_eq!(ok("1921 г.?"), "1921?");
        assert_eq!(ok("около 1921?"), "1921%");
        assert_eq!(ok("1942-03~"), "1942-03~");
        assert_eq!(ok("194X"), "194X");
        assert_eq!(ok("194х"), "194X");
        assert_eq!(ok("1941/1945"), "1941/1945");
        assert_eq!(ok("29.02.1940"), "1940-02-29");
    }

    #[test]
    fn calendar_mistakes_are_explained() {
        assert_eq!(
            date_to_edtf("31.02.1921").unwrap_err(),
            "в феврале 1921 г. 28 дней"
        );
        assert_eq!(
            date_to_edtf("31.04.1942").unwrap_err(),
            "в апреле 1942 г. 30 дней"
        );
        assert_eq!(
            date_to_edtf("30.02.1940").unwrap_err(),
            "в феврале 1940 г. 29 дней"
        );
        assert!(
            date_to_edtf("12.13.1921")
                .unwrap_err()
                .contains("месяца 13")
        );
        assert!(date_to_edtf("00.01.1921").unwrap_err().contains("дня 0"));
        assert!(date_to_edtf("05.03.21").unwrap_err().contains("четырьмя"));
        assert_eq!(
            parse_date("31.02.1921").unwrap_err(),
            "неверная дата «31.02.1921»: в феврале 1921 г. 28 дней"
        );
    }

    #[test]
    fn years_parse_and_garbage_does_not() {
        assert_eq!(parse_date(" 1921 г. ").unwrap().unwrap().as_str(), "1921");
        assert_eq!(parse_date("").unwrap(), None);
        assert!(
            parse_date("весна")
                .unwrap_err()
                .starts_with("неверная дата «весна»")
        );
    }
}
