//! `/composition/orders/:id`: one order (приказ) on the composition — its requisites and
//! the members it approved and excluded. Printable.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{CompositionOrder, OrderMember};
use tutornet_domain::files::StoredFile;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::{format_date_ru, numero};
use tutornet_domain::Problem;

use super::order_details::OrderEdit;
use crate::api;
use crate::api::files::UploadTarget;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::files::{upload_file, FileRow, UploadButton};
use crate::ui::form::for_route_id;
use crate::ui::layout::PrintButton;
use crate::ui::{Banner, ErrorBanner};
use crate::util::{confirm, plural, set_title};

#[component]
pub fn OrderPage() -> impl IntoView {
    for_route_id(|id| view! { <OrderCard id=id.unwrap_or_default() /> })
}

fn member_rows(list: Vec<OrderMember>, with_reason: bool) -> impl IntoView {
    list.into_iter()
        .enumerate()
        .map(|(i, m)| {
            view! {
                <tr data-testid="order-member">
                    <td data-label="№ п/п" class="num">{i + 1}</td>
                    <td data-label="ФИО">
                        <a href=Route::Member(m.member_id.to_string()).path()>{m.full_name.clone()}</a>
                    </td>
                    {with_reason.then(|| view! {
                        <td data-label="Причина">{m.reason.clone().unwrap_or_else(|| "—".to_string())}</td>
                    })}
                </tr>
            }
        })
        .collect_view()
}

/// «Директор МКУ ИМЦ города Лабинска С.И. Клименко», when the order names its signatory.
fn signatory(o: &CompositionOrder) -> Option<String> {
    let parts: Vec<&str> = [&o.signatory_position, &o.signatory_name]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The printable documents of an order: its composition appendix in Word and Excel and
/// the order itself in Word.
#[component]
fn Downloads(id: String, appendix: i32, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    // `None`: the order itself; `Some(ext)`: the appendix.
    let fetch = move |what: Option<&'static str>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let id = id.get_value();
        spawn_local(async move {
            let res = match what {
                Some(ext) => api::composition::order_appendix(&id, ext).await,
                None => api::composition::order_docx(&id).await,
            };
            if let Err(p) = res {
                problem.try_set(Some(p));
            }
            busy.try_set(false);
        });
    };
    view! {
        <button type="button" class="btn" data-testid="download-appendix-docx" disabled=move || busy.get() on:click=move |_| fetch(Some("docx"))>
            {format!("Приложение {appendix} (DOCX)")}
        </button>
        <button type="button" class="btn" data-testid="download-appendix-xlsx" disabled=move || busy.get() on:click=move |_| fetch(Some("xlsx"))>
            {format!("Приложение {appendix} (XLSX)")}
        </button>
        <button type="button" class="btn" data-testid="download-order-docx" disabled=move || busy.get() on:click=move |_| fetch(None)>
            "Приказ (DOCX)"
        </button>
    }
}

