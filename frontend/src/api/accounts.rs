//! Accounts for people: one member of the composition (create or link), approved members
//! without an account in bulk, and users from an uploaded XLSX table.

use tutornet_domain::accounts::{
    AccountsIssued, MemberAccount, MemberAccountsBulk, UserImportPreview, UserImportRequest,
};
use tutornet_domain::composition::Member;
use tutornet_domain::Problem;

use super::client;

/// Creates or links the account of one approved member.
pub async fn member_account(
    member_id: &str,
    body: &MemberAccount,
) -> Result<AccountsIssued, Problem> {
    client::post(&format!("/composition/members/{member_id}/account"), body).await
}

/// Approved members of the current composition without an account (`municipality_id`
/// for an admin; empty: the caller's own).
pub async fn members_without_account(municipality_id: &str) -> Result<Vec<Member>, Problem> {
    let q = if municipality_id.is_empty() {
        Vec::new()
    } else {
        vec![("municipality_id".to_string(), municipality_id.to_string())]
    };
    client::get("/accounts/members", &q).await
}

/// Creates accounts for several members at once (all or nothing).
pub async fn member_accounts(body: &MemberAccountsBulk) -> Result<AccountsIssued, Problem> {
    client::post("/accounts/members", body).await
}

pub async fn import_preview(body: &UserImportRequest) -> Result<UserImportPreview, Problem> {
    client::post("/users/import/preview", body).await
}

pub async fn import_confirm(body: &UserImportRequest) -> Result<AccountsIssued, Problem> {
    client::post("/users/import/confirm", body).await
}

/// Hands the answer's list of initial passwords (XLSX) to the browser as a download;
/// `false` when the answer has none.
pub fn save_password_list(out: &AccountsIssued) -> bool {
    match (&out.file_base64, &out.file_name) {
        (Some(b64), Some(name)) => super::files::save_base64(
            b64,
            name,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => false,
    }
}
