//! Sources the base cites. Public references are named as they are generally known, without
//! archival numbers we could not check; sources about invented people are invented too and say
//! so plainly.

use super::{published, tags};
use letopis_core::Body;
use letopis_core::entities::{Source, SourceType};
use letopis_store::Draft;

pub(crate) struct SourceDef {
    pub key: &'static str,
    pub title: &'static str,
    pub source_type: SourceType,
    pub archive: &'static str,
    pub fund: &'static str,
    pub inventory: &'static str,
    pub file: &'static str,
    pub url: &'static str,
    pub citation: &'static str,
}

use SourceType::*;

const fn src(
    key: &'static str,
    title: &'static str,
    source_type: SourceType,
    url: &'static str,
    citation: &'static str,
) -> SourceDef {
    SourceDef {
        key,
        title,
        source_type,
        archive: "",
        fund: "",
        inventory: "",
        file: "",
        url,
        citation,
    }
}

pub(crate) const SOURCES: &[SourceDef] = &[
    src(
        "src_obd",
        "Обобщённый банк данных «Мемориал»",
        Database,
        "https://obd-memorial.ru",
        "ОБД «Мемориал»: сведения о погибших и пропавших без вести защитниках Отечества. В демонстрационной базе ссылки на записи этого банка вымышлены и помечены префиксом «ДЕМО».",
    ),
    src(
        "src_pamyat",
        "Портал «Память народа»",
        Database,
        "https://pamyat-naroda.ru",
        "Портал «Память народа»: документы о наградах, боевом пути и потерях. Номера записей в демонстрационной базе вымышлены.",
    ),
    src(
        "src_podvig",
        "Портал «Подвиг народа»",
        Database,
        "https://podvignaroda.ru",
        "Электронный банк документов «Подвиг народа в Великой Отечественной войне 1941–1945 гг.».",
    ),
    src(
        "src_bse_moscow",
        "Московская битва 1941–1942: статья Большой российской энциклопедии",
        Website,
        "https://bigenc.ru",
        "Большая российская энциклопедия: электронная версия. Статья «Московская битва 1941–42».",
    ),
    src(
        "src_encyclopedia_1985",
        "Великая Отечественная война 1941–1945: энциклопедия",
        Publication,
        "",
        "Великая Отечественная война 1941–1945: энциклопедия / гл. ред. М. М. Козлов. — М.: Советская энциклопедия, 1985.",
    ),
    src(
        "src_battle_chronicle",
        "Битва под Москвой: хроника, факты, люди",
        Publication,
        "",
        "Битва под Москвой: хроника, факты, люди: в 2 кн. — М.: ОЛМА-Пресс, 2001.",
    ),
    src(
        "src_sovinformburo",
        "Сообщения Советского информбюро",
        Publication,
        "",
        "Сообщения Советского информбюро. Т. 1: Июнь — декабрь 1941 г. — М.: Совинформбюро, 1944.",
    ),
    src(
        "src_memory_book",
        "Книга памяти: Московская область",
        Publication,
        "",
        "Книга памяти: Московская область. Многотомное издание с именами погибших и пропавших без вести уроженцев и жителей области.",
    ),
    src(
        "src_ezhi_memorial",
        "Памятник защитникам Москвы на 23-м километре Ленинградского шоссе",
        Website,
        "",
        "Описание мемориала «Ежи» в общедоступных справочниках по памятникам Подмосковья.",
    ),
    src(
        "src_oral_fund",
        "Фонд устных свидетельств музея (демонстрационный)",
        Oral,
        "",
        "Демонстрационная запись: фонд интервью «Живые голоса», собранный волонтёрами. Рассказчики и их воспоминания вымышлены.",
    ),
    SourceDef {
        key: "src_demo_camo",
        title: "Наградные документы (демонстрационная архивная ссылка)",
        source_type: Archive,
        archive: "ЦАМО (демо)",
        fund: "0",
        inventory: "0",
        file: "ДЕМО-1",
        url: "",
        citation: "Демонстрационная запись: архивная ссылка вымышлена и нужна только для показа того, как портал отображает архивные шифры.",
    },
    src(
        "src_family_archives",
        "Семейные архивы жителей Химок (демонстрационные)",
        Family,
        "",
        "Демонстрационная запись: письма, фотографии и документы из вымышленных семейных архивов.",
    ),
    src(
        "src_district_newspaper",
        "Районная газета 1941–1945 годов (демонстрационная подшивка)",
        Publication,
        "",
        "Демонстрационная запись: заметки районной газеты военных лет пересказаны обобщённо, без точных выходных данных.",
    ),
];

pub(crate) fn def(key: &str) -> &'static SourceDef {
    SOURCES
        .iter()
        .find(|s| s.key == key)
        .unwrap_or_else(|| panic!("source key «{key}» is not among the demo sources"))
}

pub(crate) fn drafts() -> Vec<(&'static str, Draft)> {
    SOURCES
        .iter()
        .map(|s| {
            let body = Body::Source(Source {
                title: s.title.into(),
                source_type: s.source_type,
                archive: s.archive.into(),
                fund: s.fund.into(),
                inventory: s.inventory.into(),
                file: s.file.into(),
                url: s.url.into(),
                database_record: None,
                citation: s.citation.into(),
            });
            (s.key, published(body, tags(&[s.source_type.label_ru()])))
        })
        .collect()
}
