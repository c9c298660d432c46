//! Accessibility audits in the real browser: axe-core against WCAG 2.0/2.1 A and AA, keyboard
//! reachability with visible focus, touch-target size, and reflow of text zoomed to 200%.
//!
//! Each audit returns a list of findings, one readable line (or paragraph) each; an empty list
//! means the page passed. Tests assert `findings.is_empty()` and print the list otherwise.

use crate::driver::{Browser, WINDOW};
use crate::tools::AXE_JS;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::{Value, json};

/// The axe rule tags for ГОСТ Р 52872-2019 (= WCAG 2.1 AA).
pub const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

#[derive(Debug, Deserialize)]
struct AxeViolation {
    id: String,
    impact: Option<String>,
    help: String,
    #[serde(rename = "helpUrl")]
    help_url: String,
    nodes: Vec<AxeNode>,
}

#[derive(Debug, Deserialize)]
struct AxeNode {
    target: Vec<Value>,
    html: String,
    summary: Option<String>,
}

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: 'tag', values: arguments[0] },
  resultTypes: ['violations'],
}).then(
  (r) => done({ violations: r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
  })) }),
  (e) => done({ error: String(e) }),
);
"#;

/// Loads `url`, injects the pinned axe-core and runs it with the WCAG 2.x A/AA rules.
pub async fn audit_a11y(browser: &Browser, url: &str) -> Result<Vec<String>> {
    browser.goto(url).await?;
    axe_current_page(browser).await
}

/// Runs axe on whatever the browser shows now (after a test changed the page, say).
pub async fn axe_current_page(browser: &Browser) -> Result<Vec<String>> {
    browser
        .js(AXE_JS, vec![])
        .await
        .context("injecting axe-core")?;
    let result = browser.js_async(RUN_AXE, vec![json!(WCAG_TAGS)]).await?;
    if let Some(error) = result.get("error") {
        bail!("axe-core failed: {error}");
    }
    let violations: Vec<AxeViolation> =
        serde_json::from_value(result["violations"].clone()).context("reading axe's results")?;
    Ok(violations.iter().map(format_violation).collect())
}

fn format_violation(v: &AxeViolation) -> String {
    let mut out = format!(
        "[{}] {} ({}) — {}",
        v.impact.as_deref().unwrap_or("?"),
        v.id,
        v.help_url,
        v.help
    );
    for node in &v.nodes {
        let target: Vec<String> = node
            .target
            .iter()
            .map(|t| t.as_str().map_or_else(|| t.to_string(), str::to_owned))
            .collect();
        out.push_str(&format!(
            "\n    at {}: {}",
            target.join(" >> "),
            clip(&node.html)
        ));
        if let Some(summary) = &node.summary {
            for line in summary.lines() {
                out.push_str(&format!("\n      {line}"));
            }
        }
    }
    out
}

fn clip(html: &str) -> String {
    let one_line = html.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// Marks every element that should be reachable by keyboard with `data-kb` and records how it
/// looks unfocused. Returns how many there are.
const MARK_FOCUSABLE: &str = r#"
const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary,'
  + ' audio[controls], video[controls], iframe, [contenteditable=""], [contenteditable=true],'
  + ' [tabindex]:not([tabindex="-1"])';
const shown = (el) => {
  const s = getComputedStyle(el);
  // Inside a closed <details> only the summary can be reached (Chromium still gives the
  // folded content boxes).
  const folded = [...document.querySelectorAll('details:not([open])')]
    .some((d) => d.contains(el) && !d.querySelector(':scope > summary')?.contains(el));
  return el.getClientRects().length > 0 && s.visibility !== 'hidden' && !el.closest('[inert]')
    && !folded;
};
let n = 0;
for (const el of document.querySelectorAll(sel)) {
  if (el.disabled || !shown(el)) continue;
  const s = getComputedStyle(el);
  el.dataset.kb = String(n++);
  el.dataset.kbLook = JSON.stringify([s.outlineStyle, s.outlineWidth, s.boxShadow]);
}
if (document.activeElement) document.activeElement.blur();
window.scrollTo(0, 0);
return n;
"#;

/// Describes the focused element: its mark, a short description, and whether focus is visible.
const FOCUSED: &str = r#"
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const s = getComputedStyle(el);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
const before = JSON.parse(el.dataset.kbLook || '["none","0px","none"]');
const shadow = s.boxShadow !== 'none' && s.boxShadow !== before[2];
const text = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('name') || '')
  .trim().replace(/\s+/g, ' ').slice(0, 40);
const id = el.id ? '#' + el.id : '';
const href = el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : '';
return { kb: el.dataset.kb ?? null, visible: outline || shadow,
         desc: `<${el.tagName.toLowerCase()}${id}${href}> "${text}"`,
         look: `outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow}` };
"#;

