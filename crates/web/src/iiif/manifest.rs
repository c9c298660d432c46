//! IIIF Presentation API 3.0: a manifest for every record with pictures or recordings, at
//! `/iiif/{plural}/{id}/manifest`, and a collection for every collection of the museum at
//! `/iiif/collections/{id}` — so Mirador, Universal Viewer or an aggregator shows the museum's
//! scans, and its interviews with their transcripts, as they are shown here.
//!
//! Built from [`Seen`], as the record's page is: the public projection, so a pseudonym, a
//! consent's scope and closed stretches apply. An interview has one canvas per recording the
//! public may play (a withheld part is absent, not silent), each with a `duration`; its
//! transcript lines and index segments are annotations on the canvas's time (`#t=start,end`),
//! and the segments are also its table of contents (`structures`). Pictures are painted from
//! the portal's own image service (`iiif::image`). Other records paint their pictures only: a
//! recording outside an interview has no length the record knows, and a canvas of time needs
//! one (`shell::links::manifest_of` says which records have a manifest, for the pages' links).

use super::image::{service_path, size_of};
use crate::App;
use crate::gate::Seen;
use crate::seo::SiteBase;
use crate::shell::links::{manifest_href, record_href};
use letopis_core::entities::{Block, Interview, MediaRef, REDACTED_TEXT};
use letopis_core::{Body, Kind};
use serde_json::{Value, json};

pub const CONTEXT: &str = "http://iiif.io/api/presentation/3/context.json";
/// A video canvas whose frame size nobody measured: the canvas sets the proportions of the
/// space annotations point into, not the pixels played.
const VIDEO_CANVAS: (u32, u32) = (1280, 720);

/// `{"ru": [text]}`: the museum's language map.
fn ru(text: &str) -> Value {
    json!({"ru": [text]})
}

fn seconds(ms: u32) -> f64 {
    f64::from(ms) / 1000.0
}

/// What a manifest paints: a picture or a recording, in the order the record shows them.
pub enum Painted {
    Picture {
        media: MediaRef,
        size: (u32, u32),
    },
    Recording {
        media: MediaRef,
        label: String,
        duration_ms: u32,
        part: usize,
        offset_ms: u32,
    },
}

/// The record's manifest, or `None` when it shows nothing to paint.
pub async fn manifest(app: &App, base: &SiteBase, seen: &Seen) -> Option<Value> {
    let record = &seen.record.record;
    let id = base.best(&manifest_href(record.kind(), record.id()));
    let painted = painted(app, &record.body).await;
    if painted.is_empty() {
        return None;
    }
    let interview = match &record.body {
        Body::Interview(i) => Some(i),
        _ => None,
    };
    let mut canvases = Vec::new();
    let mut ranges = Vec::new();
    for (n, thing) in painted.iter().enumerate() {
        let canvas_id = format!("{id}/canvas/{}", n + 1);
        let canvas = match thing {
            Painted::Picture { media, size } => picture_canvas(base, &canvas_id, media, *size),
            Painted::Recording {
                media,
                label,
                duration_ms,
                part,
                offset_ms,
            } => {
                let mut canvas = recording_canvas(&canvas_id, base, media, label, *duration_ms);
                if let Some(i) = interview {
                    let (page, range) = transcript(
                        base,
                        &canvas_id,
                        i,
                        *offset_ms,
                        *duration_ms,
                        &record.meta.slug,
                        *part,
                    );
                    ranges.extend(range);
                    canvas["annotations"] = json!([page]);
                }
                canvas
            }
        };
        canvases.push(canvas);
    }
    let page = base.best(&record_href(record.kind(), &record.meta.slug));
    let mut manifest = json!({
        "@context": CONTEXT,
        "id": id,
        "type": "Manifest",
        "label": ru(&record.title()),
        "homepage": [{
            "id": page,
            "type": "Text",
            "label": ru(&record.title()),
            "format": "text/html",
            "language": ["ru"],
        }],
        "provider": [{
            "id": base.best("/"),
            "type": "Agent",
            "label": ru(&app.config().site_name),
            "homepage": [{
                "id": base.best("/"),
                "type": "Text",
                "label": ru(&app.config().site_name),
                "format": "text/html",
            }],
        }],
        "items": canvases,
    });
    let summary = summary(&record.body);
    if !summary.trim().is_empty() {
        manifest["summary"] = ru(&crate::shell::text::shorten(&summary, 1000));
    }
    if let Some(rights) = rights(&record.body) {
        manifest["requiredStatement"] = json!({
            "label": {"ru": ["Права"], "en": ["Rights"]},
            "value": ru(&rights),
        });
    }
    if !ranges.is_empty() {
        manifest["structures"] = json!([{
            "id": format!("{id}/range/index"),
            "type": "Range",
            "label": {"ru": ["Оглавление"], "en": ["Index"]},
            "items": ranges,
        }]);
    }
    Some(manifest)
}

