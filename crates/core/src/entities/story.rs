//! A curated exhibition: ordered blocks of text, quotes, images, audio fragments and maps.

use super::common::MediaRef;
use crate::record::RecordId;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        text: String,
    },
    Text {
        text: String,
    },
    Quote {
        text: String,
        attribution: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        record: Option<RecordId>,
    },
    Image {
        media: MediaRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        record: Option<RecordId>,
    },
    /// A fragment of an interview, played from `start_ms` to `end_ms`.
    Audio {
        interview: RecordId,
        start_ms: u32,
        end_ms: u32,
    },
    Map {
        places: Vec<RecordId>,
    },
    /// A card linking to any record.
    Record {
        record: RecordId,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Story {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<MediaRef>,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Set when this is a family's account of a hero («Рассказ семьи», issue #7), shown beside
    /// the museum's biography rather than among the curated stories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<crate::contribution::FamilyAccount>,
}

impl Story {
    pub fn media(&self) -> Vec<&MediaRef> {
        let blocks = self.blocks.iter().filter_map(|b| match b {
            Block::Image { media, .. } => Some(media),
            _ => None,
        });
        self.cover.iter().chain(blocks).collect()
    }

    pub fn references(&self) -> Vec<RecordId> {
        let mut out: Vec<RecordId> = self.family.iter().map(|f| f.person).collect();
        for b in &self.blocks {
            match b {
                Block::Quote { record, .. } | Block::Image { record, .. } => out.extend(*record),
                Block::Audio { interview, .. } => out.push(*interview),
                Block::Map { places } => out.extend(places.iter().copied()),
                Block::Record { record } => out.push(*record),
                Block::Heading { .. } | Block::Text { .. } => {}
            }
        }
        out
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 300, "Название");
        for b in &self.blocks {
            if let Block::Audio {
                start_ms, end_ms, ..
            } = b
                && end_ms <= start_ms
            {
                c.problem(
                    "blocks",
                    "Фрагмент записи должен заканчиваться позже, чем начинается.",
                );
            }
        }
        c.finish()
    }
}
