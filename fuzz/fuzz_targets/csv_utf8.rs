//! The CSV import of persons (`import_persons`, a dry run against a base with three persons) on
//! the file's bytes as they come: UTF-8 with or without a BOM when they are valid UTF-8, and
//! Windows-1251 otherwise, as the importer decides; any delimiter, quoting, row shape and cell.
#![no_main]
use letopis_fuzz::{dry_run, import_base, today};
use letopis_import::import_persons;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = import_persons(import_base(), bytes, &dry_run(), today());
});
