-- The local-history conference (roadmap item 10, issue #18): the call for papers, the papers
-- authors send from /conference, the programme committee's reviews, and a log of what happened
-- to each paper (letters included). Papers are private until published in the proceedings,
-- where each becomes an item of the base (`item`). Written to run again over a base that
-- already has it (a migration test rewinds user_version).
CREATE TABLE IF NOT EXISTS conferences (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    starts      TEXT NOT NULL,          -- YYYY-MM-DD: the latest is the current conference
    body        TEXT NOT NULL,          -- JSON of letopis_core::conference::Conference
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS papers (
    id            INTEGER PRIMARY KEY,
    conference    INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    status        TEXT NOT NULL CHECK (status IN ('unconfirmed', 'submitted', 'in_review',
                                                  'accepted', 'declined', 'withdrawn')),
    body          TEXT NOT NULL,        -- JSON of letopis_core::conference::Paper
    -- The link in the confirmation letter, as a SHA-256 hash; cleared once opened.
    confirm_hash  TEXT UNIQUE,
    file_sha256   TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    file_size     INTEGER NOT NULL,
    slot_day      TEXT,
    slot_start    TEXT,
    slot_end      TEXT,
    item          INTEGER REFERENCES records (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    confirmed_at  TEXT,
    decided_at    TEXT,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS papers_by_conference ON papers (conference, status);

CREATE TABLE IF NOT EXISTS paper_reviews (
    paper           INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    reviewer        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    score           INTEGER CHECK (score BETWEEN 1 AND 5),
    recommendation  TEXT CHECK (recommendation IN ('accept', 'revise', 'decline')),
    comment         TEXT NOT NULL DEFAULT '',
    assigned_at     TEXT NOT NULL,
    reviewed_at     TEXT,
    PRIMARY KEY (paper, reviewer)
);

CREATE TABLE IF NOT EXISTS paper_events (
    id        INTEGER PRIMARY KEY,
    paper     INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    by_name   TEXT NOT NULL DEFAULT '',
    body      TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paper_events_by_paper ON paper_events (paper, id);
