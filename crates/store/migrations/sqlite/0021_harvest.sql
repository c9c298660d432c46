-- A record's last change, for harvesters (OAI-PMH `from`/`until`, issue #19): the newest event
-- of the record in the change feed, found by index rather than by scanning the feed.
CREATE INDEX IF NOT EXISTS changes_subject ON changes (subject_type, subject_id, at);
