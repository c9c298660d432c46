//! CSV import of persons from working groups' spreadsheets.
//!
//! Working groups keep their lists in Excel or LibreOffice and save them as CSV, which in Russia
//! means either UTF-8 (with or without a BOM) or Windows-1251, with a comma or a semicolon. The
//! importer takes the file as it comes, explains every bad row in Russian with its line and
//! column, and writes everything in one store transaction or nothing at all.
//!
//! Entry points: [`persons::import_persons_file`] (streamed from the disk) and
//! [`persons::import_persons`] (bytes in memory).

pub mod persons;
mod source;
pub mod text;
pub mod values;

pub use persons::{
    ImportError, Options, PublicInterest, Report, RowError, Status, import_persons,
    import_persons_file, import_persons_file_observed,
};