fn summary(body: &Body) -> String {
    match body {
        Body::Person(p) => p.biography.clone(),
        Body::Interview(i) => i.summary.clone(),
        Body::Item(i) => i.description.clone(),
        Body::Place(p) => p.description.clone(),
        Body::Story(s) => s.lead.clone(),
        Body::Collection(c) => c.description.clone(),
        Body::Event(e) => e.description.clone(),
        Body::Organization(o) => o.description.clone(),
        Body::Source(s) => s.citation.clone(),
    }
}

fn rights(body: &Body) -> Option<String> {
    match body {
        Body::Item(i) if !i.rights.trim().is_empty() => Some(i.rights.clone()),
        _ => None,
    }
}

/// The pictures and recordings of a record as the viewer may see it.
pub async fn painted(app: &App, body: &Body) -> Vec<Painted> {
    let mut out = Vec::new();
    if let Body::Interview(i) = body {
        let mut offset = 0_u32;
        for (n, r) in i.recordings.iter().enumerate() {
            let start = offset;
            offset = offset.saturating_add(r.duration_ms);
            // A withheld part has no file to play; a part of unknown length cannot be a
            // time-based canvas.
            if r.withheld || r.media.sha256.is_empty() || r.duration_ms == 0 {
                continue;
            }
            out.push(Painted::Recording {
                media: r.media.clone(),
                label: if r.label.trim().is_empty() {
                    format!("Запись, часть {}", n + 1)
                } else {
                    r.label.clone()
                },
                duration_ms: r.duration_ms,
                part: n + 1,
                offset_ms: start,
            });
        }
        return out;
    }
    let mut media: Vec<MediaRef> = match body {
        // Every picture the story shows, its own and those it quotes from records (as the gate
        // resolved them for this viewer).
        Body::Story(s) => s
            .cover
            .iter()
            .cloned()
            .chain(s.blocks.iter().filter_map(|b| match b {
                Block::Image { media, .. } => Some(media.clone()),
                _ => None,
            }))
            .collect(),
        other => other.media().into_iter().cloned().collect(),
    };
    let mut seen_hashes = std::collections::HashSet::new();
    media.retain(|m| {
        !m.sha256.is_empty()
            && crate::media::is_raster_image(&m.mime)
            && seen_hashes.insert(m.sha256.clone())
    });
    for m in media {
        if let Ok(size) = size_of(app, &m).await {
            out.push(Painted::Picture { media: m, size });
        }
    }
    out
}

fn picture_canvas(base: &SiteBase, canvas_id: &str, media: &MediaRef, (w, h): (u32, u32)) -> Value {
    let service = base.best(&service_path(&media.sha256));
    let label = media
        .caption
        .clone()
        .or_else(|| media.alt.clone())
        .unwrap_or_default();
    let mut canvas = json!({
        "id": canvas_id,
        "type": "Canvas",
        "width": w,
        "height": h,
        "items": [{
            "id": format!("{canvas_id}/page"),
            "type": "AnnotationPage",
            "items": [{
                "id": format!("{canvas_id}/page/image"),
                "type": "Annotation",
                "motivation": "painting",
                "target": canvas_id,
                "body": {
                    "id": format!("{service}/full/max/0/default.jpg"),
                    "type": "Image",
                    "format": "image/jpeg",
                    "width": w,
                    "height": h,
                    "service": [{
                        "id": service,
                        "type": "ImageService3",
                        "profile": "level1",
                    }],
                },
            }],
        }],
        "thumbnail": [{
            "id": format!("{service}/full/!320,320/0/default.jpg"),
            "type": "Image",
            "format": "image/jpeg",
        }],
    });
    if !label.trim().is_empty() {
        canvas["label"] = ru(&label);
    }
    canvas
}

fn recording_canvas(
    canvas_id: &str,
    base: &SiteBase,
    media: &MediaRef,
    label: &str,
    duration_ms: u32,
) -> Value {
    let video = media.mime.starts_with("video/");
    let mut body = json!({
        "id": base.best(&format!("/media/{}", media.sha256)),
        "type": if video { "Video" } else { "Sound" },
        "format": media.mime,
        "duration": seconds(duration_ms),
    });
    let mut canvas = json!({
        "id": canvas_id,
        "type": "Canvas",
        "duration": seconds(duration_ms),
        "items": [{
            "id": format!("{canvas_id}/page"),
            "type": "AnnotationPage",
            "items": [{
                "id": format!("{canvas_id}/page/recording"),
                "type": "Annotation",
                "motivation": "painting",
                "target": canvas_id,
                "body": body.clone(),
            }],
        }],
    });
    if video {
        let (w, h) = media.width.zip(media.height).unwrap_or(VIDEO_CANVAS);
        canvas["width"] = json!(w);
        canvas["height"] = json!(h);
        body["width"] = json!(w);
        body["height"] = json!(h);
        canvas["items"][0]["items"][0]["body"] = body;
    }
    if !label.trim().is_empty() {
        canvas["label"] = ru(label);
    }
    canvas
}

