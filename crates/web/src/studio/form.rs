//! The record forms: one table of fields per kind, and one way to turn a body into form values
//! and form values back into a body.
//!
//! A field names a path in the body's JSON (`name.surname`); a submitted form is written into
//! the JSON of the record as it was (or of an empty record), so parts the form does not show
//! (an interview's transcript, a story's blocks) are kept as they are. The result is read back
//! into the core type and checked by core's own `validate`, so the rules live in one place and
//! the messages are core's Russian ones.

#[cfg(test)]
use letopis_core::RecordId;
use letopis_core::access::{AccessLevel, AgeRating};
use letopis_core::entities::{
    Collection, Event, ExternalDb, ExternalRef, Interview, Item, MediaRef, Organization, Person,
    Place, Source, Story,
};
use letopis_core::record::Settings;
use letopis_core::{Body, Edtf, Kind};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// One line; empty stays an empty string.
    Text,
    /// One line; empty means "not given" (an optional value).
    OptText,
    Area,
    Edtf,
    /// Choose one; the first option with code "" means "not given".
    Select(&'static [(&'static str, &'static str)]),
    /// One value per line.
    Lines,
    Number,
    Check,
    /// Citations, one per line: `text | locator | №source`.
    Citations,
    /// Record numbers, one per line (collection members).
    Ids,
    /// Uploaded files: one (`multi` false) or several.
    Media {
        multi: bool,
    },
    /// A story's blocks as the text of [`super::blocks`].
    Blocks,
    /// A calendar day, `ГГГГ-ММ-ДД`; empty means "not given".
    Day,
    /// An interview's recording parts, in order: uploaded audio or video files. A new part's
    /// length is filled in from its upload's probe when the form is saved.
    Recordings,
    /// An interview's transcript as plain text with `[hh:mm:ss]` marks (the transcriber's
    /// format, see `letopis_core::transcript::plain`).
    Transcript,
    /// An interview's index segments as the text of [`super::segments`].
    Segments,
    /// Record numbers in the state memorial databases, one per line: `Мемориал 56789012`.
    DatabaseRecords,
    /// An interview's closed stretches, one per line: `0:12:30–0:14:05 причина`.
    Redactions,
    /// The images a story's blocks show, uploaded beside the text and numbered there; read
    /// together with the blocks, never on their own.
    Illustrations,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The form field's name; also the name core's validation uses for the problem.
    pub key: &'static str,
    /// Where the value lives in the body's JSON.
    pub path: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub widget: Widget,
}

const fn f(
    key: &'static str,
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    widget: Widget,
) -> Field {
    Field {
        key,
        path,
        label,
        hint,
        widget,
    }
}

const EDTF_HINT: &str = "Дата в формате EDTF: 1941-11-23, 1942-03~ (около марта 1942), 1943? (возможно 1943), 1941/1945, 194X.";
const SOURCES_HINT: &str = "По одному источнику в строке: текст ссылки | лист или страница | № записи источника в базе (необязательно), например «ЦАМО, ф. 58, оп. 18001, д. 1 | л. 5 | 12».";

const SEX: &[(&str, &str)] = &[
    ("", "не указан"),
    ("male", "мужской"),
    ("female", "женский"),
];
const FATE: &[(&str, &str)] = &[
    ("", "не указана"),
    ("returned", "вернулся с фронта"),
    ("killed", "погиб"),
    ("missing", "пропал без вести"),
    ("died_of_wounds", "умер от ран"),
    ("died_in_captivity", "погиб в плену"),
    ("survived", "пережил войну"),
];
const LIVING: &[(&str, &str)] = &[
    ("", "определить по датам и судьбе"),
    ("true", "жив(а)"),
    ("false", "умер(ла)"),
];
const PLACE_TYPE: &[(&str, &str)] = &[
    ("settlement", "населённый пункт"),
    ("street", "улица"),
    ("factory", "завод"),
    ("hospital", "госпиталь"),
    ("school", "школа"),
    ("station", "станция"),
    ("defence_line", "рубеж обороны"),
    ("memorial", "памятник"),
    ("cemetery", "захоронение"),
    ("airfield", "аэродром"),
    ("other", "другое"),
];
const EVENT_TYPE: &[(&str, &str)] = &[
    ("battle", "бой, сражение"),
    ("evacuation", "эвакуация"),
    ("air_raid", "авианалёт"),
    ("production", "производство"),
    ("mobilization", "мобилизация"),
    ("liberation", "освобождение"),
    ("commemoration", "памятное событие"),
    ("other", "другое"),
];
const ITEM_TYPE: &[(&str, &str)] = &[
    ("photo", "фотография"),
    ("letter", "письмо"),
    ("document", "документ"),
    ("newspaper", "газета"),
    ("artifact", "предмет"),
    ("drawing", "рисунок"),
    ("audio", "аудиозапись"),
    ("video", "видеозапись"),
];
const ORG_TYPE: &[(&str, &str)] = &[
    ("military_unit", "воинская часть"),
    ("militia", "ополчение"),
    ("partisan_unit", "партизанский отряд"),
    ("factory", "завод"),
    ("school", "школа"),
    ("hospital", "госпиталь"),
    ("administration", "орган власти"),
    ("other", "другое"),
];
const SOURCE_TYPE: &[(&str, &str)] = &[
    ("archive", "архив"),
    ("database", "база данных"),
    ("publication", "публикация"),
    ("website", "сайт"),
    ("oral", "устное свидетельство"),
    ("family", "семейный архив"),
];

