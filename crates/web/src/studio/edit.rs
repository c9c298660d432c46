//! Record lists and the edit page of every kind: the form, relations, the workflow panel,
//! review comments and consents; autosave, the EDTF preview and the relation picker's
//! suggestions. Records are read through the access gate with the signed-in person's viewer.

use super::form::{
    self, ACCESS, AGE, Field, Problems, Submitted, Widget, empty_body, field_media, field_text,
    fields, read_body, read_settings,
};
use super::upload::media_lookup;
use super::{Frame, Staff, kind_plural, render, see_other, when};
use crate::App;
use crate::error::AppError;
use crate::i18n::Tr;
use askama::Template;
use axum::Form;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use letopis_core::access::{AccessLevel, Audience};
use letopis_core::account::Permission;
use letopis_core::consent::ConsentBasis;
use letopis_core::entities::MediaRef;
use letopis_core::record::Settings;
use letopis_core::relation::{NewRelation, RelationType};
use letopis_core::{Body, Edtf, Kind, RecordId, Workflow};
use letopis_store::accounts::StudioQuery;
use letopis_store::{Draft, Op, StoreError, StoredRecord};
use serde::Deserialize;
use serde_json::{Value, json};

const PER_PAGE: u64 = 50;

fn kind_of(plural: &str) -> Result<Kind, AppError> {
    Kind::ALL
        .into_iter()
        .find(|k| k.plural() == plural)
        .ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// The list

#[derive(Template)]
#[template(path = "studio/list.html")]
struct ListPage {
    frame: Frame,
    kind_plural: String,
    new_href: String,
    rows: Vec<Row>,
    total: u64,
    q: String,
    states: Vec<(&'static str, &'static str, bool)>,
    page: u64,
    pages: u64,
    base: String,
}

pub struct Row {
    pub id: i64,
    pub title: String,
    pub workflow: &'static str,
    pub workflow_code: &'static str,
    pub updated: String,
}

pub fn row(t: &Tr, r: &StoredRecord) -> Row {
    let title = r.record.title();
    Row {
        id: r.record.id().0,
        title: if title.trim().is_empty() {
            "(без названия)".into()
        } else {
            title
        },
        workflow: r.record.meta.workflow.label_ru(),
        workflow_code: r.record.meta.workflow.code(),
        updated: when(t, r.record.meta.updated_at),
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    state: String,
    page: Option<u64>,
}

pub async fn list(
    State(app): State<App>,
    staff: Staff,
    Path(plural): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&plural)?;
    let workflow = Workflow::from_code(&q.state);
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let query = StudioQuery {
        kind,
        workflow,
        text: Some(q.q.chars().take(200).collect()),
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
    };
    let filter = staff.viewer.filter(letopis_core::today());
    let found = app
        .accounts_call(move |a| a.studio_list(&query, &filter))
        .await?;
    let viewer = staff.viewer.clone();
    let today = letopis_core::today();
    // The store filtered with the gate's plain-data form; each row passes the gate itself too.
    let rows = found
        .items
        .iter()
        .filter(|r| r.audience.admits(&viewer, today))
        .map(|r| row(&staff.t, r))
        .collect();
    let mut states = vec![("", "все", workflow.is_none())];
    states.extend(
        Workflow::ALL
            .into_iter()
            .map(|w| (w.code(), w.label_ru(), workflow == Some(w))),
    );
    let base = format!(
        "/studio/{plural}?q={}&state={}",
        crate::prefs::encode_component(&q.q),
        workflow.map(|w| w.code()).unwrap_or("")
    );
    render(&ListPage {
        frame: Frame::new(
            &staff,
            kind_plural(&staff.t, kind),
            &format!("/studio/{plural}"),
        ),
        kind_plural: kind_plural(&staff.t, kind),
        new_href: format!("/studio/{plural}/new"),
        rows,
        total: found.total,
        q: q.q.chars().take(200).collect(),
        states,
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        base,
    })
}

// ---------------------------------------------------------------------------------------------
// The edit page

pub struct Opt {
    pub code: &'static str,
    pub label: &'static str,
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
    pub label: &'static str,
    pub hint: &'static str,
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

fn widget_name(w: Widget) -> &'static str {
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

fn edtf_preview_text(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    if t.is_empty() {
        return (String::new(), None);
    }
    match Edtf::parse(t) {
        Ok(d) => (d.to_russian(), None),
        Err(e) => (String::new(), Some(e.message)),
    }
}

fn field_view(
    field: &Field,
    value: String,
    media: Vec<MediaRef>,
    problems: &Problems,
) -> FieldView {
    let (preview, _) = match field.widget {
        Widget::Edtf => edtf_preview_text(&value),
        _ => (String::new(), None),
    };
    let options = match field.widget {
        Widget::Select(opts) => opts
            .iter()
            .map(|(code, label)| Opt {
                code,
                label,
                selected: *code == value,
            })
            .collect(),
        _ => Vec::new(),
    };
    FieldView {
        key: field.key,
        label: field.label,
        hint: field.hint,
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

fn views_from_body(kind: Kind, body: &Body) -> Vec<FieldView> {
    let json = serde_json::to_value(body).unwrap_or(Value::Null);
    let none = Problems::new();
    fields(kind)
        .iter()
        .map(|f| field_view(f, field_text(&json, f), field_media(&json, f), &none))
        .collect()
}

/// The fields as the person typed them, so nothing typed is lost when the form comes back
/// with errors.
fn views_from_form(
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

fn settings_view(s: &Settings) -> SettingsView {
    let access = match s.access {
        AccessLevel::Public => "public",
        AccessLevel::Registered => "registered",
        AccessLevel::Staff => "staff",
        AccessLevel::Groups(_) => "groups",
    };
    settings_from(
        access,
        s.age_rating.label(),
        &s.embargo_until.map(|d| d.to_string()).unwrap_or_default(),
        s.content_note.as_deref().unwrap_or(""),
        &s.tags.join(", "),
        Vec::new(),
    )
}

fn settings_from(
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
                label,
                selected: *code == access,
            })
            .collect(),
        age: AGE
            .iter()
            .map(|(code, label)| Opt {
                code,
                label,
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
    pub label: &'static str,
    pub other_id: i64,
    pub other_title: String,
}

pub struct ActionView {
    pub to: &'static str,
    pub label: &'static str,
}

pub struct CommentView {
    pub author: String,
    pub at: String,
    pub body: String,
}

pub struct ConsentView {
    pub id: i64,
    pub kind: &'static str,
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
    pub workflow: &'static str,
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
    pub relation_types: Vec<(&'static str, &'static str)>,
    pub relation_error: String,
    pub actions: Vec<ActionView>,
    pub refusal: String,
    pub comments: Vec<CommentView>,
    pub can_review: bool,
    pub reviewers: Vec<(i64, String, bool)>,
    pub consents: Vec<ConsentView>,
    pub consent_kinds: Vec<(&'static str, &'static str)>,
    /// The typed scope vocabulary (code, label) a consent form ticks.
    pub scope_items: Vec<(String, String)>,
    pub consent_error: String,
    pub autosave: bool,
    /// What the public does not get of this record although it is published as it stands
    /// (an interview's parts that cannot play because of closed stretches).
    pub withheld: Vec<String>,
    pub is_interview: bool,
}

fn summary(problems: &Problems) -> Vec<(String, String)> {
    problems
        .iter()
        .flat_map(|(k, msgs)| msgs.iter().map(move |m| (k.clone(), m.clone())))
        .collect()
}

fn actions_for(workflow: Workflow, staff: &Staff) -> Vec<ActionView> {
    let review = staff.may(Permission::Review);
    let mut out = Vec::new();
    let mut push = |to: Workflow, label: &'static str, allowed: bool| {
        if allowed {
            out.push(ActionView {
                to: to.code(),
                label,
            });
        }
    };
    match workflow {
        Workflow::Draft => push(Workflow::InReview, "Отправить на проверку", true),
        Workflow::InReview => {
            push(Workflow::Published, "Опубликовать", review);
            push(Workflow::Draft, "Вернуть на доработку", review);
        }
        Workflow::Published => {
            push(Workflow::Withdrawn, "Снять с публикации", review);
            push(Workflow::Draft, "Вернуть в черновик", review);
        }
        Workflow::Withdrawn => {
            push(Workflow::InReview, "Снова на проверку", true);
            push(Workflow::Draft, "Вернуть в черновик", review);
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
    let relations = app
        .read_studio(viewer, move |gate| {
            let stored = gate.get(rid)?.ok_or(AppError::NotFound)?;
            let seen = gate.seen(stored)?;
            let relations: Vec<RelationView> = seen
                .relations
                .iter()
                .map(|r| RelationView {
                    id: r.relation.id,
                    label: if r.outgoing {
                        r.relation.rtype.label_ru()
                    } else {
                        r.relation.rtype.inverse_label_ru()
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
            .blocking(move |store| store.consents_covering(rid))
            .await??;
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
                id: c.id,
                kind: c.kind.label_ru(),
                active: c.is_active(today),
                granted_by: c.granted_by.clone(),
                signed_on: c.signed_on.to_string(),
                until: c.valid_until.map(|d| d.to_string()).unwrap_or_default(),
                withdrawn: c.withdrawn_at.is_some(),
                document: c.document.clone().unwrap_or_default(),
                note: c.note.clone().unwrap_or_default(),
                bans: c.bans.join(", "),
                scope: if c.scope.is_empty() {
                    "без ограничений".into()
                } else {
                    c.scope
                        .iter()
                        .map(|i| i.label_ru())
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
                views_from_form(kind, &submitted, &record.body, &lookup, &again.problems),
                settings_from(
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
            views_from_body(kind, &record.body),
            settings_view(&record.settings()),
        ),
    };
    let closure = closure_text(app, &stored).await?;
    let withheld = match &record.body {
        Body::Interview(i) => i
            .public_view()
            .recordings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.withheld)
            .map(|(n, r)| {
                format!(
                    "Часть {} ({}) в портале не звучит: в ней есть закрытые фрагменты, а заглушить их можно только в несжатой записи WAV. Расшифровка и остальные части публикуются как обычно.",
                    n + 1,
                    r.media.mime
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let page = EditPage {
        withheld,
        is_interview: kind == Kind::Interview,
        frame: Frame::new(staff, record.title(), &format!("/studio/{}", kind.plural()))
            .with_notice(again.notice.as_deref()),
        kind_label: kind.label_ru().to_string(),
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
            workflow: record.meta.workflow.label_ru(),
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
            .filter(|t| {
                let (from, to) = t.ends();
                from.contains(&kind) || to.contains(&kind)
            })
            .map(|t| (t.code(), t.label_ru()))
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
            .map(|k| (k.code(), k.label_ru()))
            .collect(),
        scope_items: scope_items(),
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
pub(super) async fn closure_text(app: &App, stored: &StoredRecord) -> Result<String, AppError> {
    let id = stored.record.id();
    let consents = app
        .blocking(move |store| store.consents_covering(id))
        .await??;
    let basis = ConsentBasis::from_consents(&consents, letopis_core::today());
    Ok(
        Audience::closure_at_write(&stored.record.meta, &stored.record.body, &basis)
            .map(|c| c.label_ru().to_string())
            .unwrap_or_default(),
    )
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

pub async fn page(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    edit_page(
        &app,
        &staff,
        id,
        Again {
            notice: Some(q.done),
            ..Again::default()
        },
    )
    .await
}

pub async fn new_form(
    State(app): State<App>,
    staff: Staff,
    Path(plural): Path<String>,
) -> Result<Response, AppError> {
    let kind = kind_of(&plural)?;
    new_page(&staff, kind, None, Problems::new(), &app)
}

fn new_page(
    staff: &Staff,
    kind: Kind,
    form: Option<&[(String, String)]>,
    problems: Problems,
    app: &App,
) -> Result<Response, AppError> {
    let body = empty_body(kind);
    let lookup = media_lookup(app);
    let (fields, settings) = match form {
        Some(pairs) => {
            let s = Submitted(pairs);
            (
                views_from_form(kind, &s, &body, &lookup, &problems),
                settings_from(
                    s.get("access"),
                    s.get("age_rating"),
                    s.get("embargo_until"),
                    s.get("content_note"),
                    s.get("tags"),
                    Vec::new(),
                ),
            )
        }
        None => (
            views_from_body(kind, &body),
            settings_view(&Settings::default()),
        ),
    };
    let page = EditPage {
        frame: Frame::new(
            staff,
            format!("Новая запись: {}", kind.label_ru()),
            &format!("/studio/{}", kind.plural()),
        ),
        kind_label: kind.label_ru().to_string(),
        action: format!("/studio/{}/new", kind.plural()),
        record: None,
        fields,
        settings,
        summary: summary(&problems),
        conflict: String::new(),
        read_only: false,
        relations: Vec::new(),
        relation_types: Vec::new(),
        relation_error: String::new(),
        actions: Vec::new(),
        refusal: String::new(),
        comments: Vec::new(),
        can_review: false,
        reviewers: Vec::new(),
        consents: Vec::new(),
        consent_kinds: Vec::new(),
        scope_items: Vec::new(),
        consent_error: String::new(),
        autosave: false,
        withheld: Vec::new(),
        is_interview: kind == Kind::Interview,
    };
    let mut response = render(&page)?;
    if !page.summary.is_empty() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

fn merge(
    a: Result<Body, Problems>,
    b: Result<Settings, Problems>,
) -> Result<(Body, Settings), Problems> {
    match (a, b) {
        (Ok(body), Ok(settings)) => Ok((body, settings)),
        (a, b) => {
            let mut all = a.err().unwrap_or_default();
            for (k, v) in b.err().unwrap_or_default() {
                all.entry(k).or_default().extend(v);
            }
            Err(all)
        }
    }
}

pub async fn create(
    State(app): State<App>,
    staff: Staff,
    Path(plural): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kind = kind_of(&plural)?;
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let lookup = media_lookup(&app);
    let parsed = merge(
        read_body(kind, &empty_body(kind), &Submitted(&pairs), &lookup),
        read_settings(&Submitted(&pairs), &Settings::default()),
    );
    let (mut body, settings) = match parsed {
        Ok(v) => v,
        Err(problems) => return new_page(&staff, kind, Some(&pairs), problems, &app),
    };
    prepare_interview(&app, &mut body).await?;
    let actor = staff.actor();
    let draft = Draft {
        body,
        settings,
        workflow: Workflow::Draft,
    };
    let out = app
        .blocking(move |store| store.apply(&actor, vec![Op::Create(draft)], letopis_core::today()))
        .await?;
    match out {
        Ok(outcomes) => {
            let id = outcomes
                .first()
                .and_then(|o| o.record_id())
                .ok_or(AppError::Internal)?;
            Ok(see_other(&format!("/studio/records/{}?done=created", id.0)))
        }
        Err(StoreError::Invalid(invalid)) => {
            let mut problems = Problems::new();
            for p in invalid.problems {
                problems.entry(p.field).or_default().push(p.message);
            }
            new_page(&staff, kind, Some(&pairs), problems, &app)
        }
        Err(e) => Err(e.into()),
    }
}

/// Before an interview is stored: new parts get their lengths, and parts with closed stretches
/// get their silenced public copies (see `silence.rs`).
async fn prepare_interview(app: &App, body: &mut Body) -> Result<(), AppError> {
    let Body::Interview(interview) = body else {
        return Ok(());
    };
    fill_durations(app, interview);
    let app = app.clone();
    let mut copy = interview.clone();
    let (copy, notes) = tokio::task::spawn_blocking(move || {
        let notes = super::silence::prepare(&app, &mut copy);
        (copy, notes)
    })
    .await
    .map_err(|_| AppError::Unavailable)?;
    *interview = copy;
    // The edit page says the same to the editor (see `withheld` there).
    for note in notes {
        tracing::info!("{note}");
    }
    Ok(())
}

/// A newly added recording part gets its length from its upload's probe.
fn fill_durations(app: &App, interview: &mut letopis_core::entities::Interview) {
    for part in &mut interview.recordings {
        if part.duration_ms == 0
            && let Some(ms) =
                super::upload::file_info(app, &part.media.sha256).and_then(|i| i.duration_ms)
        {
            part.duration_ms = u32::try_from(ms).unwrap_or(u32::MAX);
        }
    }
}

/// What saving a form did.
enum Saved {
    Done(i64),
    Problems(Problems),
    Conflict(String),
    ReadOnly,
}

async fn save_form(
    app: &App,
    staff: &Staff,
    id: i64,
    pairs: &[(String, String)],
) -> Result<Saved, AppError> {
    let stored = load(app, staff, id).await?;
    if !may_edit(staff, stored.record.meta.workflow) {
        return Ok(Saved::ReadOnly);
    }
    let kind = stored.record.kind();
    let lookup = media_lookup(app);
    let form = Submitted(pairs);
    let parsed = merge(
        read_body(kind, &stored.record.body, &form, &lookup),
        read_settings(&form, &stored.record.settings()),
    );
    let (mut body, settings) = match parsed {
        Ok(v) => v,
        Err(p) => return Ok(Saved::Problems(p)),
    };
    prepare_interview(app, &mut body).await?;
    let expected = form.get("version").parse::<i64>().ok();
    let actor = staff.actor();
    let op = Op::Update {
        id: RecordId(id),
        expected_version: expected,
        body,
        settings,
    };
    let out = app
        .blocking(move |store| store.apply(&actor, vec![op], letopis_core::today()))
        .await?;
    match out {
        Ok(_) => {
            let version = load(app, staff, id).await?.record.meta.version;
            Ok(Saved::Done(version))
        }
        Err(e @ StoreError::Conflict { .. }) => Ok(Saved::Conflict(e.to_string())),
        Err(StoreError::Invalid(invalid)) => {
            let mut problems = Problems::new();
            for p in invalid.problems {
                problems.entry(p.field).or_default().push(p.message);
            }
            Ok(Saved::Problems(problems))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn save(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    match save_form(&app, &staff, id, &pairs).await? {
        Saved::Done(_) => Ok(see_other(&format!("/studio/records/{id}?done=saved"))),
        Saved::Problems(problems) => edit_page(&app, &staff, id, Again { form: Some(&pairs), problems, ..Again::default() }).await,
        Saved::Conflict(message) => edit_page(&app, &staff, id, Again {
            form: Some(&pairs),
            conflict: format!("{message} Ваш текст сохранён в форме ниже: сравните его с текущей версией (откройте запись в новой вкладке) и нажмите «Сохранить» ещё раз, чтобы записать свою правку поверх."),
            ..Again::default()
        }).await,
        Saved::ReadOnly => Err(AppError::Forbidden),
    }
}

/// Periodic save of a draft from the page's script: JSON in, JSON out.
pub async fn autosave(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let stored = load(&app, &staff, id).await?;
    if stored.record.meta.workflow != Workflow::Draft {
        return Ok((
            axum::http::StatusCode::CONFLICT,
            Json(
                json!({ "ok": false, "message": "Автосохранение работает только для черновиков." }),
            ),
        )
            .into_response());
    }
    Ok(match save_form(&app, &staff, id, &pairs).await? {
        Saved::Done(version) => Json(json!({
            "ok": true,
            "version": version,
            "message": format!("Черновик сохранён в {}.", when(&staff.t, jiff::Timestamp::now()).rsplit(", ").next().unwrap_or("")),
        })).into_response(),
        Saved::Problems(problems) => (axum::http::StatusCode::UNPROCESSABLE_ENTITY, Json(json!({
            "ok": false,
            "message": "Черновик не сохранён: в форме есть ошибки. Нажмите «Сохранить», чтобы увидеть их.",
            "problems": problems,
        }))).into_response(),
        Saved::Conflict(message) => (axum::http::StatusCode::CONFLICT, Json(json!({ "ok": false, "message": message }))).into_response(),
        Saved::ReadOnly => AppError::Forbidden.into_response(),
    })
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct EdtfQuery {
    value: String,
}

/// `GET /studio/edtf?value=1942-03~` → `{"text": "около марта 1942 г."}` or `{"error": …}`.
pub async fn edtf_preview(_staff: Staff, Query(q): Query<EdtfQuery>) -> Json<Value> {
    let (text, error) = edtf_preview_text(&q.value.chars().take(100).collect::<String>());
    Json(json!({ "text": text, "error": error }))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SuggestQuery {
    q: String,
    kind: String,
}

/// The relation picker's suggestions: records whose title contains the text, as far as the
/// signed-in person may see them.
pub async fn suggest(
    State(app): State<App>,
    staff: Staff,
    Query(q): Query<SuggestQuery>,
) -> Result<Json<Value>, AppError> {
    let text: String = q.q.trim().chars().take(100).collect();
    if text.chars().count() < 2 {
        return Ok(Json(json!([])));
    }
    let kinds: Vec<Kind> = q.kind.split(',').filter_map(Kind::from_code).collect();
    let filter = staff.viewer.filter(letopis_core::today());
    let found = app
        .accounts_call(move |a| a.suggest(&text, &kinds, 12, &filter))
        .await?;
    let today = letopis_core::today();
    let items: Vec<Value> = found
        .iter()
        .filter(|r| r.audience.admits(&staff.viewer, today))
        .map(|r| {
            json!({
                "id": r.record.id().0,
                "title": r.record.title(),
                "kind": r.record.kind().code(),
                "label": format!("{} (№{}) — {}", r.record.title(), r.record.id().0, r.record.kind().label_ru()),
            })
        })
        .collect();
    Ok(Json(Value::Array(items)))
}

pub async fn relate(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    staff.check_csrf(Some(form.get("csrf")))?;
    let this = load(&app, &staff, id).await?;
    let again = |message: String| Again {
        relation_error: message,
        ..Again::default()
    };
    let Ok(rtype) = RelationType::parse(form.get("rtype")) else {
        return edit_page(
            &app,
            &staff,
            id,
            again("Выберите вид связи из списка.".into()),
        )
        .await;
    };
    let Some(target) = form::parse_record_number(form.get("target")) else {
        return edit_page(
            &app,
            &staff,
            id,
            again("Выберите запись из подсказок или укажите её номер, например №12.".into()),
        )
        .await;
    };
    let other = match load(&app, &staff, target).await {
        Ok(r) => r,
        Err(AppError::NotFound) => {
            return edit_page(
                &app,
                &staff,
                id,
                again(format!("Записи №{target} нет или она вам недоступна.")),
            )
            .await;
        }
        Err(e) => return Err(e),
    };
    let (subjects, _) = rtype.ends();
    // The relation reads from its subject: «Иванов — родился в — Сходня» whichever page it
    // was added from.
    let (from, to) = if subjects.contains(&this.record.kind()) {
        (this.record.id(), other.record.id())
    } else {
        (other.record.id(), this.record.id())
    };
    let mut rel = NewRelation::new(from, rtype, to);
    let note = form.get("note").trim();
    if !note.is_empty() {
        rel.note = Some(note.chars().take(1000).collect());
    }
    let actor = staff.actor();
    let out = app
        .blocking(move |store| store.apply(&actor, vec![Op::Relate(rel)], letopis_core::today()))
        .await?;
    match out {
        Ok(_) => Ok(see_other(&format!("/studio/records/{id}?done=related"))),
        Err(e @ (StoreError::Invalid(_) | StoreError::Duplicate { .. })) => {
            let message = match e {
                StoreError::Invalid(i) => i
                    .problems
                    .into_iter()
                    .map(|p| p.message)
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            edit_page(&app, &staff, id, again(message)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn unrelate(
    State(app): State<App>,
    staff: Staff,
    Path((id, relation)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    staff.check_csrf(Some(Submitted(&pairs).get("csrf")))?;
    let this = load(&app, &staff, id).await?;
    let rid = this.record.id();
    let ours = app.blocking(move |store| store.relations(rid)).await??;
    // Only a relation of this record, so a crafted form cannot remove any other.
    if !ours.iter().any(|r| r.id == relation) {
        return Err(AppError::NotFound);
    }
    let actor = staff.actor();
    app.blocking(move |store| {
        store.apply(&actor, vec![Op::Unrelate(relation)], letopis_core::today())
    })
    .await??;
    Ok(see_other(&format!("/studio/records/{id}?done=unrelated")))
}

/// The scope vocabulary as a consent form offers it: (code, label).
fn scope_items() -> Vec<(String, String)> {
    letopis_core::scope::ScopeItem::TYPED
        .iter()
        .map(|i| (i.code().to_string(), i.label_ru().to_string()))
        .collect()
}
