-- A record's create revision no longer repeats the record (issue #15: on a 100,000-person import
-- the copies were 234 MB of a 560 MB base). Its `after` is NULL while the record's row is as it
-- was created: the history reads `{"meta":…,"body":…}` from that row, byte for byte what the
-- revision held before. The first change of the row's meta or body (an edit, a step, a derived
-- slug), or its deletion, writes the record as it was created into the revision first, so the
-- history never shows a later state as the created one. Bases made before this keep their
-- create revisions as written (never NULL), and read as before.
CREATE TRIGGER IF NOT EXISTS records_keep_created_on_update BEFORE UPDATE OF meta, body ON records
BEGIN
    UPDATE revisions SET after = '{"meta":' || OLD.meta || ',"body":' || OLD.body || '}'
    WHERE subject_type = 'record' AND subject_id = OLD.id AND action = 'create'
      AND after IS NULL;
END;

CREATE TRIGGER IF NOT EXISTS records_keep_created_on_delete BEFORE DELETE ON records
BEGIN
    UPDATE revisions SET after = '{"meta":' || OLD.meta || ',"body":' || OLD.body || '}'
    WHERE subject_type = 'record' AND subject_id = OLD.id AND action = 'create'
      AND after IS NULL;
END;
