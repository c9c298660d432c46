//! The places a query may name: every public place with its name, historic and alternative
//! names, analysed like running text so that «в Сходне», «Сходня» and «Сходненский посёлок»
//! (an old name) all find the place. A query that names a place is narrowed to it.

use letopis_core::record::RecordId;

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<GazetteerPlace>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerPlace {
    pub id: RecordId,
    /// The place's micro-district, when the place *is* that district (its name is the
    /// district's): records in the district then count as being there.
    pub district: Option<String>,
    /// Every name of the place, each as its analysed terms.
    pub variants: Vec<Vec<String>>,
}

/// A place found in a query, and which of the query's terms named it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMatch {
    pub place: GazetteerPlace,
    pub consumed: Vec<usize>,
}

impl Gazetteer {
    pub fn new(places: Vec<GazetteerPlace>) -> Gazetteer {
        Gazetteer { places }
    }

    /// The place whose name takes the most of the query's terms (all of that name's terms must
    /// be there), with the positions of those terms.
    pub fn find(&self, terms: &[String]) -> Option<PlaceMatch> {
        let mut best: Option<PlaceMatch> = None;
        for place in &self.places {
            for variant in &place.variants {
                if variant.is_empty() {
                    continue;
                }
                let mut consumed = Vec::new();
                for term in variant {
                    match terms
                        .iter()
                        .enumerate()
                        .position(|(i, t)| t == term && !consumed.contains(&i))
                    {
                        Some(i) => consumed.push(i),
                        None => {
                            consumed.clear();
                            break;
                        }
                    }
                }
                let longer = best
                    .as_ref()
                    .is_none_or(|b| consumed.len() > b.consumed.len());
                if !consumed.is_empty() && longer {
                    best = Some(PlaceMatch {
                        place: place.clone(),
                        consumed,
                    });
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: i64, variants: &[&[&str]]) -> GazetteerPlace {
        GazetteerPlace {
            id: RecordId(id),
            district: None,
            variants: variants
                .iter()
                .map(|v| v.iter().map(|t| t.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn the_longest_name_wins() {
        let g = Gazetteer::new(vec![
            place(1, &[&["сходн"]]),
            place(2, &[&["станц", "сходн"]]),
            place(3, &[&["химк"], &["химкинск", "посел"]]),
        ]);
        let terms: Vec<String> = ["станц", "сходн", "1941"].map(String::from).to_vec();
        let m = g.find(&terms).map(|m| (m.place.id, m.consumed));
        assert_eq!(m, Some((RecordId(2), vec![0, 1])));
        let old: Vec<String> = ["химкинск", "посел"].map(String::from).to_vec();
        assert_eq!(g.find(&old).map(|m| m.place.id), Some(RecordId(3)));
        let none: Vec<String> = ["завод"].map(String::from).to_vec();
        assert!(g.find(&none).is_none());
    }
}
