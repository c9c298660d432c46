//! The interface language: Fluent message files, Russian first and English second.
//!
//! Messages live in `crates/web/locales/{ru,en}/<area>.ftl` (one file per page area), embedded
//! at build time by `build.rs`. Code and templates reach them only through [`Tr`]:
//!
//! ```text
//! {{ t.msg("home-title") }}                      plain message
//! {{ t.count("count-person", n) }}               «1 герой, 2 героя, 5 героев, 21 герой»
//! t.args("error-page-number", &[("value", text.into())])
//! t.label("fate", fate)                          key `fate-died-of-wounds` from the serde code
//! t.date(&edtf)                                  «23 ноября 1941 г.» / "23 November 1941"
//! ```
//!
//! Plural forms are Fluent's: a message selects on `$count` with CLDR categories (Russian has
//! `one`, `few`, `many`). A key missing in English falls back to Russian, a key missing
//! everywhere shows the key itself; either is logged once per key and never panics, so a
//! forgotten translation degrades a page instead of breaking it. The unit tests below check that
//! both languages define the same keys, which catches most omissions before they ship.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use letopis_core::Edtf;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// An interface language. Russian is the museum's language and the fallback for everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The BCP 47 tag, used in `<html lang>`, `Content-Language`, the cookie and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The other language, which the switch in the header offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A message to be rendered later in whatever language the response turns out to need: errors
/// are built deep in handlers, before anyone knows whether they become a page or JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, value.into()));
        self
    }
}

/// The translation handle of one response. Cheap to copy into every page struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr {
    lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message without arguments.
    pub fn msg(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message that selects a plural form on `$count`.
    pub fn count(&self, id: &str, count: u64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", count);
        self.format(id, Some(&args))
    }

    /// A message that selects a plural form on `$count` and has other (text) arguments too.
    pub fn count_with(&self, id: &str, count: u64, values: &[(&str, Cow<'_, str>)]) -> String {
        let mut args = FluentArgs::new();
        args.set("count", count);
        for (name, value) in values {
            args.set(*name, FluentValue::from(value.as_ref()));
        }
        self.format(id, Some(&args))
    }

    /// A message with named arguments; numbers are passed as text and so never select plurals
    /// (use [`Tr::count`] for that).
    pub fn args(&self, id: &str, values: &[(&str, Cow<'_, str>)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, FluentValue::from(value.as_ref()));
        }
        self.format(id, Some(&args))
    }

    pub fn message(&self, m: &Message) -> String {
        let values: Vec<(&str, Cow<'_, str>)> = m
            .args
            .iter()
            .map(|(n, v)| (*n, Cow::Borrowed(v.as_str())))
            .collect();
        self.args(m.id, &values)
    }

    /// The label of a code-named value from core (`Fate`, `PlaceType`, `RelationType`, …):
    /// `label("fate", Fate::DiedOfWounds)` reads the key `fate-died-of-wounds`. The code is the
    /// value's serde name, the same one the database and the API use.
    pub fn label<T: Serialize>(&self, prefix: &str, value: T) -> String {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::String(code)) => {
                self.msg(&format!("{prefix}-{}", code.replace('_', "-")))
            }
            _ => {
                report_once(format!("{prefix}: not a unit enum"), || {
                    tracing::error!(prefix, "a label was asked for a value without a code");
                });
                String::new()
            }
        }
    }

    /// An EDTF date in words.
    pub fn date(&self, date: &Edtf) -> String {
        match self.lang {
            Lang::Ru => date.to_russian(),
            Lang::En => date.to_english(),
        }
    }

    /// An optional date in words, empty when there is none.
    /// A calendar day in words («20 апреля 2027 г.»): plans, programmes, deadlines.
    pub fn day(&self, day: jiff::civil::Date) -> String {
        Edtf::parse(&day.to_string())
            .map(|e| self.date(&e))
            .unwrap_or_else(|_| day.to_string())
    }

    pub fn date_opt(&self, date: Option<&Edtf>) -> String {
        date.map(|d| self.date(d)).unwrap_or_default()
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let bundles = &*BUNDLES;
        let found = bundles[self.lang.index()]
            .get_message(id)
            .and_then(|m| m.value())
            .map(|p| (&bundles[self.lang.index()], p));
        let (bundle, pattern) = match found {
            Some(hit) => hit,
            None => {
                let ru = &bundles[Lang::Ru.index()];
                match ru.get_message(id).and_then(|m| m.value()) {
                    Some(p) => {
                        report_once(format!("{}:{id}", self.lang.code()), || {
                            tracing::warn!(id, lang = self.lang.code(), "untranslated message");
                        });
                        (ru, p)
                    }
                    None => {
                        report_once(id.to_string(), || {
                            tracing::error!(id, "no such message in any language");
                        });
                        return id.to_string();
                    }
                }
            }
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            report_once(format!("format:{id}"), || {
                tracing::error!(id, ?errors, "a message did not format cleanly");
            });
        }
        text.into_owned()
    }
}

/// Runs `log` the first time `key` is seen in this process, so a missing message on a busy
/// page is one log line, not one per request.
fn report_once(key: String, log: impl FnOnce()) {
    static SEEN: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Default::default);
    let first = SEEN
        .lock()
        .map(|mut seen| seen.insert(key))
        // A poisoned lock only means another thread panicked while logging: log anyway.
        .unwrap_or(true);
    if first {
        log();
    }
}

/// Counts of five digits and more are grouped by thousands, as each language writes them
/// («42 166 записей», "42,166 records"); four digits stay whole, as years and most counts do.
fn group_digits(value: &FluentValue<'_>, separator: &str) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() < 10_000.0 || n.value.abs() > 1e15 {
        return None;
    }
    let digits = (n.value.abs() as u64).to_string();
    let mut out = String::from(if n.value < 0.0 { "-" } else { "" });
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    Some(out)
}

