//! `/composition`: the tutor community's members, orders, attachments, table import and
//! export.

use tutornet_domain::composition::{
    Attachment, AttachmentInput, CompositionOrder, ExportQuery, ImportPreview, ImportRequest,
    ImportResult, Member, MemberFilter, MemberInput, OrderDetails, OrderFilter, OrderInput,
};
use tutornet_domain::page::MAX_LIMIT;
use tutornet_domain::{Page, Problem};

use super::client::{self, all_pages, query_of};
use super::files::download;

pub async fn members(filter: &MemberFilter) -> Result<Page<Member>, Problem> {
    client::get("/composition/members", &query_of(filter)).await
}

/// Every member matching `filter`, following `next_cursor` to the last page.
pub async fn members_all(filter: &MemberFilter) -> Result<Vec<Member>, Problem> {
    all_pages(|cursor| {
        let f = MemberFilter {
            limit: Some(MAX_LIMIT),
            cursor,
            ..filter.clone()
        };
        async move { members(&f).await }
    })
    .await
}

pub async fn member(id: &str) -> Result<Member, Problem> {
    client::get(&format!("/composition/members/{id}"), &Vec::new()).await
}

pub async fn create_member(input: &MemberInput) -> Result<Member, Problem> {
    client::post("/composition/members", input).await
}

pub async fn update_member(id: &str, input: &MemberInput) -> Result<Member, Problem> {
    client::put(&format!("/composition/members/{id}"), input).await
}

pub async fn delete_member(id: &str) -> Result<Member, Problem> {
    client::delete(&format!("/composition/members/{id}")).await
}

pub async fn attachments(member_id: &str) -> Result<Vec<Attachment>, Problem> {
    client::get(
        &format!("/composition/members/{member_id}/attachments"),
        &Vec::new(),
    )
    .await
}

pub async fn add_attachment(
    member_id: &str,
    input: &AttachmentInput,
) -> Result<Attachment, Problem> {
    client::post(
        &format!("/composition/members/{member_id}/attachments"),
        input,
    )
    .await
}

pub async fn delete_attachment(id: &str) -> Result<Attachment, Problem> {
    client::delete(&format!("/composition/attachments/{id}")).await
}

pub async fn orders(filter: &OrderFilter) -> Result<Page<CompositionOrder>, Problem> {
    client::get("/composition/orders", &query_of(filter)).await
}

pub async fn order(id: &str) -> Result<CompositionOrder, Problem> {
    client::get(&format!("/composition/orders/{id}"), &Vec::new()).await
}

pub async fn create_order(input: &OrderInput) -> Result<CompositionOrder, Problem> {
    client::post("/composition/orders", input).await
}

/// Corrects an entered order's printed details.
pub async fn update_order(id: &str, input: &OrderDetails) -> Result<CompositionOrder, Problem> {
    client::put(&format!("/composition/orders/{id}"), input).await
}

pub async fn import_preview(req: &ImportRequest) -> Result<ImportPreview, Problem> {
    client::post("/composition/import/preview", req).await
}

pub async fn import_confirm(req: &ImportRequest) -> Result<ImportResult, Problem> {
    client::post("/composition/import/confirm", req).await
}

/// Downloads the approved composition as `xlsx` or `docx`.
pub async fn export(ext: &str, query: &ExportQuery) -> Result<(), Problem> {
    let name = format!("sostav-soobshchestva.{ext}");
    download(
        &format!("/composition/export.{ext}"),
        &query_of(query),
        &name,
    )
    .await
}

/// Downloads an order's composition appendix («Приложение №1») as `xlsx` or `docx`.
pub async fn order_appendix(order_id: &str, ext: &str) -> Result<(), Problem> {
    let query = ExportQuery {
        order_id: Some(order_id.to_string()),
        ..Default::default()
    };
    export(ext, &query).await
}

/// Downloads the printable order itself (the приказ) in Word.
pub async fn order_docx(order_id: &str) -> Result<(), Problem> {
    download(
        &format!("/composition/orders/{order_id}/order.docx"),
        &Vec::new(),
        "prikaz.docx",
    )
    .await
}

/// Approved members of the current composition who have an account, as (user id, name),
/// sorted and without repeats; every page is read. Empty when the list cannot be read.
pub async fn tutors() -> Vec<(String, String)> {
    let filter = MemberFilter {
        status: Some(tutornet_domain::composition::MemberStatus::Approved),
        ..Default::default()
    };
    let mut v: Vec<(String, String)> = members_all(&filter)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| m.user_id.map(|u| (u, m.full_name)))
        .collect();
    tutornet_domain::text::sort_ru(&mut v, |t| &t.1);
    v.dedup_by(|a, b| a.0 == b.0);
    v
}
