//! The leak crawl (DESIGN.md, invariant 1; issue #13): the real server over the demo museum is
//! crawled as a visitor, a signed-in reader and a staff member of another working group would
//! reach it, and no response may carry anything of a record that viewer may not see — its title,
//! its address, a file only it shows — nor the real name of a narrator published under a
//! pseudonym. What is hidden is computed from the store with the viewer's own
//! `Audience::admits`, never from the pages, so the crawl knows what to look for without
//! trusting the code it checks.
//!
//! No browser is needed: plain HTTP, so `LETOPIS_SKIP_BROWSER` does not skip these.
//!
//! The demo has no interview published under a pseudonym, so the private copy of it the server
//! runs on gets two: one whose narrator keeps a public record of their own (the pseudonym must
//! still hide the name on the interview and the tie between the two), and one whose narrator's
//! record is for staff only (the name must then appear nowhere).

use aho_corasick::AhoCorasick;
use anyhow::{Context, Result, anyhow, bail, ensure};
use letopis_browser_tests::Site;
use letopis_browser_tests::TestStore;
use letopis_browser_tests::site::set_cookies;
use letopis_core::account::{Email, Role};
use letopis_core::history::Actor;
use letopis_core::names::{PersonName, slugify};
use letopis_core::record::RecordId;
use letopis_core::{AccessLevel, Body, Kind, RelationType, Viewer, ViewerRole, Workflow};
use letopis_store::accounts::NewUser;
use letopis_store::{ListQuery, Op, Store, StoredRecord};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::OnceLock;

/// At most this many requests per viewer: the demo museum is small, so the crawl reaches every
/// record long before; the cap only stops facet combinations from running away.
const MAX_FETCHES: usize = 6000;
/// Distinct query strings followed per path (plain `?page=N` excepted): facet links multiply.
const VARIANTS_PER_PATH: usize = 25;
/// Requests in flight at once.
const IN_FLIGHT: usize = 4;
/// Shorter titles («Письмо», «Школа № 3») are words any page may use; they would cry wolf.
const MIN_TITLE_CHARS: usize = 12;
/// How many findings a failure lists.
const SHOWN: usize = 30;
/// Hidden titles also searched for directly, per viewer.
const SEARCHED_TITLES: usize = 40;