#[component]
fn OrderCard(id: String) -> impl IntoView {
    set_title("Приказ");
    let auth = Auth::get();
    let order = RwSignal::new(None::<CompositionOrder>);
    let year = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Problem>);
    let oid = StoredValue::new(id.clone());
    // The scan of the order, kept apart so that an upload does not redraw the order.
    let scan = RwSignal::new(None::<StoredFile>);
    let scan_problem = RwSignal::new(None::<Problem>);
    let scan_message = RwSignal::new(None::<String>);
    let scan_busy = RwSignal::new(false);
    let may_edit = move || auth.can(Resource::Composition, Action::Update);
    let download_problem = RwSignal::new(None::<Problem>);
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(None::<String>);
    let on_edited = Callback::new(move |o: Option<CompositionOrder>| {
        editing.set(false);
        if let Some(o) = o {
            set_title(&numero(&format!("Приказ № {}", o.number)));
            saved.set(Some("Реквизиты приказа исправлены.".to_string()));
            order.set(Some(o));
        }
    });
    spawn_local(async move {
        match api::composition::order(&id).await {
            Ok(o) => {
                set_title(&numero(&format!("Приказ № {}", o.number)));
                let yid = o.academic_year_id.clone();
                scan.try_set(o.file.clone());
                order.try_set(Some(o));
                if let Ok(years) = api::reference::academic_years().await {
                    year.try_set(years.into_iter().find(|y| y.id == yid).map(|y| y.name));
                }
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });

    let body = move |o: CompositionOrder| {
        let municipality = auth.municipality_name(&o.municipality_id);
        let approved = o.approved.clone();
        let excluded = o.excluded.clone();
        let (na, ne) = (approved.len() as i64, excluded.len() as i64);
        view! {
            <div class="card order-doc">
                <p class="order-issuer" data-testid="order-issuer">{o.issuer.clone()}</p>
                <p class="order-kind">"ПРИКАЗ"</p>
                <p class="order-req" data-testid="order-requisites">
                    <span data-testid="order-date">{format_date_ru(o.issued_on)}</span>
                    <span data-testid="order-number">{numero(&format!("№ {}", o.number))}</span>
                </p>
                <h1 class="order-title" data-testid="order-title">{o.title.clone()}</h1>
                <dl class="props" data-testid="order-props">
                    <dt>"Вид приказа"</dt>
                    <dd data-testid="order-kind">{o.kind.label_ru()}</dd>
                    <dt>"Номер и дата"</dt>
                    <dd>{numero(&format!("№ {} от {}", o.number, format_date_ru(o.issued_on)))}</dd>
                    {o.place.clone().map(|p| view! { <dt>"Место издания"</dt><dd data-testid="order-place">{p}</dd> })}
                    {signatory(&o).map(|s| view! { <dt>"Подписал"</dt><dd data-testid="order-signatory">{s}</dd> })}
                    <dt>"Кем издан"</dt>
                    <dd>{o.issuer.clone()}</dd>
                    {municipality.map(|m| view! { <dt>"Муниципалитет"</dt><dd>{m}</dd> })}
                    {move || year.get().map(|y| view! { <dt>"Учебный год"</dt><dd>{y}</dd> })}
                    {move || scan.with(|f| f.as_ref().map(|f| f.file_name.clone())).map(|f| view! { <dt>"Файл приказа"</dt><dd>{f}</dd> })}
                    <dt>"Внесён в систему"</dt>
                    <dd class="muted small">{crate::ui::time::datetime_ru(o.meta.created_at)}</dd>
                </dl>
            </div>
            <div class="card" data-testid="order-approved">
                <h2>
                    "Утверждены в составе"
                    <span class="muted small">{format!(" · {na} {}", plural(na, "участник", "участника", "участников"))}</span>
                </h2>
                {if approved.is_empty() {
                    view! { <p class="muted">"Приказ никого не утверждает."</p> }.into_any()
                } else {
                    view! {
                        <table class="table order-list">
                            <thead><tr><th scope="col" class="num">"№ п/п"</th><th scope="col">"ФИО"</th></tr></thead>
                            <tbody>{member_rows(approved, false)}</tbody>
                        </table>
                    }.into_any()
                }}
            </div>
            {(ne > 0 || o.kind == tutornet_domain::composition::OrderKind::Amend).then(|| view! {
                <div class="card" data-testid="order-excluded">
                    <h2>
                        "Исключены из состава"
                        <span class="muted small">{format!(" · {ne} {}", plural(ne, "участник", "участника", "участников"))}</span>
                    </h2>
                    {if excluded.is_empty() {
                        view! { <p class="muted">"Приказ никого не исключает."</p> }.into_any()
                    } else {
                        view! {
                            <table class="table order-list">
                                <thead><tr><th scope="col" class="num">"№ п/п"</th><th scope="col">"ФИО"</th><th scope="col">"Причина"</th></tr></thead>
                                <tbody>{member_rows(excluded, true)}</tbody>
                            </table>
                        }.into_any()
                    }}
                </div>
            })}
        }
    };

    let on_file = move |file: web_sys::File| {
        scan_message.set(None);
        upload_file(
            UploadTarget::OrderScan(oid.get_value()),
            file,
            scan_busy,
            scan_problem,
            move |f| {
                scan_message.try_set(Some(format!("Скан «{}» загружен.", f.file_name)));
                scan.try_set(Some(f));
            },
        );
    };
    let on_delete = Callback::new(move |f: StoredFile| {
        if !confirm(&format!("Удалить скан «{}»?", f.file_name)) {
            return;
        }
        scan_busy.set(true);
        scan_problem.set(None);
        scan_message.set(None);
        spawn_local(async move {
            match api::files::remove(&f).await {
                Ok(()) => {
                    scan.try_set(None);
                    scan_message.try_set(Some("Скан удалён.".to_string()));
                }
                Err(p) => {
                    scan_problem.try_set(Some(p));
                }
            }
            scan_busy.try_set(false);
        });
    });
    let scan_block = move || {
        let file = scan.get();
        let has = file.is_some();
        let edit = may_edit();
        // Readers see the block only when there is something to download.
        if !has && !edit {
            return None;
        }
        Some(view! {
            <div class="card no-print" data-testid="order-file">
                <h2>"Скан приказа"</h2>
                <Banner message=scan_message />
                <ErrorBanner problem=scan_problem />
                {match file {
                    Some(f) => view! {
                        <ul class="plain-list file-list">
                            {if edit {
                                view! { <FileRow file=f problem=scan_problem busy=scan_busy on_delete /> }.into_any()
                            } else {
                                view! { <FileRow file=f problem=scan_problem busy=scan_busy /> }.into_any()
                            }}
                        </ul>
                    }.into_any(),
                    None => view! { <p class="muted" data-testid="no-file">"Скан не загружен."</p> }.into_any(),
                }}
                {edit.then(|| view! {
                    <UploadButton
                        label=if has { "Заменить" } else { "Загрузить скан" }.to_string()
                        testid="order-file-input"
                        busy=scan_busy
                        problem=scan_problem
                        on_file
                    />
                })}
            </div>
        })
    };

    view! {
        <section class="page narrow" data-testid="order-page">
            <p class="crumbs">
                <a href=Route::Composition.path()>"Состав сообщества"</a>
                " / "
                <Show when=move || auth.can(Resource::Composition, Action::Create) fallback=|| view! { <span>"Приказы"</span> }>
                    <a href=Route::Orders.path()>"Приказы"</a>
                </Show>
                " / "
                <span>{move || order.with(|o| o.as_ref().map(|o| numero(&format!("№ {}", o.number))).unwrap_or_else(|| "Приказ".to_string()))}</span>
            </p>
            <div class="page-head no-print">
                <span></span>
                <div class="actions">
                    <Show when=move || order.with(Option::is_some)>
                        <Downloads id=oid.get_value() appendix=order.with_untracked(|o| o.as_ref().map_or(1, |o| o.appendix_number)) problem=download_problem />
                    </Show>
                    <Show when=move || may_edit() && order.with(Option::is_some) && !editing.get()>
                        <button type="button" class="btn" data-testid="order-edit" on:click=move |_| { saved.set(None); editing.set(true); }>"Исправить реквизиты"</button>
                    </Show>
                    <PrintButton testid="print" />
                </div>
            </div>
            <Banner message=saved />
            <ErrorBanner problem />
            <ErrorBanner problem=download_problem />
            <Show when=move || order.with(Option::is_none) && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            {move || editing.get().then(|| order.get_untracked().map(|o| view! { <OrderEdit order=o on_done=on_edited /> }))}
            {move || order.get().map(body)}
            {move || order.with(Option::is_some).then(scan_block)}
        </section>
    }
}
