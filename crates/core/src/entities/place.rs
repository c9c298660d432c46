//! A place: a street, a village, a factory, a hospital, a line of defence, a memorial.

use super::common::{HistoricName, MediaRef};
use crate::validation::{Checker, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PlaceType {
    #[default]
    Settlement,
    Street,
    Factory,
    Hospital,
    School,
    Station,
    DefenceLine,
    Memorial,
    Cemetery,
    Airfield,
    Other,
}

impl PlaceType {
    pub const ALL: [PlaceType; 11] = [
        PlaceType::Settlement,
        PlaceType::Street,
        PlaceType::Factory,
        PlaceType::Hospital,
        PlaceType::School,
        PlaceType::Station,
        PlaceType::DefenceLine,
        PlaceType::Memorial,
        PlaceType::Cemetery,
        PlaceType::Airfield,
        PlaceType::Other,
    ];

    pub fn label_ru(self) -> &'static str {
        match self {
            PlaceType::Settlement => "населённый пункт",
            PlaceType::Street => "улица",
            PlaceType::Factory => "завод",
            PlaceType::Hospital => "госпиталь",
            PlaceType::School => "школа",
            PlaceType::Station => "станция",
            PlaceType::DefenceLine => "рубеж обороны",
            PlaceType::Memorial => "памятник",
            PlaceType::Cemetery => "захоронение",
            PlaceType::Airfield => "аэродром",
            PlaceType::Other => "другое",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Place {
    pub name: String,
    #[serde(default)]
    pub place_type: PlaceType,
    /// Historic and alternative names (the gazetteer of variants).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<HistoricName>,
    /// The town's micro-district (Сходня, Подрезково, Новогорск, Левобережный…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub district: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<MediaRef>,
}

impl Place {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::new();
        c.require("name", &self.name, "Название");
        c.max_len("name", &self.name, 300, "Название");
        match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => {
                if !(-90.0..=90.0).contains(&lat) {
                    c.problem("lat", "Широта должна быть от −90 до 90 градусов.");
                }
                if !(-180.0..=180.0).contains(&lon) {
                    c.problem("lon", "Долгота должна быть от −180 до 180 градусов.");
                }
            }
            (None, None) => {}
            _ => c.problem("lat", "Укажите и широту, и долготу или ни одной из них."),
        }
        c.finish()
    }
}
