//! A micro-district on paper (issue #18, "Done means"): a visitor opens a micro-district from
//! `/districts` in a real browser, and the poster printed from that page carries a QR code that
//! a phone reads back as the page's own absolute address; the A3 poster is A3. The PDF is
//! rasterised by `pdftoppm` (poppler-utils) and the code is read by `rqrr`, as a phone would.

use anyhow::{Context, Result, bail, ensure};
use letopis_browser_tests::Session;
use std::path::Path;
use std::process::Command;

/// The page's code, read from the first page of `pdf` drawn at `dpi`; also the picture's size.
fn read_qr(pdf: &[u8], dpi: u32, dir: &Path) -> Result<(Vec<String>, (u32, u32))> {
    let file = dir.join(format!("poster-{dpi}.pdf"));
    std::fs::write(&file, pdf)?;
    let out = dir.join(format!("poster-{dpi}"));
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-png", "-singlefile"])
        .arg(&file)
        .arg(&out)
        .status()
        .context("running pdftoppm (Debian: apt-get install poppler-utils)")?;
    ensure!(status.success(), "pdftoppm failed: {status}");
    let picture = image::open(out.with_extension("png"))
        .context("reading the rasterised poster")?
        .to_luma8();
    let size = picture.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare(picture);
    let codes = prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect();
    Ok((codes, size))
}

#[tokio::test]
async fn a_micro_district_prints_as_a_poster_whose_qr_code_opens_its_page() -> Result<()> {
    let Some(s) = Session::start().await? else {
        return Ok(());
    };
    s.browser.goto(&s.site.url("/districts")).await?;
    s.browser.click("a[href=\"/districts/skhodnya\"]").await?;
    s.browser
        .wait_until(
            "the micro-district's page to open",
            "return location.pathname === '/districts/skhodnya' && !!document.querySelector('h1');",
            std::time::Duration::from_secs(10),
        )
        .await?;
    let here = s.browser.here().await;
    let heading = s
        .browser
        .js(
            "return document.querySelector('h1').textContent.trim();",
            vec![],
        )
        .await?;
    ensure!(heading == "Сходня", "the page's heading: {heading}");
    // The poster as the page links to it, fetched like the browser would.
    let href = s
        .browser
        .js(
            "return document.querySelector('a[href$=\"poster.pdf\"]').href;",
            vec![],
        )
        .await?;
    let href = href.as_str().context("the poster's link")?.to_string();
    let client = reqwest::Client::new();
    let a4 = client.get(&href).send().await?;
    ensure!(a4.status() == 200, "{href}: {}", a4.status());
    let a4 = a4.bytes().await?;
    let dir = tempfile::tempdir()?;
    let (codes, (width, height)) = read_qr(&a4, 150, dir.path())?;
    if codes.is_empty() {
        bail!("no QR code could be read from the A4 poster ({width}×{height} px at 150 dpi)");
    }
    ensure!(
        codes.contains(&here),
        "the QR code reads {codes:?}, the page is {here}"
    );
    // A4 at 150 dpi is 1240 × 1754 px.
    ensure!(
        (1235..=1245).contains(&width) && (1750..=1760).contains(&height),
        "A4: {width}×{height}"
    );

    let a3 = client.get(format!("{href}?size=a3")).send().await?;
    ensure!(a3.status() == 200, "A3: {}", a3.status());
    let (codes, (width, height)) = read_qr(&a3.bytes().await?, 72, dir.path())?;
    // A3 is 297 × 420 mm: 842 × 1191 px at 72 dpi.
    ensure!(
        (840..=844).contains(&width) && (1189..=1193).contains(&height),
        "A3: {width}×{height}"
    );
    ensure!(codes.contains(&here), "A3's QR code reads {codes:?}");
    s.close().await;
    Ok(())
}
