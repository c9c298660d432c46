//! The interview page as a listener uses it (issue 3, "Quality bars"): playing moves the
//! transcript's highlight, clicking a line seeks, a `?t=` link positions the player, and the
//! transcript search highlights and counts. The hooks are the DOM contract at the top of
//! `crates/web/static/js/player.js`.

use anyhow::{Context, Result, bail, ensure};
use letopis_browser_tests::{Browser, PageType, Session};
use letopis_core::Kind;
use serde::Deserialize;
use serde_json::{Value, json};
use std::time::Duration;

const INTERVIEW: PageType = PageType::Record(Kind::Interview);
/// Generous: two cores shared by parallel Chromiums.
const PATIENCE: Duration = Duration::from_secs(20);
/// How far the player may be from where a seek asked it to be.
const SEEK_TOLERANCE: f64 = 0.5;

/// Script prelude: the recording parts and where each starts on the interview's timeline.
const PARTS: &str = "const parts = [...document.querySelectorAll('[data-player] .player-media')];\n\
    const offset = (m) => parseFloat(m.dataset.offset) || 0;\n\
    const partAt = (t) => parts.filter((m) => offset(m) <= t + 0.001).pop() || parts[0];\n\
    const cues = [...document.querySelectorAll('#transcript li.cue')];\n";

/// What the player and the transcript show, for failure messages.
const PLAYER_STATE: &str = "const parts = [...document.querySelectorAll('[data-player] .player-media')];\n\
    const current = [...document.querySelectorAll('#transcript li.cue-current')];\n\
    return {\n\
      url: location.href,\n\
      parts: parts.map((m) => ({ id: m.id, offset: m.dataset.offset, currentTime: m.currentTime,\n\
        paused: m.paused, readyState: m.readyState, duration: m.duration,\n\
        error: m.error && m.error.message })),\n\
      highlighted: current.map((c) => ({ start: c.dataset.start, end: c.dataset.end,\n\
        ariaCurrent: c.getAttribute('aria-current'), text: c.textContent.trim().slice(0, 60) })),\n\
    };";

/// One transcript line as the page gives it.
#[derive(Debug, Clone, Deserialize)]
struct Cue {
    start: f64,
    end: f64,
    id: String,
    text: String,
}

/// Opens the interview page and, if it asks first (a content statement), continues past it the
/// way a visitor does.
async fn open_interview(browser: &Browser, url: &str) -> Result<Vec<Cue>> {
    browser.goto(url).await?;
    let gated = browser
        .js(
            "const g = document.querySelector('details#content-gate[data-content-gate]');\
             return g ? !g.open : false;",
            vec![],
        )
        .await?;
    if gated == Value::Bool(true) {
        browser.click("summary.content-gate-continue").await?;
        browser
            .wait_until(
                "the content statement to open on «continue»",
                "return document.querySelector('details#content-gate').open === true",
                PATIENCE,
            )
            .await?;
    }
    let cues = browser
        .js(
            "return [...document.querySelectorAll('#transcript li.cue')].map((c) => ({\
               start: parseFloat(c.dataset.start), end: parseFloat(c.dataset.end),\
               id: c.id || '', text: (c.querySelector('.cue-text') || c).textContent }));",
            vec![],
        )
        .await?;
    let cues: Vec<Cue> = serde_json::from_value(cues).context("reading the transcript lines")?;
    ensure!(
        cues.len() >= 4,
        "the interview page {url} shows {} transcript line(s) (`#transcript li.cue`); the tests \
         need a transcript of at least 4 lines",
        cues.len()
    );
    for pair in cues.windows(2) {
        ensure!(
            pair[0].start <= pair[1].start && pair[0].start < pair[0].end,
            "transcript lines out of order or empty on {url}: {:?} then {:?}",
            pair[0],
            pair[1]
        );
    }
    let parts = browser
        .js(&format!("{PARTS} return parts.length;"), vec![])
        .await?;
    ensure!(
        parts.as_u64().unwrap_or(0) >= 1,
        "the interview page {url} has no `audio.player-media` in `[data-player]`"
    );
    Ok(cues)
}

/// A script that is true when the one highlighted line is `index`, marked both ways.
fn highlighted_is(index: usize) -> String {
    format!(
        "const c = document.querySelectorAll('#transcript li.cue-current');\n\
         const all = [...document.querySelectorAll('#transcript li.cue')];\n\
         const aria = document.querySelectorAll('#transcript li.cue[aria-current=\"true\"]');\n\
         return c.length === 1 && aria.length === 1 && aria[0] === c[0] \
                && all.indexOf(c[0]) === {index};"
    )
}

