//! The composition of the tutor community: members, orders, nominations, attachments,
//! import and export of the order's appendix table.

use super::{io, ops};
use crate::auth::AuthUser;
use crate::docs::{self, DOCX_TYPE, XLSX_TYPE};
use crate::error::AppResult;
use crate::http::{created, file};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::composition::{
    Attachment, AttachmentInput, CompositionOrder, ExportQuery, ImportPreview, ImportRequest,
    ImportResult, Member, MemberFilter, MemberInput, Nomination, NominationDecision,
    NominationFilter, NominationInput, OrderDetails, OrderFilter, OrderInput,
};
use tutornet_domain::Page;

/// A binary file (XLSX or DOCX).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct BinaryFile(pub Vec<u8>);

/// Members of the composition in the caller's scope (default: the current academic
/// year), Russian alphabetical order by name. `on_date` lists who was an approved tutor
/// on that day.
#[utoipa::path(get, path = "/api/v1/composition/members", tag = "composition", params(MemberFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<Member>), ReadErrors))]
pub async fn list_members(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<MemberFilter>,
) -> AppResult<web::Json<Page<Member>>> {
    state
        .db_json(move |c| ops::list_members(c, &user, &q))
        .await
}

/// Adds a member as `nominated` (coordinator: own municipality; admin: region).
#[utoipa::path(post, path = "/api/v1/composition/members", tag = "composition", request_body = MemberInput, security(("bearer" = [])),
    responses((status = 201, body = Member), WriteErrors))]
pub async fn create_member(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<MemberInput>,
) -> AppResult<HttpResponse> {
    let m = state
        .tx(move |c| ops::create_member(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/composition/members/{}", m.id), &m))
}

/// One member with subjects and attachments.
#[utoipa::path(get, path = "/api/v1/composition/members/{id}", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Member), ReadErrors))]
pub async fn get_member(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Member>> {
    state.db_json(move |c| ops::get_member(c, &user, &id)).await
}

/// Changes a nominated member; approved and excluded members change only by an order
/// (409 `composition_approved`).
#[utoipa::path(put, path = "/api/v1/composition/members/{id}", tag = "composition", params(("id" = String, Path)), request_body = MemberInput,
    security(("bearer" = [])), responses((status = 200, body = Member), WriteErrors))]
pub async fn update_member(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<MemberInput>,
) -> AppResult<web::Json<Member>> {
    state
        .tx_json(move |c| ops::update_member(c, &user, &id, &body))
        .await
}

/// Removes (archives) a nominated member; 409 `composition_approved` once approved.
#[utoipa::path(delete, path = "/api/v1/composition/members/{id}", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Member), WriteErrors))]
pub async fn archive_member(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Member>> {
    state
        .tx_json(move |c| ops::archive_member(c, &user, &id))
        .await
}

/// Active attachments (закрепление) of a member to schools and teachers.
#[utoipa::path(get, path = "/api/v1/composition/members/{id}/attachments", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<Attachment>), ReadErrors))]
pub async fn list_attachments(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Vec<Attachment>>> {
    state
        .db_json(move |c| ops::list_attachments(c, &user, &id))
        .await
}

/// Attaches an approved tutor to a school or a teacher of the same municipality.
#[utoipa::path(post, path = "/api/v1/composition/members/{id}/attachments", tag = "composition", params(("id" = String, Path)),
    request_body = AttachmentInput, security(("bearer" = [])), responses((status = 201, body = Attachment), WriteErrors))]
pub async fn create_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<AttachmentInput>,
) -> AppResult<HttpResponse> {
    let a = state
        .tx(move |c| ops::create_attachment(c, &user, &id, &body))
        .await?;
    Ok(created(
        format!("/api/v1/composition/members/{}/attachments", a.member_id),
        &a,
    ))
}

/// Ends an attachment (archives it).
#[utoipa::path(delete, path = "/api/v1/composition/attachments/{id}", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Attachment), WriteErrors))]
pub async fn archive_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Attachment>> {
    state
        .tx_json(move |c| ops::archive_attachment(c, &user, &id))
        .await
}

/// Orders on the composition, newest first.
#[utoipa::path(get, path = "/api/v1/composition/orders", tag = "composition", params(OrderFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<CompositionOrder>), ReadErrors))]
pub async fn list_orders(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<OrderFilter>,
) -> AppResult<web::Json<Page<CompositionOrder>>> {
    state.db_json(move |c| ops::list_orders(c, &user, &q)).await
}

/// Issues an order: `approve` approves nominated members; `amend` approves further
/// nominated members and excludes approved ones. All in one transaction.
#[utoipa::path(post, path = "/api/v1/composition/orders", tag = "composition", request_body = OrderInput, security(("bearer" = [])),
    responses((status = 201, body = CompositionOrder), WriteErrors))]