use Widget::*;

const PERSON: &[Field] = &[
    f("surname", "name.surname", "Фамилия", "", Text),
    f("given_name", "name.given", "Имя", "", Text),
    f("patronymic", "name.patronymic", "Отчество", "", Text),
    f(
        "maiden",
        "name.maiden",
        "Фамилия при рождении",
        "Если менялась (например, после замужества).",
        OptText,
    ),
    f(
        "variants",
        "name.variants",
        "Другие написания",
        "По одному в строке, как встречаются в источниках.",
        Lines,
    ),
    f("sex", "sex", "Пол", "", Select(SEX)),
    f("birth", "birth", "Дата рождения", EDTF_HINT, Edtf),
    f("death", "death", "Дата смерти", EDTF_HINT, Edtf),
    f(
        "birth_place",
        "birth_place",
        "Место рождения (как в документах)",
        "",
        Text,
    ),
    f(
        "living",
        "living",
        "Жив ли человек",
        "Живой человек публикуется только с его согласием на распространение персональных данных.",
        Select(LIVING),
    ),
    f("fate", "fate", "Судьба", "", Select(FATE)),
    f("rank", "service.rank", "Звание", "", Text),
    f("unit", "service.unit", "Часть", "", Text),
    f(
        "drafted",
        "service.drafted",
        "Призван",
        "Военкомат и дата, например «Химкинский РВК, 23.06.1941».",
        Text,
    ),
    f("awards", "awards", "Награды", "По одной в строке.", Lines),
    f("biography", "biography", "Биография", "", Area),
    f(
        "health",
        "health",
        "Ранения, здоровье",
        "Показываются публично только при отдельном согласии на сведения о здоровье.",
        Area,
    ),
    f("sources", "sources", "Источники", SOURCES_HINT, Citations),
    f(
        "memorial_refs",
        "memorial_refs",
        "Номера в ОБД «Мемориал», «Память народа», «Подвиг народа»",
        "По одному в строке: база и номер записи, например «Мемориал 56789012» или \
         «Память народа 1234567».",
        DatabaseRecords,
    ),
    f(
        "portrait",
        "portrait",
        "Портрет",
        "Фотография человека.",
        Media { multi: false },
    ),
];

const PLACE: &[Field] = &[
    f("name", "name", "Название", "", Text),
    f(
        "place_type",
        "place_type",
        "Тип места",
        "",
        Select(PLACE_TYPE),
    ),
    f(
        "district",
        "district",
        "Микрорайон",
        "Например: Сходня, Левобережный, Подрезково, Новогорск.",
        Text,
    ),
    f(
        "lat",
        "lat",
        "Широта",
        "Десятичные градусы, например 55.8897.",
        Number,
    ),
    f(
        "lon",
        "lon",
        "Долгота",
        "Десятичные градусы, например 37.4439.",
        Number,
    ),
    f("description", "description", "Описание", "", Area),
    f("image", "image", "Изображение", "", Media { multi: false }),
];

const EVENT: &[Field] = &[
    f("title", "title", "Название", "", Text),
    f(
        "event_type",
        "event_type",
        "Тип события",
        "",
        Select(EVENT_TYPE),
    ),
    f("date", "date", "Дата или период", EDTF_HINT, Edtf),
    f("description", "description", "Описание", "", Area),
    f("sources", "sources", "Источники", SOURCES_HINT, Citations),
];

const ITEM: &[Field] = &[
    f("title", "title", "Название", "", Text),
    f("item_type", "item_type", "Вид", "", Select(ITEM_TYPE)),
    f("date", "date", "Дата", EDTF_HINT, Edtf),
    f("description", "description", "Описание", "", Area),
    f(
        "transcription",
        "transcription",
        "Расшифровка рукописного текста",
        "",
        Area,
    ),
    f("holder", "holder", "Где хранится оригинал", "", Text),
    f(
        "provenance",
        "provenance",
        "Происхождение",
        "Откуда предмет поступил в музей.",
        Text,
    ),
    f("rights", "rights", "Права", "", Text),
    f("sources", "sources", "Источники", SOURCES_HINT, Citations),
    f(
        "media",
        "media",
        "Файлы",
        "Сканы, фотографии, записи.",
        Media { multi: true },
    ),
];

const ORGANIZATION: &[Field] = &[
    f("name", "name", "Название", "", Text),
    f("org_type", "org_type", "Тип", "", Select(ORG_TYPE)),
    f("active", "active", "Годы существования", EDTF_HINT, Edtf),
    f("description", "description", "Описание", "", Area),
];

