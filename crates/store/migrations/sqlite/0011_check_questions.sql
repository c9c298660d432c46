-- The check question the residents' form asks when one address starts many stories: its answer
-- is kept here, and the form carries only the secret that names it, so the question cannot be
-- skipped by sending two numbers and their sum. Each question is answered at most once.

CREATE TABLE check_questions (
    -- SHA-256 (hex) of the secret in the form's hidden field.
    key_hash    TEXT    PRIMARY KEY,
    answer      INTEGER NOT NULL,
    -- Microseconds since the Unix epoch.
    asked_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX check_questions_by_age ON check_questions (asked_at);
