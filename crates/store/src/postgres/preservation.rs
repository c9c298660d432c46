//! What `letopis verify` and the scheduled fixity audit need of a PostgreSQL base: every media
//! file it refers to, read in one snapshot, as `sqlite::preservation::media_references` reads
//! them from SQLite.

use crate::StoreError;
use crate::sqlite::preservation::MediaUser;
use postgres::fallible_iterator::FallibleIterator;

/// Calls `each` once per original the base at `url` names (sorted by hash), with the most
/// telling thing that names it: a record before a submission, a paper, an upload's file info.
pub fn media_references(
    url: &str,
    mut each: impl FnMut(&str, MediaUser) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut client = postgres::Client::connect(url, postgres::NoTls)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let mut rows = tx.query_raw(
        "SELECT sha, MIN(kind * 10000000000000 + id) FROM (
             SELECT lower(sha256) AS sha, 1::bigint AS kind, record_id AS id FROM record_media
             UNION ALL SELECT lower(sha256), 2, submission_id FROM submission_files
             UNION ALL SELECT lower(file_sha256), 3, id FROM papers
             UNION ALL SELECT lower(sha256), 4, 0 FROM file_info
             UNION ALL SELECT lower(info::json->>'original'), 4, 0 FROM file_info
             UNION ALL SELECT lower(info::json->>'thumb'), 4, 0 FROM file_info
         ) AS named WHERE sha IS NOT NULL AND sha <> '' GROUP BY sha ORDER BY sha",
        std::iter::empty::<i64>(),
    )?;
    while let Some(row) = rows.next()? {
        let sha: String = row.get(0);
        let key: i64 = row.get(1);
        let id = key % 10_000_000_000_000;
        let user = match key / 10_000_000_000_000 {
            1 => MediaUser::Record(id),
            2 => MediaUser::Submission(id),
            3 => MediaUser::Paper(id),
            _ => MediaUser::Upload,
        };
        each(&sha, user)?;
    }
    Ok(())
}
