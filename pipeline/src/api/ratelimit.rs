//! Rate limits answered with 429 and `Retry-After`:
//!
//! - **Authentication failures, per client address.** Every request that carries a route's
//!   credentials takes a token from its address's bucket *before* the verifier runs, and gets it
//!   back when the credentials pass; so valid callers are never slowed, and a client guessing
//!   keys or replaying bad tokens is refused without costing a signature check once its bucket
//!   is empty. IPv6 addresses count per /64 (one host's usual allocation).
//! - **Expensive queries, per tenant** (routes marked [`RouteClass::Query`] in `ROUTES`: the
//!   geo incident search and plate histories), after the caller is known.
//!
//! State is bounded: at most `max_clients` addresses are tracked (tenants are few and
//! configured). When the table is full, buckets that have refilled (idle clients, no different
//! from untracked ones) are forgotten; if none has, a new address shares one overflow bucket
//! with every other untracked address. Spreading guesses over more addresses than the cap so
//! buys one client's allowance, while tracked clients keep theirs.
//!
//! The client address is the TCP peer (`ConnectInfo`), unless the peer is one of
//! `trusted_proxies`: then it is the rightmost `X-Forwarded-For` entry that is not a trusted
//! proxy (entries to its left are the client's own claims, and ignored). Behind a proxy not
//! listed there, every request shares the proxy's address.
//!
//! [`RouteClass::Query`]: super::routes::RouteClass::Query

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use prometheus::IntCounter;
use serde::Deserialize;

use super::error::ApiError;
use crate::telemetry::PipelineMetrics;

/// `[api.rate_limits]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitConfig {
    /// Failed authentications one client address may make in a row before its requests are
    /// refused with 429 (a successful one costs nothing).
    #[serde(default = "default_auth_failures_burst")]
    pub auth_failures_burst: u32,
    /// How fast that allowance comes back, failures per minute.
    #[serde(default = "default_auth_failures_per_minute")]
    pub auth_failures_per_minute: u32,
    /// Expensive queries (incident geo search, plate histories) one tenant may make in a burst.
    #[serde(default = "default_queries_burst")]
    pub queries_burst: u32,
    /// How fast that allowance comes back, queries per minute, per tenant.
    #[serde(default = "default_queries_per_minute")]
    pub queries_per_minute: u32,
    /// Client addresses tracked at most; past it, idle ones are forgotten and new ones share
    /// one bucket (see the module's doc).
    #[serde(default = "default_max_clients")]
    pub max_clients: usize,
    /// Reverse proxies (exact addresses) whose `X-Forwarded-For` names the client. None by
    /// default: the header is ignored, as any client can send it.
    #[serde(default)]
    pub trusted_proxies: Vec<IpAddr>,
}

const fn default_auth_failures_burst() -> u32 {
    10
}
const fn default_auth_failures_per_minute() -> u32 {
    6
}
const fn default_queries_burst() -> u32 {
    60
}
const fn default_queries_per_minute() -> u32 {
    120
}
const fn default_max_clients() -> usize {
    10_000
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            auth_failures_burst: default_auth_failures_burst(),
            auth_failures_per_minute: default_auth_failures_per_minute(),
            queries_burst: default_queries_burst(),
            queries_per_minute: default_queries_per_minute(),
            max_clients: default_max_clients(),
            trusted_proxies: Vec::new(),
        }
    }
}

impl RateLimitConfig {
    /// Every problem, each as `field: message`. Pure.
    pub fn validate(&self) -> Vec<String> {
        let mut p = Vec::new();
        let counts = [
            ("auth_failures_burst", self.auth_failures_burst),
            ("auth_failures_per_minute", self.auth_failures_per_minute),
            ("queries_burst", self.queries_burst),
            ("queries_per_minute", self.queries_per_minute),
        ];
        for (name, v) in counts {
            if !(1..=1_000_000).contains(&v) {
                p.push(format!("{name}: must be in 1..=1000000, got {v}"));
            }
        }
        if !(1..=1_000_000).contains(&self.max_clients) {
            p.push(format!("max_clients: must be in 1..=1000000, got {}", self.max_clients));
        }
        p
    }
}

/// Where "now" comes from: the monotonic clock, or a test's.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

/// A bucket's shape: `burst` tokens at most, `per_sec` back each second.
#[derive(Debug, Clone, Copy)]
struct Rate {
    burst: f64,
    per_sec: f64,
}

