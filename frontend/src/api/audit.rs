//! `/audit`: the change journal.

use tutornet_domain::audit::{AuditEntry, AuditFilter};
use tutornet_domain::{Page, Problem};

use super::client::{self, query_of};

pub async fn list(filter: &AuditFilter) -> Result<Page<AuditEntry>, Problem> {
    client::get("/audit", &query_of(filter)).await
}
