//! `GET /districts/{slug}/poster.pdf` (A4; `?size=a3`) and `GET /districts/{slug}/leaflet.pdf`:
//! the district's page on paper, with a QR code to its absolute address. The texts are gathered
//! here, through the gate, and set by `letopis_graphics::poster`.

use super::gather::{self, Found};
use super::page::counts_line;
use crate::public::PageContext;
use crate::shell::base_url::printed_base;
use crate::shell::error::AppError;
use crate::shell::i18n::{Message, Tr};
use crate::{App, CurrentViewer};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use letopis_core::Kind;
use letopis_core::entities::MediaRef;
use letopis_graphics::poster::{self, Figure, Leaflet, Paper, Poster, QrMatrix, Section};
use letopis_store::venues::StoredVenue;

/// Pictures a poster shows at most.
const PICTURES: usize = 3;
/// Places named in the poster's lines at most.
const NAMED: usize = 5;

/// `?size=`: `a4` (also when absent) or `a3`, in either case; anything else is the visitor's
/// mistake, told in their language.
fn paper(query: &[(String, String)]) -> Result<Paper, AppError> {
    let Some((_, size)) = query.iter().find(|(k, _)| k == "size") else {
        return Ok(Paper::A4);
    };
    match size.trim().to_ascii_lowercase().as_str() {
        "" | "a4" => Ok(Paper::A4),
        "a3" => Ok(Paper::A3),
        _ => Err(AppError::BadRequest(
            Message::new("error-poster-size")
                .arg("value", size.chars().take(40).collect::<String>()),
        )),
    }
}

/// The modules of a QR code of `text` (medium error correction: a poster gets scuffed).
pub fn qr_matrix(text: &str) -> Option<QrMatrix> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    Some(QrMatrix {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect(),
    })
}

/// Everything printed sheets share: the district, its venues and the addresses.
struct Gathered {
    found: Found,
    venues: Vec<StoredVenue>,
    /// The page's absolute address (the QR code's text) and the submission form's.
    page_url: String,
    contribute_url: String,
}

async fn gather(
    app: &App,
    viewer: letopis_core::Viewer,
    headers: &HeaderMap,
    slug: String,
) -> Result<Gathered, AppError> {
    let found = gather::read_one(app, viewer, slug).await?;
    let venues = gather::venues_in(app, Some(&found.district.slug)).await;
    let base = printed_base(app, headers);
    Ok(Gathered {
        page_url: format!("{base}/districts/{}", found.district.slug),
        contribute_url: format!("{base}/contribute"),
        found,
        venues,
    })
}

/// «24» and «героя» from «24 героя».
fn figure(t: &Tr, kind: Kind, n: u64) -> Figure {
    let text = crate::public::kind_count(t, kind, n).replace(['\u{2068}', '\u{2069}'], "");
    match text.split_once(' ') {
        Some((number, label)) => Figure {
            number: number.to_string(),
            label: label.to_string(),
        },
        None => Figure {
            number: n.to_string(),
            label: text,
        },
    }
}

/// JPEG copies (at most a projector's width) of the district's visible pictures: its places',
/// then the photographs tied to them.
async fn pictures(app: &App, found: &Found) -> Vec<Vec<u8>> {
    let places = found.places.iter().filter_map(|r| match &r.record.body {
        letopis_core::Body::Place(p) => p.image.clone(),
        _ => None,
    });
    let items = found
        .items
        .items
        .iter()
        .filter_map(|r| r.record.body.media().into_iter().next().cloned());
    let media: Vec<MediaRef> = places
        .chain(items)
        .filter(|m| crate::media::is_raster_image(&m.mime))
        .take(PICTURES)
        .collect();
    let blobs = app.blobs();
    tokio::task::spawn_blocking(move || {
        media
            .iter()
            .filter_map(|m| {
                let original = blobs.read(&m.sha256).ok()?;
                letopis_media::derive::derive_detail(&original, 0.0, 0.0, 100.0, 100.0)
                    .inspect_err(|e| tracing::warn!(sha256 = %m.sha256, error = %e, "no picture"))
                    .ok()
            })
            .collect()
    })
    .await
    .unwrap_or_default()
}

fn museum(app: &App, t: &Tr) -> String {
    let name = match t.lang() {
        crate::shell::i18n::Lang::Ru => app.config().site_name.clone(),
        crate::shell::i18n::Lang::En => t.msg("site-name"),
    };
    format!("{name} — {}", t.msg("districts-print-museum"))
}

fn footer(t: &Tr) -> String {
    t.args(
        "districts-print-footer",
        &[("year", letopis_core::today().year().to_string().into())],
    )
}

