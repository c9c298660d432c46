//! What a moderator does with a submission short of publishing it: reveal the contributor's
//! address (audited), take it or give it to someone, edit it, ask a question, decline it, and
//! carry out a withdrawal asked for by phone or letter. Each is a POST with the form token, and
//! each is written to the audit log.

use super::{Again, show, status_label, submission};
use crate::App;
use crate::contributions::letters::{self, Notice};
use crate::shell::base_url::link_base;
use crate::shell::error::AppError;
use crate::shell::i18n::{Lang, Tr};
use crate::studio::form::Submitted;
use crate::studio::oral::text;
use crate::studio::{Staff, see_other};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::response::Response;
use letopis_core::Edtf;
use letopis_core::UserId;
use letopis_core::account::Permission;
use letopis_core::contribution::{Alive, DeclineReason, Hero, Status};
use letopis_store::contributions::{EventKind, Moderator, Submission};

/// The longest question, note or reason a moderator writes.
const MAX_WORDS: usize = 2000;

type Pairs = Form<Vec<(String, String)>>;

/// The form's token and the moderator's permission, then the submission.
pub(super) async fn start(
    app: &App,
    staff: &Staff,
    id: i64,
    form: &Submitted<'_>,
) -> Result<Submission, AppError> {
    staff.check_csrf(Some(form.get("csrf")))?;
    staff.require(Permission::Review)?;
    submission(app, id).await
}

fn me(staff: &Staff) -> Moderator {
    Some((staff.user.id, staff.user.display_name.clone()))
}

/// A refusal naming the submission's state: «Рассказ опубликовано: …» reads as in the studio's
/// first version, with the state's label in the page's language.
fn refused_in(staff: &Staff, key: &str, status: Status) -> Again {
    refused(
        staff
            .t
            .args(key, &[("status", status_label(&staff.t, status).into())]),
    )
}

fn refused(message: impl Into<String>) -> Again {
    Again {
        refusal: message.into(),
        ..Again::default()
    }
}

fn subject(id: i64) -> Option<String> {
    Some(format!("submission:{id}"))
}

/// `POST /studio/contributions/{id}/email`: the contributor's address, shown on this one page and
/// written to the audit log (DESIGN.md, invariant 4).
pub async fn reveal(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    app.audit(staff.audit(
        "view_private",
        subject(id),
        "адрес электронной почты отправителя рассказа",
    ))
    .await;
    let email = s.content.contributor.email.trim().to_string();
    let again = Again {
        email: Some(if email.is_empty() {
            staff.t.msg("studio-contrib-email-erased")
        } else {
            email
        }),
        ..Again::default()
    };
    show(&app, &staff, id, again, None).await
}

/// `POST /studio/contributions/{id}/take`: the moderator takes it; a received one is then in
/// moderation.
pub async fn take(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    if !s.status.is_open() {
        let again = refused_in(&staff, "studio-contrib-refused-take", s.status);
        return show(&app, &staff, id, again, None).await;
    }
    hand_to(&app, &staff, &s, Some(UserId(staff.user.id.0))).await?;
    Ok(see_other(&format!("/studio/contributions/{id}?done=taken")))
}

/// `POST /studio/contributions/{id}/assign`: gives it to another moderator, or to nobody.
pub async fn assign(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    let to = match form.get("to").trim() {
        "" => None,
        n => Some(n.parse::<UserId>().map_err(|_| bad_request())?),
    };
    if let Some(user) = to {
        let found = app.accounts_call(move |a| a.user(user)).await?;
        if !found.is_some_and(|u| u.roles.may(Permission::Review) && !u.disabled) {
            let again = refused(staff.t.msg("studio-contrib-refused-assign-who"));
            return show(&app, &staff, id, again, None).await;
        }
    }
    if !s.status.is_open() {
        let again = refused_in(&staff, "studio-contrib-refused-assign", s.status);
        return show(&app, &staff, id, again, None).await;
    }
    hand_to(&app, &staff, &s, to).await?;
    Ok(see_other(&format!(
        "/studio/contributions/{id}?done=assigned"
    )))
}

fn bad_request() -> AppError {
    AppError::BadRequest(crate::shell::i18n::Message::new(
        "error-bad-request-generic",
    ))
}

async fn hand_to(
    app: &App,
    staff: &Staff,
    s: &Submission,
    to: Option<UserId>,
) -> Result<(), AppError> {
    let (id, by) = (s.id, me(staff));
    let moves = to.is_some() && s.status == Status::Received;
    app.contributions_call(move |c| {
        let now = jiff::Timestamp::now();
        c.assign(id, to, &by, now)?;
        if moves {
            c.move_to(id, Status::InModeration, &by, "", now)?;
        }
        Ok(())
    })
    .await?;
    let detail = match to {
        Some(u) if u == staff.user.id => "взял(а) в работу".to_string(),
        Some(u) => format!("назначен модератор №{u}"),
        None => "снято назначение".to_string(),
    };
    app.audit(staff.audit("submission_assign", subject(id.0), detail))
        .await;
    Ok(())
}