impl Rate {
    fn new(burst: u32, per_minute: u32) -> Self {
        Self { burst: f64::from(burst.max(1)), per_sec: f64::from(per_minute.max(1)) / 60.0 }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(rate: Rate, now: Instant) -> Self {
        Self { tokens: rate.burst, at: now }
    }

    fn refill(&mut self, rate: Rate, now: Instant) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate.per_sec).min(rate.burst);
        self.at = self.at.max(now);
    }

    /// Takes a token, or says how long until there is one.
    fn take(&mut self, rate: Rate, now: Instant) -> Result<(), Duration> {
        self.refill(rate, now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / rate.per_sec))
        }
    }

    fn give_back(&mut self, rate: Rate) {
        self.tokens = (self.tokens + 1.0).min(rate.burst);
    }

    fn is_full(&mut self, rate: Rate, now: Instant) -> bool {
        self.refill(rate, now);
        self.tokens >= rate.burst
    }
}

/// The header a trusted proxy names the client in.
const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// How often a full table is swept for idle buckets: a sweep walks every entry, so a flood of
/// new addresses must not trigger one per request.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

struct Table<K> {
    map: HashMap<K, Bucket>,
    overflow: Bucket,
    last_sweep: Option<Instant>,
}

/// Token buckets per key, at most `max_keys` of them (see the module's doc for when full).
pub struct Buckets<K> {
    rate: Rate,
    max_keys: usize,
    table: Mutex<Table<K>>,
}

impl<K: Hash + Eq + Clone> Buckets<K> {
    fn new(rate: Rate, max_keys: usize, now: Instant) -> Self {
        Self { rate, max_keys, table: Mutex::new(Table { map: HashMap::new(), overflow: Bucket::full(rate, now), last_sweep: None }) }
    }

    /// Takes one of `key`'s tokens, or says how long until it has one. `untracked` counts the
    /// takes from the shared overflow bucket.
    fn take(&self, key: &K, now: Instant, untracked: &IntCounter) -> Result<(), Duration> {
        let rate = self.rate;
        // A panic elsewhere cannot leave a bucket half-updated: recover the table.
        let mut t = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(b) = t.map.get_mut(key) {
            return b.take(rate, now);
        }
        if t.map.len() >= self.max_keys && t.last_sweep.is_none_or(|s| now.saturating_duration_since(s) >= SWEEP_EVERY) {
            t.map.retain(|_, b| !b.is_full(rate, now));
            t.last_sweep = Some(now);
        }
        if t.map.len() < self.max_keys {
            t.map.entry(key.clone()).or_insert_with(|| Bucket::full(rate, now)).take(rate, now)
        } else {
            untracked.inc();
            t.overflow.take(rate, now)
        }
    }

    /// Returns a token [`Buckets::take`] took for `key`.
    fn give_back(&self, key: &K) {
        let rate = self.rate;
        let mut t = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        match t.map.get_mut(key) {
            Some(b) => b.give_back(rate),
            None => t.overflow.give_back(rate),
        }
    }

    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.table.lock().unwrap_or_else(PoisonError::into_inner).map.len()
    }
}

/// The API's rate limits (see the module's doc).
pub struct RateLimits {
    auth: Buckets<IpAddr>,
    queries: Buckets<String>,
    trusted_proxies: Vec<IpAddr>,
    clock: Clock,
    auth_limited: IntCounter,
    query_limited: IntCounter,
    untracked: IntCounter,
}

/// The key of a client address: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
        v4 => v4,
    }
}

/// Whole seconds for `Retry-After`, at least 1.
fn retry_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

impl RateLimits {
    /// From validated config, on the monotonic clock.
    pub fn new(config: &RateLimitConfig, metrics: &PipelineMetrics) -> Self {
        Self::with_clock(config, metrics, Arc::new(Instant::now))
    }

    /// On `clock` (tests move time by hand).
    pub fn with_clock(config: &RateLimitConfig, metrics: &PipelineMetrics, clock: Clock) -> Self {
        let now = clock();
        // Tenants are configured, so their table only needs to be larger than their number.
        let tenants = 1 << 16;
        Self {
            auth: Buckets::new(Rate::new(config.auth_failures_burst, config.auth_failures_per_minute), config.max_clients, now),
            queries: Buckets::new(Rate::new(config.queries_burst, config.queries_per_minute), tenants, now),
            trusted_proxies: config.trusted_proxies.clone(),
            clock,
            auth_limited: metrics.api_rate_limited.with_label_values(&["auth"]),
            query_limited: metrics.api_rate_limited.with_label_values(&["query"]),
            untracked: metrics.api_rate_limit_untracked.clone(),
        }
    }