const PASSWORD: &str = "четыре чёрных чумазых чертёнка";
const READER: &str = "teacher@letopis.example";
const OTHER_STAFF: &str = "volunteer-b@letopis.example";
const PSEUDONYM_PUBLIC_NARRATOR: &str = "Рассказчица Вишнякова";
const PSEUDONYM_HIDDEN_NARRATOR: &str = "Рассказчик Степнов";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_hidden_reaches_an_anonymous_visitor() -> Result<()> {
    let museum = museum()?;
    crawl_as(museum, Viewer::anonymous(), None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_hidden_reaches_a_signed_in_reader() -> Result<()> {
    let museum = museum()?;
    let cookie = sign_in(&museum.site, READER).await?;
    crawl_as(museum, museum.reader.clone(), Some(cookie)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_of_another_working_group_reaches_staff() -> Result<()> {
    let museum = museum()?;
    let cookie = sign_in(&museum.site, OTHER_STAFF).await?;
    crawl_as(museum, museum.other_staff.clone(), Some(cookie)).await
}

// ---------------------------------------------------------------------------------------------
// The museum: a private copy of the demo with two pseudonymous interviews and two accounts

struct Museum {
    site: Site,
    /// The viewers the accounts make, as the server will see them once signed in.
    reader: Viewer,
    other_staff: Viewer,
    pseudonymous: Vec<Pseudonymous>,
}

/// An interview published under a pseudonym, and who really speaks in it.
#[derive(Clone, Debug)]
struct Pseudonymous {
    interview: RecordId,
    stored_slug: String,
    stored_title: String,
    narrator: RecordId,
    /// The narrator's name in every written form a page might use.
    names: Vec<String>,
}

fn museum() -> Result<&'static Museum> {
    static MUSEUM: OnceLock<std::result::Result<Museum, String>> = OnceLock::new();
    MUSEUM
        .get_or_init(|| make_museum().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| anyhow!("the museum for the leak crawl could not be made: {e}"))
}

fn make_museum() -> Result<Museum> {
    let mut made = None;
    let site = Site::start_private(|store| {
        made = Some(prepare(store)?);
        Ok(())
    })?;
    let (reader, other_staff, pseudonymous) = made.context("prepare did not run")?;
    Ok(Museum {
        site,
        reader,
        other_staff,
        pseudonymous,
    })
}

fn today() -> jiff::civil::Date {
    letopis_core::today()
}

/// Every record of the base, whatever its audience.
fn all_records(store: &dyn Store) -> Result<Vec<StoredRecord>> {
    let everything = Viewer::admin(letopis_core::UserId(0)).filter(today());
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let mut offset = 0;
        loop {
            let page = store.list(
                &ListQuery {
                    offset,
                    limit: 500,
                    ..ListQuery::new(kind)
                },
                &everything,
            )?;
            let n = page.items.len() as u64;
            out.extend(page.items);
            offset += n;
            if n == 0 || offset >= page.total {
                break;
            }
        }
    }
    Ok(out)
}

type Prepared = (Viewer, Viewer, Vec<Pseudonymous>);

fn prepare(store: &dyn TestStore) -> Result<Prepared> {
    let pseudonymous = add_pseudonyms(store)?;
    let hash = letopis_web::studio::auth::hash_password(PASSWORD)?;
    let reader_id = store.create_user(
        &NewUser {
            email: Email::parse(READER).context("reader's address")?,
            display_name: "Учительница Ирина".into(),
            roles: vec![Role::Teacher],
        },
        Some(&hash),
    )?;
    let staff_id = store.create_user(
        &NewUser {
            email: Email::parse(OTHER_STAFF).context("staff address")?,
            display_name: "Волонтёр Борис".into(),
            roles: vec![Role::Volunteer],
        },
        Some(&hash),
    )?;
    // A working group none of the demo's restricted records is open to, so that those records
    // are exactly what this staff member may not see.
    let taken: HashSet<letopis_core::GroupId> = all_records(store)?
        .iter()
        .flat_map(|r| match &r.record.meta.access {
            AccessLevel::Groups(g) => g.clone(),
            _ => Vec::new(),
        })
        .collect();
    let group = loop {
        let id = store.create_group("Другая рабочая группа", "поисковая работа")?;
        if !taken.contains(&id) {
            break id;
        }
    };
    store.set_member(group, staff_id, false)?;
    let viewer_of = |id: i64| -> Result<Viewer> {
        let user = store
            .user(letopis_core::UserId(id))?
            .context("the new account")?;
        Ok(user.roles.viewer(user.id, user.groups.clone()))
    };
    let reader = viewer_of(reader_id.0)?;
    let other_staff = viewer_of(staff_id.0)?;
    ensure!(
        reader.role == ViewerRole::Registered,
        "a teacher should read as a registered reader: {reader:?}"
    );
    ensure!(
        other_staff.role == ViewerRole::Staff && other_staff.groups == vec![group],
        "a volunteer of the new group should read as its staff: {other_staff:?}"
    );
    Ok((reader, other_staff, pseudonymous))
}

/// Puts two public interviews with public narrators under pseudonyms; the second narrator's
/// record is then closed to all but staff.
fn add_pseudonyms(store: &dyn TestStore) -> Result<Vec<Pseudonymous>> {
    let anonymous = Viewer::anonymous();
    let actor = Actor::user(letopis_core::UserId(1), "Эксперт (тест утечек)");
    let mut chosen = Vec::new();
    for r in all_records(store)? {
        if chosen.len() == 2 {
            break;
        }
        let Body::Interview(interview) = &r.record.body else {
            continue;
        };
        if r.record.meta.workflow != Workflow::Published
            || !r.audience.admits(&anonymous, today())
            || interview.pseudonym.is_some()
        {
            continue;
        }
        let id = r.record.id();
        let narrators: Vec<RecordId> = store
            .relations(id)?
            .into_iter()
            .filter(|rel| rel.rtype == RelationType::NarratorOf && rel.to == id)
            .map(|rel| rel.from)
            .collect();
        let [narrator] = narrators[..] else { continue };
        let Some(person) = store.get(narrator)? else {
            continue;
        };
        let Body::Person(p) = &person.record.body else {
            continue;
        };
        if !person.audience.admits(&anonymous, today()) {
            continue;
        }
        chosen.push((r.clone(), person.clone(), p.name.clone()));
    }
    ensure!(
        chosen.len() == 2,
        "the demo has fewer than two public interviews with a public narrator"
    );
    let mut out = Vec::new();
    for (n, (interview, person, name)) in chosen.into_iter().enumerate() {
        let Body::Interview(mut body) = interview.record.body.clone() else {
            unreachable!()
        };
        body.pseudonym = Some(
            if n == 0 {
                PSEUDONYM_PUBLIC_NARRATOR
            } else {
                PSEUDONYM_HIDDEN_NARRATOR
            }
            .into(),
        );
        let mut ops = vec![Op::Update {
            id: interview.record.id(),
            expected_version: Some(interview.record.meta.version),
            body: Body::Interview(body),
            settings: interview.record.settings(),
        }];
        if n == 1 {
            let mut settings = person.record.settings();
            settings.access = AccessLevel::Staff;
            ops.push(Op::Update {
                id: person.record.id(),
                expected_version: Some(person.record.meta.version),
                body: person.record.body.clone(),
                settings,
            });
        }
        store.apply(&actor, ops, today())?;
        let stored = store
            .get(interview.record.id())?
            .context("the interview just updated")?;
        ensure!(
            stored.record.meta.workflow == Workflow::Published
                && stored.audience.admits(&anonymous, today()),
            "the pseudonymous interview {} should stay public",
            interview.record.id().0
        );
        // The address the interview had before the pseudonym carries the name: it must be
        // gone (the projection gives the interview a new one, made from its public title).
        ensure!(
            stored.record.meta.slug != interview.record.meta.slug,
            "a pseudonym should give interview {} a new address",
            interview.record.id().0
        );
        out.push(Pseudonymous {
            interview: interview.record.id(),
            stored_slug: interview.record.meta.slug.clone(),
            stored_title: interview.record.title(),
            narrator: person.record.id(),
            names: name_forms(&name),
        });
    }
    // The demo's own interview under a pseudonym (its narrator's record is not public at all).
    for r in all_records(store)? {
        let Body::Interview(interview) = &r.record.body else {
            continue;
        };
        if interview.pseudonym.is_none() || out.iter().any(|p| p.interview == r.record.id()) {
            continue;
        }
        let id = r.record.id();
        for rel in store.relations(id)? {
            if rel.rtype != RelationType::NarratorOf || rel.to != id {
                continue;
            }
            let Some(person) = store.get(rel.from)? else {
                continue;
            };
            let Body::Person(p) = &person.record.body else {
                continue;
            };
            out.push(Pseudonymous {
                interview: id,
                stored_slug: slugify(&r.record.title()),
                stored_title: r.record.title(),
                narrator: rel.from,
                names: name_forms(&p.name),
            });
        }
    }
    ensure!(
        out.len() >= 3,
        "the demo should have its own interview under a pseudonym"
    );
    Ok(out)
}

/// The written forms of a name a page or an address may carry: «Иванов Пётр Семёнович»,
/// «Пётр Семёнович Иванов», «Иванов П. С.» and both as slugs.
fn name_forms(name: &PersonName) -> Vec<String> {
    let mut forms = vec![name.full(), name.natural(), name.short()];
    forms.push(slugify(&name.full()));
    forms.push(slugify(&name.natural()));
    forms.retain(|f| f.chars().count() >= MIN_TITLE_CHARS);
    forms.sort();
    forms.dedup();
    forms
}

// ---------------------------------------------------------------------------------------------
// Signing in over HTTP, as a person does

async fn sign_in(site: &Site, email: &str) -> Result<String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let form = client.get(site.url("/studio/sign-in")).send().await?;
    ensure!(
        form.status().is_success(),
        "the sign-in form answered {}",
        form.status()
    );
    let form_cookie = set_cookies(&form)
        .into_iter()
        .next()
        .context("the sign-in form set no cookie")?;
    let html = form.text().await?;
    let token = html
        .split("name=\"form_token\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .context("the sign-in form has no form_token")?
        .to_owned();
    let answer = client
        .post(site.url("/studio/sign-in"))
        .header(reqwest::header::COOKIE, form_cookie)
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("next", "/studio"),
            ("form_token", token.as_str()),
        ])
        .send()
        .await?;
    let session = set_cookies(&answer)
        .into_iter()
        .find(|c| c.starts_with("letopis_session="))
        .with_context(|| format!("{email} was not signed in: {}", answer.status()))?;
    Ok(session)
}

