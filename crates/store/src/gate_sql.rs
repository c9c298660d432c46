//! The access gate as SQL, one text for both engines: the `WHERE` conditions that let a list or
//! a count hold only what `letopis_core::access::Audience::admits` would admit (the contract's
//! `gate_lists_agree_with_gate_for_every_viewer` and `facet_counts_agree_with_gate_for_every_viewer`
//! prove it on each engine). The engines differ only in how a statement names its parameters
//! (`?1`, `$1`) and in SQLite's index hint, which [`Dialect`] says.

use letopis_core::access::{Reach, ViewerFilter};
use letopis_core::facet::FacetName;

/// A parameter of the gate's SQL, turned into the engine's own value type.
pub(crate) enum Bind {
    Int(i64),
    Text(String),
}

/// How an engine's SQL differs where the gate is written.
#[derive(Clone, Copy)]
pub(crate) struct Dialect {
    /// `?` (SQLite) or `$` (PostgreSQL), followed by the parameter's number.
    pub mark: char,
    /// The records table as the place gate reads it, aliased `v`.
    pub records_v: &'static str,
}

pub(crate) const SQLITE: Dialect = Dialect {
    mark: '?',
    records_v: "records v INDEXED BY records_gate",
};

#[cfg(feature = "postgres")]
pub(crate) const POSTGRES: Dialect = Dialect {
    mark: '$',
    records_v: "records v",
};

impl Dialect {
    /// Pushes `value` and returns its placeholder.
    fn bind<V: From<Bind>>(self, value: Bind, params: &mut Vec<V>) -> String {
        params.push(value.into());
        format!("{}{}", self.mark, params.len())
    }
}

/// Appends the gate's conditions for `who` on the records table aliased `t`, and pushes their
/// parameters.
pub(crate) fn gate<V: From<Bind>>(
    d: Dialect,
    who: &ViewerFilter,
    t: &str,
    sql: &mut String,
    params: &mut Vec<V>,
) {
    if who.everything {
        return;
    }
    let age = d.bind(Bind::Int(i64::from(who.max_age)), params);
    sql.push_str(&format!(" AND {t}.age_rating <= {age}"));
    if !who.ignore_embargo {
        let today = d.bind(Bind::Int(i64::from(who.today)), params);
        sql.push_str(&format!(
            " AND ({t}.open_from IS NULL OR {t}.open_from <= {today})"
        ));
    }
    let max = d.bind(Bind::Int(who.max_reach_without_groups.code()), params);
    let mut reach = format!(
        "({t}.reach <> {} AND {t}.reach <= {max})",
        Reach::Groups.code()
    );
    if !who.groups.is_empty() {
        let list: Vec<String> = who.groups.iter().map(|g| g.to_string()).collect();
        reach.push_str(&format!(
            " OR ({t}.reach = {} AND EXISTS (SELECT 1 FROM record_groups g
                 WHERE g.record_id = {t}.id AND g.group_id IN ({})))",
            Reach::Groups.code(),
            list.join(",")
        ));
    }
    sql.push_str(&format!(" AND ({reach})"));
}

/// A facet row derived from a related place (`via <> 0`) counts only while the viewer may see
/// that place too: the gate again, on the place.
pub(crate) fn via_gate<V: From<Bind>>(
    d: Dialect,
    who: &ViewerFilter,
    f: &str,
    sql: &mut String,
    params: &mut Vec<V>,
) {
    if who.everything {
        return;
    }
    sql.push_str(&format!(
        " AND ({f}.via = 0 OR EXISTS (SELECT 1 FROM {} WHERE v.id = {f}.via",
        d.records_v
    ));
    gate(d, who, "v", sql, params);
    sql.push_str("))");
}

/// One `EXISTS` per filtered facet name (AND across names, OR within one), skipping `except`.
/// Assumes parameter 1 is the kind.
pub(crate) fn filters<V: From<Bind>>(
    d: Dialect,
    groups: &[(FacetName, Vec<String>)],
    except: Option<FacetName>,
    who: &ViewerFilter,
    sql: &mut String,
    params: &mut Vec<V>,
) {
    for (name, values) in groups.iter().filter(|(n, _)| Some(*n) != except) {
        let slots: Vec<String> = values
            .iter()
            .map(|v| d.bind(Bind::Text(v.clone()), params))
            .collect();
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM record_facets ff WHERE ff.kind = {}1 AND ff.facet = '{}'
               AND ff.value IN ({}) AND ff.record_id = r.id",
            d.mark,
            name.code(),
            slots.join(",")
        ));
        via_gate(d, who, "ff", sql, params);
        sql.push(')');
    }
}

/// One `NOT EXISTS` for each excluded facet value, on the record id column `id`. Excluded values
/// are the record's own (a type), so no place gate applies.
pub(crate) fn exclude<V: From<Bind>>(
    d: Dialect,
    excluded: &[(FacetName, String)],
    id: &str,
    sql: &mut String,
    params: &mut Vec<V>,
) {
    for (name, value) in excluded {
        let slot = d.bind(Bind::Text(value.clone()), params);
        sql.push_str(&format!(
            " AND NOT EXISTS (SELECT 1 FROM record_facets fx WHERE fx.record_id = {id}
               AND fx.facet = '{}' AND fx.value = {slot})",
            name.code()
        ));
    }
}

impl From<Bind> for rusqlite::types::Value {
    fn from(bind: Bind) -> Self {
        match bind {
            Bind::Int(i) => rusqlite::types::Value::Integer(i),
            Bind::Text(t) => rusqlite::types::Value::Text(t),
        }
    }
}