pub async fn create_order(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<OrderInput>,
) -> AppResult<HttpResponse> {
    let o = state
        .tx(move |c| ops::create_order(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/composition/orders/{}", o.id), &o))
}

/// One order with the members it approved and excluded.
#[utoipa::path(get, path = "/api/v1/composition/orders/{id}", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CompositionOrder), ReadErrors))]
pub async fn get_order(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<CompositionOrder>> {
    state.db_json(move |c| ops::get_order(c, &user, &id)).await
}

/// Corrects an entered order's printed details (number, issuer, signatory, place, items);
/// its date and members change only by an amending order. A stale `version` is 409.
#[utoipa::path(put, path = "/api/v1/composition/orders/{id}", tag = "composition", params(("id" = String, Path)), request_body = OrderDetails,
    security(("bearer" = [])), responses((status = 200, body = CompositionOrder), WriteErrors))]
pub async fn update_order(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<OrderDetails>,
) -> AppResult<web::Json<CompositionOrder>> {
    state
        .tx_json(move |c| ops::update_order(c, &user, &id, &body))
        .await
}

/// Nominations in the caller's scope (school administrators: own school), newest first.
#[utoipa::path(get, path = "/api/v1/nominations", tag = "composition", params(NominationFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<Nomination>), ReadErrors))]
pub async fn list_nominations(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<NominationFilter>,
) -> AppResult<web::Json<Page<Nomination>>> {
    state
        .db_json(move |c| ops::list_nominations(c, &user, &q))
        .await
}

/// A school nominates a teacher (000 §4.2) with the eligibility criteria (§4.3).
#[utoipa::path(post, path = "/api/v1/nominations", tag = "composition", request_body = NominationInput, security(("bearer" = [])),
    responses((status = 201, body = Nomination), WriteErrors))]
pub async fn create_nomination(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<NominationInput>,
) -> AppResult<HttpResponse> {
    let n = state
        .tx(move |c| ops::create_nomination(c, &user, &body))
        .await?;
    Ok(created(format!("/api/v1/nominations/{}", n.id), &n))
}

/// One nomination.
#[utoipa::path(get, path = "/api/v1/nominations/{id}", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Nomination), ReadErrors))]
pub async fn get_nomination(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<Nomination>> {
    state
        .db_json(move |c| ops::get_nomination(c, &user, &id))
        .await
}

/// The coordinator's decision: approval creates a nominated member; declining needs a
/// reason; a second decision is 409 `already_decided`.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/decision", tag = "composition", params(("id" = String, Path)),
    request_body = NominationDecision, security(("bearer" = [])), responses((status = 200, body = Nomination), WriteErrors))]
pub async fn decide_nomination(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<NominationDecision>,
) -> AppResult<web::Json<Nomination>> {
    state
        .tx_json(move |c| ops::decide_nomination(c, &user, &id, &body))
        .await
}

/// Parses the appendix table (XLSX, CSV or pasted text) and matches subjects and
/// schools. Writes nothing.
#[utoipa::path(post, path = "/api/v1/composition/import/preview", tag = "composition", request_body = ImportRequest, security(("bearer" = [])),
    responses((status = 200, body = ImportPreview), WriteErrors))]
pub async fn import_preview(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ImportRequest>,
) -> AppResult<web::Json<ImportPreview>> {
    state.db_json(move |c| io::preview(c, &user, &body)).await
}

/// Imports the table: creates every member as nominated (and, with `create_schools`,
/// the schools not found), all or nothing; 422 with `rows[N].…` errors otherwise.
#[utoipa::path(post, path = "/api/v1/composition/import/confirm", tag = "composition", request_body = ImportRequest, security(("bearer" = [])),
    responses((status = 201, body = ImportResult), WriteErrors))]
pub async fn import_confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ImportRequest>,
) -> AppResult<HttpResponse> {
    let r = state.tx(move |c| io::confirm(c, &user, &body)).await?;
    Ok(HttpResponse::Created().json(r))
}

/// The order's appendix «Состав муниципального сообщества тьюторов» in Excel (000 Прил. 1):
/// the stamp of the order (`order_id`, or the last order of the year issued by `on_date`,
/// default today), the title, the composition in the order's own row sequence, the
/// signature. 422 `no_order` on `on_date` when no order was issued by then.
#[utoipa::path(get, path = "/api/v1/composition/export.xlsx", tag = "composition", params(ExportQuery), security(("bearer" = [])),
    responses((status = 200, description = "Таблица XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = BinaryFile), ReadErrors))]
pub async fn export_xlsx(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let t = state.db(move |c| io::export_table(c, &user, &q)).await?;
    let bytes = docs::form::appendix_xlsx(&t.doc)?;
    Ok(file(bytes, XLSX_TYPE, format!("{}.xlsx", t.file_stem)))
}

/// The same appendix in Word (the header row repeats on each page).
#[utoipa::path(get, path = "/api/v1/composition/export.docx", tag = "composition", params(ExportQuery), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn export_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let t = state.db(move |c| io::export_table(c, &user, &q)).await?;
    let bytes = docs::form::to_docx(&t.doc.blocks())?;
    Ok(file(bytes, DOCX_TYPE, format!("{}.docx", t.file_stem)))
}

/// The order itself, printable in Word (000, the order body): letterhead, «П Р И К А З»,
/// date · place · number, title, preamble, numbered items (default: what the order does
/// to the composition), signature.
#[utoipa::path(get, path = "/api/v1/composition/orders/{id}/order.docx", tag = "composition", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "Документ DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = BinaryFile), ReadErrors))]
pub async fn order_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (blocks, stem) = state.db(move |c| io::order_document(c, &user, &id)).await?;
    let bytes = docs::form::to_docx(&blocks)?;
    Ok(file(bytes, DOCX_TYPE, format!("{stem}.docx")))
}

crate::http::endpoints![
    list_members,
    create_member,
    get_member,
    update_member,
    archive_member,
    list_attachments,
    create_attachment,
    archive_attachment,
    list_orders,
    create_order,
    get_order,
    update_order,
    order_docx,
    import_preview,
    import_confirm,
    export_xlsx,
    export_docx,
    list_nominations,
    create_nomination,
    get_nomination,
    decide_nomination
];
