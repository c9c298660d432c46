-- The press office's media plan (issue #18): publications about the project, each kept as JSON
-- (letopis_core::media_plan::Publication) beside its day and status, which the plan's board and
-- the council's report select on. Written to run again over a base that already has it.
CREATE TABLE IF NOT EXISTS media_plan (
    id          INTEGER PRIMARY KEY,
    day         TEXT NOT NULL,          -- YYYY-MM-DD: the day it is planned for or came out
    status      TEXT NOT NULL
                CHECK (status IN ('idea', 'agreed', 'prepared', 'published', 'reported')),
    body        TEXT NOT NULL,          -- JSON of letopis_core::media_plan::Publication
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS media_plan_by_day ON media_plan (day);
