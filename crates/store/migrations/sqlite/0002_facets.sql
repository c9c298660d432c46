-- Facets of every record (type, fate, period, place, district, tag; see letopis_core::facet),
-- kept in the same transaction as the record and its relations, so that lists narrow and count
-- by them in SQL, through the access gate.
--
-- `via` is 0 for a value the record carries itself, or the id of the Place record a value was
-- derived from through a relation (a person born in Сходня gets place=<id>, district=Сходня):
-- such a value counts only while the viewer may also see that place, so a hidden place never
-- shows through a visible person.

CREATE TABLE record_facets (
    kind        TEXT    NOT NULL,
    facet       TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    via         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, facet, value, record_id, via)
) STRICT, WITHOUT ROWID;

CREATE INDEX record_facets_by_record ON record_facets (record_id, via);
CREATE INDEX record_facets_by_via ON record_facets (via) WHERE via <> 0;

-- Lets the gate be checked for a facet row without reading the record's wide row (its JSON):
-- facet counts join every matching row to this narrow index instead.
CREATE INDEX records_gate ON records (id, kind, reach, age_rating, open_from);

-- Lists read in index order and check the gate inside the index, touching the wide rows only
-- for the fifty records shown: page 2,000 of 100,000 persons is an index walk, not a sort.
-- (The 0001 indexes put `reach` second, which forced a sort whenever the gate allowed more than
-- one reach, and were not covering, so every count read every row's JSON.)
DROP INDEX records_by_title;
DROP INDEX records_by_recent;
CREATE INDEX records_list_title ON records (kind, sort_key, id, reach, age_rating, open_from);
CREATE INDEX records_list_date ON records
    (kind, date_lo IS NULL, date_lo, sort_key, id, reach, age_rating, open_from);
CREATE INDEX records_list_recent ON records (kind, updated_at, id, reach, age_rating, open_from);
CREATE INDEX records_count ON records (kind, reach, age_rating, open_from);
