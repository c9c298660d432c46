-- School excursions to the exhibition hall (roadmap item 11): a school asks for a date from the
-- public form, the hall confirms or declines in the studio. The teacher's name and contact are
-- personal data: kept only until the visit (then erased, the request's counts stay for the
-- council's report).
-- Written to run again over a base that already has it (a migration test rewinds user_version).
CREATE TABLE IF NOT EXISTS excursions (
    id            INTEGER PRIMARY KEY,
    school        TEXT NOT NULL,
    class_name    TEXT NOT NULL,
    pupils        INTEGER NOT NULL CHECK (pupils BETWEEN 1 AND 200),
    wanted_on     TEXT NOT NULL,          -- YYYY-MM-DD
    teacher       TEXT NOT NULL,          -- '' once erased
    contact       TEXT NOT NULL,          -- '' once erased
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'requested'
                  CHECK (status IN ('requested', 'confirmed', 'declined')),
    visit_on      TEXT,                   -- the confirmed date
    decided_by    TEXT,
    requested_at  TEXT NOT NULL,
    decided_at    TEXT,
    erased_at     TEXT
);
CREATE INDEX IF NOT EXISTS excursions_by_status ON excursions (status, wanted_on);