// ---------------------------------------------------------------------------------------------
// What this viewer may not see

/// Something that must not appear in a response, and what it would reveal.
struct Needle {
    text: String,
    what: String,
    /// A record address: only a match not followed by more of an address counts
    /// (`/persons/ivanov-petr` must not fire on `/persons/ivanov-petr-2`).
    address: bool,
}

struct Secrets {
    /// Hidden records, for the sanity checks and the 404 checks.
    hidden: Vec<StoredRecord>,
    hidden_only_media: BTreeSet<String>,
    /// Titles and addresses of hidden records, files only they show, names behind pseudonyms.
    everywhere: Vec<Needle>,
    /// Per pseudonymous interview with a visible narrator: the name, forbidden only on the
    /// interview's own addresses.
    on_interview: Vec<(Pseudonymous, Vec<Needle>)>,
    /// Titles of visible records long enough to be checked: most must turn up in the crawl.
    visible_titles: Vec<String>,
    checked_titles: usize,
}

fn secrets(store: &dyn Store, viewer: &Viewer, museum: &Museum) -> Result<Secrets> {
    let records = all_records(store)?;
    let (visible, hidden): (Vec<_>, Vec<_>) = records
        .into_iter()
        .partition(|r| r.audience.admits(viewer, today()));
    let visible_titles_all: HashSet<String> = visible.iter().map(|r| r.record.title()).collect();
    // What a visible record shows is its public projection: a file the projection leaves out
    // — a portrait outside a consent's scope, the original of a recording with a closed
    // stretch — is as hidden as a hidden record's. (The museum's own people may fetch the
    // files of the records they edit: the studio plays originals.)
    let museum_reader = matches!(viewer.role, ViewerRole::Staff | ViewerRole::Admin);
    let shown = |r: &StoredRecord| -> Vec<String> {
        let body = if museum_reader {
            &r.record.body
        } else {
            r.public_body()
        };
        body.media().into_iter().map(|m| m.sha256.clone()).collect()
    };
    let visible_media: HashSet<String> = visible.iter().flat_map(shown).collect();
    let mut everywhere = Vec::new();
    let mut hidden_only_media = BTreeSet::new();
    for r in &visible {
        let label = format!(
            "{} #{} outside its projection",
            r.record.kind().code(),
            r.record.id().0
        );
        for m in r.record.body.media() {
            if !m.sha256.is_empty() && !visible_media.contains(&m.sha256) {
                hidden_only_media.insert(m.sha256.clone());
                everywhere.push(Needle {
                    text: m.sha256.clone(),
                    what: format!("file {}… of {label}", &m.sha256[..12]),
                    address: false,
                });
            }
        }
    }
    let mut checked_titles = 0;
    for r in &hidden {
        let kind = r.record.kind();
        let id = r.record.id();
        let title = r.record.title();
        let label = format!("hidden {} #{}", kind.code(), id.0);
        if title.chars().count() >= MIN_TITLE_CHARS && !visible_titles_all.contains(&title) {
            checked_titles += 1;
            everywhere.push(Needle {
                text: title.clone(),
                what: format!("title of {label} «{title}»"),
                address: false,
            });
        }
        everywhere.push(Needle {
            text: href(kind, &r.record.meta.slug),
            what: format!("address of {label}"),
            address: true,
        });
        everywhere.push(Needle {
            text: format!("/{}/{}", kind.plural(), id.0),
            what: format!("address of {label}"),
            address: true,
        });
        for m in r.record.body.media() {
            if !m.sha256.is_empty() && !visible_media.contains(&m.sha256) {
                hidden_only_media.insert(m.sha256.clone());
                everywhere.push(Needle {
                    text: m.sha256.clone(),
                    what: format!("file {}… shown only by {label}", &m.sha256[..12]),
                    address: false,
                });
            }
        }
    }
    // The public site shows projections to everyone, signed in or not (only the studio reads
    // records whole), so pseudonyms bind the museum's own people there too.
    let mut on_interview = Vec::new();
    for p in &museum.pseudonymous {
        let narrator_visible = visible.iter().any(|r| r.record.id() == p.narrator);
        let label = format!("interview #{} under a pseudonym", p.interview.0);
        // The stored title and slug carry the real name (the demo titles interviews by their
        // narrator), so they must not be shown as they are anywhere.
        let mut forbidden = vec![
            Needle {
                text: p.stored_title.clone(),
                what: format!("unpseudonymised title of {label}"),
                address: false,
            },
            Needle {
                text: format!("/interviews/{}", p.stored_slug),
                what: format!("unpseudonymised address of {label}"),
                address: true,
            },
        ];
        let names: Vec<Needle> = p
            .names
            .iter()
            .map(|n| Needle {
                text: n.clone(),
                what: format!("real name «{n}» of the narrator of {label}"),
                address: false,
            })
            .collect();
        if narrator_visible {
            everywhere.append(&mut forbidden);
            on_interview.push((p.clone(), names));
        } else {
            everywhere.append(&mut forbidden);
            everywhere.extend(names);
        }
    }
    let visible_titles = visible
        .iter()
        .map(|r| r.record.title())
        .filter(|t| t.chars().count() >= MIN_TITLE_CHARS)
        .collect();
    Ok(Secrets {
        hidden,
        hidden_only_media,
        everywhere,
        on_interview,
        visible_titles,
        checked_titles,
    })
}