/// The annotation page of one recording's transcript lines and index segments, on the
/// recording's own clock, and the segments as ranges of the table of contents.
fn transcript(
    base: &SiteBase,
    canvas_id: &str,
    i: &Interview,
    offset_ms: u32,
    duration_ms: u32,
    slug: &str,
    part: usize,
) -> (Value, Vec<Value>) {
    let end_ms = offset_ms.saturating_add(duration_ms);
    let on_canvas = |ms: u32| seconds(ms.saturating_sub(offset_ms).min(duration_ms));
    let language = if i.language.trim().is_empty() {
        "ru"
    } else {
        i.language.as_str()
    };
    let mut items = Vec::new();
    for (n, cue) in i
        .transcript
        .iter()
        .filter(|c| c.start_ms >= offset_ms && c.start_ms < end_ms)
        // A closed stretch is absent, not described.
        .filter(|c| c.text != REDACTED_TEXT)
        .enumerate()
    {
        let text = match &cue.speaker {
            Some(speaker) if !speaker.trim().is_empty() => format!("{speaker}: {}", cue.text),
            _ => cue.text.clone(),
        };
        items.push(json!({
            "id": format!("{canvas_id}/transcript/{}", n + 1),
            "type": "Annotation",
            "motivation": "supplementing",
            "body": {"type": "TextualBody", "value": text, "format": "text/plain", "language": language},
            "target": format!("{canvas_id}#t={},{}", on_canvas(cue.start_ms), on_canvas(cue.end_ms.max(cue.start_ms))),
        }));
    }
    let mut ranges = Vec::new();
    let starts: Vec<u32> = i.segments.iter().map(|s| s.start_ms).collect();
    for (n, segment) in i.segments.iter().enumerate() {
        if segment.start_ms < offset_ms || segment.start_ms >= end_ms {
            continue;
        }
        let until = starts.get(n + 1).copied().unwrap_or(end_ms).min(end_ms);
        let target = format!(
            "{canvas_id}#t={},{}",
            on_canvas(segment.start_ms),
            on_canvas(until)
        );
        let mut text = segment.title.clone();
        if !segment.synopsis.trim().is_empty() {
            text = format!("{text}. {}", segment.synopsis);
        }
        items.push(json!({
            "id": format!("{canvas_id}/segment/{}", n + 1),
            "type": "Annotation",
            "motivation": "commenting",
            "body": {"type": "TextualBody", "value": text, "format": "text/plain", "language": language},
            "target": target,
        }));
        ranges.push(json!({
            "id": format!("{canvas_id}/range/{}", n + 1),
            "type": "Range",
            "label": ru(&segment.title),
            "items": [{"id": target, "type": "Canvas"}],
        }));
    }
    let mut page = json!({
        "id": format!("{canvas_id}/annotations"),
        "type": "AnnotationPage",
        "items": items,
    });
    if !i.transcript.is_empty() {
        // The same lines as WebVTT, for players that show captions.
        page["seeAlso"] = json!([{
            "id": base.best(&format!("{}/captions/{part}.vtt", record_href(Kind::Interview, slug))),
            "type": "Text",
            "format": "text/vtt",
            "label": {"ru": ["Субтитры"], "en": ["Captions"]},
        }]);
    }
    (page, ranges)
}

/// A collection of the museum as a IIIF collection: its members that have a manifest.
pub fn collection(
    base: &SiteBase,
    seen: &Seen,
    members: &[(Kind, letopis_core::record::RecordId, String, bool)],
) -> Value {
    let record = &seen.record.record;
    let items: Vec<Value> = members
        .iter()
        .map(|(kind, id, title, is_collection)| {
            if *is_collection {
                json!({"id": base.best(&collection_href(*id)), "type": "Collection", "label": ru(title)})
            } else {
                json!({"id": base.best(&manifest_href(*kind, *id)), "type": "Manifest", "label": ru(title)})
            }
        })
        .collect();
    let mut out = json!({
        "@context": CONTEXT,
        "id": base.best(&collection_href(record.id())),
        "type": "Collection",
        "label": ru(&record.title()),
        "homepage": [{
            "id": base.best(&record_href(record.kind(), &record.meta.slug)),
            "type": "Text",
            "label": ru(&record.title()),
            "format": "text/html",
        }],
        "items": items,
    });
    let summary = summary(&record.body);
    if !summary.trim().is_empty() {
        out["summary"] = ru(&crate::shell::text::shorten(&summary, 1000));
    }
    out
}

pub fn collection_href(id: letopis_core::record::RecordId) -> String {
    format!("/iiif/collections/{}", id.0)
}
