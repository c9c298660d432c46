//! The edit page itself: the form's fields as typed or stored, the settings, relations,
//! workflow actions, comments and consents. Every handler that shows the page again after a
//! POST (with its problems) comes through [`edit_page`].

use super::{consent_kind_label, kind_label, scope_label, workflow_label};
use crate::App;
use crate::shell::error::AppError;
use crate::shell::i18n::Tr;
use crate::studio::form::{
    self, ACCESS, AGE, Field, Problems, Submitted, Widget, field_media, field_text, fields,
};
use crate::studio::upload::media_lookup;
use crate::studio::{Frame, Staff, render, when};
use askama::Template;
use axum::response::Response;
use letopis_core::access::{AccessLevel, Audience};
use letopis_core::account::Permission;
use letopis_core::consent::ConsentBasis;
use letopis_core::entities::MediaRef;
use letopis_core::record::Settings;
use letopis_core::relation::RelationType;
use letopis_core::{Body, Edtf, Kind, RecordId, Workflow};
use letopis_store::StoredRecord;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The edit page

pub struct Opt {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

pub struct MediaView {
    pub sha: String,
    pub alt: String,
    pub mime: String,
    pub is_image: bool,
}

pub struct FieldView {
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    /// `text`, `area`, `edtf`, `select`, `number`, `check`, `media`.
    pub widget: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub errors: Vec<String>,
    /// The date in words, for EDTF fields.
    pub preview: String,
    pub media: Vec<MediaView>,
    pub multi: bool,
    pub rows: u32,
}

impl FieldView {
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.key));
        }
        if self.widget == "edtf" {
            ids.push(format!("{}-preview", self.key));
        }
        if !self.errors.is_empty() {
            ids.push(format!("{}-error", self.key));
        }
        ids.join(" ")
    }
}

pub(super) fn widget_name(w: Widget) -> &'static str {
    match w {
        Widget::Text | Widget::OptText => "text",
        Widget::Area
        | Widget::Lines
        | Widget::Citations
        | Widget::Ids
        | Widget::Blocks
        | Widget::Segments
        | Widget::DatabaseRecords
        | Widget::Redactions => "area",
        Widget::Transcript => "transcript",
        Widget::Day => "text",
        Widget::Edtf => "edtf",
        Widget::Select(_) => "select",
        Widget::Number => "number",
        Widget::Check => "check",
        Widget::Media { .. } | Widget::Illustrations | Widget::Recordings => "media",
    }
}

/// The date in words as the person types it, or why it is not a date.
pub(super) fn edtf_preview_text(t: &Tr, text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if text.is_empty() {
        return (String::new(), None);
    }
    match Edtf::parse(text) {
        Ok(d) => (t.date(&d), None),
        Err(e) => (String::new(), Some(form::edtf_problem(t, &e))),
    }
}

pub(super) fn field_view(
    t: &Tr,
    field: &Field,
    value: String,
    media: Vec<MediaRef>,
    problems: &Problems,
) -> FieldView {
    let (preview, _) = match field.widget {
        Widget::Edtf => edtf_preview_text(t, &value),
        _ => (String::new(), None),
    };
    let options = match field.widget {
        Widget::Select(opts) => opts
            .iter()
            .map(|(code, label)| Opt {
                code,
                label: t.msg(label),
                selected: *code == value,
            })
            .collect(),
        _ => Vec::new(),
    };
    FieldView {
        key: field.key,
        label: t.msg(field.label),
        hint: if field.hint.is_empty() {
            String::new()
        } else {
            t.msg(field.hint)
        },
        widget: widget_name(field.widget),
        options,
        errors: problems.get(field.key).cloned().unwrap_or_default(),
        preview,
        media: media
            .into_iter()
            .map(|m| MediaView {
                is_image: m.mime.starts_with("image/"),
                alt: m.alt.clone().unwrap_or_default(),
                mime: m.mime,
                sha: m.sha256,
            })
            .collect(),
        multi: matches!(
            field.widget,
            Widget::Media { multi: true } | Widget::Illustrations | Widget::Recordings
        ),
        rows: match field.widget {
            Widget::Area => 8,
            Widget::Blocks => 20,
            Widget::Transcript => 24,
            Widget::Segments => 16,
            _ => 3,
        },
        value,
    }
}

