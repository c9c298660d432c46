//! Requests counted by route and status class, and timed by route, for `/metrics`.
//!
//! The route is the pattern that matched (`/persons/{key}`), never the path asked for: a label
//! takes as many values as there are routes, not as many as visitors can type.
//!
//! The counting is atomic increments plus one short lock inside the histogram; the label set
//! holds the matched pattern's own `Arc`, so counting a request allocates nothing.

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The route label of requests no route matched (the «not found» page).
const UNMATCHED: &str = "unmatched";

/// The route a request matched.
#[derive(Clone, Debug)]
pub struct Route(Option<MatchedPath>);

impl Route {
    fn as_str(&self) -> &str {
        self.0.as_ref().map_or(UNMATCHED, MatchedPath::as_str)
    }
}

impl PartialEq for Route {
    fn eq(&self, other: &Route) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Route {}

impl Hash for Route {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        std::fmt::Write::write_str(encoder, self.as_str())
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Answered {
    route: Route,
    /// `2xx`, `3xx`, `4xx`, `5xx` (and `1xx`).
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Routed {
    route: Route,
}

type Timings = Family<Routed, Histogram, fn() -> Histogram>;

/// What the portal counted since it started.
pub struct RequestMetrics {
    registry: Registry,
    requests: Family<Answered, Counter>,
    durations: Timings,
    started: Instant,
}

impl Default for RequestMetrics {
    fn default() -> RequestMetrics {
        let requests = Family::<Answered, Counter>::default();
        let durations = Timings::new_with_constructor(request_buckets);
        let mut registry = Registry::default();
        registry.register(
            "letopis_http_requests",
            "HTTP requests answered, by matched route and status class",
            requests.clone(),
        );
        registry.register(
            "letopis_http_request_duration_seconds",
            "Time to the response's headers, by matched route",
            durations.clone(),
        );
        RequestMetrics {
            registry,
            requests,
            durations,
            started: Instant::now(),
        }
    }
}

/// From half a millisecond (a cached page) to about twelve seconds (a search that waited).
fn request_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.5, 12))
}

impl RequestMetrics {
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    pub fn uptime(&self) -> Duration {
        self.started.elapsed()
    }

    fn observe(&self, route: Route, status: StatusCode, took: Duration) {
        self.durations
            .get_or_create(&Routed {
                route: route.clone(),
            })
            .observe(took.as_secs_f64());
        self.requests
            .get_or_create(&Answered {
                route,
                status: status_class(status),
            })
            .inc();
    }
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// The middleware: outermost, so pages served from the page cache are counted too. Added
/// with `Router::layer`, so routing has already named the matched pattern.
pub async fn count(
    State(metrics): State<Arc<RequestMetrics>>,
    request: Request,
    next: Next,
) -> Response {
    let route = Route(request.extensions().get::<MatchedPath>().cloned());
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.observe(route, response.status(), started.elapsed());
    response
}