fn group_digits_ru<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    // A no-break space, so a count never breaks across lines.
    group_digits(value, "\u{a0}")
}

fn group_digits_en<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    group_digits(value, ",")
}

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| Lang::ALL.map(bundle));

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments help right-to-left scripts, which we do not
    // have; in Russian and English they only get in the way of tests and copy-paste.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Ru => group_digits_ru,
        Lang::En => group_digits_en,
    }));
    for (file_lang, file, source) in LOCALE_FILES {
        if *file_lang != lang.code() {
            continue;
        }
        let resource =
            FluentResource::try_new((*source).to_string()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(
                    file,
                    lang = file_lang,
                    ?errors,
                    "syntax errors in a message file"
                );
                partial
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(file, lang = file_lang, ?errors, "duplicate message ids");
        }
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;
    use letopis_core::entities::Fate;
    use std::collections::BTreeSet;

    /// Every message id of one language, from the embedded files.
    fn ids(lang: Lang) -> BTreeSet<String> {
        id_list(lang).into_iter().collect()
    }

    /// Every message id of one language as defined, file by file (repeats kept).
    fn id_list(lang: Lang) -> Vec<String> {
        LOCALE_FILES
            .iter()
            .filter(|(l, _, _)| *l == lang.code())
            .flat_map(|(_, file, source)| {
                let resource = FluentResource::try_new((*source).to_string())
                    .unwrap_or_else(|(_, e)| panic!("{file} ({}): {e:?}", lang.code()));
                resource
                    .entries()
                    .filter_map(|e| match e {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// A second definition of an id silently shadows the first in the bundle: a count message
    /// and a heading once shared `lesson-questions`, and the heading read «{$count} вопросов».
    #[test]
    fn every_message_is_defined_once() {
        for lang in [Lang::Ru, Lang::En] {
            let mut seen = BTreeSet::new();
            let twice: Vec<String> = id_list(lang)
                .into_iter()
                .filter(|id| !seen.insert(id.clone()))
                .collect();
            assert!(
                twice.is_empty(),
                "{}: defined twice: {twice:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn both_languages_define_the_same_messages() {
        let (ru, en) = (ids(Lang::Ru), ids(Lang::En));
        assert!(ru.len() > 100, "messages were not embedded: {}", ru.len());
        let only_ru: Vec<_> = ru.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&ru).collect();
        assert!(
            only_ru.is_empty(),
            "not translated into English: {only_ru:?}"
        );
        assert!(only_en.is_empty(), "English without Russian: {only_en:?}");
    }

    #[test]
    fn russian_plurals_come_from_fluent() {
        let t = Tr::new(Lang::Ru);
        assert_eq!(t.count("count-person", 1), "1 герой");
        assert_eq!(t.count("count-person", 2), "2 героя");
        assert_eq!(t.count("count-person", 5), "5 героев");
        assert_eq!(t.count("count-person", 11), "11 героев");
        assert_eq!(t.count("count-person", 21), "21 герой");
        assert_eq!(t.count("count-person", 0), "0 героев");
        assert_eq!(t.count("count-interview", 3), "3 живых голоса");
    }

    #[test]
    fn large_counts_are_grouped_by_thousands() {
        assert_eq!(Tr::new(Lang::Ru).count("count-person", 1941), "1941 герой");
        assert_eq!(
            Tr::new(Lang::Ru).count("count-person", 42_166),
            "42\u{a0}166 героев"
        );
        assert_eq!(
            Tr::new(Lang::Ru).count("count-person", 1_000_001),
            "1\u{a0}000\u{a0}001 герой"
        );
        assert_eq!(
            Tr::new(Lang::En).count("count-person", 42_166),
            "42,166 heroes"
        );
    }

    #[test]
    fn english_plurals_come_from_fluent() {
        let t = Tr::new(Lang::En);
        assert_eq!(t.count("count-person", 1), "1 hero");
        assert_eq!(t.count("count-person", 2), "2 heroes");
        assert_eq!(t.count("count-person", 5), "5 heroes");
        assert_eq!(t.count("count-person", 21), "21 heroes");
    }

    #[test]
    fn labels_are_found_by_code() {
        assert_eq!(
            Tr::new(Lang::Ru).label("fate", Fate::DiedOfWounds),
            "умер от ран"
        );
        assert_eq!(
            Tr::new(Lang::En).label("fate", Fate::DiedOfWounds),
            "died of wounds"
        );
    }

    #[test]
    fn missing_messages_never_panic() {
        assert_eq!(Tr::new(Lang::En).msg("no-such-message"), "no-such-message");
        let m = Message::new("error-page-number").arg("value", "abc");
        assert!(Tr::new(Lang::Ru).message(&m).contains("«abc»"));
        assert!(Tr::new(Lang::En).message(&m).contains("abc"));
    }
}
