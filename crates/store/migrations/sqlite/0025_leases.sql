-- Leases on scheduled jobs (issue #20): several nodes over one base run each job once. A lease is
-- the job's name, who holds it, and until when (Unix seconds), taken or renewed in one statement.
CREATE TABLE IF NOT EXISTS leases (
    job     TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    until   INTEGER NOT NULL
);