const INTERVIEW: &[Field] = &[
    f("title", "title", "Название", "", Text),
    f("summary", "summary", "Краткое содержание", "", Area),
    f(
        "narrator_deceased",
        "narrator_deceased",
        "Рассказчик умер",
        "Отметьте, если рассказчика нет в живых: тогда для публикации нужно согласие наследников или решение о публичном интересе.",
        Check,
    ),
    f(
        "interviewers",
        "interviewers",
        "Интервьюеры",
        "По одному в строке.",
        Lines,
    ),
    f("recorded", "recorded", "Дата записи", EDTF_HINT, Edtf),
    f(
        "recordings",
        "recordings",
        "Записи интервью",
        "Аудио- или видеофайлы, по одному на часть, в порядке частей. Подпись — название части \
         («Часть 1, детство»).",
        Recordings,
    ),
    f(
        "language",
        "language",
        "Язык",
        "Код языка, например ru.",
        Text,
    ),
    f("sources", "sources", "Источники", SOURCES_HINT, Citations),
    f(
        "transcript",
        "transcript",
        "Расшифровка",
        "Каждая реплика начинается с отметки времени в начале строки, например «[00:12:31] \
         Мария Ивановна: Мы жили у станции». Неясное место: «[неразборчиво 00:12:31]». \
         Отметка одна в строке — конец реплики или пауза. Клавиши в этом поле: Ctrl+Пробел — \
         пуск и пауза, Ctrl+← — на 5 секунд назад, Ctrl+↓ — медленнее или обычная скорость, \
         Ctrl+Enter — вставить текущее время, Ctrl+U — отметить неразборчивое место.",
        Transcript,
    ),
    f(
        "segments",
        "segments",
        "Оглавление (индекс)",
        "Фрагмент — абзац: первая строка «[00:12:30] Название», затем поля по одному в строке: \
         «Начало: первые слова», «Кратко: о чём», «Ключевые слова: …; …», «Темы: …; …», \
         «Упоминаются: №12, №45» (люди, места, события базы — их страницы покажут этот момент), \
         «Место: 55.8897, 37.4449 Станция Химки», «Ссылка: https://… текст». \
         Пустая строка начинает следующий фрагмент.",
        Segments,
    ),
    f(
        "pseudonym",
        "pseudonym",
        "Псевдоним рассказчика",
        "Если рассказчик просил не называть его: псевдоним заменит имя везде в портале, \
         а интервью не будет связано с его карточкой.",
        OptText,
    ),
    f(
        "redactions",
        "redactions",
        "Закрытые фрагменты записи",
        "По одному в строке: начало–конец по общему времени интервью и причина (её видит \
         только музей), например «0:12:30–0:14:05 семейное». Эти места не звучат, не видны \
         в расшифровке и не находятся поиском.",
        Redactions,
    ),
    f(
        "narrator_approved",
        "narrator_approved",
        "Одобрено рассказчиком",
        "Дата, когда рассказчик (или наследники) одобрил запись и расшифровку, ГГГГ-ММ-ДД. \
         Без неё интервью не публикуется.",
        Day,
    ),
];

const STORY: &[Field] = &[
    f("title", "title", "Название", "", Text),
    f("lead", "lead", "Вступление", "", Area),
    f("authors", "authors", "Авторы", "По одному в строке.", Lines),
    f("cover", "cover", "Обложка", "", Media { multi: false }),
    f(
        "blocks",
        "blocks",
        "Текст рассказа",
        "Пустая строка начинает новый абзац. «## » в начале строки — заголовок; «> » — цитата, \
         а строка «> — Имя (№12)» под ней — кто сказал. Отдельной строкой: [иллюстрация 1] \
         (номер файла из списка ниже; можно добавить номер предмета: [иллюстрация 1 №45]), \
         [интервью №7 0:12:30–0:14:05] — фрагмент воспоминаний, [карта №3, №8] — места на карте, \
         [запись №12] — карточка записи.",
        Blocks,
    ),
    f(
        "illustrations",
        "blocks",
        "Иллюстрации к тексту",
        "Загрузите фотографии и вставьте каждую в текст строкой [иллюстрация N]; файл, \
         не упомянутый в тексте, встанет в конец рассказа.",
        Illustrations,
    ),
];

const COLLECTION: &[Field] = &[
    f("title", "title", "Название", "", Text),
    f("description", "description", "Описание", "", Area),
    f(
        "lesson",
        "lesson",
        "Для урока",
        "Как использовать подборку на уроке.",
        Area,
    ),
    f(
        "members",
        "members",
        "Записи подборки",
        "Номера записей, по одному в строке (номер виден в адресе записи).",
        Ids,
    ),
];

