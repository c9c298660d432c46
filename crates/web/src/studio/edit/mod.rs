//! Record lists and the edit page of every kind: the form, relations, the workflow panel,
//! review comments and consents; autosave, the EDTF preview and the relation picker's
//! suggestions. Records are read through the access gate with the signed-in person's viewer.

mod autosave;
mod create;
mod list;
mod lookup;
mod page;
mod relations;
mod save;
mod view;

pub use autosave::autosave;
pub use create::{create, new_form};
pub use list::{Row, list, row};
pub use lookup::{edtf_preview, suggest};
pub use page::page;
pub use relations::{relate, unrelate};
pub use save::save;
pub use view::{Again, closure_text, edit_page, load, may_edit};

use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use letopis_core::scope::ScopeItem;
use letopis_core::{ConsentKind, Kind, Workflow};

/// The kind a list's address names (`persons`, `places`, …); any other word is a 404.
fn kind_of(plural: &str) -> Result<Kind, AppError> {
    Kind::ALL
        .into_iter()
        .find(|k| k.plural() == plural)
        .ok_or(AppError::NotFound)
}

/// A kind's name in the singular, as the portal's messages have it («Герой», "Hero").
pub fn kind_label(t: &Tr, kind: Kind) -> String {
    t.msg(&format!("kind-{}", kind.code()))
}

/// A workflow state in words («черновик», "draft"); `Workflow::label_ru` stays for core's own
/// Russian texts (history notes, letters).
pub fn workflow_label(t: &Tr, workflow: Workflow) -> String {
    t.msg(&format!(
        "studio-workflow-{}",
        workflow.code().replace('_', "-")
    ))
}

pub fn consent_kind_label(t: &Tr, kind: ConsentKind) -> String {
    t.msg(&format!(
        "studio-consent-kind-{}",
        kind.code().replace('_', "-")
    ))
}

/// One thing a consent allows to publish; a word of an old free-text scope is shown as written.
pub fn scope_label(t: &Tr, item: &ScopeItem) -> String {
    match item {
        ScopeItem::Other(word) => word.clone(),
        typed => t.msg(&format!("studio-scope-{}", typed.code().replace('_', "-"))),
    }
}
