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
    /// A quotation. From an interview it names the stretch it quotes (`start_ms`..`end_ms`):
    /// the public then reads the words and the speaker from the interview's public transcript,
    /// never from this copy, so a pseudonym or a closed stretch applies here too.
    Quote {
        text: String,
        attribution: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        record: Option<RecordId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start_ms: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end_ms: Option<u32>,
    },
    /// An image. With `record`, it is that record's file (`media.sha256` says which): its
    /// caption and alt text are the record's and the image is shown only while the record is;
    /// without, it is the story's own file.
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
    /// The record the cover is a file of, if any: the cover then follows that record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_record: Option<RecordId>,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Set when this is a family's account of a hero («Рассказ семьи», issue #7), shown beside
    /// the museum's biography rather than among the curated stories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<crate::contribution::FamilyAccount>,
}

impl Story {
    /// The story's own files. A file shown from another record is that record's, and is served
    /// only while that record may be seen.
    pub fn media(&self) -> Vec<&MediaRef> {
        let blocks = self.blocks.iter().filter_map(|b| match b {
            Block::Image {
                media,
                record: None,
            } => Some(media),
            _ => None,
        });
        let cover = self.cover.iter().filter(|_| self.cover_record.is_none());
        cover.chain(blocks).collect()
    }

    /// Keeps references, not copies: a file shown from another record keeps only which file it
    /// is (its hash and type); its caption, alt text and size are read from that record on
    /// every showing. A cover that is one of the story's images from a record follows it too.
    pub fn normalize(&mut self) {
        for b in &mut self.blocks {
            if let Block::Image {
                media,
                record: Some(_),
            } = b
            {
                *media = MediaRef::reference(media);
            }
        }
        if self.cover_record.is_none()
            && let Some(cover) = &self.cover
        {
            self.cover_record = self.blocks.iter().find_map(|b| match b {
                Block::Image {
                    media,
                    record: Some(id),
                } if media.sha256 == cover.sha256 => Some(*id),
                _ => None,
            });
        }
        if self.cover_record.is_some()
            && let Some(cover) = &mut self.cover
        {
            *cover = MediaRef::reference(cover);
        }
    }

    pub fn references(&self) -> Vec<RecordId> {
        let mut out: Vec<RecordId> = self.family.iter().map(|f| f.person).collect();
        out.extend(self.cover_record);
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