/// Finds needles in text; forms as they are, HTML-escaped and JSON-escaped.
struct Matcher {
    ac: AhoCorasick,
    /// Per pattern: the needle's index and whether it is an address.
    of: Vec<usize>,
    needles: Vec<Needle>,
}

impl Matcher {
    fn new(needles: Vec<Needle>) -> Result<Matcher> {
        let mut patterns = Vec::new();
        let mut of = Vec::new();
        for (i, n) in needles.iter().enumerate() {
            let mut forms = vec![
                n.text.clone(),
                html_escape(&n.text),
                serde_json::to_string(&n.text)?.trim_matches('"').to_owned(),
            ];
            forms.sort();
            forms.dedup();
            for f in forms {
                patterns.push(f);
                of.push(i);
            }
        }
        Ok(Matcher {
            ac: AhoCorasick::new(&patterns)?,
            of,
            needles,
        })
    }

    /// What of the needles the text holds, each once.
    fn found(&self, text: &str) -> BTreeSet<usize> {
        let bytes = text.as_bytes();
        let mut found = BTreeSet::new();
        for m in self.ac.find_overlapping_iter(text) {
            let i = self.of[m.pattern().as_usize()];
            if self.needles[i].address
                && bytes
                    .get(m.end())
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'%'))
            {
                continue;
            }
            found.insert(i);
        }
        found
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

