-- Where each roadmap activity stands (issue #18): the council's status, the person responsible
-- and what is due by which quarter, as JSON (letopis_core::progress::Progress). Written to run
-- again over a base that already has it.
CREATE TABLE IF NOT EXISTS activity_progress (
    activity_id INTEGER PRIMARY KEY REFERENCES roadmap_activities (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