pub(super) fn views_from_body(t: &Tr, kind: Kind, body: &Body) -> Vec<FieldView> {
    let json = serde_json::to_value(body).unwrap_or(Value::Null);
    let none = Problems::new();
    fields(kind)
        .iter()
        .map(|f| field_view(t, f, field_text(t, &json, f), field_media(&json, f), &none))
        .collect()
}

/// The fields as the person typed them, so nothing typed is lost when the form comes back
/// with errors.
pub(super) fn views_from_form(
    t: &Tr,
    kind: Kind,
    form: &Submitted<'_>,
    base: &Body,
    lookup: form::MediaLookup<'_>,
    problems: &Problems,
) -> Vec<FieldView> {
    let json = serde_json::to_value(base).unwrap_or(Value::Null);
    fields(kind)
        .iter()
        .map(|f| {
            let media = match f.widget {
                Widget::Media { .. } | Widget::Illustrations | Widget::Recordings => {
                    let before = field_media(&json, f);
                    let alts = form.all(&format!("{}_alt", f.key));
                    form.all(f.key)
                        .into_iter()
                        .enumerate()
                        .filter_map(|(i, sha)| {
                            let mut m = before
                                .iter()
                                .find(|m| m.sha256 == sha)
                                .cloned()
                                .or_else(|| lookup(sha))?;
                            m.alt = alts.get(i).map(|a| a.to_string());
                            Some(m)
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            field_view(
                t,
                f,
                form.get(f.key).chars().take(200_000).collect(),
                media,
                problems,
            )
        })
        .collect()
}

pub struct SettingsView {
    pub access: Vec<Opt>,
    pub age: Vec<Opt>,
    pub embargo: String,
    pub content_note: String,
    pub tags: String,
    pub errors: Vec<String>,
}

pub(super) fn settings_view(t: &Tr, s: &Settings) -> SettingsView {
    let access = match s.access {
        AccessLevel::Public => "public",
        AccessLevel::Registered => "registered",
        AccessLevel::Staff => "staff",
        AccessLevel::Groups(_) => "groups",
    };
    settings_from(
        t,
        access,
        s.age_rating.label(),
        &s.embargo_until.map(|d| d.to_string()).unwrap_or_default(),
        s.content_note.as_deref().unwrap_or(""),
        &s.tags.join(", "),
        Vec::new(),
    )
}

pub(super) fn settings_from(
    t: &Tr,
    access: &str,
    age: &str,
    embargo: &str,
    note: &str,
    tags: &str,
    errors: Vec<String>,
) -> SettingsView {
    SettingsView {
        access: ACCESS
            .iter()
            .map(|(code, label)| Opt {
                code,
                label: t.msg(label),
                selected: *code == access,
            })
            .collect(),
        age: AGE
            .iter()
            .map(|(code, label)| Opt {
                code,
                // Age ratings are written the same in every language.
                label: (*label).to_string(),
                selected: *code == age,
            })
            .collect(),
        embargo: embargo.chars().take(100).collect(),
        content_note: note.chars().take(5000).collect(),
        tags: tags.chars().take(5000).collect(),
        errors,
    }
}

pub struct RelationView {
    pub id: i64,
    pub label: String,
    pub other_id: i64,
    pub other_title: String,
}

pub struct ActionView {
    pub to: &'static str,
    pub label: String,
}

pub struct CommentView {
    pub author: String,
    pub at: String,
    pub body: String,
}

pub struct ConsentView {
    pub id: i64,
    pub kind: String,
    pub granted_by: String,
    pub signed_on: String,
    pub until: String,
    pub withdrawn: bool,
    pub active: bool,
    /// The scan of the signed form, by hash.
    pub document: String,
    pub note: String,
    pub bans: String,
    /// What it allows to publish, in words («без ограничений» for an empty scope).
    pub scope: String,
}

pub struct RecordView {
    pub id: i64,
    pub version: i64,
    pub workflow: String,
    pub workflow_code: &'static str,
    pub public_href: String,
    /// Why the record is not public, in words; empty when it is.
    pub closure: String,
}

#[derive(Template)]
#[template(path = "studio/edit.html")]
pub struct EditPage {
    pub frame: Frame,
    pub kind_label: String,
    pub action: String,
    pub record: Option<RecordView>,
    pub fields: Vec<FieldView>,
    pub settings: SettingsView,
    /// Every problem, for the summary at the top (each links to its field).
    pub summary: Vec<(String, String)>,
    pub conflict: String,
    pub read_only: bool,
    pub relations: Vec<RelationView>,
    pub relation_types: Vec<(&'static str, String)>,
    pub relation_error: String,
    pub actions: Vec<ActionView>,
    pub refusal: String,
    pub comments: Vec<CommentView>,
    pub can_review: bool,
    pub reviewers: Vec<(letopis_core::UserId, String, bool)>,
    pub consents: Vec<ConsentView>,
    pub consent_kinds: Vec<(&'static str, String)>,
    /// The typed scope vocabulary (code, label) a consent form ticks.
    pub scope_items: Vec<(String, String)>,
    pub consent_error: String,
    pub autosave: bool,
    /// What the public does not get of this record although it is published as it stands
    /// (an interview's parts that cannot play because of closed stretches).
    pub withheld: Vec<String>,
    pub is_interview: bool,
    /// The words of the page's script, as JSON safe inside `<script>` (see studio.js).
    pub script_messages: String,
}

pub(super) fn summary(problems: &Problems) -> Vec<(String, String)> {
    problems
        .iter()
        .flat_map(|(k, msgs)| msgs.iter().map(move |m| (k.clone(), m.clone())))
        .collect()
}

pub(super) fn actions_for(workflow: Workflow, staff: &Staff) -> Vec<ActionView> {
    let review = staff.may(Permission::Review);
    let mut out = Vec::new();
    let t = staff.t;
    let mut push = |to: Workflow, label: &str, allowed: bool| {
        if allowed {
            out.push(ActionView {
                to: to.code(),
                label: t.msg(label),
            });
        }
    };
    match workflow {
        Workflow::Draft => push(Workflow::InReview, "studio-action-submit", true),
        Workflow::InReview => {
            push(Workflow::Published, "studio-action-publish", review);
            push(Workflow::Draft, "studio-action-return", review);
        }
        Workflow::Published => {
            push(Workflow::Withdrawn, "studio-action-withdraw", review);
            push(Workflow::Draft, "studio-action-to-draft", review);
        }
        Workflow::Withdrawn => {
            push(Workflow::InReview, "studio-action-resubmit", true);
            push(Workflow::Draft, "studio-action-to-draft", review);
        }
    }
    out
}

/// Whether this person may change the record's content: a published record changes the public
/// portal at once, so only a reviewer may edit it (others return it to draft first).
pub fn may_edit(staff: &Staff, workflow: Workflow) -> bool {
    letopis_core::access::studio::may_edit(&staff.user.roles, workflow)
}

/// What overrides the stored values when the page is shown again after a POST.
#[derive(Default)]
pub struct Again<'a> {
    pub form: Option<&'a [(String, String)]>,
    pub problems: Problems,
    pub conflict: String,
    pub relation_error: String,
    pub refusal: String,
    pub consent_error: String,
    pub notice: Option<String>,
}

/// Loads a record the signed-in person may see (404 otherwise: the gate's answer).
pub async fn load(app: &App, staff: &Staff, id: i64) -> Result<StoredRecord, AppError> {
    app.read_studio(staff.viewer.clone(), move |gate| gate.get(RecordId(id)))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn edit_page(
    app: &App,
    staff: &Staff,
    id: i64,
    again: Again<'_>,
) -> Result<Response, AppError> {
    let stored = load(app, staff, id).await?;
    let record = &stored.record;
    let kind = record.kind();
    let rid = record.id();
    let viewer = staff.viewer.clone();
    let t = staff.t;
    let relations = app
        .read_studio(viewer, move |gate| {
            let stored = gate.get(rid)?.ok_or(AppError::NotFound)?;
            let seen = gate.seen(stored)?;
            let relations: Vec<RelationView> = seen
                .relations
                .iter()
                .map(|r| RelationView {
                    id: r.relation.id.0,
                    label: if r.outgoing {
                        t.label("relation", r.relation.rtype)
                    } else {
                        t.label("relation-inverse", r.relation.rtype)
                    },
                    other_id: r.other.record.id().0,
                    other_title: r.other.record.title(),
                })
                .collect();
            Ok(relations)
        })
        .await?;
    let can_review = staff.may(Permission::Review);
    let consents = if can_review {
        let list = app
            .desk(staff.viewer.clone(), move |desk| {
                desk.consents_covering(rid)
            })
            .await?;
        if !list.is_empty() {
            // Who signed a consent is private personal data; each view is logged.
            app.audit(staff.audit(
                "view_private",
                Some(format!("record:{id}")),
                "согласия на обработку и публикацию",
            ))
            .await;
        }
        let today = letopis_core::today();
        list.into_iter()
            .map(|c| ConsentView {
                id: c.id.0,
                kind: consent_kind_label(&t, c.kind),
                active: c.is_active(today),
                granted_by: c.granted_by.clone(),
                signed_on: c.signed_on.to_string(),
                until: c.valid_until.map(|d| d.to_string()).unwrap_or_default(),
                withdrawn: c.withdrawn_at.is_some(),
                document: c.document.clone().unwrap_or_default(),
                note: c.note.clone().unwrap_or_default(),
                bans: c.bans.join(", "),
                scope: if c.scope.is_empty() {
                    t.msg("studio-consent-scope-all")
                } else {
                    c.scope
                        .iter()
                        .map(|i| scope_label(&t, i))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    let (comments, reviewer, users) = app
        .accounts_call(move |a| Ok((a.comments(rid)?, a.reviewer(rid)?, a.users()?)))
        .await?;
    let reviewers = users
        .into_iter()
        .filter(|u| u.roles.may(Permission::Review) && !u.disabled)
        .map(|u| (u.id, u.display_name.clone(), Some(u.id) == reviewer))
        .collect();
    let lookup = media_lookup(app);
    let (field_views, settings) = match again.form {
        Some(pairs) => {
            let submitted = Submitted(pairs);
            let settings_errors: Vec<String> = [
                "access",
                "age_rating",
                "embargo_until",
                "content_note",
                "tags",
            ]
            .iter()
            .flat_map(|k| again.problems.get(*k).cloned().unwrap_or_default())
            .collect();
            (
                views_from_form(&t, kind, &submitted, &record.body, &lookup, &again.problems),
                settings_from(
                    &t,
                    submitted.get("access"),
                    submitted.get("age_rating"),
                    submitted.get("embargo_until"),
                    submitted.get("content_note"),
                    submitted.get("tags"),
                    settings_errors,
                ),
            )
        }
        None => (
            views_from_body(&t, kind, &record.body),
            settings_view(&t, &record.settings()),
        ),
    };
    let closure = closure_text(&t, app, &stored).await?;
    let withheld = match &record.body {
        Body::Interview(i) => i
            .public_view()
            .recordings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.withheld)
            .map(|(n, r)| {
                t.args(
                    "studio-edit-withheld",
                    &[
                        ("part", (n + 1).to_string().into()),
                        ("mime", r.media.mime.as_str().into()),
                    ],
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let page = EditPage {
        script_messages: script_messages(&t),
        withheld,
        is_interview: kind == Kind::Interview,
        frame: Frame::new(staff, record.title(), &format!("/studio/{}", kind.plural()))
            .with_notice(again.notice.as_deref()),
        kind_label: kind_label(&t, kind),
        action: format!("/studio/records/{id}"),
        record: Some(RecordView {
            id,
            version: match again.form {
                // After a conflict the form carries the current version, so saving again is a
                // deliberate overwrite; otherwise the version the person started from.
                Some(pairs) if again.conflict.is_empty() => Submitted(pairs)
                    .get("version")
                    .parse()
                    .unwrap_or(record.meta.version),
                _ => record.meta.version,
            },
            workflow: workflow_label(&t, record.meta.workflow),
            workflow_code: record.meta.workflow.code(),
            public_href: crate::public::record_href(kind, &record.meta.slug),
            closure,
        }),
        fields: field_views,
        settings,
        summary: summary(&again.problems),
        conflict: again.conflict,
        read_only: !may_edit(staff, record.meta.workflow),
        relations,
        relation_types: RelationType::ALL
            .iter()
            .filter(|r| {
                let (from, to) = r.ends();
                from.contains(&kind) || to.contains(&kind)
            })
            .map(|r| (r.code(), t.label("relation", *r)))
            .collect(),
        relation_error: again.relation_error,
        actions: actions_for(record.meta.workflow, staff),
        refusal: again.refusal,
        comments: comments
            .into_iter()
            .map(|c| CommentView {
                author: c.author,
                at: when(&staff.t, c.at),
                body: c.body,
            })
            .collect(),
        can_review,
        reviewers,
        consents,
        consent_kinds: letopis_core::ConsentKind::ALL
            .iter()
            .map(|k| (k.code(), consent_kind_label(&t, *k)))
            .collect(),
        scope_items: scope_items(&t),
        consent_error: again.consent_error,
        autosave: record.meta.workflow == Workflow::Draft,
    };
    let mut response = render(&page)?;
    if !page.summary.is_empty()
        || !page.conflict.is_empty()
        || !page.refusal.is_empty()
        || !page.relation_error.is_empty()
        || !page.consent_error.is_empty()
    {
        *response.status_mut() = if page.conflict.is_empty() {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        } else {
            axum::http::StatusCode::CONFLICT
        };
    }
    Ok(response)
}

/// Why the record is not on the public portal, from the same rule the gate uses.
pub async fn closure_text(t: &Tr, app: &App, stored: &StoredRecord) -> Result<String, AppError> {
    let id = stored.record.id();
    let consents = app
        .museum_desk(move |desk| desk.consents_covering(id))
        .await?;
    let basis = ConsentBasis::from_consents(&consents, letopis_core::today());
    Ok(
        Audience::closure_at_write(&stored.record.meta, &stored.record.body, &basis)
            .map(|c| t.label("studio-closure", c))
            .unwrap_or_default(),
    )
}

/// The scope vocabulary as a consent form offers it: (code, label).
pub(super) fn scope_items(t: &Tr) -> Vec<(String, String)> {
    letopis_core::scope::ScopeItem::TYPED
        .iter()
        .map(|i| (i.code().to_string(), scope_label(t, i)))
        .collect()
}

/// The words studio.js shows (upload progress, autosave, the transcriber's keys), by the keys
/// the script asks for. `<` is escaped so no text can close the `<script>` data block.
pub(super) fn script_messages(t: &Tr) -> String {
    let words: serde_json::Map<String, Value> = [
        ("offline", "studio-script-offline"),
        ("connection-lost", "studio-script-connection-lost"),
        ("upload-failed", "studio-script-upload-failed"),
        ("alt", "studio-media-alt"),
        ("caption", "studio-media-caption"),
        ("remove", "studio-media-remove"),
        ("uploaded", "studio-script-uploaded"),
        ("playing", "studio-script-playing"),
        ("paused", "studio-script-paused"),
        ("back", "studio-script-back"),
        ("slow", "studio-script-slow"),
        ("normal", "studio-script-normal"),
    ]
    .into_iter()
    .map(|(key, id)| (key.to_string(), Value::String(t.msg(id))))
    .collect();
    Value::Object(words).to_string().replace('<', "\\u003c")
}
