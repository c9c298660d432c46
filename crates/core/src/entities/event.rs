//! An event of 1941–1945: a battle, an evacuation, an air raid, a factory's start of output.

use super::common::Citation;
use crate::edtf::Edtf;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Battle,
    Evacuation,
    AirRaid,
    Production,
    Mobilization,
    Liberation,
    Commemoration,
    #[default]
    Other,
}

impl EventType {
    pub fn label_ru(self) -> &'static str {
        match self {
            EventType::Battle => "бои",
            EventType::Evacuation => "эвакуация",
            EventType::AirRaid => "авианалёт",
            EventType::Production => "производство",
            EventType::Mobilization => "мобилизация",
            EventType::Liberation => "освобождение",
            EventType::Commemoration => "память",
            EventType::Other => "событие",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    pub title: String,
    #[serde(default)]
    pub event_type: EventType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Edtf>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
}

impl Event {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("title", &self.title, "Название");
        c.max_len("title", &self.title, 300, "Название");
        c.finish()
    }
}
