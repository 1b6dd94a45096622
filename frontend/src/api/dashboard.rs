//! `/dashboard` (the coordinator's panel) and `/stats` (the home page figures).

use tutornet_domain::community::Dashboard;
use tutornet_domain::stats::Stats;
use tutornet_domain::Problem;

use super::client;

/// The panel; requests with no status change for `stale_days` days are flagged.
pub async fn get(stale_days: &str) -> Result<Dashboard, Problem> {
    let q = vec![("stale_days".to_string(), stale_days.to_string())];
    client::get("/dashboard", &q).await
}

pub async fn stats() -> Result<Stats, Problem> {
    client::get("/stats", &Vec::new()).await
}
