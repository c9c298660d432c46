-- The planning side of «Живые голоса» (issue #6): the register of narrators, their private
-- contacts kept apart, versioned question guides, interview projects with their stages,
-- checklists and steps, notes of psychological support, and follow-up tasks.
-- Times people read are RFC 3339 text; days something happened are YYYY-MM-DD.

CREATE TABLE narrators (
    id          INTEGER PRIMARY KEY,
    -- How the team calls the narrator; the public profile, once there is one, is the Person.
    name        TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    person_id   INTEGER REFERENCES records (id),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) STRICT;

-- Private data (DESIGN.md, invariant 4) in a table of its own, so that no query of the register
-- carries it by accident. The studio reads it only to show it, and logs every view.
CREATE TABLE narrator_private (
    narrator_id     INTEGER PRIMARY KEY REFERENCES narrators (id) ON DELETE CASCADE,
    address         TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL DEFAULT '',
    email           TEXT    NOT NULL DEFAULT '',
    carer           TEXT    NOT NULL DEFAULT '',
    health          TEXT    NOT NULL DEFAULT '',
    preferred_times TEXT    NOT NULL DEFAULT '',
    language        TEXT    NOT NULL DEFAULT '',
    updated_at      TEXT    NOT NULL
) STRICT;

CREATE TABLE question_guides (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT    NOT NULL
) STRICT;

-- Editing a guide adds a version; versions never change, so a project that used one can always
-- show the questions it was asked with.
CREATE TABLE question_guide_versions (
    id          INTEGER PRIMARY KEY,
    guide_id    INTEGER NOT NULL REFERENCES question_guides (id),
    version     INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    about       TEXT    NOT NULL,
    -- A JSON array of strings.
    questions   TEXT    NOT NULL,
    author_user INTEGER,
    author      TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    UNIQUE (guide_id, version)
) STRICT;
CREATE TRIGGER question_guide_versions_no_update BEFORE UPDATE ON question_guide_versions
BEGIN SELECT RAISE(ABORT, 'a question guide version never changes: add a new one'); END;
CREATE TRIGGER question_guide_versions_no_delete BEFORE DELETE ON question_guide_versions
BEGIN SELECT RAISE(ABORT, 'a question guide version never changes: add a new one'); END;

CREATE TABLE interview_projects (
    id                 INTEGER PRIMARY KEY,
    title              TEXT    NOT NULL,
    narrator_id        INTEGER NOT NULL REFERENCES narrators (id),
    stage              TEXT    NOT NULL,
    interviewer        INTEGER REFERENCES users (id),
    psychologist       INTEGER REFERENCES users (id),
    needs_psychologist INTEGER NOT NULL DEFAULT 0,
    guide_version      INTEGER REFERENCES question_guide_versions (id),
    interview_id       INTEGER REFERENCES records (id),
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
) STRICT;
CREATE INDEX interview_projects_by_narrator ON interview_projects (narrator_id);
CREATE INDEX interview_projects_by_interviewer ON interview_projects (interviewer);
CREATE INDEX interview_projects_by_psychologist ON interview_projects (psychologist);

-- Every move of a project: who, the day it happened, from where to where, and why.
CREATE TABLE interview_project_steps (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES interview_projects (id),
    from_stage  TEXT,
    stage       TEXT    NOT NULL,
    on_date     TEXT    NOT NULL,
    user_id     INTEGER,
    user_name   TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    at          TEXT    NOT NULL
) STRICT;
CREATE INDEX interview_project_steps_by_project ON interview_project_steps (project_id, id);

-- Ticked checklist items (the items themselves are defined in code, per stage).
CREATE TABLE interview_project_checks (
    project_id  INTEGER NOT NULL REFERENCES interview_projects (id),
    stage       TEXT    NOT NULL,
    item        TEXT    NOT NULL,
    user_id     INTEGER,
    user_name   TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    PRIMARY KEY (project_id, stage, item)
) STRICT, WITHOUT ROWID;

-- Breaks, signs of distress, declined topics, debriefs. Never public.
CREATE TABLE interview_support_notes (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES interview_projects (id),
    kind        TEXT    NOT NULL,
    timecode_ms INTEGER,
    body        TEXT    NOT NULL,
    author_user INTEGER,
    author      TEXT    NOT NULL,
    at          TEXT    NOT NULL
) STRICT;
CREATE INDEX interview_support_notes_by_project ON interview_support_notes (project_id, id);

-- Follow-up work for one person, shown on their dashboard until done.
CREATE TABLE studio_tasks (
    id          INTEGER PRIMARY KEY,
    assignee    INTEGER NOT NULL REFERENCES users (id),
    project_id  INTEGER REFERENCES interview_projects (id),
    body        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    done_at     TEXT,
    done_by     TEXT
) STRICT;
CREATE INDEX studio_tasks_by_assignee ON studio_tasks (assignee, done_at);
