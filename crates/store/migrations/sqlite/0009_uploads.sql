-- Studio uploads in progress and what the studio knows about uploaded files (issue #14). Both
-- used to be files beside the base (uploads/, derivatives/); several server nodes over one base
-- must see the same state, so they live here. Times are RFC 3339 text with six fractional
-- digits, so that text order is time order.

CREATE TABLE uploads (
    -- The random id the browser holds (32 hex digits).
    id          TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    -- The name and size the browser declared when it started.
    name        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    -- Bytes received so far: always the end of the last chunk.
    received    INTEGER NOT NULL DEFAULT 0,
    started_at  TEXT    NOT NULL,
    touched_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX uploads_by_touch ON uploads (touched_at);

-- The received bytes, one row per piece at its offset; a piece is at most one studio chunk.
CREATE TABLE upload_chunks (
    upload_id   TEXT    NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    offset      INTEGER NOT NULL,
    bytes       BLOB    NOT NULL,
    PRIMARY KEY (upload_id, offset)
) STRICT;

-- What the studio knows of an uploaded file (letopis_store::uploads::FileInfo as JSON), under
-- the hash a record refers to and, when it differs, under the original's hash too.
CREATE TABLE file_info (
    sha256      TEXT    PRIMARY KEY,
    info        TEXT    NOT NULL
) STRICT;
