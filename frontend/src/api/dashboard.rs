//! `/dashboard` (the coordinator's panel) and `/stats` (the home page figures).

use tutornet_domain::community::Dashboard;
use tutornet_domain::stats::Stats;
use tutornet_domain::Problem;

use super::client;

/// The panel of a municipality (none: the caller's own); requests with no status change
/// for `stale_days` days are flagged.
pub async fn get(stale_days: &str, municipality_id: &str) -> Result<Dashboard, Problem> {
    let mut q = vec![("stale_days".to_string(), stale_days.to_string())];
    if !municipality_id.is_empty() {
        q.push(("municipality_id".to_string(), municipality_id.to_string()));
    }
    client::get("/dashboard", &q).await
}

pub async fn stats() -> Result<Stats, Problem> {
    client::get("/stats", &Vec::new()).await
}

/// The caller's start page: «Мои дела» by role.
pub async fn agenda() -> Result<tutornet_domain::agenda::Agenda, Problem> {
    client::get("/agenda", &Vec::new()).await
}