/// Waits, while the recording plays, until the highlighted line is the one being spoken (its
/// data-start ≤ the playing time < its data-end) and comes after line `after`; returns its index.
async fn wait_for_spoken_line(browser: &Browser, after: Option<usize>) -> Result<usize> {
    let after = after.map_or(-1, |i| i as i64);
    let script = format!(
        "{PARTS}const m = parts.find((p) => !p.paused);\n\
         if (!m || m.currentTime <= 0) return false;\n\
         const t = offset(m) + m.currentTime;\n\
         const c = document.querySelectorAll('#transcript li.cue-current');\n\
         return c.length === 1 && c[0].getAttribute('aria-current') === 'true'\n\
           && cues.indexOf(c[0]) > {after}\n\
           && parseFloat(c[0].dataset.start) <= t && t < parseFloat(c[0].dataset.end);"
    );
    let what = if after < 0 {
        "a highlighted line (.cue-current, aria-current) whose data-start ≤ the playing time < data-end".to_owned()
    } else {
        format!(
            "playback to carry the highlight on from line {after} to the next line being spoken"
        )
    };
    browser
        .wait_until_explained(&what, &script, PLAYER_STATE, PATIENCE)
        .await?;
    let index = browser
        .js(
            &format!(
                "{PARTS}return cues.indexOf(document.querySelector('#transcript li.cue-current'));"
            ),
            vec![],
        )
        .await?;
    index
        .as_u64()
        .map(|i| i as usize)
        .ok_or_else(|| anyhow::anyhow!("no highlighted line any more: {index}"))
}

#[tokio::test]
async fn playing_an_interview_moves_the_highlight() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let url = s.site.page(INTERVIEW);
    let cues = open_interview(&s.browser, &url).await?;

    let started = s
        .browser
        .js_async(
            "const done = arguments[arguments.length - 1];\
             const m = document.querySelector('[data-player] audio.player-media');\
             m.play().then(() => done('playing'), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    assert_eq!(
        started,
        json!("playing"),
        "the first recording of {url} would not play"
    );

    // While it plays, the highlighted line is the one being spoken, and it moves on by itself.
    let first = wait_for_spoken_line(&s.browser, None).await?;
    let later = wait_for_spoken_line(&s.browser, Some(first)).await?;
    assert!(
        later > first,
        "the highlight went back from line {first} to {later}"
    );

    // Jumping ahead in the player (its slider sets currentTime) moves the highlight there.
    // Paused first, so playback cannot carry the highlight on past the line.
    let target = (cues.len() * 2 / 3).max(later + 1).min(cues.len() - 1);
    let cue = &cues[target];
    let t = (cue.start + cue.end) / 2.0;
    s.browser
        .js(
            &format!(
                "{PARTS}const t = arguments[0]; const m = partAt(t);\n\
                 parts.forEach((p) => p.pause());\n\
                 m.currentTime = t - offset(m);\n\
                 return true;"
            ),
            vec![json!(t)],
        )
        .await?;
    s.browser
        .wait_until_explained(
            &format!(
                "the highlight to move to line {target} ({:.2}–{:.2} s) after setting the time to {t:.2} s",
                cue.start, cue.end
            ),
            &highlighted_is(target),
            PLAYER_STATE,
            PATIENCE,
        )
        .await?;

    s.close().await;
    Ok(())
}

#[tokio::test]
async fn clicking_a_transcript_line_seeks() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let url = s.site.page(INTERVIEW);
    let cues = open_interview(&s.browser, &url).await?;
    let target = cues.len() * 3 / 4;
    let cue = &cues[target];

    // The click starts playback, which moves on at once: note where each seek lands and what
    // is highlighted then.
    s.browser
        .js(
            &format!(
                "{PARTS}window.__seeks = [];\n\
                 parts.forEach((m) => m.addEventListener('seeked', () => window.__seeks.push({{\n\
                   t: offset(m) + m.currentTime,\n\
                   line: cues.indexOf(document.querySelector('#transcript li.cue-current')) }})));\n\
                 return true;"
            ),
            vec![],
        )
        .await?;
    s.browser
        .click(&format!(
            "#transcript li.cue:nth-child({}) a.cue-link",
            target + 1
        ))
        .await?;
    s.browser
        .wait_until_explained(
            &format!("the player to seek after clicking line {target}"),
            "return window.__seeks.length > 0;",
            PLAYER_STATE,
            PATIENCE,
        )
        .await?;
    let seek = s.browser.js("return window.__seeks[0];", vec![]).await?;
    let landed = seek["t"].as_f64().unwrap_or(f64::NAN);
    assert!(
        (landed - cue.start).abs() <= SEEK_TOLERANCE,
        "clicking line {target} (data-start {}) put the player at {landed} s",
        cue.start
    );
    assert_eq!(
        seek["line"],
        json!(target),
        "after clicking line {target} the highlight is on line {}",
        seek["line"]
    );

    let search = s.browser.js("return location.search;", vec![]).await?;
    let second = cue.start.floor() as u64;
    let search = search.as_str().unwrap_or_default();
    assert!(
        search
            .trim_start_matches('?')
            .split('&')
            .any(|p| p == format!("t={second}")),
        "after clicking line {target} (data-start {}) the URL's query is {search:?}, not ?t={second}",
        cue.start
    );
    let path = s.browser.js("return location.pathname;", vec![]).await?;
    assert_eq!(
        path,
        json!(s.site.pages.path(INTERVIEW)),
        "clicking a line must not leave the page"
    );

    s.close().await;
    Ok(())
}

