//! The letters a contributor receives, in the language they wrote in. Each carries a private
//! link of its own to the status page; a letter that did not go is logged, not fatal: the status
//! page shows the same news.

use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::{Lang, Tr};
use crate::shell::mail::Letter;
use letopis_store::contributions::Submission;
use std::borrow::Cow;

/// What the letter is about.
#[derive(Debug, Clone)]
pub(crate) enum Notice {
    /// Right after sending: confirm the address (the link confirms it when opened).
    Confirm { confirm_token: String },
    /// A moderator asked a question.
    Question { text: String },
    /// Published; the address of the hero's page.
    Published { href: String },
    /// Declined, with the reason in the contributor's language and the moderator's words.
    Declined { reason: String, note: String },
    /// The withdrawal was carried out.
    Withdrawn,
}

/// Writes and sends the letter. `base` is the site's address (see `shell::base_url::link_base`).
/// Returns whether it went.
pub(crate) async fn send(
    app: &App,
    base: &str,
    submission: &Submission,
    notice: Notice,
) -> Result<bool, AppError> {
    let to = submission.content.contributor.email.trim().to_string();
    if to.is_empty() {
        return Ok(false);
    }
    let path = super::new_link(app, submission.id.0).await?;
    let t = Tr::new(Lang::from_code(&submission.lang).unwrap_or_default());
    let letter = compose(&t, app, base, submission, &notice, &path, to);
    Ok(app.send_letter(letter).await?.is_ok())
}

fn compose(
    t: &Tr,
    app: &App,
    base: &str,
    s: &Submission,
    notice: &Notice,
    path: &str,
    to: String,
) -> Letter {
    let site = match t.lang() {
        Lang::Ru => app.config().site_name.clone(),
        _ => t.msg("site-name"),
    };
    let hero = s.content.hero.full_name();
    let status = format!("{base}{path}");
    let a = |extra: Vec<(&'static str, Cow<'static, str>)>| {
        let mut v: Vec<(&str, Cow<'_, str>)> = vec![
            ("site", site.clone().into()),
            ("hero", hero.clone().into()),
            ("number", s.id.to_string().into()),
            ("status", status.clone().into()),
        ];
        v.extend(extra);
        v
    };
    let (subject, body) = match notice {
        Notice::Confirm { confirm_token } => {
            let confirm = format!("{status}?confirm={confirm_token}");
            (
                t.args("letter-confirm-subject", &a(vec![])),
                t.args("letter-confirm-body", &a(vec![("confirm", confirm.into())])),
            )
        }
        Notice::Question { text } => (
            t.args("letter-question-subject", &a(vec![])),
            t.args(
                "letter-question-body",
                &a(vec![("question", text.clone().into())]),
            ),
        ),
        Notice::Published { href } => (
            t.args("letter-published-subject", &a(vec![])),
            t.args(
                "letter-published-body",
                &a(vec![("page", format!("{base}{href}").into())]),
            ),
        ),
        Notice::Declined { reason, note } => {
            let words = if note.trim().is_empty() {
                reason.clone()
            } else {
                format!("{reason}\n\n{}", note.trim())
            };
            (
                t.args("letter-declined-subject", &a(vec![])),
                t.args("letter-declined-body", &a(vec![("reason", words.into())])),
            )
        }
        Notice::Withdrawn => (
            t.args("letter-withdrawn-subject", &a(vec![])),
            t.args("letter-withdrawn-body", &a(vec![])),
        ),
    };
    Letter { to, subject, body }
}
