//! The museum's language: records and their bodies, EDTF dates, Russian names, the access gate,
//! consent and workflow. Plain data and rules, no I/O, so every rule here is unit-tested alone.

pub mod edtf;
pub mod kind;
pub mod names;
pub mod validation;
