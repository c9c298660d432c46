//! An organisation: a military unit, a factory, a school, a hospital, a militia battalion.

use super::common::HistoricName;
use crate::edtf::Edtf;
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OrgType {
    MilitaryUnit,
    Militia,
    PartisanUnit,
    Factory,
    School,
    Hospital,
    Administration,
    #[default]
    Other,
}

impl OrgType {
    pub fn label_ru(self) -> &'static str {
        match self {
            OrgType::MilitaryUnit => "воинская часть",
            OrgType::Militia => "ополчение",
            OrgType::PartisanUnit => "партизанский отряд",
            OrgType::Factory => "предприятие",
            OrgType::School => "школа",
            OrgType::Hospital => "госпиталь",
            OrgType::Administration => "учреждение",
            OrgType::Other => "организация",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Organization {
    pub name: String,
    #[serde(default)]
    pub org_type: OrgType,
    /// Names over time (units were renamed and renumbered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<HistoricName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<Edtf>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Organization {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("name", &self.name, "Название");
        c.max_len("name", &self.name, 300, "Название");
        c.finish()
    }
}
