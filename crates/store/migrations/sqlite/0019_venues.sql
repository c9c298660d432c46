-- Venues that promote the project in each micro-district (roadmap item 8, issue #18): a library,
-- a school, the territorial office… kept by the council's people, with a log of what each did.
-- The responsible person and the contact are the studio's; the public page shows name, kind,
-- district and address. Written to run again over a base that already has it (a migration test
-- rewinds user_version).
CREATE TABLE IF NOT EXISTS venues (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('library', 'school', 'territorial_office',
                                                'museum', 'culture_house', 'other')),
    district      TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    responsible   TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS venues_by_district ON venues (district);

CREATE TABLE IF NOT EXISTS venue_activities (
    id            INTEGER PRIMARY KEY,
    venue         INTEGER NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
    on_day        TEXT NOT NULL,          -- YYYY-MM-DD
    what          TEXT NOT NULL,
    people        INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    author        TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS venue_activities_by_venue ON venue_activities (venue, on_day);
