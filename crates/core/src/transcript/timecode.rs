//! Clock times as transcripts write them (`01:02:03.500`, `01:02:03,500`, `[01:02:03]`), read
//! into milliseconds with a Russian reason for each way a time can be wrong.

/// How a format writes the fraction of a second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Millis {
    /// WebVTT: always `.mmm`.
    Dot,
    /// SRT: `,mmm`, and `.mmm` as some tools write it.
    Comma,
    /// Plain-text marks: whole seconds, `.mmm` allowed.
    Optional,
}

impl Millis {
    fn example(self) -> &'static str {
        match self {
            Millis::Dot => "00:01:02.500",
            Millis::Comma => "00:01:02,500",
            Millis::Optional => "00:01:02",
        }
    }
}

/// Reads `[h:]mm:ss` with the fraction `millis` asks for.
pub(crate) fn parse_time(s: &str, millis: Millis) -> Result<u32, String> {
    let example = millis.example();
    let malformed = || format!("время «{s}» записано неверно: нужно чч:мм:сс, например {example}");
    let (clock, fraction) =
        split_fraction(s, millis).map_err(|reason| format!("время «{s}» — {reason}"))?;
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [m, sec] => ("0", *m, *sec),
        [h, m, sec] => (*h, *m, *sec),
        _ => return Err(malformed()),
    };
    let [h, m, sec] = [h, m, sec].map(number);
    let (Some(h), Some(m), Some(sec)) = (h, m, sec) else {
        return Err(malformed());
    };
    if m > 59 {
        return Err(format!("время «{s}» — минут не бывает больше 59"));
    }
    if sec > 59 {
        return Err(format!("время «{s}» — секунд не бывает больше 59"));
    }
    let total = h * 3_600_000 + m * 60_000 + sec * 1000 + fraction;
    u32::try_from(total)
        .map_err(|_| format!("время «{s}» слишком велико: запись не бывает длиннее тысячи часов"))
}

/// Splits off the milliseconds, or says what is wrong with them.
fn split_fraction(s: &str, millis: Millis) -> Result<(&str, u64), String> {
    let sep = s.find(['.', ',']);
    let (clock, digits) = match (sep, millis) {
        (None, Millis::Optional) => return Ok((s, 0)),
        (None, Millis::Dot) => {
            return Err("не хватает миллисекунд: нужно чч:мм:сс.ммм, например 00:01:02.500".into());
        }
        (None, Millis::Comma) => {
            return Err("не хватает миллисекунд: нужно чч:мм:сс,ммм, например 00:01:02,500".into());
        }
        (Some(at), _) => (&s[..at], &s[at + 1..]),
    };
    let sep = s.as_bytes()[clock.len()];
    if sep == b',' && millis != Millis::Comma {
        return Err(format!(
            "миллисекунды здесь отделяются точкой, а не запятой: {}",
            Millis::Dot.example()
        ));
    }
    if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "после «{}» нужны ровно три цифры миллисекунд, например {}",
            sep as char,
            millis.example()
        ));
    }
    Ok((clock, digits.parse().unwrap_or(0)))
}

fn number(part: &str) -> Option<u64> {
    if part.is_empty() || part.len() > 7 || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// `hh:mm:ss` followed by `sep` and milliseconds, as WebVTT (`.`) and SRT (`,`) write it.
pub(crate) fn format_time(ms: u32, sep: char) -> String {
    format!("{}{sep}{:03}", format_seconds(ms), ms % 1000)
}

/// `hh:mm:ss`, dropping the milliseconds.
pub(crate) fn format_seconds(ms: u32) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    format!("{h:02}:{:02}:{:02}", rest / 60_000, rest % 60_000 / 1000)
}

/// A time for a message: whole seconds when there are no milliseconds to show.
pub(crate) fn human(ms: u32) -> String {
    if ms.is_multiple_of(1000) {
        format_seconds(ms)
    } else {
        format_time(ms, '.')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_format_s_times() {
        assert_eq!(parse_time("01:02:03.500", Millis::Dot), Ok(3_723_500));
        assert_eq!(parse_time("02:03.500", Millis::Dot), Ok(123_500));
        assert_eq!(parse_time("01:02:03,500", Millis::Comma), Ok(3_723_500));
        assert_eq!(parse_time("01:02:03.500", Millis::Comma), Ok(3_723_500));
        assert_eq!(parse_time("1:02:03", Millis::Optional), Ok(3_723_000));
        assert_eq!(parse_time("02:03", Millis::Optional), Ok(123_000));
        assert_eq!(parse_time("100:00:00.000", Millis::Dot), Ok(360_000_000));
    }

    #[test]
    fn says_what_is_wrong_with_a_time() {
        let reason = |s, m| parse_time(s, m).unwrap_err();
        assert_eq!(
            reason("00:61:00", Millis::Optional),
            "время «00:61:00» — минут не бывает больше 59"
        );
        assert_eq!(
            reason("00:00:60,000", Millis::Comma),
            "время «00:00:60,000» — секунд не бывает больше 59"
        );
        assert!(reason("00:00:01,000", Millis::Dot).contains("точкой, а не запятой"));
        assert!(reason("00:00:01", Millis::Dot).contains("не хватает миллисекунд"));
        assert!(reason("00:00:01.5", Millis::Dot).contains("ровно три цифры"));
        assert!(reason("1:2:3:4", Millis::Optional).contains("записано неверно"));
        assert!(reason("aa:bb", Millis::Optional).contains("записано неверно"));
        assert!(reason("9999999:00:00", Millis::Optional).contains("слишком велико"));
    }

    #[test]
    fn writes_times() {
        assert_eq!(format_time(3_723_501, '.'), "01:02:03.501");
        assert_eq!(format_time(500, ','), "00:00:00,500");
        assert_eq!(format_seconds(3_723_999), "01:02:03");
        assert_eq!(human(61_000), "00:01:01");
        assert_eq!(human(61_500), "00:01:01.500");
    }
}
