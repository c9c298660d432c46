-- Residents' submissions («Герои города», issue #7). Private data and unchecked claims, apart
-- from the records: no public query reads these tables. Secrets are stored as SHA-256 hashes.
-- Times are RFC 3339 text with six fractional digits, so that text order is time order.

CREATE TABLE submissions (
    id                  INTEGER PRIMARY KEY,
    token_hash          TEXT    NOT NULL UNIQUE,
    status              TEXT    NOT NULL,
    -- What the resident wrote, as letopis_core::contribution::Contribution JSON.
    content             TEXT    NOT NULL,
    -- The contributor's address, lower-cased, for the limit on floods from one address.
    email_key           TEXT    NOT NULL DEFAULT '',
    about_id            INTEGER REFERENCES records (id),
    lang                TEXT    NOT NULL,
    origin              TEXT    NOT NULL,
    confirm_hash        TEXT    UNIQUE,
    email_confirmed_at  TEXT,
    assigned_to         INTEGER REFERENCES users (id),
    person_id           INTEGER REFERENCES records (id),
    story_id            INTEGER REFERENCES records (id),
    consent_id          INTEGER REFERENCES consents (id),
    decline_reason      TEXT,
    decline_note        TEXT    NOT NULL DEFAULT '',
    created_at          TEXT    NOT NULL,
    sent_at             TEXT,
    updated_at          TEXT    NOT NULL
) STRICT;

CREATE INDEX submissions_by_status ON submissions (status, updated_at);
CREATE INDEX submissions_by_origin ON submissions (origin, created_at);
CREATE INDEX submissions_by_email ON submissions (email_key, sent_at);

CREATE TABLE submission_files (
    id              INTEGER PRIMARY KEY,
    submission_id   INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    sha256          TEXT    NOT NULL,
    mime            TEXT    NOT NULL,
    width           INTEGER,
    height          INTEGER,
    caption         TEXT    NOT NULL DEFAULT '',
    date            TEXT    NOT NULL DEFAULT '',
    late            INTEGER NOT NULL DEFAULT 0,
    added_at        TEXT    NOT NULL
) STRICT;

CREATE INDEX submission_files_by_submission ON submission_files (submission_id, id);
CREATE INDEX submission_files_by_hash ON submission_files (sha256);

CREATE TABLE submission_events (
    id              INTEGER PRIMARY KEY,
    submission_id   INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    status          TEXT,
    user_id         INTEGER REFERENCES users (id),
    by_name         TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL DEFAULT '',
    at              TEXT    NOT NULL
) STRICT;

CREATE INDEX submission_events_by_submission ON submission_events (submission_id, id);

-- Every letter to the contributor carries a private link of its own (only hashes are kept, so
-- an old link cannot be re-sent); each opens the same submission.
CREATE TABLE submission_links (
    token_hash      TEXT    PRIMARY KEY,
    submission_id   INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    created_at      TEXT    NOT NULL
) STRICT;