/// `POST /studio/contributions/{id}/edit`: corrects the hero's details or the story before
/// publishing. The family's own words stay in the conversation as a moderator's note.
pub async fn edit(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    let (hero, story) = read_hero(&form);
    if !s.status.is_open() {
        let again = Again {
            refusal: staff.t.args(
                "studio-contrib-refused-edit",
                &[("status", status_label(&staff.t, s.status).into())],
            ),
            edited: Some(hero),
            edited_story: Some(story),
            ..Again::default()
        };
        return show(&app, &staff, id, again, None).await;
    }
    let mut content = s.content.clone();
    let changed = changes(&s.content.hero, &hero, &s.content.story, &story);
    if changed.is_empty() {
        return Ok(see_other(&format!(
            "/studio/contributions/{id}?done=unchanged"
        )));
    }
    content.hero = hero;
    content.story = story;
    let names: Vec<&str> = changed.iter().map(|(label, _)| *label).collect();
    let before: Vec<String> = changed
        .iter()
        .map(|(label, old)| format!("{label}: {old}"))
        .collect();
    let note = format!(
        "Изменено модератором: {}.\nКак было написано в рассказе:\n{}",
        names.join(", "),
        before.join("\n")
    );
    let by = me(&staff);
    app.contributions_call(move |c| {
        let now = jiff::Timestamp::now();
        c.save(letopis_core::SubmissionId(id), &content, now)?;
        c.add_event(
            letopis_core::SubmissionId(id),
            EventKind::Note,
            &by,
            &note,
            now,
        )?;
        Ok(())
    })
    .await?;
    app.audit(staff.audit(
        "submission_edit",
        subject(id),
        format!("изменено: {}", names.join(", ")),
    ))
    .await;
    Ok(see_other(&format!("/studio/contributions/{id}?done=saved")))
}

/// The hero's fields and the story as the moderator typed them.
fn read_hero(form: &Submitted<'_>) -> (Hero, String) {
    let date = |typed: &str| Edtf::parse(typed.trim()).ok();
    let birth_typed = text(form, "birth", 100);
    let death_typed = text(form, "death", 100);
    let hero = Hero {
        surname: text(form, "surname", 200),
        given: text(form, "given", 200),
        patronymic: text(form, "patronymic", 200),
        birth: date(&birth_typed),
        birth_typed,
        death: date(&death_typed),
        death_typed,
        alive: Alive::from_code(form.get("alive")),
        fate: letopis_core::entities::Fate::from_code(form.get("fate")),
        birth_place: text(form, "birth_place", 600),
        rank: text(form, "rank", 600),
        unit: text(form, "unit", 600),
        work: text(form, "work", 600),
        awards: text(form, "awards", 2100),
    };
    let story = text(
        form,
        "story",
        letopis_core::contribution::MAX_STORY_CHARS + 100,
    );
    (hero, story)
}

/// `(label, the family's value)` of every field the moderator changed. The labels go into the
/// moderator's note stored with the submission and into the audit log — the museum's records,
/// kept in Russian whatever the language of the page — so they are not messages.
fn changes(
    old: &Hero,
    new: &Hero,
    old_story: &str,
    new_story: &str,
) -> Vec<(&'static str, String)> {
    let fate = |h: &Hero| h.fate.map(|f| f.label_ru().to_string()).unwrap_or_default();
    let alive = |h: &Hero| h.alive.map(|a| a.code().to_string()).unwrap_or_default();
    let pairs = [
        ("Фамилия", old.surname.clone(), new.surname.clone()),
        ("Имя", old.given.clone(), new.given.clone()),
        ("Отчество", old.patronymic.clone(), new.patronymic.clone()),
        (
            "Дата рождения",
            old.birth_typed.clone(),
            new.birth_typed.clone(),
        ),
        (
            "Дата смерти",
            old.death_typed.clone(),
            new.death_typed.clone(),
        ),
        ("Жив ли", alive(old), alive(new)),
        ("Судьба", fate(old), fate(new)),
        (
            "Место рождения",
            old.birth_place.clone(),
            new.birth_place.clone(),
        ),
        ("Звание", old.rank.clone(), new.rank.clone()),
        ("Часть", old.unit.clone(), new.unit.clone()),
        ("Где работал", old.work.clone(), new.work.clone()),
        ("Награды", old.awards.clone(), new.awards.clone()),
        ("Рассказ", old_story.to_string(), new_story.to_string()),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a.trim() != b.trim())
        .map(|(label, a, _)| {
            (
                label,
                if a.trim().is_empty() {
                    "(пусто)".into()
                } else {
                    a
                },
            )
        })
        .collect()
}