#[tokio::test]
async fn a_deep_link_positions_the_player() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let url = s.site.page(INTERVIEW);
    let cues = open_interview(&s.browser, &url).await?;

    // A second in which a line starts: the player starts exactly at that line, which carries
    // the anchor `t-{second}` (the first line starting in that second does).
    let Some(at_line) = (cues.len() / 2..cues.len()).find(|&i| !cues[i].id.is_empty()) else {
        bail!("no transcript line of {url} after the middle has an id: {cues:?}");
    };
    let second = cues[at_line].start.floor();
    assert_eq!(
        cues[at_line].id,
        format!("t-{second}"),
        "line {at_line} (data-start {}) has the wrong anchor",
        cues[at_line].start
    );
    check_deep_link(&s.browser, &url, second, cues[at_line].start, at_line).await?;

    // A second in the middle of a long line: the player starts at that very second, and the
    // highlight is the line being spoken.
    let inside = cues.iter().enumerate().find_map(|(i, c)| {
        let n = c.start.floor() + 1.0;
        let starts_there = cues.iter().any(|o| o.start.floor() == n);
        (n > c.start && n + 0.2 < c.end && !starts_there).then_some((i, n))
    });
    let Some((index, second)) = inside else {
        bail!("no transcript line of {url} lasts long enough to link into its middle: {cues:?}");
    };
    check_deep_link(&s.browser, &url, second, second, index).await?;

    // On a phone the player sits below the title and the facts: the link still shows it.
    s.browser.resize(390, 844).await?;
    check_deep_link(&s.browser, &url, second, second, index).await?;
    s.browser.resize(1280, 900).await?;

    s.close().await;
    Ok(())
}

/// Opens `url?t=second` and expects the player paused at `expected` s with line `index` lit.
async fn check_deep_link(
    browser: &Browser,
    url: &str,
    second: f64,
    expected: f64,
    index: usize,
) -> Result<()> {
    let link = format!("{url}?t={second}");
    browser.goto(&link).await?;
    let start_at = browser
        .js(
            "return document.querySelector('[data-player]').dataset.startAt;",
            vec![],
        )
        .await?;
    ensure!(
        start_at == json!(second.to_string()),
        "{link}: `[data-player]` has data-start-at={start_at}, not {second}"
    );
    browser
        .wait_until_explained(
            &format!("{link} to position the player at {expected:.2} s"),
            &format!(
                "{PARTS}const m = partAt({expected});\n\
                 return m.readyState >= 1 && Math.abs(offset(m) + m.currentTime - {expected}) <= 0.05;"
            ),
            PLAYER_STATE,
            PATIENCE,
        )
        .await?;
    browser
        .wait_until_explained(
            &format!("{link} to highlight line {index}"),
            &highlighted_is(index),
            PLAYER_STATE,
            PATIENCE,
        )
        .await?;
    let playing = browser
        .js(
            &format!("{PARTS}return parts.some((m) => !m.paused);"),
            vec![],
        )
        .await?;
    ensure!(
        playing == json!(false),
        "{link} started playing by itself; a deep link only positions the player"
    );
    // …and brings it into view: the player's top is on the screen, wherever it sits on the page.
    let shown = browser
        .js(
            "const r = document.querySelector('[data-player]').getBoundingClientRect();\
             return { top: r.top, height: innerHeight };",
            vec![],
        )
        .await?;
    let (top, height) = (
        shown["top"].as_f64().unwrap_or(-1.0),
        shown["height"].as_f64().unwrap_or(0.0),
    );
    ensure!(
        top >= -1.0 && top < height / 2.0,
        "{link}: the player is not in view (its top at {top} px of a {height} px window)"
    );
    Ok(())
}