const UNREACHED: &str = r#"
const seen = new Set(arguments[0]);
return [...document.querySelectorAll('[data-kb]')]
  .filter((el) => !seen.has(el.dataset.kb))
  .map((el) => `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
    + `${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "`
    + `${(el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`);
"#;

/// Tabs through the page from the top with real key presses. Findings: focusable elements that
/// Tab never reaches, and focused elements with no visible focus indicator (a non-`none`
/// outline of non-zero width, or a box-shadow that differs from the unfocused one).
pub async fn audit_keyboard(browser: &Browser, url: &str) -> Result<Vec<String>> {
    browser.goto(url).await?;
    let count = browser
        .js(MARK_FOCUSABLE, vec![])
        .await?
        .as_u64()
        .unwrap_or(0);
    let mut findings = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut first: Option<String> = None;
    for _ in 0..(count * 2 + 10) {
        press_tab(browser).await?;
        let focused = browser.js(FOCUSED, vec![]).await?;
        if focused.is_null() {
            if first.is_some() {
                break; // wrapped past the end of the document
            }
            continue;
        }
        let key = focused["kb"].as_str().map(str::to_owned);
        let desc = focused["desc"].as_str().unwrap_or("?").to_owned();
        let id = key.clone().unwrap_or_else(|| desc.clone());
        if first.as_deref() == Some(id.as_str()) {
            break; // wrapped around
        }
        first.get_or_insert_with(|| id.clone());
        if seen.contains(&id) {
            continue;
        }
        if focused["visible"] != true {
            findings.push(format!(
                "focus-visible: {desc} gets focus with no visible indicator ({})",
                focused["look"].as_str().unwrap_or("")
            ));
        }
        seen.push(id);
    }
    let unreached = browser.js(UNREACHED, vec![json!(seen)]).await?;
    for el in unreached.as_array().into_iter().flatten() {
        findings.push(format!(
            "keyboard: {} is never reached with Tab",
            el.as_str().unwrap_or("?")
        ));
    }
    Ok(findings)
}

async fn press_tab(browser: &Browser) -> Result<()> {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;
    let tab = char::from(Key::Tab);
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab });
    browser
        .client
        .perform_actions(keys)
        .await
        .context("pressing Tab")?;
    Ok(())
}

const TOUCH_TARGETS: &str = r#"
const min = arguments[0];
const sel = 'nav a[href], nav button, form a[href], form button, form input:not([type=hidden]),'
  + ' form select, form textarea, button, [role=button], summary, input[type=checkbox],'
  + ' input[type=radio]';
const out = [];
for (const el of new Set(document.querySelectorAll(sel))) {
  if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
  const r = el.getBoundingClientRect();
  if (r.width + 0.01 < min || r.height + 0.01 < min) {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().replace(/\s+/g, ' ').slice(0, 40);
    const where = el.closest('nav') ? 'nav' : el.closest('form') ? 'form' : 'page';
    out.push(`touch-target: <${el.tagName.toLowerCase()}> "${text}" in ${where} is `
      + `${r.width.toFixed(1)}×${r.height.toFixed(1)} px, under ${min}×${min}`);
  }
}
return out;
"#;

/// Links and buttons of navigation and forms, and every button, are at least 24×24 CSS px
/// (WCAG 2.2 2.5.8; the issue's bar).
pub async fn audit_touch_targets(browser: &Browser, url: &str) -> Result<Vec<String>> {
    browser.goto(url).await?;
    strings(browser.js(TOUCH_TARGETS, vec![json!(24)]).await?)
}

const OVERFLOW: &str = r#"
const doc = document.documentElement;
const width = doc.clientWidth;
if (doc.scrollWidth <= width) return [];
// An element too wide itself, or one whose content (a long word, a wide image) spills out.
const reach = (el) => {
  const r = el.getBoundingClientRect();
  const spill = getComputedStyle(el).overflowX === 'visible' ? r.left + el.scrollWidth : 0;
  return Math.max(r.right, spill);
};
const wide = [...document.body.querySelectorAll('*')].filter(
  (el) => reach(el) > width + 1 && getComputedStyle(el).position !== 'fixed');
// Name the innermost offenders (no offending child: the culprits, not their ancestors).
const set = new Set(wide);
const culprits = wide.filter((el) => ![...el.children].some((c) => set.has(c)));
culprits.sort((a, b) => reach(b) - reach(a));
const lines = culprits.slice(0, 6).map((el) => {
  const cls = typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\s+/).join('.') : '';
  const text = (el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 50);
  return `\n    <${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}> "${text}" reaches `
    + `${Math.round(reach(el))} px`;
});
return [`reflow: the page is ${doc.scrollWidth} px wide in a ${width} px viewport; too wide:`
  + lines.join('')];
"#;

/// Text at 200% in a narrow window (640 CSS px, as a 1280 px screen at 200% zoom) must not need
/// horizontal scrolling.
pub async fn audit_text_zoom(browser: &Browser, url: &str) -> Result<Vec<String>> {
    browser.resize(640, WINDOW.1).await?;
    let result = async {
        browser.goto(url).await?;
        browser
            .js(
                "document.documentElement.style.fontSize = '200%'; return true;",
                vec![],
            )
            .await?;
        strings(browser.js(OVERFLOW, vec![]).await?)
    }
    .await;
    browser.resize(WINDOW.0, WINDOW.1).await?;
    result
}

fn strings(value: Value) -> Result<Vec<String>> {
    serde_json::from_value(value).context("reading an audit's findings")
}
