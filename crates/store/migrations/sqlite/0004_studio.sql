-- The studio: accounts, sessions, working groups, review, the audit log and the roadmap.
-- Times the server compares (expiry, lockout) are Unix seconds; times people read are RFC 3339
-- text, as in the information base.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,
    display_name    TEXT    NOT NULL,
    -- Argon2id in PHC string form; NULL until the person sets a password from an invitation.
    password_hash   TEXT,
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      TEXT    NOT NULL
) STRICT;

CREATE TABLE user_roles (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL,
    PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

-- Only the SHA-256 of a session token is kept: a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

-- One-time links: invitations and password resets, also kept only as hashes.
CREATE TABLE one_time_tokens (
    token_hash  TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
) STRICT, WITHOUT ROWID;

CREATE TABLE working_groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    direction   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE group_members (
    group_id    INTEGER NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    responsible INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_by_user ON group_members (user_id);

CREATE TABLE review_assignments (
    record_id   INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    reviewer    INTEGER NOT NULL REFERENCES users (id),
    assigned_by INTEGER,
    at          TEXT    NOT NULL
) STRICT;
CREATE INDEX review_assignments_by_reviewer ON review_assignments (reviewer);

CREATE TABLE review_comments (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    author_user INTEGER,
    author      TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    body        TEXT    NOT NULL
) STRICT;
CREATE INDEX review_comments_by_record ON review_comments (record_id, id);

-- Append-only: the triggers refuse any change or deletion, so the log can be trusted.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor_user  INTEGER,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    subject     TEXT,
    detail      TEXT    NOT NULL DEFAULT '',
    ip          TEXT
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- The roadmap (дорожная карта) as data.
CREATE TABLE roadmap_activities (
    id           INTEGER PRIMARY KEY,
    number       INTEGER NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    period       TEXT    NOT NULL,
    departments  TEXT    NOT NULL
) STRICT;

CREATE TABLE roadmap_reports (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES roadmap_activities (id),
    quarter      TEXT    NOT NULL,
    author_user  INTEGER,
    author       TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    body         TEXT    NOT NULL
) STRICT;

CREATE INDEX revisions_by_actor ON revisions (actor_user, at);