const SOURCE: &[Field] = &[
    f("title", "title", "Название", "", Text),
    f("source_type", "source_type", "Тип", "", Select(SOURCE_TYPE)),
    f("archive", "archive", "Архив", "", Text),
    f("fund", "fund", "Фонд", "", Text),
    f("inventory", "inventory", "Опись", "", Text),
    f("file", "file", "Дело", "", Text),
    f("url", "url", "Адрес в интернете", "", Text),
    f(
        "citation",
        "citation",
        "Библиографическое описание",
        "",
        Area,
    ),
];

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Person => PERSON,
        Kind::Place => PLACE,
        Kind::Event => EVENT,
        Kind::Item => ITEM,
        Kind::Organization => ORGANIZATION,
        Kind::Interview => INTERVIEW,
        Kind::Story => STORY,
        Kind::Collection => COLLECTION,
        Kind::Source => SOURCE,
    }
}

pub fn empty_body(kind: Kind) -> Body {
    match kind {
        Kind::Person => Body::Person(Person::default()),
        Kind::Place => Body::Place(Place::default()),
        Kind::Event => Body::Event(Event::default()),
        Kind::Item => Body::Item(Item::default()),
        Kind::Organization => Body::Organization(Organization::default()),
        Kind::Interview => Body::Interview(Interview::default()),
        Kind::Story => Body::Story(Story::default()),
        Kind::Collection => Body::Collection(Collection::default()),
        Kind::Source => Body::Source(Source::default()),
    }
}

/// The longest text any one field accepts; core checks tighter limits per field.
const MAX_FIELD_CHARS: usize = 200_000;

/// A submitted form as name–value pairs (names may repeat: files, roles).
pub struct Submitted<'a>(pub &'a [(String, String)]);

impl Submitted<'_> {
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// What is known about an uploaded file, from its upload record.
pub type MediaLookup<'a> = &'a dyn Fn(&str) -> Option<MediaRef>;

/// One problem with what was typed, by field key.
pub type Problems = BTreeMap<String, Vec<String>>;

fn add(problems: &mut Problems, key: &str, message: impl Into<String>) {
    problems
        .entry(key.to_string())
        .or_default()
        .push(message.into());
}

fn get_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, part| v.get(part))
}

fn set_path(root: &mut Value, path: &str, value: Option<Value>) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else { return };
    let mut node = root;
    for part in parts {
        if !node.get(part).is_some_and(Value::is_object)
            && let Some(obj) = node.as_object_mut()
        {
            obj.insert(part.to_string(), Value::Object(Map::new()));
        }
        match node.get_mut(part) {
            Some(next) => node = next,
            None => return,
        }
    }
    if let Some(obj) = node.as_object_mut() {
        match value {
            Some(v) => obj.insert(last.to_string(), v),
            None => obj.remove(last),
        };
    }
}

