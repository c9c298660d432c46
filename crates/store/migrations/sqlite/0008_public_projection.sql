-- Issue #13: the public projection of a record, derived on write next to its audience (see
-- letopis_core::projection). NULL when the public sees the record as stored; otherwise the body
-- every public read path shows. The store re-derives every record's projection once after this
-- migration (SqliteStore::open).
ALTER TABLE records ADD COLUMN public_body TEXT;