    /// The client behind a request from `peer` (see the module's doc on proxies).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let hops: Vec<&str> = headers.get_all(X_FORWARDED_FOR).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).collect();
        for hop in hops.into_iter().rev() {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) if self.trusted_proxies.contains(&ip) => continue,
                Ok(ip) => return ip,
                // Not an address (a port, an obfuscated name): the proxy's own bucket.
                Err(_) => return peer,
            }
        }
        peer
    }

    /// Runs `verify` (the credential check) for a request from `client`, unless the address's
    /// failures used up its allowance (429). A pass gives the token back.
    pub fn authenticate<T>(&self, client: IpAddr, verify: impl FnOnce() -> Result<T, ApiError>) -> Result<T, ApiError> {
        let key = client_key(client);
        if let Err(wait) = self.auth.take(&key, (self.clock)(), &self.untracked) {
            self.auth_limited.inc();
            tracing::debug!(client = %key, "API call refused: too many failed authentications.");
            return Err(ApiError::rate_limited(retry_secs(wait), "too many failed authentications from this address (api.rate_limits.auth_failures_burst)"));
        }
        let result = verify();
        if result.is_ok() {
            self.auth.give_back(&key);
        }
        result
    }

    /// Takes one of `tenant`'s expensive queries, or 429.
    pub fn query(&self, tenant: &str) -> Result<(), ApiError> {
        self.queries.take(&tenant.to_string(), (self.clock)(), &self.untracked).map_err(|wait| {
            self.query_limited.inc();
            ApiError::rate_limited(retry_secs(wait), "too many expensive queries for this tenant (api.rate_limits.queries_burst)")
        })
    }
}

