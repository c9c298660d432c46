//! The colours of the portal's maps (FACE.md: calm chrome; the map is a ground, not a picture).

/// The colours of one map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub land: [u8; 3],
    pub settlement: [u8; 3],
    pub settlement_edge: [u8; 3],
    pub forest: [u8; 3],
    pub water: [u8; 3],
    pub water_edge: [u8; 3],
    pub airfield: [u8; 3],
    pub building: [u8; 3],
    pub road: [u8; 3],
    pub road_casing: [u8; 3],
    pub highway: [u8; 3],
    pub highway_casing: [u8; 3],
    pub railway: [u8; 3],
    pub front: [u8; 3],
    /// Place names (on a halo of `land`).
    pub label: [u8; 3],
}

/// Today: a calm paper map, warm greys with a quiet blue for water.
pub const TODAY: Palette = Palette {
    land: [0xf4, 0xf1, 0xea],
    settlement: [0xe4, 0xdc, 0xce],
    settlement_edge: [0xd6, 0xce, 0xc0],
    forest: [0xe2, 0xe8, 0xd8],
    water: [0xbf, 0xd4, 0xdd],
    water_edge: [0xa6, 0xc1, 0xcc],
    airfield: [0xdd, 0xda, 0xd3],
    building: [0xd9, 0xcf, 0xc0],
    road: [0xff, 0xfd, 0xf8],
    road_casing: [0xd8, 0xcf, 0xc0],
    highway: [0xf6, 0xe7, 0xc8],
    highway_casing: [0xcc, 0xb8, 0x94],
    railway: [0x8a, 0x86, 0x80],
    front: [0x9b, 0x3b, 0x2e],
    label: [0x4a, 0x46, 0x40],
};

/// 1941: sepia, as an old printed sheet.
pub const Y1941: Palette = Palette {
    land: [0xef, 0xe4, 0xcc],
    settlement: [0xdd, 0xcb, 0xa6],
    settlement_edge: [0xb8, 0xa0, 0x78],
    forest: [0xe0, 0xdb, 0xb8],
    water: [0xc8, 0xc6, 0xaa],
    water_edge: [0x9c, 0x95, 0x74],
    airfield: [0xd9, 0xcd, 0xb0],
    building: [0xc9, 0xb4, 0x8e],
    road: [0xf6, 0xee, 0xdc],
    road_casing: [0xb3, 0x9c, 0x77],
    highway: [0xf1, 0xe2, 0xc0],
    highway_casing: [0x8f, 0x76, 0x52],
    railway: [0x5e, 0x4c, 0x38],
    front: [0x8b, 0x2a, 0x1e],
    label: [0x55, 0x40, 0x28],
};