// ---------------------------------------------------------------------------------------------
// The crawl

struct Fetched {
    url: String,
    status: u16,
    /// Text bodies only; files are asked for with HEAD.
    body: Option<String>,
    content_type: String,
}

struct Crawler {
    client: reqwest::Client,
    base: String,
}

impl Crawler {
    async fn fetch(&self, path: String) -> Fetched {
        let url = format!("{}{path}", self.base);
        // Files are checked by whether they answer, not read: an interview's audio is large.
        let file = path.starts_with("/media/");
        let request = || {
            if file {
                self.client.head(&url)
            } else {
                self.client.get(&url)
            }
        };
        // A polite crawler comes back when told to: searches and exports take turns and answer
        // `503` with `Retry-After` beyond them (the crawl asks for many at once). Anything
        // else at 5xx, or a 503 that never ends, is still a finding.
        let mut sent = request().send().await;
        for _ in 0..40 {
            let wait = match &sent {
                Ok(r) if r.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE => r
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok()),
                _ => None,
            };
            let Some(seconds) = wait else { break };
            tokio::time::sleep(std::time::Duration::from_millis(250 * seconds.clamp(1, 4))).await;
            sent = request().send().await;
        }
        match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                let final_path = response
                    .url()
                    .as_str()
                    .strip_prefix(&self.base)
                    .unwrap_or(&path)
                    .to_owned();
                let content_type = response
                    .headers()
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                let textual = ["text/", "json", "xml", "javascript"]
                    .iter()
                    .any(|t| content_type.contains(t));
                let body = if !file && textual {
                    response.text().await.ok()
                } else {
                    None
                };
                Fetched {
                    url: final_path,
                    status,
                    body,
                    content_type,
                }
            }
            Err(e) => Fetched {
                url: path,
                status: 0,
                body: Some(format!("request failed: {e}")),
                content_type: String::new(),
            },
        }
    }
}

/// Same-site addresses a body points at, as paths with their query.
fn links(body: &str, content_type: &str, from: &str, base: &str) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    if content_type.contains("json")
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(body)
    {
        strings_of(&value, &mut raw);
    } else {
        for attr in [
            "href=\"",
            "src=\"",
            "content=\"",
            "poster=\"",
            "action=\"",
            "data-src=\"",
        ] {
            for piece in body.split(attr).skip(1) {
                if let Some(v) = piece.split('"').next() {
                    raw.push(v.replace("&amp;", "&"));
                }
            }
        }
        for piece in body.split("<loc>").skip(1) {
            if let Some(v) = piece.split("</loc>").next() {
                raw.push(v.trim().replace("&amp;", "&"));
            }
        }
        // Scripts and data attributes name JSON and captions by absolute path.
        for piece in body.split("\"/").skip(1) {
            if let Some(v) = piece.split('"').next()
                && (v.ends_with(".json") || v.ends_with(".vtt") || v.starts_with("api/"))
            {
                raw.push(format!("/{v}"));
            }
        }
    }
    let here = from.split('?').next().unwrap_or(from);
    raw.into_iter()
        .filter_map(|v| {
            let v = v.trim();
            let path = if let Some(rest) = v.strip_prefix(base) {
                if rest.is_empty() {
                    "/".to_owned()
                } else {
                    rest.to_owned()
                }
            } else if v.starts_with('/') && !v.starts_with("//") {
                v.to_owned()
            } else if v.starts_with('?') {
                format!("{here}{v}")
            } else {
                return None;
            };
            Some(path.split('#').next().unwrap_or("").to_owned())
        })
        .filter(|p| p.starts_with('/'))
        .collect()
}

