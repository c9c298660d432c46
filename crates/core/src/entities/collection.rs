//! A named set of records: a theme, or a teacher's lesson kit.

use crate::record::RecordId;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Collection {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub members: Vec<RecordId>,
    /// For a lesson kit: the school subject and grades («история, 9–11 классы»).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lesson: String,
}

impl Collection {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 300, "Название");
        c.finish()
    }
}
