//! Where a statement comes from: an archive file, a database record, a publication.

use super::common::ExternalRef;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    #[default]
    Archive,
    Database,
    Publication,
    Website,
    Oral,
    Family,
}

impl SourceType {
    pub fn label_ru(self) -> &'static str {
        match self {
            SourceType::Archive => "архивный документ",
            SourceType::Database => "база данных",
            SourceType::Publication => "публикация",
            SourceType::Website => "сайт",
            SourceType::Oral => "устное свидетельство",
            SourceType::Family => "семейный архив",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub source_type: SourceType,
    /// Archive name (ЦАМО, ГАРФ, ЦГАМО…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub archive: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fund: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inventory: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_record: Option<ExternalRef>,
    /// A full bibliographic citation (ГОСТ Р 7.0.100-2018 style).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub citation: String,
}

impl Source {
    /// «ЦАМО, ф. 208, оп. 2511, д. 1039»
    pub fn archive_reference(&self) -> String {
        let mut parts = Vec::new();
        if !self.archive.is_empty() {
            parts.push(self.archive.clone());
        }
        for (prefix, value) in [
            ("ф.", &self.fund),
            ("оп.", &self.inventory),
            ("д.", &self.file),
        ] {
            if !value.is_empty() {
                parts.push(format!("{prefix} {value}"));
            }
        }
        parts.join(", ")
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 500, "Название");
        let url_ok = self.url.is_empty()
            || self.url.starts_with("https://")
            || self.url.starts_with("http://");
        if !url_ok {
            c.problem("url", "Адрес должен начинаться с https:// или http://.");
        }
        c.finish()
    }
}
