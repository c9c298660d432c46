//! Drawing 256-pixel map tiles in Web Mercator: the two palettes (today's calm paper map and
//! 1941's sepia sheet), place names on a halo, palette PNGs, and the rendering of Mapbox vector
//! tiles into pictures.
//!
//! Two users share it so that every map of the portal looks alike: the demo draws its schematic
//! of Khimki with it ([`palette`], [`labels`], [`palette_png`]), and the portal draws an operator's
//! vector MBTiles with it ([`vector`]), so that browsers get plain pictures — no WebGL, no map
//! library beyond Leaflet, the same map on a kiosk, an old school computer and a phone.

pub mod labels;
pub mod paint;
pub mod palette;
pub mod palette_png;
pub mod vector;

/// A tile's side in pixels.
pub const TILE: u32 = 256;

/// A position on the Mercator square of zoom 0, both coordinates in 0..1, y from the north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub x: f64,
    pub y: f64,
}

/// Web Mercator (EPSG:3857) of a latitude and longitude in degrees.
pub fn project(lat: f64, lon: f64) -> Unit {
    let phi = lat.to_radians();
    Unit {
        x: (lon + 180.0) / 360.0,
        y: (1.0 - phi.tan().asinh() / std::f64::consts::PI) / 2.0,
    }
}