fn pdf(bytes: Vec<u8>, filename: String) -> Response {
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// A list of names as one sentence's end: «Станция Сходня, Братская могила и ещё 3».
fn named(t: &Tr, names: Vec<String>) -> String {
    let more = names.len().saturating_sub(NAMED);
    let mut shown: Vec<String> = names.into_iter().take(NAMED).collect();
    if more > 0 {
        shown.push(t.args(
            "districts-print-and-more",
            &[("count", more.to_string().into())],
        ));
    }
    shown.join(", ")
}

/// The poster's sentences: how to use the code, what to see, where the venues are.
fn poster_lines(t: &Tr, g: &Gathered) -> Vec<String> {
    let mut lines = vec![t.msg("districts-print-invite")];
    let to_visit: Vec<String> = g
        .found
        .to_visit()
        .iter()
        .map(|r| r.record.title())
        .collect();
    if !to_visit.is_empty() {
        let names = named(t, to_visit);
        lines.push(format!("{} {names}.", t.msg("districts-print-visit")));
    }
    if !g.venues.is_empty() {
        let venues: Vec<String> = g.venues.iter().map(|v| v.venue.name.clone()).collect();
        let names = named(t, venues);
        lines.push(format!("{} {names}.", t.msg("districts-print-venues")));
    }
    lines
}

/// Draws on the blocking pool (subsetting fonts and compressing take a few milliseconds).
async fn draw<S: Send + 'static>(
    sheet: S,
    draw: fn(&S) -> Result<Vec<u8>, poster::PosterError>,
) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || draw(&sheet))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "a printed sheet was not drawn");
            AppError::Internal
        })
}

pub async fn poster(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let paper = paper(&query)?;
    let t = ctx.t;
    let g = gather(&app, viewer, &headers, slug).await?;
    let d = &g.found.district;
    let figures = [Kind::Place, Kind::Person, Kind::Interview, Kind::Story]
        .into_iter()
        .filter(|k| d.count(*k) > 0)
        .map(|k| figure(&t, k, d.count(k)))
        .collect();
    let sheet = Poster {
        paper,
        museum: museum(&app, &t),
        title: d.name.clone(),
        subtitle: t.msg("districts-page-lead"),
        lines: poster_lines(&t, &g),
        figures,
        pictures: pictures(&app, &g.found).await,
        qr: qr_matrix(&g.page_url),
        address: g.page_url.clone(),
        call: t.msg("contributions-tell"),
        call_text: t.msg("districts-print-call"),
        call_address: g.contribute_url.clone(),
        footer: footer(&t),
    };
    let size = match paper {
        Paper::A4 => "a4",
        Paper::A3 => "a3",
    };
    let name = format!("letopis-{}-{size}.pdf", d.slug);
    Ok(pdf(draw(sheet, poster::poster).await?, name))
}

/// The leaflet's sections: the project, how to take part, the venues, what the portal holds.
fn leaflet_sections(t: &Tr, g: &Gathered, base: &str) -> Vec<Section> {
    let bullet = |s: String| format!("• {s}");
    let venues = if g.venues.is_empty() {
        vec![t.msg("districts-leaflet-no-venues")]
    } else {
        g.venues
            .iter()
            .map(|v| {
                let kind = t.msg(&format!("venue-kind-{}", v.venue.kind.code()));
                match v.venue.address.as_str() {
                    "" => bullet(format!("{} — {kind}", v.venue.name)),
                    address => bullet(format!("{} — {kind}, {address}", v.venue.name)),
                }
            })
            .collect()
    };
    let mut sections = vec![
        Section {
            heading: t.msg("districts-leaflet-what"),
            paragraphs: vec![t.msg("districts-leaflet-what-text")],
        },
        Section {
            heading: t.msg("districts-leaflet-join"),
            paragraphs: vec![
                bullet(t.args(
                    "districts-leaflet-join-tell",
                    &[("address", g.contribute_url.clone().into())],
                )),
                bullet(t.msg("districts-leaflet-join-bring")),
                bullet(t.msg("districts-leaflet-join-voices")),
                bullet(t.args(
                    "districts-leaflet-join-school",
                    &[("address", format!("{base}/excursions").into())],
                )),
            ],
        },
        Section {
            heading: t.msg("districts-venues"),
            paragraphs: venues,
        },
    ];
    let counts = counts_line(t, &g.found.district);
    if !counts.is_empty() {
        sections.push(Section {
            heading: t.msg("districts-leaflet-holds"),
            paragraphs: vec![format!("{}.", counts.replace("\u{a0}· ", ", "))],
        });
    }
    sections
}

pub async fn leaflet(
    State(app): State<App>,
    CurrentViewer(viewer): CurrentViewer,
    ctx: PageContext,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let t = ctx.t;
    let g = gather(&app, viewer, &headers, slug).await?;
    let base = printed_base(&app, &headers);
    let d = &g.found.district;
    let sheet = Leaflet {
        museum: museum(&app, &t),
        title: t.args(
            "districts-leaflet-title",
            &[("name", d.name.clone().into())],
        ),
        subtitle: t.msg("districts-leaflet-subtitle"),
        sections: leaflet_sections(&t, &g, &base),
        qr: qr_matrix(&g.page_url),
        address: g.page_url.clone(),
        footer: footer(&t),
    };
    let name = format!("letopis-{}-leaflet.pdf", d.slug);
    Ok(pdf(draw(sheet, poster::leaflet).await?, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(value: &str) -> Vec<(String, String)> {
        vec![("size".into(), value.into())]
    }

    #[test]
    fn a4_unless_a3_is_asked_and_nothing_else() {
        assert_eq!(paper(&[]).unwrap(), Paper::A4);
        assert_eq!(paper(&size("")).unwrap(), Paper::A4);
        assert_eq!(paper(&size(" A3 ")).unwrap(), Paper::A3);
        assert!(matches!(paper(&size("a5")), Err(AppError::BadRequest(_))));
    }

    #[test]
    fn the_code_holds_the_whole_address() {
        let qr = qr_matrix("https://letopis.example.ru/districts/skhodnya").unwrap();
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        assert!(qr.dark.iter().any(|d| *d) && qr.dark.iter().any(|d| !*d));
    }
}
