//! Tiles as 8-bit palette PNGs: a map has a handful of flat colours plus their anti-aliased
//! edges, so 256 colours keep it intact at a third of an RGBA file's size.

use crate::TILE;
use std::collections::HashMap;
use tiny_skia::Pixmap;

/// Why a tile could not be written.
pub use ::png::EncodingError;

/// The tile as an 8-bit palette PNG. Every pixel is opaque (the land is painted first): the 255
/// most frequent colours are kept and the rarer edge shades take their nearest one.
pub fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let pixels: Vec<[u8; 3]> = pixmap
        .pixels()
        .iter()
        .map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    // Runs of one colour are the rule on a map: count and look up once per run.
    let mut counts: HashMap<[u8; 3], u32> = HashMap::new();
    for run in pixels.chunk_by(|a, b| a == b) {
        *counts.entry(run[0]).or_default() += run.len() as u32;
    }
    let mut by_count: Vec<([u8; 3], u32)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let palette: Vec<[u8; 3]> = by_count.iter().take(255).map(|(c, _)| *c).collect();
    let mut index: HashMap<[u8; 3], u8> = palette
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u8))
        .collect();
    let mut indices: Vec<u8> = Vec::with_capacity(pixels.len());
    for run in pixels.chunk_by(|a, b| a == b) {
        let i = *index
            .entry(run[0])
            .or_insert_with(|| nearest(&palette, run[0]));
        indices.extend(std::iter::repeat_n(i, run.len()));
    }
    let depth = match palette.len() {
        0..=2 => png::BitDepth::One,
        3..=4 => png::BitDepth::Two,
        5..=16 => png::BitDepth::Four,
        _ => png::BitDepth::Eight,
    };
    let data = pack(&indices, depth);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, TILE, TILE);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(depth);
    encoder.set_palette(palette.concat());
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(out)
}

fn nearest(palette: &[[u8; 3]], c: [u8; 3]) -> u8 {
    let distance = |p: &[u8; 3]| {
        (0..3)
            .map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2))
            .sum::<i32>()
    };
    palette
        .iter()
        .enumerate()
        .min_by_key(|(_, p)| distance(p))
        .map_or(0, |(i, _)| i as u8)
}

/// Rows of palette indices packed at `depth` bits per pixel, each row starting on a byte.
fn pack(indices: &[u8], depth: png::BitDepth) -> Vec<u8> {
    let bits = depth as usize;
    if bits == 8 {
        return indices.to_vec();
    }
    let per_byte = 8 / bits;
    let mut out = Vec::with_capacity(indices.len() / per_byte + TILE as usize);
    for row in indices.chunks(TILE as usize) {
        for group in row.chunks(per_byte) {
            let mut byte = 0u8;
            for (k, &i) in group.iter().enumerate() {
                byte |= i << (8 - bits * (k + 1));
            }
            out.push(byte);
        }
    }
    out
}
