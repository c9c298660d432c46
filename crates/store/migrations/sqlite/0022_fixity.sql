-- The scheduled fixity audits of the media originals (issue #19, NDSA level 3): when each ran,
-- what it read and what it found, so the studio and the metrics show the last one.
CREATE TABLE IF NOT EXISTS fixity_audits (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT    NOT NULL,
    finished_at TEXT    NOT NULL,
    files       INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    damaged     INTEGER NOT NULL,
    missing     INTEGER NOT NULL,
    unused      INTEGER NOT NULL,
    -- The first problems found, as a JSON list of strings (the whole list is in the log).
    problems    TEXT    NOT NULL DEFAULT '[]'
) STRICT;
