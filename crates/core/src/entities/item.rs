//! A thing in the collection: a photograph, a letter, a document, a newspaper, an artifact.

use super::common::{Citation, MediaRef};
use crate::edtf::Edtf;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    #[default]
    Photo,
    Letter,
    Document,
    Newspaper,
    Artifact,
    Drawing,
    Audio,
    Video,
}

impl ItemType {
    pub fn label_ru(self) -> &'static str {
        match self {
            ItemType::Photo => "фотография",
            ItemType::Letter => "письмо",
            ItemType::Document => "документ",
            ItemType::Newspaper => "газета",
            ItemType::Artifact => "предмет",
            ItemType::Drawing => "рисунок",
            ItemType::Audio => "аудиозапись",
            ItemType::Video => "видеозапись",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Item {
    pub item_type: ItemType,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Edtf>,
    #[serde(default)]
    pub media: Vec<MediaRef>,
    /// Transcription of handwritten or printed text, shown beside the scan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub transcription: String,
    /// Who keeps the original (a family, the museum, an archive).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub holder: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provenance: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rights: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
}

impl Item {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 300, "Название");
        c.max_len(
            "transcription",
            &self.transcription,
            200_000,
            "Расшифровка текста",
        );
        c.finish()
    }
}
