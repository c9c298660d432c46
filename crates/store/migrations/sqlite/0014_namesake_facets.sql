-- A person's birth decade became a facet (issue #21: narrowing namesakes). SQL cannot read EDTF
-- dates, so the store recomputes every record's facets once after this migration
-- (letopis_store::sqlite::facets::rebuild_all); nothing changes in the tables themselves.
DELETE FROM record_facets WHERE 0;
