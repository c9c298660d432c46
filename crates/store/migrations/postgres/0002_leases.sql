-- Leases on scheduled jobs (SQLite's 0025): several nodes over one base run each job once.
CREATE TABLE leases (
    job     TEXT COLLATE "C" PRIMARY KEY,
    holder  TEXT COLLATE "C" NOT NULL,
    until   BIGINT NOT NULL
);
