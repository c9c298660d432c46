-- The information base. Records of every kind share one table: the envelope in columns (so the
-- access gate, lists and timelines can filter and sort in SQL) and the kind-specific body as JSON.

CREATE TABLE records (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    slug            TEXT    NOT NULL,
    external_id     TEXT,
    workflow        TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    sort_key        TEXT    NOT NULL,
    date_lo         INTEGER,
    date_hi         INTEGER,
    -- The audience derived by letopis_core::access::Audience::of (see ViewerFilter).
    reach           INTEGER NOT NULL,
    open_from       INTEGER,
    age_rating      INTEGER NOT NULL,
    health_public   INTEGER NOT NULL DEFAULT 0,
    -- Day on which consent terms change by themselves and the audience must be derived again.
    recheck_on      INTEGER,
    version         INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    submitted_by    TEXT,
    meta            TEXT    NOT NULL,
    body            TEXT    NOT NULL
) STRICT;

CREATE UNIQUE INDEX records_slug ON records (kind, slug);
CREATE UNIQUE INDEX records_external ON records (kind, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX records_by_title ON records (kind, reach, sort_key);
CREATE INDEX records_by_date ON records (kind, reach, date_lo);
CREATE INDEX records_by_recent ON records (kind, reach, updated_at);
CREATE INDEX records_recheck ON records (recheck_on) WHERE recheck_on IS NOT NULL;

CREATE TABLE record_groups (
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL,
    PRIMARY KEY (record_id, group_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE slug_counters (
    kind    TEXT    NOT NULL,
    base    TEXT    NOT NULL,
    used    INTEGER NOT NULL,
    PRIMARY KEY (kind, base)
) STRICT, WITHOUT ROWID;

CREATE TABLE record_media (
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    sha256      TEXT    NOT NULL,
    PRIMARY KEY (record_id, sha256)
) STRICT, WITHOUT ROWID;
CREATE INDEX record_media_by_sha ON record_media (sha256);

CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL REFERENCES records (id),
    to_id       INTEGER NOT NULL REFERENCES records (id),
    rtype       TEXT    NOT NULL,
    source_id   INTEGER REFERENCES records (id),
    date_text   TEXT,
    note        TEXT,
    created_at  TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX relations_unique ON relations (from_id, to_id, rtype);
CREATE INDEX relations_to ON relations (to_id);

CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    subject_id      INTEGER REFERENCES records (id),
    signed_on       INTEGER NOT NULL,
    valid_until     INTEGER,
    withdrawn_at    TEXT,
    created_at      TEXT    NOT NULL,
    data            TEXT    NOT NULL
) STRICT;

CREATE TABLE consent_covers (
    consent_id  INTEGER NOT NULL REFERENCES consents (id),
    record_id   INTEGER NOT NULL REFERENCES records (id),
    PRIMARY KEY (consent_id, record_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX consent_covers_by_record ON consent_covers (record_id);

CREATE TABLE revisions (
    id              INTEGER PRIMARY KEY,
    subject_type    TEXT    NOT NULL,
    subject_id      INTEGER NOT NULL,
    actor_user      INTEGER,
    actor           TEXT    NOT NULL,
    at              TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    before          TEXT,
    after           TEXT,
    note            TEXT
) STRICT;
CREATE INDEX revisions_by_subject ON revisions (subject_type, subject_id, id);

-- The outbox: followers read it by sequence number.
CREATE TABLE changes (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_type    TEXT    NOT NULL,
    subject_id      INTEGER NOT NULL,
    action          TEXT    NOT NULL,
    at              TEXT    NOT NULL
) STRICT;
