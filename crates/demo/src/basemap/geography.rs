//! The demo's region as a few hand-drawn shapes: the Moscow Canal and the Khimki reservoir, the
//! rivers, the October Railway, the main roads, forests and settlements around Khimki, today and
//! in 1941. Points are (latitude, longitude), approximated by hand from real coordinates to a few
//! hundred metres and kept in line with the demo's places (`content/places.rs`), so that the
//! markers stand where the schematic says they should. Good enough for a demonstration, not a
//! survey: the map's attribution says so.

/// Which of the two maps a shape belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Era {
    Both,
    /// Built after the war (the ring road, the airport, the new districts).
    Today,
    /// Gone since (the front line of late 1941).
    Then,
}

impl Era {
    pub(crate) fn shown_in(self, historic: bool) -> bool {
        match self {
            Era::Both => true,
            Era::Today => !historic,
            Era::Then => historic,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// A filled polygon of water: a reservoir, a lake.
    Water,
    /// A line of water; the number is its width in metres.
    River(f32),
    Forest,
    /// Built-up land of a town or village (a polygon).
    Settlement,
    /// An airfield's runway (a polygon).
    Airfield,
    Railway,
    /// The main road (Ленинградское шоссе, the ring road).
    Highway,
    Road,
    /// The German advance of late November – early December 1941.
    FrontLine,
}

pub(crate) struct Shape {
    pub kind: Kind,
    pub era: Era,
    pub points: &'static [(f64, f64)],
}

const fn shape(kind: Kind, era: Era, points: &'static [(f64, f64)]) -> Shape {
    Shape { kind, era, points }
}

/// A town or village drawn as a soft blob around its centre: radii in metres today and in 1941
/// (0: not there then).
pub(crate) struct Settlement {
    /// The name written on the map; empty for a part of a town named by its neighbour.
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub today_m: f64,
    pub then_m: f64,
}

const fn town(name: &'static str, lat: f64, lon: f64, today_m: f64, then_m: f64) -> Settlement {
    Settlement {
        name,
        lat,
        lon,
        today_m,
        then_m,
    }
}

pub(crate) const SETTLEMENTS: &[Settlement] = &[
    town("Химки", 55.893, 37.445, 1300.0, 700.0), // Старые Химки
    town("", 55.905, 37.425, 900.0, 0.0),         // Химки, новые кварталы
    town("Куркино", 55.882, 37.395, 900.0, 0.0),  // Куркино, Новокуркино
    town("Левобережный", 55.870, 37.472, 800.0, 350.0),
    town("Сходня", 55.950, 37.300, 1100.0, 600.0),
    town("Подрезково", 55.940, 37.340, 700.0, 350.0),
    town("Новогорск", 55.910, 37.350, 600.0, 300.0),
    town("Фирсановка", 55.960, 37.250, 700.0, 350.0),
    town("Планерная", 55.928, 37.385, 500.0, 0.0),
    town("Машкино", 55.883, 37.405, 300.0, 200.0),
    town("Старбеево", 55.935, 37.455, 400.0, 250.0),
    town("Ивакино", 55.937, 37.478, 300.0, 200.0),
    town("Клязьма", 55.922, 37.478, 300.0, 200.0),
    town("Кирилловка", 55.955, 37.280, 300.0, 200.0),
    town("Чёрная Грязь", 55.995, 37.275, 400.0, 250.0),
    town("Ховрино", 55.870, 37.500, 900.0, 400.0),
    town("Тушино", 55.835, 37.440, 1400.0, 700.0),
    town("Крюково", 55.981, 37.177, 1800.0, 450.0), // Крюково (Зеленоград today)
    town("Лобня", 56.013, 37.474, 1400.0, 500.0),
    town("Красная Поляна", 56.020, 37.500, 500.0, 350.0),
    town("Долгопрудный", 55.938, 37.510, 1500.0, 500.0),
    town("Солнечногорск", 56.185, 36.977, 1500.0, 700.0),
    town("Яхрома", 56.290, 37.480, 1200.0, 600.0),
    town("Дмитров", 56.343, 37.520, 2000.0, 1000.0),
    town("Истра", 55.910, 36.860, 1500.0, 700.0),
    town("Зеленоград", 56.010, 37.210, 1200.0, 0.0), // Зеленоград (центр)
];

/// Moscow: (centre latitude, longitude, radius in metres): within the ring road today (whose
/// line is drawn as the outline), a much smaller city in 1941.
pub(crate) const MOSCOW: (f64, f64) = (55.755, 37.620);
pub(crate) const MOSCOW_TODAY_M: f64 = 17_500.0;
pub(crate) const MOSCOW_1941_M: f64 = 10_000.0;

pub(crate) const SHAPES: &[Shape] = &[
    // Химкинское водохранилище.
    shape(
        Kind::Water,
        Era::Both,
        &[
            (55.823, 37.448),
            (55.835, 37.455),
            (55.845, 37.461),
            (55.855, 37.466),
            (55.866, 37.464),
            (55.876, 37.459),
            (55.884, 37.456),
            (55.887, 37.462),
            (55.879, 37.470),
            (55.867, 37.476),
            (55.855, 37.480),
            (55.843, 37.475),
            (55.832, 37.466),
            (55.821, 37.456),
        ],
    ),
    // Клязьминское водохранилище.
    shape(
        Kind::Water,
        Era::Both,
        &[
            (56.020, 37.505),
            (56.035, 37.520),
            (56.048, 37.545),
            (56.055, 37.585),
            (56.062, 37.630),
            (56.055, 37.640),
            (56.045, 37.600),
            (56.036, 37.565),
            (56.026, 37.535),
            (56.016, 37.515),
        ],
    ),
    // Озеро Сенеж.
    shape(
        Kind::Water,
        Era::Both,
        &[
            (56.200, 36.960),
            (56.215, 36.990),
            (56.225, 37.030),
            (56.212, 37.040),
            (56.198, 37.005),
            (56.190, 36.975),
        ],
    ),
    // Канал имени Москвы: from the Moskva at Tushino through the reservoir, north past Khimki
    // and Dolgoprudny to the Klyazma reservoir, Iksha, Yakhroma and Dmitrov.
    shape(
        Kind::River(90.0),
        Era::Both,
        &[(55.812, 37.436), (55.823, 37.448)],
    ),
    shape(
        Kind::River(90.0),
        Era::Both,
        &[
            (55.886, 37.460),
            (55.896, 37.466),
            (55.910, 37.474),
            (55.925, 37.488),
            (55.945, 37.495),
            (55.970, 37.500),
            (55.995, 37.505),
            (56.020, 37.510),
        ],
    ),
    shape(
        Kind::River(90.0),
        Era::Both,
        &[
            (56.055, 37.590),
            (56.080, 37.570),
            (56.110, 37.545),
            (56.145, 37.520),
            (56.175, 37.505),
            (56.210, 37.495),
            (56.250, 37.488),
            (56.290, 37.482),
            (56.320, 37.495),
            (56.343, 37.510),
            (56.380, 37.520),
        ],
    ),
    // Москва-река.
    shape(
        Kind::River(160.0),
        Era::Both,
        &[
            (55.780, 37.300),
            (55.800, 37.350),
            (55.812, 37.400),
            (55.812, 37.436),
            (55.806, 37.462),
            (55.790, 37.480),
            (55.770, 37.470),
            (55.750, 37.520),
            (55.745, 37.570),
            (55.750, 37.620),
            (55.735, 37.660),
            (55.700, 37.680),
        ],
    ),
    // Сходня: from the north, past Skhodnya and Podrezkovo, into the Moskva at Tushino.
    shape(
        Kind::River(25.0),
        Era::Both,
        &[
            (56.030, 37.210),
            (56.000, 37.245),
            (55.975, 37.275),
            (55.958, 37.292),
            (55.945, 37.315),
            (55.932, 37.332),
            (55.925, 37.340),
            (55.912, 37.360),
            (55.895, 37.380),
            (55.875, 37.400),
            (55.855, 37.415),
            (55.835, 37.425),
            (55.815, 37.430),
        ],
    ),
    // Химка: from the forest north of the town to the reservoir.
    shape(
        Kind::River(12.0),
        Era::Both,
        &[
            (55.925, 37.410),
            (55.912, 37.418),
            (55.900, 37.430),
            (55.888, 37.440),
            (55.876, 37.448),
            (55.866, 37.456),
        ],
    ),
    // Клязьма, west of the reservoir.
    shape(
        Kind::River(30.0),
        Era::Both,
        &[
            (56.090, 37.230),
            (56.070, 37.300),
            (56.055, 37.360),
            (56.045, 37.420),
            (56.035, 37.470),
            (56.025, 37.505),
        ],
    ),
    // Клязьма, east of the reservoir.
    shape(
        Kind::River(30.0),
        Era::Both,
        &[(56.060, 37.640), (56.050, 37.690), (56.040, 37.750)],
    ),
    // Forests: Химкинский лес, the woods around Skhodnya and Firsanovka, Kryukovo.
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.902, 37.395),
            (55.918, 37.395),
            (55.928, 37.415),
            (55.925, 37.440),
            (55.912, 37.442),
            (55.903, 37.420),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.965, 37.300),
            (55.985, 37.310),
            (55.990, 37.350),
            (55.975, 37.380),
            (55.960, 37.350),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.915, 37.290),
            (55.935, 37.280),
            (55.940, 37.320),
            (55.925, 37.335),
            (55.912, 37.320),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.960, 37.180),
            (55.985, 37.210),
            (55.975, 37.240),
            (55.955, 37.225),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Then,
        &[
            (55.990, 37.180),
            (56.020, 37.190),
            (56.025, 37.240),
            (56.000, 37.235),
        ],
    ),
    // Новогорский и Клязьминский леса, the woods north of Khimki and around Sheremetyevo.
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.925, 37.345),
            (55.935, 37.370),
            (55.950, 37.400),
            (55.945, 37.440),
            (55.930, 37.445),
            (55.918, 37.400),
            (55.912, 37.365),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.945, 37.455),
            (55.960, 37.440),
            (55.990, 37.450),
            (56.000, 37.430),
            (55.990, 37.380),
            (56.000, 37.330),
            (56.025, 37.360),
            (56.030, 37.440),
            (56.005, 37.465),
            (55.975, 37.470),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (55.860, 37.330),
            (55.880, 37.330),
            (55.890, 37.360),
            (55.870, 37.380),
            (55.855, 37.360),
        ],
    ),
    shape(
        Kind::Forest,
        Era::Both,
        &[
            (56.060, 37.150),
            (56.100, 37.160),
            (56.120, 37.300),
            (56.090, 37.360),
            (56.070, 37.250),
        ],
    ),
    // Шереметьево, after the war.
    shape(
        Kind::Airfield,
        Era::Today,
        &[
            (55.962, 37.390),
            (55.966, 37.388),
            (55.985, 37.440),
            (55.981, 37.442),
        ],
    ),
    shape(
        Kind::Airfield,
        Era::Today,
        &[
            (55.955, 37.405),
            (55.959, 37.403),
            (55.978, 37.455),
            (55.974, 37.457),
        ],
    ),
    // Тушинский аэродром, there in 1941 and still an open field.
    shape(
        Kind::Airfield,
        Era::Both,
        &[
            (55.826, 37.430),
            (55.829, 37.428),
            (55.836, 37.450),
            (55.833, 37.452),
        ],
    ),
    // Октябрьская железная дорога: from Moscow through Khovrino, Levoberezhnaya, Khimki,
    // Novopodrezkovo, Podrezkovo, Skhodnya, Firsanovka, Kryukovo to Solnechnogorsk.
    shape(
        Kind::Railway,
        Era::Both,
        &[
            (55.776, 37.655),
            (55.805, 37.600),
            (55.840, 37.540),
            (55.865, 37.495),
            (55.875, 37.474),
            (55.883, 37.458),
            (55.890, 37.443),
            (55.905, 37.410),
            (55.920, 37.380),
            (55.936, 37.355),
            (55.943, 37.338),
            (55.948, 37.299),
            (55.962, 37.250),
            (55.975, 37.205),
            (55.981, 37.177),
            (56.010, 37.130),
            (56.060, 37.070),
            (56.120, 37.010),
            (56.185, 36.985),
            (56.250, 36.950),
        ],
    ),
    // Савёловская дорога: Lobnya, Yakhroma, Dmitrov.
    shape(
        Kind::Railway,
        Era::Both,
        &[
            (55.795, 37.585),
            (55.860, 37.560),
            (55.938, 37.520),
            (55.980, 37.505),
            (56.013, 37.480),
            (56.060, 37.470),
            (56.120, 37.480),
            (56.200, 37.475),
            (56.290, 37.470),
            (56.343, 37.505),
            (56.400, 37.520),
        ],
    ),
    // Ленинградское шоссе: Moscow, the bridge over the canal, Khimki, the 23rd kilometre,
    // Chernaya Gryaz, Solnechnogorsk.
    shape(
        Kind::Highway,
        Era::Both,
        &[
            (55.790, 37.535),
            (55.830, 37.500),
            (55.855, 37.480),
            (55.871, 37.466),
            (55.885, 37.448),
            (55.897, 37.425),
            (55.909, 37.402),
            (55.930, 37.365),
            (55.955, 37.320),
            (55.980, 37.285),
            (55.995, 37.275),
            (56.030, 37.230),
            (56.080, 37.130),
            (56.130, 37.040),
            (56.185, 36.990),
            (56.240, 36.920),
        ],
    ),
    // Шереметьевское шоссе, to the airport.
    shape(
        Kind::Road,
        Era::Today,
        &[
            (55.905, 37.410),
            (55.930, 37.420),
            (55.955, 37.415),
            (55.968, 37.415),
        ],
    ),
    // Local roads: Khimki to Skhodnya through Podrezkovo, Skhodnya to Novogorsk and Kurkino,
    // Khimki to Dolgoprudny and Lobnya.
    shape(
        Kind::Road,
        Era::Both,
        &[
            (55.893, 37.445),
            (55.910, 37.350),
            (55.925, 37.340),
            (55.940, 37.340),
            (55.950, 37.300),
            (55.960, 37.250),
        ],
    ),
    shape(
        Kind::Road,
        Era::Both,
        &[
            (55.910, 37.350),
            (55.895, 37.390),
            (55.883, 37.405),
            (55.860, 37.420),
        ],
    ),
    shape(
        Kind::Road,
        Era::Both,
        &[
            (55.897, 37.447),
            (55.922, 37.478),
            (55.937, 37.478),
            (55.960, 37.470),
            (56.013, 37.474),
            (56.020, 37.500),
        ],
    ),
    shape(Kind::Road, Era::Both, &[(55.935, 37.455), (55.940, 37.510)]),
    // The furthest line of the German advance, 28 November – 5 December 1941: from the canal at
    // Yakhroma west of Dmitrov, through Krasnaya Polyana and Lobnya's outskirts, Chernaya Gryaz
    // and Kryukovo, to Istra.
    shape(
        Kind::FrontLine,
        Era::Then,
        &[
            (56.300, 37.470),
            (56.250, 37.440),
            (56.190, 37.420),
            (56.120, 37.430),
            (56.060, 37.450),
            (56.030, 37.470),
            (56.015, 37.440),
            (56.005, 37.330),
            (55.992, 37.265),
            (55.985, 37.190),
            (55.975, 37.120),
            (55.950, 37.000),
            (55.920, 36.900),
            (55.900, 36.820),
        ],
    ),
];