fn strings_of(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings_of(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings_of(v, out)),
        _ => {}
    }
}

/// Paths that are not the museum's content: assets, tiles, switches that only set a cookie,
/// the back office and residents' private links.
fn followed(path: &str) -> bool {
    let skip = [
        "/static/",
        "/tiles/",
        "/lang/",
        "/low-vision",
        "/studio",
        "/contribute/s/",
        "/contribute/start",
        "/healthz",
    ];
    !skip.iter().any(|s| path.starts_with(s))
}

/// `?page=N` (with `lang`) is how lists are read to the end; it is never capped.
fn paging_only(path: &str) -> bool {
    path.split_once('?').is_some_and(|(_, q)| {
        q.split('&')
            .all(|kv| kv.starts_with("page=") || kv.starts_with("lang="))
    })
}

/// A record's address as the pages write it (slugs are ASCII letters, digits and hyphens).
fn href(kind: Kind, slug: &str) -> String {
    format!("/{}/{slug}", kind.plural())
}

/// The `q` a search address asks, decoded.
fn asked(path: &str) -> Option<String> {
    let (_, query) = path.split_once('?')?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn crawl_as(museum: &Museum, viewer: Viewer, cookie: Option<String>) -> Result<()> {
    let site = &museum.site;
    let store: &dyn Store = &*site.store;
    let secrets = secrets(store, &viewer, museum)?;
    ensure!(
        !secrets.hidden.is_empty() && secrets.checked_titles > 0,
        "nothing is hidden from {viewer:?}: the crawl would prove nothing"
    );
    if viewer.role == ViewerRole::Anonymous {
        ensure!(
            !secrets.hidden_only_media.is_empty(),
            "no file is shown only by hidden records: the media check would prove nothing"
        );
    }
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(c) = &cookie {
        headers.insert(reqwest::header::COOKIE, c.parse()?);
    }
    let crawler = std::sync::Arc::new(Crawler {
        client: reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()?,
        base: site.base.clone(),
    });
    if cookie.is_some() {
        // The session must really be in force, or the crawl would be an anonymous one.
        let studio = crawler.fetch("/studio".into()).await;
        ensure!(
            studio.status == 200 || studio.status == 403,
            "the signed-in session does not hold: /studio answered {}",
            studio.status
        );
        ensure!(
            !studio.url.starts_with("/studio/sign-in"),
            "the signed-in session does not hold: /studio sent to sign-in"
        );
    }

    // Where a visitor starts, and the searches most likely to surface a hidden record.
    let mut seeds: Vec<String> = [
        "/",
        "/sitemap.xml",
        "/feed.atom",
        "/map",
        "/map/places.json",
        "/timeline",
        "/memory-book",
        "/robots.txt",
        "/contribute",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for kind in Kind::ALL {
        seeds.push(format!("/{}", kind.plural()));
        seeds.push(format!("/api/v1/{}", kind.plural()));
    }
    for year in 1941..=1945 {
        seeds.push(format!("/timeline?year={year}"));
    }
    for n in secrets
        .everywhere
        .iter()
        .filter(|n| !n.address && n.text.chars().count() >= MIN_TITLE_CHARS)
        .filter(|n| !n.text.chars().all(|c| c.is_ascii_hexdigit()))
        .take(SEARCHED_TITLES)
    {
        let q = encode(&n.text);
        let prefix: String = n.text.chars().take(6).collect();
        seeds.push(format!("/search?q={q}"));
        seeds.push(format!("/api/v1/search?q={q}"));
        seeds.push(format!("/api/v1/suggest?q={}", encode(&prefix)));
    }
    for (p, _) in &secrets.on_interview {
        seeds.push(format!("/interviews/{}", p.interview.0));
        seeds.push(format!("/api/v1/interviews/{}", p.interview.0));
        seeds.push(format!("/persons/{}", p.narrator.0));
    }

    let everywhere = Matcher::new(
        secrets
            .everywhere
            .iter()
            .map(|n| Needle {
                text: n.text.clone(),
                what: n.what.clone(),
                address: n.address,
            })
            .collect(),
    )?;
    let visible = AhoCorasick::new(&secrets.visible_titles)?;
    let mut seen_visible: HashSet<usize> = HashSet::new();

    let mut queue: VecDeque<String> = VecDeque::new();
    let mut enqueued: HashSet<String> = HashSet::new();
    let mut variants: HashMap<String, usize> = HashMap::new();
    for s in seeds {
        if enqueued.insert(s.clone()) {
            queue.push_back(s);
        }
    }
    let mut pages: Vec<Fetched> = Vec::new();
    let mut findings: Vec<(String, String)> = Vec::new();
    let mut fetched = 0;
    let mut tasks = tokio::task::JoinSet::new();
    let mut truncated = false;
    let mut texts = 0;
    loop {
        while tasks.len() < IN_FLIGHT
            && let Some(path) = queue.pop_front()
        {
            if fetched >= MAX_FETCHES {
                truncated = true;
                queue.clear();
                break;
            }
            fetched += 1;
            let c = crawler.clone();
            tasks.spawn(async move { c.fetch(path).await });
        }
        let Some(done) = tasks.join_next().await else {
            break;
        };
        let page = done?;
        if page.status == 0 || page.status >= 500 {
            findings.push((
                page.url.clone(),
                format!(
                    "answered {} {}",
                    page.status,
                    page.body.as_deref().unwrap_or("")
                ),
            ));
        }
        let Some(body) = &page.body else {
            pages.push(page);
            continue;
        };
        for link in links(body, &page.content_type, &page.url, &site.base) {
            if !followed(&link) || enqueued.contains(&link) {
                continue;
            }
            if link.contains('?') && !paging_only(&link) {
                let path = link.split('?').next().unwrap_or("").to_owned();
                let n = variants.entry(path).or_default();
                if *n >= VARIANTS_PER_PATH {
                    continue;
                }
                *n += 1;
            }
            enqueued.insert(link.clone());
            queue.push_back(link);
        }
        // A search echoes what was asked (a hidden title, on purpose); only what it answers
        // besides the echo counts.
        let mut text = body.clone();
        if let Some(q) = asked(&page.url) {
            for form in [
                q.clone(),
                html_escape(&q),
                serde_json::to_string(&q)?.trim_matches('"').to_owned(),
            ] {
                text = text.replace(&form, "");
            }
        }
        for i in everywhere.found(&text) {
            findings.push((page.url.clone(), everywhere.needles[i].what.clone()));
        }
        for m in visible.find_overlapping_iter(body.as_str()) {
            seen_visible.insert(m.pattern().as_usize());
        }
        texts += 1;
        // Bodies are kept only where the pseudonym checks below read them again.
        let kept = [
            "/interviews/",
            "/persons/",
            "/api/v1/interviews/",
            "/api/v1/persons/",
        ]
        .iter()
        .any(|p| page.url.starts_with(p));
        pages.push(Fetched {
            body: kept.then_some(page.body.clone()).flatten(),
            ..page
        });
    }

    // The pseudonymous interviews whose narrators keep a record of their own: the name must
    // not be on the interview, and neither end may point to the other.
    for (p, names) in &secrets.on_interview {
        let api = pages
            .iter()
            .find(|f| f.url == format!("/api/v1/interviews/{}", p.interview.0))
            .and_then(|f| f.body.as_deref())
            .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok());
        let public_url = api
            .as_ref()
            .and_then(|v| v.get("url"))
            .and_then(|u| u.as_str())
            .map(str::to_owned);
        let person_api = crawler
            .fetch(format!("/api/v1/persons/{}", p.narrator.0))
            .await;
        let person_url = person_api
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
            .and_then(|v| v.get("url").and_then(|u| u.as_str()).map(str::to_owned));
        let mut own = vec![
            format!("/interviews/{}", p.interview.0),
            format!("/api/v1/interviews/{}", p.interview.0),
            format!("/interviews/{}", p.stored_slug),
        ];
        own.extend(public_url.clone());
        let name_matcher = Matcher::new(
            names
                .iter()
                .map(|n| Needle {
                    text: n.text.clone(),
                    what: n.what.clone(),
                    address: false,
                })
                .collect(),
        )?;
        let is_own = |url: &str| {
            own.iter().any(|o| {
                url == o || url.starts_with(&format!("{o}?")) || url.starts_with(&format!("{o}/"))
            })
        };
        let mut interview_pages = 0;
        for f in pages.iter().filter(|f| is_own(&f.url)) {
            interview_pages += 1;
            let Some(body) = &f.body else { continue };
            for i in name_matcher.found(body) {
                findings.push((f.url.clone(), name_matcher.needles[i].what.clone()));
            }
            if let Some(person) = &person_url
                && (body.contains(&format!("{person}\""))
                    || body.contains(&format!("/persons/{}\"", p.narrator.0)))
            {
                findings.push((
                    f.url.clone(),
                    format!(
                        "interview #{} under a pseudonym links to its narrator's record {person}",
                        p.interview.0
                    ),
                ));
            }
        }
        ensure!(
            interview_pages > 0,
            "the pseudonymous interview #{} was never fetched",
            p.interview.0
        );
        let person_paths: Vec<String> = person_url
            .iter()
            .cloned()
            .chain([format!("/persons/{}", p.narrator.0)])
            .collect();
        for f in pages.iter().filter(|f| person_paths.contains(&f.url)) {
            let Some(body) = &f.body else { continue };
            let id_link = format!("/interviews/{}\"", p.interview.0);
            let slug_link = public_url.as_ref().map(|u| format!("{u}\""));
            if body.contains(&id_link) || slug_link.is_some_and(|l| body.contains(&l)) {
                findings.push((
                    f.url.clone(),
                    format!(
                        "the narrator's page links to interview #{} given under a pseudonym",
                        p.interview.0
                    ),
                ));
            }
        }
    }

    // Asked for directly, hidden records and files answer as if they did not exist.
    let mut direct: Vec<String> = Vec::new();
    for sha in &secrets.hidden_only_media {
        direct.push(format!("/media/{sha}"));
    }
    for r in &secrets.hidden {
        let kind = r.record.kind();
        let href = href(kind, &r.record.meta.slug);
        direct.push(href.clone());
        direct.push(format!("/{}/{}", kind.plural(), r.record.id().0));
        direct.push(format!("/api/v1/{}/{}", kind.plural(), r.record.id().0));
        if kind == Kind::Interview {
            direct.push(format!("{href}/captions/1.vtt"));
        }
    }
    // The address a pseudonymous interview had before its pseudonym is gone, not redirected.
    for p in &museum.pseudonymous {
        direct.push(href(Kind::Interview, &p.stored_slug));
    }
    let withdrawn: Vec<String> = secrets
        .hidden
        .iter()
        .filter(|r| r.record.meta.workflow == Workflow::Withdrawn)
        .flat_map(|r| {
            let kind = r.record.kind();
            [
                href(kind, &r.record.meta.slug),
                format!("/{}/{}", kind.plural(), r.record.id().0),
            ]
        })
        .collect();
    for path in direct {
        let f = crawler.fetch(path.clone()).await;
        // A withdrawn record's own address may say it is gone (410) instead.
        let gone = f.status == 410 && withdrawn.contains(&path);
        if f.status != 404 && !gone {
            findings.push((path, format!("answered {} instead of 404", f.status)));
        }
    }

    // Sanity: the crawl read the museum (a crawl that reached nothing finds nothing).
    let share = seen_visible.len() as f64 / secrets.visible_titles.len().max(1) as f64;
    println!(
        "{:?}: {fetched} requests ({texts} text responses{}), {} hidden records ({} titles \
         checked), {} files only they show; {}/{} visible titles seen",
        viewer.role,
        if truncated { ", capped" } else { "" },
        secrets.hidden.len(),
        secrets.checked_titles,
        secrets.hidden_only_media.len(),
        seen_visible.len(),
        secrets.visible_titles.len()
    );
    ensure!(
        share >= 0.9,
        "the crawl saw only {} of {} visible records' titles: it did not reach the museum",
        seen_visible.len(),
        secrets.visible_titles.len()
    );
    report(&viewer, findings)
}

/// Fails with the findings grouped by what leaked, each with the first few addresses it leaked
/// on, so that one leak seen on every page reads as one line.
fn report(viewer: &Viewer, findings: Vec<(String, String)>) -> Result<()> {
    let mut by_what: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (url, what) in findings {
        by_what.entry(what).or_default().insert(url);
    }
    if by_what.is_empty() {
        return Ok(());
    }
    let n = by_what.len();
    let lines: Vec<String> = by_what
        .into_iter()
        .take(SHOWN)
        .map(|(what, urls)| {
            let first: Vec<&str> = urls.iter().take(3).map(String::as_str).collect();
            let more = urls.len().saturating_sub(first.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("{what}: {}{more}", first.join(" "))
        })
        .collect();
    bail!(
        "{n} kind(s) of leak to {:?} (first {}):\n{}",
        viewer.role,
        lines.len(),
        lines.join("\n")
    )
}