/// `POST /studio/contributions/{id}/ask`: a question to the contributor, by letter and on the
/// status page; the submission waits for the answer.
pub async fn ask(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    let question = text(&form, "question", MAX_WORDS + 1);
    if question.is_empty() {
        return show(
            &app,
            &staff,
            id,
            refused(staff.t.msg("studio-contrib-refused-question-empty")),
            None,
        )
        .await;
    }
    if question.chars().count() > MAX_WORDS {
        return show(
            &app,
            &staff,
            id,
            refused(staff.t.args(
                "studio-contrib-refused-question-long",
                &[("max", MAX_WORDS.to_string().into())],
            )),
            None,
        )
        .await;
    }
    if !s.status.may_move(Status::NeedsInfo) {
        let again = refused_in(&staff, "studio-contrib-refused-ask", s.status);
        return show(&app, &staff, id, again, None).await;
    }
    let by = me(&staff);
    let asked = question.clone();
    app.contributions_call(move |c| {
        let now = jiff::Timestamp::now();
        c.add_event(
            letopis_core::SubmissionId(id),
            EventKind::Question,
            &by,
            &asked,
            now,
        )?;
        c.move_to(
            letopis_core::SubmissionId(id),
            Status::NeedsInfo,
            &by,
            "",
            now,
        )?;
        Ok(())
    })
    .await?;
    let base = link_base(&app, &parts);
    let sent = letters::send(&app, &base, &s, Notice::Question { text: question }).await?;
    app.audit(staff.audit("submission_question", subject(id), "вопрос отправителю"))
        .await;
    let done = if sent { "asked" } else { "asked-unsent" };
    Ok(see_other(&format!(
        "/studio/contributions/{id}?done={done}"
    )))
}

/// `POST /studio/contributions/{id}/decline`: a reason from the list and the moderator's words,
/// both sent to the contributor.
pub async fn decline(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    let Some(reason) = DeclineReason::from_code(form.get("reason")) else {
        return show(
            &app,
            &staff,
            id,
            refused(staff.t.msg("studio-contrib-refused-decline-reason")),
            None,
        )
        .await;
    };
    let note = text(&form, "note", MAX_WORDS);
    if reason == DeclineReason::Other && note.is_empty() {
        return show(
            &app,
            &staff,
            id,
            refused(staff.t.msg("studio-contrib-refused-decline-other")),
            None,
        )
        .await;
    }
    if !s.status.may_move(Status::Declined) {
        let again = refused_in(&staff, "studio-contrib-refused-decline", s.status);
        return show(&app, &staff, id, again, None).await;
    }
    let by = me(&staff);
    let words = note.clone();
    app.contributions_call(move |c| {
        c.decline(
            letopis_core::SubmissionId(id),
            reason,
            &words,
            &by,
            jiff::Timestamp::now(),
        )
    })
    .await?;
    let t = Tr::new(Lang::from_code(&s.lang).unwrap_or_default());
    let base = link_base(&app, &parts);
    let notice = Notice::Declined {
        reason: t.msg(&format!("decline-reason-{}", reason.code())),
        note,
    };
    let sent = letters::send(&app, &base, &s, notice).await?;
    app.audit(staff.audit("submission_decline", subject(id), reason.label_ru()))
        .await;
    let done = if sent { "declined" } else { "declined-unsent" };
    Ok(see_other(&format!(
        "/studio/contributions/{id}?done={done}"
    )))
}

/// `POST /studio/contributions/{id}/withdraw`: a withdrawal the contributor asked for by phone or
/// letter, carried out as totally as one from the status page.
pub async fn withdraw(
    State(app): State<App>,
    staff: Staff,
    parts: Parts,
    Path(id): Path<i64>,
    Form(pairs): Pairs,
) -> Result<Response, AppError> {
    let form = Submitted(&pairs);
    let s = start(&app, &staff, id, &form).await?;
    let how = text(&form, "how", 300);
    if how.is_empty() {
        let again = refused(staff.t.msg("studio-contrib-refused-withdraw-how"));
        return show(&app, &staff, id, again, None).await;
    }
    if form.get("confirm") != "on" {
        let again = refused(staff.t.msg("studio-contrib-refused-withdraw-confirm"));
        return show(&app, &staff, id, again, None).await;
    }
    if !s.status.may_move(Status::Withdrawn) {
        let again = refused_in(&staff, "studio-contrib-refused-withdraw", s.status);
        return show(&app, &staff, id, again, None).await;
    }
    let label = format!("{} по просьбе отправителя ({how})", staff.user.display_name);
    // The letter goes first: the withdrawal erases the address it goes to.
    let base = link_base(&app, &parts);
    letters::send(&app, &base, &s, Notice::Withdrawn).await?;
    crate::contributions::withdraw::withdraw(&app, &s, &label).await?;
    app.audit(staff.audit(
        "submission_withdraw",
        subject(id),
        format!("отзыв по просьбе отправителя: {how}"),
    ))
    .await;
    Ok(see_other(&format!(
        "/studio/contributions/{id}?done=submission-withdrawn"
    )))
}
