//! EDTF dates (`Edtf::parse`) and dates as people write them in spreadsheets and residents'
//! forms (`edtf::written::parse_date`). Besides not panicking: the canonical text a date is
//! stored as must read back as the same date, or a stored date could not be edited again.
#![no_main]
use letopis_core::Edtf;
use letopis_core::edtf::written::parse_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(date) = Edtf::parse(text) {
        round_trips(&date);
    }
    if let Ok(Some(date)) = parse_date(text) {
        round_trips(&date);
    }
});

fn round_trips(date: &Edtf) {
    let again = Edtf::parse(date.as_str())
        .unwrap_or_else(|e| panic!("canonical text {:?} does not parse: {e:?}", date.as_str()));
    assert_eq!(
        &again,
        date,
        "canonical text {:?} reads differently",
        date.as_str()
    );
    if let (Some(lower), Some(upper)) = (date.lower(), date.upper()) {
        assert!(
            lower <= upper,
            "{:?}: bounds {lower} > {upper}",
            date.as_str()
        );
    }
    let _ = (date.to_russian(), date.to_english(), date.year());
}
