//! Login throttling: in-process sliding-window counters (one server process).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Sliding-window counter of failed logins per account and per client IP.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    /// Seconds to wait if `key` has `max` or more failures in the window.
    pub fn retry_after(&self, key: &str, max: u32, window: Duration) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let list = map.get_mut(key)?;
        list.retain(|t| now.duration_since(*t) < window);
        if list.len() as u32 >= max.max(1) {
            let oldest = list.first().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.duration_since(oldest)).as_secs() as i64;
            Some(wait.max(1))
        } else {
            None
        }
    }

    /// 429 with `Retry-After` if any `(key, max)` is over its limit in the window.
    pub fn check(
        &self,
        limits: &[(&str, u32)],
        window: Duration,
    ) -> Result<(), crate::error::AppError> {
        match limits
            .iter()
            .find_map(|(key, max)| self.retry_after(key, *max, window))
        {
            Some(retry_after) => Err(crate::error::AppError::TooManyRequests { retry_after }),
            None => Ok(()),
        }
    }

    pub fn fail(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            map.clear();
        }
        map.entry(key.to_string()).or_default().push(Instant::now());
    }

    pub fn clear(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
    }
}

/// The throttling key of the client's IP address under `prefix`.
pub fn ip_key(prefix: &str, req: &actix_web::HttpRequest) -> String {
    let ip = req.peer_addr().map(|p| p.ip().to_string());
    format!("{prefix}ip:{}", ip.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_counts_in_window() {
        let t = Throttle::default();
        let w = Duration::from_secs(60);
        for _ in 0..3 {
            assert!(t.retry_after("a", 3, w).is_none());
            t.fail("a");
        }
        assert!(t.retry_after("a", 3, w).unwrap() > 0);
        t.clear("a");
        assert!(t.retry_after("a", 3, w).is_none());
    }
}
