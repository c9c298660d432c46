-- Lesson kits and guided tours (issue #17): a teacher's or guide's ordered blocks over the base,
-- kept as JSON (letopis_core::lesson::Kit) beside who owns it and who may open it; class links
-- give a class a kit for a while; a confirmed excursion names its tour and follow-up lesson.
-- Written to run again over a base that already has it (a migration test rewinds user_version).
CREATE TABLE IF NOT EXISTS lesson_kits (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    owner         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    purpose       TEXT NOT NULL CHECK (purpose IN ('lesson', 'tour')),
    state         TEXT NOT NULL DEFAULT 'private'
                  CHECK (state IN ('private', 'shared', 'submitted', 'published')),
    body          TEXT NOT NULL,          -- JSON of letopis_core::lesson::Kit
    review_note   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    published_at  TEXT
);
CREATE INDEX IF NOT EXISTS lesson_kits_by_owner ON lesson_kits (owner);
CREATE INDEX IF NOT EXISTS lesson_kits_by_state ON lesson_kits (state);

-- No pupil's name or answer is ever stored: a class link is the kit, an age limit and a date.
CREATE TABLE IF NOT EXISTS class_links (
    code          TEXT PRIMARY KEY,
    kit           INTEGER NOT NULL REFERENCES lesson_kits (id) ON DELETE CASCADE,
    max_age       INTEGER NOT NULL CHECK (max_age IN (0, 6, 12, 16, 18)),
    expires_on    TEXT NOT NULL,          -- YYYY-MM-DD, the last day it opens
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS class_links_by_kit ON class_links (kit);

CREATE TABLE IF NOT EXISTS excursion_plans (
    excursion     INTEGER PRIMARY KEY REFERENCES excursions (id) ON DELETE CASCADE,
    tour          INTEGER REFERENCES lesson_kits (id) ON DELETE SET NULL,
    lesson        INTEGER REFERENCES lesson_kits (id) ON DELETE SET NULL
);