/// A clock that moves only when told to: by the milliseconds stored in the returned counter.
#[cfg(test)]
pub(crate) fn manual_clock() -> (Clock, Arc<std::sync::atomic::AtomicU64>) {
    let base = Instant::now();
    let ms = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let read = ms.clone();
    (Arc::new(move || base + Duration::from_millis(read.load(std::sync::atomic::Ordering::SeqCst))), ms)
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;
    use std::sync::atomic::Ordering;

    use axum::http::StatusCode;

    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, last))
    }

    #[test]
    fn a_bucket_of_n_refuses_the_next_and_refills_with_time() {
        let (clock, ms) = manual_clock();
        let c = IntCounter::new("untracked", "test").unwrap();
        let b = Buckets::new(Rate::new(3, 60), 10, clock());
        for _ in 0..3 {
            assert!(b.take(&ip(1), clock(), &c).is_ok());
        }
        // One token a second: the fourth waits a second.
        assert_eq!(b.take(&ip(1), clock(), &c), Err(Duration::from_secs(1)));
        assert!(b.take(&ip(2), clock(), &c).is_ok(), "another client has its own bucket");
        ms.store(500, Ordering::SeqCst);
        assert_eq!(b.take(&ip(1), clock(), &c), Err(Duration::from_millis(500)));
        ms.store(1000, Ordering::SeqCst);
        assert!(b.take(&ip(1), clock(), &c).is_ok());
        assert!(b.take(&ip(1), clock(), &c).is_err());
        // Refill stops at the burst.
        ms.store(3_600_000, Ordering::SeqCst);
        for _ in 0..3 {
            assert!(b.take(&ip(1), clock(), &c).is_ok());
        }
        assert!(b.take(&ip(1), clock(), &c).is_err());
    }

    #[test]
    fn a_full_table_forgets_idle_clients_then_shares_one_bucket() {
        let (clock, ms) = manual_clock();
        let c = IntCounter::new("untracked", "test").unwrap();
        let b = Buckets::new(Rate::new(1, 60), 2, clock());
        assert!(b.take(&ip(1), clock(), &c).is_ok());
        assert!(b.take(&ip(2), clock(), &c).is_ok());
        // Full, and nobody idle: new addresses share the overflow bucket.
        assert!(b.take(&ip(3), clock(), &c).is_ok());
        assert!(b.take(&ip(4), clock(), &c).is_err(), "the overflow bucket is shared");
        assert_eq!((b.tracked(), c.get()), (2, 2));
        assert!(b.take(&ip(1), clock(), &c).is_err(), "tracked clients keep their own bucket");
        // After a second every bucket is full again: the next newcomer's sweep forgets them.
        ms.store(1000, Ordering::SeqCst);
        assert!(b.take(&ip(5), clock(), &c).is_ok());
        assert_eq!(b.tracked(), 1);
        assert!(b.take(&ip(5), clock(), &c).is_err(), "ip 5 is tracked on its own");
        assert_eq!(c.get(), 2);
    }

    #[test]
    fn ipv6_counts_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        assert_eq!(client_key("::ffff:10.0.0.1".parse().unwrap()), ip(1));
    }

    #[test]
    fn failures_are_limited_before_verifying_and_passes_cost_nothing() {
        let registry = prometheus::Registry::new();
        let metrics = PipelineMetrics::register(&registry).unwrap();
        let (clock, ms) = manual_clock();
        let config = RateLimitConfig { auth_failures_burst: 2, auth_failures_per_minute: 60, ..Default::default() };
        let limits = RateLimits::with_clock(&config, &metrics, clock);
        for _ in 0..5 {
            assert!(limits.authenticate(ip(1), || Ok(())).is_ok(), "passes give their token back");
        }
        let fail = || Err::<(), _>(ApiError::unauthenticated(true, "token invalid"));
        assert_eq!(limits.authenticate(ip(1), fail).unwrap_err().status(), StatusCode::UNAUTHORIZED);
        assert_eq!(limits.authenticate(ip(1), fail).unwrap_err().status(), StatusCode::UNAUTHORIZED);
        let mut verified = false;
        let refused = limits
            .authenticate(ip(1), || {
                verified = true;
                Ok(())
            })
            .unwrap_err();
        assert_eq!((refused.status(), refused.retry_after(), verified), (StatusCode::TOO_MANY_REQUESTS, Some(1), false));
        ms.store(1000, Ordering::SeqCst);
        assert!(limits.authenticate(ip(1), || Ok(())).is_ok());
        assert_eq!(metrics.api_rate_limited.with_label_values(&["auth"]).get(), 1);
    }

    #[test]
    fn queries_are_limited_per_tenant() {
        let registry = prometheus::Registry::new();
        let metrics = PipelineMetrics::register(&registry).unwrap();
        let (clock, _) = manual_clock();
        let config = RateLimitConfig { queries_burst: 2, queries_per_minute: 1, ..Default::default() };
        let limits = RateLimits::with_clock(&config, &metrics, clock);
        assert!(limits.query("acme").is_ok() && limits.query("acme").is_ok());
        let refused = limits.query("acme").unwrap_err();
        assert_eq!((refused.status(), refused.retry_after()), (StatusCode::TOO_MANY_REQUESTS, Some(60)));
        assert!(limits.query("globex").is_ok());
        assert_eq!(metrics.api_rate_limited.with_label_values(&["query"]).get(), 1);
    }

    #[test]
    fn forwarded_for_counts_only_from_trusted_proxies() {
        let registry = prometheus::Registry::new();
        let metrics = PipelineMetrics::register(&registry).unwrap();
        let config: RateLimitConfig = toml::from_str("trusted_proxies = [\"10.0.0.1\", \"10.0.0.2\"]").unwrap();
        let limits = RateLimits::new(&config, &metrics);
        let xff = |values: &[&str]| {
            let mut h = HeaderMap::new();
            for v in values {
                h.append(X_FORWARDED_FOR, v.parse().unwrap());
            }
            h
        };
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        // The client's own claim (198.51.100.1) is left of what the proxies appended.
        let chain = xff(&["198.51.100.1, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(limits.client(ip(1), &chain), client);
        assert_eq!(limits.client(ip(9), &chain), ip(9), "an untrusted peer's header is ignored");
        assert_eq!(limits.client(ip(1), &xff(&[])), ip(1));
        assert_eq!(limits.client(ip(1), &xff(&["203.0.113.7:5000"])), ip(1), "not an address: the proxy's own bucket");
    }

    #[test]
    fn config_defaults_are_valid_and_zeroes_are_not() {
        assert!(RateLimitConfig::default().validate().is_empty());
        let c: RateLimitConfig = toml::from_str("auth_failures_burst = 0\nmax_clients = 0").unwrap();
        let p = c.validate().join("\n");
        assert!(p.contains("auth_failures_burst: must be in 1..=1000000, got 0") && p.contains("max_clients"), "{p}");
        assert!(toml::from_str::<RateLimitConfig>("burst = 5").is_err());
    }
}
