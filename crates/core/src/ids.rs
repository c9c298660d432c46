//! Ids of the things the museum keeps besides records, one type each, so that a person's id
//! cannot be passed where a working group's is expected (`set_member(group, user, …)` once took
//! two bare integers in an order only the parameter names told). Each is the integer the store
//! assigned; serialised as that integer, so stored JSON and URLs do not change.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        #[cfg(feature = "rusqlite")]
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.0.into())
            }
        }

        #[cfg(feature = "rusqlite")]
        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

id_type! {
    /// A person with an account (staff, teacher, resident).
    UserId;
    /// A working group.
    GroupId;
    /// A recorded consent.
    ConsentId;
    /// A relation between two records.
    RelationId;
    /// A resident's story as sent (before and after it becomes records).
    SubmissionId;
    /// A file attached to a resident's story.
    SubmissionFileId;
    /// An oral-history project: one narrator, from first call to published interview.
    ProjectId;
    /// A narrator (private card of the oral-history pipeline).
    NarratorId;
    /// An interview guide (questionnaire), across its versions.
    GuideId;
    /// One version of an interview guide.
    GuideVersionId;
    /// A task on a person's list in the oral-history pipeline.
    TaskId;
    /// A roadmap activity.
    ActivityId;
}
