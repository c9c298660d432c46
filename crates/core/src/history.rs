//! History: who changed what and when (revisions), and the change feed followers read (outbox).

use crate::ids::{ConsentId, RelationId, UserId};
use crate::record::RecordId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Whoever makes a change: a signed-in user, or a command-line job (`cli:import`, `demo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub label: String,
}

impl Actor {
    pub fn system(label: &str) -> Actor {
        Actor {
            user_id: None,
            label: label.into(),
        }
    }

    pub fn user(user_id: UserId, label: &str) -> Actor {
        Actor {
            user_id: Some(user_id),
            label: label.into(),
        }
    }

    /// A stable key for "is this the same person": the user id, or the job's label.
    pub fn key(&self) -> String {
        match self.user_id {
            Some(id) => format!("user:{id}"),
            None => self.label.clone(),
        }
    }
}

/// What a change was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Subject {
    Record(RecordId),
    Relation(RelationId),
    Consent(ConsentId),
}

/// One saved change with the state before and after, so history can be read and reverted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub id: i64,
    pub subject: Subject,
    pub actor: Actor,
    pub at: Timestamp,
    /// What happened, e.g. `create`, `update`, `workflow:published`, `withdraw`.
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub note: Option<String>,
}

/// One entry of the change feed (outbox), written in the same transaction as the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEvent {
    pub seq: i64,
    pub subject: Subject,
    /// The record whose public view may have changed (for a relation: each end gets an event).
    pub action: String,
    pub at: Timestamp,
}
