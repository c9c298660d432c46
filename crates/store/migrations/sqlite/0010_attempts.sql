-- Attempts counted against a limit (wrong passwords and reset requests per client address),
-- kept in the base rather than in one server's memory, so that every server over the same base
-- counts them together and a restart does not forget them. Rows older than the longest window
-- of their scope are pruned by the application.

CREATE TABLE attempts (
    id      INTEGER PRIMARY KEY,
    -- What is limited (`sign_in`), so that limits with different windows prune apart.
    scope   TEXT    NOT NULL,
    -- Who is counted within the scope (a client address).
    key     TEXT    NOT NULL,
    -- Microseconds since the Unix epoch.
    at      INTEGER NOT NULL
) STRICT;

CREATE INDEX attempts_by_key ON attempts (scope, key, at);
CREATE INDEX attempts_by_age ON attempts (scope, at);