/// Case, ё/е as the page folds them (player.js `fold`), for the words used here.
fn fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

#[tokio::test]
async fn transcript_search_highlights_and_counts() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let url = s.site.page(INTERVIEW);
    let cues = open_interview(&s.browser, &url).await?;

    // The word of five letters or more that the most lines share.
    let texts: Vec<String> = cues.iter().map(|c| fold(&c.text)).collect();
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 5)
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    let lines_with = |w: &str| texts.iter().filter(|t| t.contains(w)).count();
    let Some(word) = words
        .iter()
        .max_by_key(|w| (lines_with(w), std::cmp::Reverse((*w).clone())))
    else {
        bail!("the transcript of {url} has no word of five letters");
    };
    let expected: usize = texts.iter().map(|t| t.matches(word.as_str()).count()).sum();
    let lines = lines_with(word);

    // Typed in capitals: the search ignores case.
    let query = word.to_uppercase();
    s.browser
        .find("#transcript-q")
        .await?
        .send_keys(&query)
        .await?;
    let state = "const s = document.querySelector('#transcript-status');\
        return { status: s && s.textContent, marks: document.querySelectorAll('#transcript mark').length,\
                 matchedLines: document.querySelectorAll('#transcript li.cue-match').length };";
    s.browser
        .wait_until_explained(
            &format!("{expected} highlighted match(es) of «{query}» in the transcript"),
            &format!(
                "return document.querySelectorAll('#transcript mark').length === {expected}\
                 && document.querySelector('#transcript-status').textContent.trim() !== '';"
            ),
            state,
            PATIENCE,
        )
        .await?;
    let seen = s
        .browser
        .js(
            "return { status: document.querySelector('#transcript-status').textContent,\
               marks: [...document.querySelectorAll('#transcript mark')].map((m) => m.textContent),\
               matchedLines: document.querySelectorAll('#transcript li.cue-match').length,\
               nextHidden: document.querySelector('[data-search-next]').hidden };",
            vec![],
        )
        .await?;
    let status = seen["status"].as_str().unwrap_or_default();
    assert!(
        status.contains(&expected.to_string()),
        "the search status {status:?} does not say how many matches there are ({expected})"
    );
    for m in seen["marks"].as_array().into_iter().flatten() {
        assert_eq!(
            fold(m.as_str().unwrap_or_default()),
            *word,
            "a <mark> holds something else than «{word}»: {seen}"
        );
    }
    assert_eq!(
        seen["matchedLines"],
        json!(lines),
        "lines marked .cue-match for «{word}»: {seen}"
    );
    assert_eq!(
        seen["nextHidden"],
        json!(false),
        "«next match» is hidden although there are matches"
    );

    // Stepping through the matches: one active mark at a time, the status says which.
    let step = |n: usize| {
        format!(
            "const marks = [...document.querySelectorAll('#transcript mark')];\
             const active = document.querySelectorAll('#transcript mark.mark-active');\
             return active.length === 1 && marks.indexOf(active[0]) === {}\
               && document.querySelector('#transcript-status').textContent.includes('({}/{expected})');",
            n - 1,
            n
        )
    };
    s.browser.click("[data-search-next]").await?;
    s.browser
        .wait_until_explained("«next» to make match 1 active", &step(1), state, PATIENCE)
        .await?;
    if expected >= 2 {
        s.browser.click("[data-search-next]").await?;
        s.browser
            .wait_until_explained("«next» to make match 2 active", &step(2), state, PATIENCE)
            .await?;
        s.browser.click("[data-search-prev]").await?;
        s.browser
            .wait_until_explained(
                "«previous» to go back to match 1",
                &step(1),
                state,
                PATIENCE,
            )
            .await?;
    }

    // Nothing found: no marks, the form says so, and there is nothing to step through.
    let input = s.browser.find("#transcript-q").await?;
    input.clear().await?;
    input.send_keys("щъщъщ").await?;
    s.browser
        .wait_until_explained(
            "a search for «щъщъщ» to find nothing and say so",
            "const f = document.querySelector('#transcript-search');\
             return document.querySelectorAll('#transcript mark').length === 0\
               && document.querySelector('#transcript-status').textContent === f.dataset.none\
               && document.querySelector('[data-search-next]').hidden;",
            state,
            PATIENCE,
        )
        .await?;

    s.close().await;
    Ok(())
}
