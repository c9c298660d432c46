//! Accessibility (ГОСТ Р 52872-2019 = WCAG 2.1 AA) of every public page type.

use anyhow::Result;
use letopis_browser_tests::a11y::{
    audit_a11y, audit_keyboard, audit_text_zoom, audit_touch_targets,
};
use letopis_browser_tests::{PageType, Session, Variant, assert_clean};
use letopis_core::Kind;

async fn axe_passes(page: PageType) -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    let url = s.site.page(page);
    let findings = audit_a11y(&s.browser, &url).await?;
    s.close().await;
    assert_clean(
        &format!("axe WCAG 2.1 AA on the {} page {url}", page.name()),
        &findings,
    );
    Ok(())
}

macro_rules! axe_tests {
    ($($name:ident => $page:expr),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() -> Result<()> {
            axe_passes($page).await
        }
    )*};
}

axe_tests! {
    axe_home => PageType::Home,
    axe_list => PageType::List,
    axe_person => PageType::Record(Kind::Person),
    axe_interview => PageType::Record(Kind::Interview),
    axe_item => PageType::Record(Kind::Item),
    axe_place => PageType::Record(Kind::Place),
    axe_event => PageType::Record(Kind::Event),
    axe_organization => PageType::Record(Kind::Organization),
    axe_story => PageType::Record(Kind::Story),
    axe_collection => PageType::Record(Kind::Collection),
    axe_source => PageType::Record(Kind::Source),
    axe_search => PageType::Search,
    axe_memory_book => PageType::MemoryBook,
    axe_contribute => PageType::Contribute,
    axe_excursion => PageType::Excursion,
    axe_lessons => PageType::Lessons,
    axe_lesson => PageType::Lesson,
    axe_presentation => PageType::Presentation,
    axe_worksheet => PageType::Worksheet,
    axe_class_link => PageType::ClassLink,
    axe_tour => PageType::Tour,
    axe_pair_screen => PageType::PairScreen,
    axe_embed_record => PageType::EmbedRecord,
    axe_embed_voice => PageType::EmbedVoice,
    axe_not_found => PageType::NotFound,
}

/// Runs one audit over every page type in one browser, in the given version of the pages, and
/// reports all findings together.
async fn on_every_page<F>(what: &str, variant: Variant, audit: F) -> Result<()>
where
    F: AsyncFn(&letopis_browser_tests::Browser, &str) -> Result<Vec<String>>,
{
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    variant.choose(&s.browser, &s.site.base).await?;
    let what = format!("{what}, {} version", variant.name());
    let base = s.site.base.clone();
    // The same finding on many pages (a header link, say) is listed once, with the pages.
    let mut findings: Vec<(String, Vec<&str>)> = Vec::new();
    for (page, url) in s.site.all_pages() {
        for f in audit(&s.browser, &url).await? {
            match findings.iter_mut().find(|(seen, _)| *seen == f) {
                Some((_, pages)) => pages.push(page.name()),
                None => findings.push((f, vec![page.name()])),
            }
        }
    }
    s.close().await;
    let lines: Vec<String> = findings
        .into_iter()
        .map(|(f, pages)| format!("{f}\n    on: {}", pages.join(", ")))
        .collect();
    assert_clean(&format!("{what} (pages at {base})"), &lines);
    Ok(())
}

#[tokio::test]
async fn axe_every_page_in_english() -> Result<()> {
    on_every_page("axe WCAG 2.1 AA", Variant::English, audit_a11y).await
}

#[tokio::test]
async fn axe_every_page_in_low_vision_version() -> Result<()> {
    on_every_page("axe WCAG 2.1 AA", Variant::LowVision, audit_a11y).await
}

#[tokio::test]
async fn keyboard_reaches_everything_with_visible_focus() -> Result<()> {
    on_every_page("keyboard-only use", Variant::Russian, audit_keyboard).await
}

#[tokio::test]
async fn touch_targets_are_at_least_24px() -> Result<()> {
    on_every_page("touch targets", Variant::Russian, audit_touch_targets).await
}

#[tokio::test]
async fn text_at_200_percent_needs_no_horizontal_scroll() -> Result<()> {
    on_every_page("text zoomed to 200%", Variant::Russian, audit_text_zoom).await
}

#[tokio::test]
async fn low_vision_version_needs_no_horizontal_scroll_at_200_percent() -> Result<()> {
    on_every_page("text zoomed to 200%", Variant::LowVision, audit_text_zoom).await
}