/// The text a field shows for the body's current value.
pub fn field_text(body: &Value, field: &Field) -> String {
    let v = get_path(body, field.path);
    if field.widget == Blocks {
        return super::blocks::to_text(&story_blocks(body)).0;
    }
    if field.widget == DatabaseRecords {
        let refs: Vec<ExternalRef> = v
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        return refs
            .iter()
            .map(|r| format!("{} {}", database_word(r.db), r.record))
            .collect::<Vec<_>>()
            .join("\n");
    }
    if field.widget == Segments {
        let segments: Vec<letopis_core::entities::Segment> = v
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        return super::segments::to_text(&segments);
    }
    if field.widget == Transcript {
        return letopis_core::transcript::write_plain(&transcript_of(body));
    }
    if field.widget == Redactions {
        let list: Vec<letopis_core::entities::Redaction> = v
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        return list
            .iter()
            .map(|r| {
                let span = format!(
                    "{}–{}",
                    super::blocks::clock(r.start_ms),
                    super::blocks::clock(r.end_ms)
                );
                if r.reason.is_empty() {
                    span
                } else {
                    format!("{span} {}", r.reason)
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    match (field.widget, v) {
        (_, None) | (_, Some(Value::Null)) => String::new(),
        (Lines, Some(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        (Ids, Some(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_i64)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        (Citations, Some(Value::Array(items))) => items
            .iter()
            .map(|c| {
                let text = c.get("text").and_then(Value::as_str).unwrap_or("");
                let locator = c.get("locator").and_then(Value::as_str).unwrap_or("");
                match c.get("source").and_then(Value::as_i64) {
                    Some(id) => format!("{text} | {locator} | {id}"),
                    None if !locator.is_empty() => format!("{text} | {locator}"),
                    None => text.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (Check, Some(Value::Bool(b))) => {
            if *b {
                "on".into()
            } else {
                String::new()
            }
        }
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(Value::Bool(b))) => b.to_string(),
        (_, Some(Value::Number(n))) => n.to_string(),
        (_, Some(_)) => String::new(),
    }
}

/// A story body's blocks (none for any other body).
fn story_blocks(body: &Value) -> Vec<letopis_core::entities::Block> {
    body.get("blocks")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default()
}

/// The short name a moderator types for a memorial database.
fn database_word(db: ExternalDb) -> &'static str {
    match db {
        ExternalDb::Memorial => "Мемориал",
        ExternalDb::PamyatNaroda => "Память народа",
        ExternalDb::PodvigNaroda => "Подвиг народа",
    }
}

/// `Мемориал 56789012`, `ОБД Мемориал: 56789012`, `Память народа 1234567`, `Подвиг народа 150011`.
fn database_record(line: &str) -> Result<ExternalRef, String> {
    let lower = line.to_lowercase();
    let db = if lower.contains("мемориал") {
        ExternalDb::Memorial
    } else if lower.contains("память") {
        ExternalDb::PamyatNaroda
    } else if lower.contains("подвиг") {
        ExternalDb::PodvigNaroda
    } else {
        return Err(format!(
            "«{line}»: назовите базу — «Мемориал», «Память народа» или «Подвиг народа» — и номер записи."
        ));
    };
    let digits: String = line
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .unwrap_or("")
        .to_string();
    let number_at_end = line.trim_end().ends_with(|c: char| c.is_ascii_digit());
    if digits.len() < 3 || digits.len() > 12 || !number_at_end {
        return Err(format!(
            "«{line}»: после названия базы нужен номер записи — цифры, например «{} 56789012».",
            database_word(db)
        ));
    }
    Ok(ExternalRef { db, record: digits })
}

/// An interview body's transcript (none for any other body).
fn transcript_of(body: &Value) -> Vec<letopis_core::entities::Cue> {
    body.get("transcript")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default()
}

/// An interview body's recording parts (none for any other body).
fn recordings_of(body: &Value) -> Vec<letopis_core::entities::Recording> {
    body.get("recordings")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default()
}

/// The media files a field holds.
pub fn field_media(body: &Value, field: &Field) -> Vec<MediaRef> {
    match field.widget {
        Media { .. } => {}
        Illustrations => return super::blocks::to_text(&story_blocks(body)).1,
        // The transcriber listens to the parts while typing.
        Transcript => {
            return recordings_of(body)
                .into_iter()
                .filter(|r| !r.withheld)
                .map(|r| r.media)
                .collect();
        }
        Recordings => {
            return recordings_of(body)
                .into_iter()
                .map(|r| MediaRef {
                    alt: (!r.label.is_empty()).then_some(r.label),
                    ..r.media
                })
                .collect();
        }
        _ => return Vec::new(),
    }
    match get_path(body, field.path) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect(),
        Some(v @ Value::Object(_)) => serde_json::from_value(v.clone()).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Form text without carriage returns and surrounding blanks, cut at the field maximum.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .chars()
        .take(MAX_FIELD_CHARS)
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A record number as a person may type it: `12`, `№12`, `#12`, or a picker's suggestion
/// «Название (№12) — Персона» (the number after the last `№` or `#`, wherever it stands).
pub fn parse_record_number(text: &str) -> Option<i64> {
    let t = text.trim();
    let after_mark = match t.rfind('№').or_else(|| t.rfind('#')) {
        Some(i) => &t[i + t[i..].chars().next().map_or(1, char::len_utf8)..],
        None => t,
    };
    let after_mark = after_mark.trim_start();
    let digits: &str = &after_mark[..after_mark
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_mark.len())];
    // Without a mark the whole text must be the number; after one, only a closing bracket and
    // the picker's kind label may follow.
    let rest = after_mark[digits.len()..].trim();
    let rest_ok = if t.contains('№') || t.contains('#') {
        rest.is_empty() || rest.starts_with(')')
    } else {
        rest.is_empty()
    };
    if !rest_ok {
        return None;
    }
    digits.parse::<i64>().ok().filter(|n| *n > 0)
}

fn field_value(
    field: &Field,
    form: &Submitted<'_>,
    media: MediaLookup<'_>,
    old: &Value,
    problems: &mut Problems,
) -> Option<Value> {
    let raw = form.get(field.key);
    let text = clean(raw);
    match field.widget {
        Text | Area => Some(Value::String(text)),
        OptText => (!text.is_empty()).then_some(Value::String(text)),
        Edtf if text.is_empty() => None,
        Edtf => match Edtf::parse(&text) {
            Ok(d) => Some(Value::String(d.as_str().to_string())),
            Err(e) => {
                add(
                    problems,
                    field.key,
                    format!("{}: {}", field.label, e.message),
                );
                None
            }
        },
        Select(options) => {
            if text.is_empty() {
                // A choice without a "not given" option keeps what the record had (a form sent
                // without the field, e.g. by autosave of an older page).
                let optional = options.iter().any(|(code, _)| code.is_empty());
                return if optional {
                    None
                } else {
                    get_path(old, field.path).cloned()
                };
            }
            if !options.iter().any(|(code, _)| *code == text) {
                add(
                    problems,
                    field.key,
                    format!("{}: выберите значение из списка.", field.label),
                );
                return None;
            }
            match text.as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => Some(Value::String(text)),
            }
        }
        Lines => Some(json!(lines(raw))),
        Number if text.is_empty() => None,
        Number => match text.replace(',', ".").parse::<f64>() {
            Ok(n) if n.is_finite() => Some(json!(n)),
            _ => {
                add(
                    problems,
                    field.key,
                    format!("{}: нужно число, например 55.8897.", field.label),
                );
                None
            }
        },
        Check => Some(Value::Bool(!text.is_empty())),
        Citations => {
            let mut out = Vec::new();
            for line in lines(raw) {
                let mut parts = line.split('|').map(str::trim);
                let text = parts.next().unwrap_or("").to_string();
                let locator = parts.next().unwrap_or("").to_string();
                let source = parts.next().unwrap_or("");
                let mut c = json!({ "text": text });
                if !locator.is_empty() {
                    c["locator"] = json!(locator);
                }
                if !source.is_empty() {
                    match parse_record_number(source) {
                        Some(id) => c["source"] = json!(id),
                        None => add(
                            problems,
                            field.key,
                            format!("{}: «{source}» — не номер записи источника.", field.label),
                        ),
                    }
                }
                out.push(c);
            }
            Some(Value::Array(out))
        }
        Ids => {
            let mut out = Vec::new();
            for line in lines(raw) {
                match parse_record_number(&line) {
                    Some(id) => out.push(json!(id)),
                    None => add(
                        problems,
                        field.key,
                        format!("{}: «{line}» — не номер записи.", field.label),
                    ),
                }
            }
            Some(Value::Array(out))
        }
        Media { multi } => {
            let files = read_media(field, &field_media(old, field), form, media, problems);
            if multi {
                Some(json!(files))
            } else {
                if files.len() > 1 {
                    add(
                        problems,
                        field.key,
                        format!("{}: здесь можно только один файл.", field.label),
                    );
                }
                files.into_iter().next().map(|m| json!(m))
            }
        }
        // A form that does not show the blocks (an older page's autosave) keeps them.
        Blocks if !form.0.iter().any(|(k, _)| k == field.key) => get_path(old, field.path).cloned(),
        Blocks => {
            let illustrations = fields(Kind::Story)
                .iter()
                .find(|f| f.widget == Illustrations)?;
            let images = read_media(
                illustrations,
                &field_media(old, illustrations),
                form,
                media,
                problems,
            );
            match super::blocks::from_text(&text, &images) {
                Ok(blocks) => Some(json!(blocks)),
                Err(found) => {
                    for p in found {
                        add(problems, field.key, format!("{}: {p}", field.label));
                    }
                    get_path(old, field.path).cloned()
                }
            }
        }
        // Read with the blocks; `read_body` never writes this field by itself.
        Illustrations => None,
        Recordings => {
            let before = recordings_of(old);
            let previous: Vec<MediaRef> = before.iter().map(|r| r.media.clone()).collect();
            let mut parts = Vec::new();
            for m in read_media(field, &previous, form, media, problems) {
                if !(m.mime.starts_with("audio/") || m.mime.starts_with("video/")) {
                    add(
                        problems,
                        field.key,
                        format!(
                            "{}: нужен звуковой или видеофайл, а этот — {}.",
                            field.label, m.mime
                        ),
                    );
                    continue;
                }
                let kept = before.iter().find(|r| r.media.sha256 == m.sha256);
                parts.push(letopis_core::entities::Recording {
                    label: m.alt.clone().unwrap_or_default(),
                    duration_ms: kept.map_or(0, |r| r.duration_ms),
                    withheld: false,
                    media: MediaRef { alt: None, ..m },
                });
            }
            Some(json!(parts))
        }
        DatabaseRecords => {
            let mut out = Vec::new();
            for (n, line) in lines(raw).iter().enumerate() {
                match database_record(line) {
                    Ok(r) => out.push(json!(r)),
                    Err(why) => add(
                        problems,
                        field.key,
                        format!("Номера в базах, строка {}: {why}", n + 1),
                    ),
                }
            }
            Some(Value::Array(out))
        }
        Segments if !form.0.iter().any(|(k, _)| k == field.key) => {
            get_path(old, field.path).cloned()
        }
        Segments => match super::segments::from_text(&text) {
            Ok(segments) => Some(json!(segments)),
            Err(found) => {
                for p in found {
                    add(problems, field.key, format!("{}: {p}", field.label));
                }
                get_path(old, field.path).cloned()
            }
        },
        // A form that does not show the transcript keeps it.
        Transcript if !form.0.iter().any(|(k, _)| k == field.key) => {
            get_path(old, field.path).cloned()
        }
        Transcript => {
            let before = transcript_of(old);
            // Untouched text keeps the cues as they were: the plain format has whole seconds,
            // an imported WebVTT has milliseconds, and saving the form must not round them.
            if clean(&letopis_core::transcript::write_plain(&before)) == text {
                return get_path(old, field.path).cloned();
            }
            if text.is_empty() {
                return Some(json!([]));
            }
            let total: u32 = recordings_of(old).iter().map(|r| r.duration_ms).sum();
            match letopis_core::transcript::parse_plain(&text, (total > 0).then_some(total)) {
                Ok(cues) => Some(json!(cues)),
                Err(e) => {
                    add(problems, field.key, format!("{}: {e}", field.label));
                    get_path(old, field.path).cloned()
                }
            }
        }
        Day if text.is_empty() => None,
        Day => match text.parse::<jiff::civil::Date>() {
            Ok(d) => Some(json!(d)),
            Err(_) => {
                add(
                    problems,
                    field.key,
                    format!(
                        "{}: «{text}» — не дата; напишите её в виде 2025-03-14.",
                        field.label
                    ),
                );
                None
            }
        },
        Redactions => {
            let mut out = Vec::new();
            for (n, line) in lines(raw).iter().enumerate() {
                match super::blocks::redaction(line) {
                    Ok(r) => out.push(json!(r)),
                    Err(why) => add(
                        problems,
                        field.key,
                        format!("{}, строка {}: {why}", field.label, n + 1),
                    ),
                }
            }
            Some(Value::Array(out))
        }
    }
}

/// The files a media field lists on the submitted form, each found among the field's files
/// as they were or among the uploads, with the alternative text typed beside it.
fn read_media(
    field: &Field,
    previous: &[MediaRef],
    form: &Submitted<'_>,
    media: MediaLookup<'_>,
    problems: &mut Problems,
) -> Vec<MediaRef> {
    let alts = form.all(&format!("{}_alt", field.key));
    let mut files = Vec::new();
    for (i, sha) in form.all(field.key).into_iter().enumerate() {
        let sha = sha.trim().to_ascii_lowercase();
        if sha.is_empty() {
            continue;
        }
        let known = previous
            .iter()
            .find(|m| m.sha256 == sha)
            .cloned()
            .or_else(|| media(&sha));
        let Some(mut m) = known else {
            add(
                problems,
                field.key,
                format!(
                    "{}: файл не найден среди загруженных; загрузите его ещё раз.",
                    field.label
                ),
            );
            continue;
        };
        let alt = alts.get(i).map(|a| clean(a)).unwrap_or_default();
        m.alt = (!alt.is_empty()).then(|| alt.chars().take(1000).collect());
        files.push(m);
    }
    files
}

/// Reads a submitted form into a body, starting from `base` (the record as it was, or an
/// empty one). Every problem is collected, core's validation included.
pub fn read_body(
    kind: Kind,
    base: &Body,
    form: &Submitted<'_>,
    media: MediaLookup<'_>,
) -> Result<Body, Problems> {
    let mut problems = Problems::new();
    let old = serde_json::to_value(base).unwrap_or(Value::Null);
    let mut json = old.clone();
    for field in fields(kind) {
        if field.widget == Illustrations {
            continue;
        }
        let value = field_value(field, form, media, &old, &mut problems);
        set_path(&mut json, field.path, value);
    }
    let body: Body = match serde_json::from_value(json) {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "a studio form made a body core cannot read");
            add(
                &mut problems,
                "form",
                "Форма заполнена неверно; проверьте поля и сохраните ещё раз.",
            );
            return Err(problems);
        }
    };
    if let Err(invalid) = body.validate() {
        for p in invalid.problems {
            add(&mut problems, &p.field, p.message);
        }
    }
    if problems.is_empty() {
        Ok(body)
    } else {
        Err(problems)
    }
}

pub const ACCESS: &[(&str, &str)] = &[
    ("public", "открытый доступ (после публикации)"),
    ("registered", "для зарегистрированных"),
    ("staff", "только для сотрудников"),
];

pub const AGE: &[(&str, &str)] = &[
    ("0+", "0+"),
    ("6+", "6+"),
    ("12+", "12+"),
    ("16+", "16+"),
    ("18+", "18+"),
];

/// The envelope fields every form has: access, age rating, embargo, content note, tags.
pub fn read_settings(form: &Submitted<'_>, old: &Settings) -> Result<Settings, Problems> {
    let mut problems = Problems::new();
    let mut s = old.clone();
    s.access = match form.get("access") {
        "public" => AccessLevel::Public,
        "registered" => AccessLevel::Registered,
        "staff" => AccessLevel::Staff,
        // A group restriction set elsewhere is kept as it is.
        "groups" if matches!(old.access, AccessLevel::Groups(_)) => old.access.clone(),
        "" => old.access.clone(),
        _ => {
            add(
                &mut problems,
                "access",
                "Доступ: выберите значение из списка.",
            );
            old.access.clone()
        }
    };
    match AgeRating::parse(form.get("age_rating")) {
        Some(a) => s.age_rating = a,
        None if form.get("age_rating").is_empty() => {}
        None => add(
            &mut problems,
            "age_rating",
            "Возрастная маркировка: выберите 0+, 6+, 12+, 16+ или 18+.",
        ),
    }
    let embargo = clean(form.get("embargo_until"));
    s.embargo_until = if embargo.is_empty() {
        None
    } else {
        match embargo.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                add(
                    &mut problems,
                    "embargo_until",
                    "Запрет на публикацию до: укажите дату в виде ГГГГ-ММ-ДД, например 2030-01-01.",
                );
                None
            }
        }
    };
    let note = clean(form.get("content_note"));
    s.content_note = (!note.is_empty()).then_some(note);
    s.tags = clean(form.get("tags"))
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if let Err(invalid) = s.validate() {
        for p in invalid.problems {
            add(&mut problems, &p.field, p.message);
        }
    }
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn no_media(_: &str) -> Option<MediaRef> {
        None
    }

    #[test]
    fn a_person_form_round_trips() {
        let form = pairs(&[
            ("surname", " Ершова "),
            ("given_name", "Анна"),
            ("maiden", "Петрова"),
            ("variants", "Ерешова\r\n\r\nJerschowa"),
            ("sex", "female"),
            ("birth", "1921-03~"),
            ("fate", "survived"),
            ("awards", "Медаль «За оборону Москвы»"),
            ("sources", "ЦАМО, ф. 58 | л. 5 | №12\nСемейный архив"),
            ("biography", "<script>alert(1)</script>"),
        ]);
        let body = read_body(
            Kind::Person,
            &empty_body(Kind::Person),
            &Submitted(&form),
            &no_media,
        )
        .expect("valid");
        let Body::Person(p) = &body else {
            panic!("a person")
        };
        assert_eq!(p.name.surname, "Ершова");
        assert_eq!(p.name.maiden.as_deref(), Some("Петрова"));
        assert_eq!(p.name.variants, vec!["Ерешова", "Jerschowa"]);
        assert_eq!(p.birth.as_ref().map(|d| d.as_str()), Some("1921-03~"));
        assert_eq!(p.sources.len(), 2);
        assert_eq!(p.sources[0].source, Some(RecordId(12)));
        assert_eq!(p.biography, "<script>alert(1)</script>");
        let json = serde_json::to_value(&body).expect("json");
        let sources = PERSON.iter().find(|f| f.key == "sources").expect("field");
        assert_eq!(
            field_text(&json, sources),
            "ЦАМО, ф. 58 | л. 5 | 12\nСемейный архив"
        );
    }

    #[test]
    fn bad_values_are_explained_per_field() {
        let form = pairs(&[("surname", ""), ("birth", "март 1942"), ("sex", "robot")]);
        let problems = read_body(
            Kind::Person,
            &empty_body(Kind::Person),
            &Submitted(&form),
            &no_media,
        )
        .expect_err("invalid");
        assert!(problems.contains_key("birth"), "{problems:?}");
        assert!(problems.contains_key("sex"), "{problems:?}");
        assert!(problems.contains_key("surname"), "{problems:?}");
    }

    #[test]
    fn fields_the_form_does_not_show_are_kept() {
        let story = Story {
            title: "Старое".into(),
            blocks: vec![letopis_core::entities::Block::Text {
                text: "блок".into(),
            }],
            ..Story::default()
        };
        let form = pairs(&[("title", "Новое")]);
        let body = read_body(
            Kind::Story,
            &Body::Story(story),
            &Submitted(&form),
            &no_media,
        )
        .expect("valid");
        let Body::Story(s) = body else {
            panic!("a story")
        };
        assert_eq!(s.title, "Новое");
        assert_eq!(s.blocks.len(), 1);
    }

    #[test]
    fn every_kind_accepts_an_empty_form_with_its_title() {
        for kind in Kind::ALL {
            let title_key = fields(kind)[0].key;
            let form = pairs(&[(title_key, "Название")]);
            let result = read_body(kind, &empty_body(kind), &Submitted(&form), &no_media);
            assert!(result.is_ok(), "{kind:?}: {result:?}");
        }
    }

    #[test]
    fn record_numbers_are_read_as_typed() {
        assert_eq!(parse_record_number("12"), Some(12));
        assert_eq!(parse_record_number("№ 12"), Some(12));
        assert_eq!(parse_record_number("Сходня (№7)"), Some(7));
        // The picker's own suggestions carry the kind after the number.
        assert_eq!(
            parse_record_number("Памятник («Ежи») (№49) — Место"),
            Some(49)
        );
        assert_eq!(parse_record_number("№12 и ещё"), None);
    }

    #[test]
    fn memorial_database_numbers_are_read_with_their_base() {
        let r = database_record("ОБД Мемориал: 56789012").expect("memorial");
        assert_eq!(
            (r.db, r.record.as_str()),
            (ExternalDb::Memorial, "56789012")
        );
        let r = database_record("память народа 1234567").expect("pamyat");
        assert_eq!(r.db, ExternalDb::PamyatNaroda);
        assert!(
            database_record("56789012")
                .unwrap_err()
                .contains("назовите базу")
        );
        assert!(
            database_record("Мемориал")
                .unwrap_err()
                .contains("нужен номер записи")
        );
        assert!(database_record("Подвиг народа 15 и ещё").is_err());
        assert_eq!(parse_record_number("Сходня"), None);
        assert_eq!(parse_record_number("-3"), None);
    }
}
