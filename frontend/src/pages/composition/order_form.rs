//! `/composition/orders/new`: enters a signed paper order (приказ) approving nominated
//! members or excluding approved ones, with its number, date, signatory and text.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::composition::{
    Member, MemberFilter, MemberStatus, OrderExclusion, OrderFilter, OrderInput, OrderKind,
};
use tutornet_domain::{FieldError, Problem};

use super::order_details::{DetailSignals, OrderDetailsFields};
use super::subject_names;
use crate::api;
use crate::routes::Route;
use crate::ui::choices::EnumField;
use crate::ui::fields::{field_error, ToggleCheck};
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::time::today;
use crate::ui::{ErrorBanner, TextField};
use crate::util::{non_empty, set_title};

#[component]
pub fn OrderFormPage() -> impl IntoView {
    set_title("Внесение приказа");
    let navigate = use_navigate();
    let kind = RwSignal::new(OrderKind::Approve.as_str().to_string());
    let issued_on = RwSignal::new(today().format("%Y-%m-%d").to_string());
    let d = DetailSignals::new("Об утверждении состава муниципального сообщества тьюторов");
    let title = d.title;
    let file_name = RwSignal::new(String::new());
    let nominated = RwSignal::new(Vec::<Member>::new());
    let approved = RwSignal::new(Vec::<Member>::new());
    let approve_ids = RwSignal::new(Vec::<String>::new());
    // Member id → reason, for the members this order excludes.
    let exclude = RwSignal::new(Vec::<(String, String)>::new());
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let loaded = RwSignal::new(false);

    spawn_local(async move {
        for (st, target) in [
            (MemberStatus::Nominated, nominated),
            (MemberStatus::Approved, approved),
        ] {
            let filter = MemberFilter {
                status: Some(st),
                ..Default::default()
            };
            if let Ok(mut list) = api::composition::members_all(&filter).await {
                // The imported «№ п/п» first (stable: names stay sorted within).
                list.sort_by_key(|m| m.list_number.unwrap_or(i32::MAX));
                target.try_set(list);
            }
        }
        loaded.try_set(true);
        // The requisites that repeat from order to order come from the last one entered.
        let last = OrderFilter {
            limit: Some(1),
            ..Default::default()
        };
        if let Some(o) = api::composition::orders(&last)
            .await
            .ok()
            .and_then(|p| p.items.into_iter().next())
        {
            d.repeat_from(o);
        }
    });
    Effect::new(move |prev: Option<String>| {
        let k = kind.get();
        if prev.is_some_and(|p| p != k) {
            let t = if k == OrderKind::Amend.as_str() {
                "О внесении изменений в состав муниципального сообщества тьюторов"
            } else {
                "Об утверждении состава муниципального сообщества тьюторов"
            };
            title.set(t.to_string());
            if k == OrderKind::Approve.as_str() {
                exclude.set(Vec::new());
            }
        }
        k
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Some(k) = OrderKind::parse(&kind.get_untracked()) else {
            return;
        };
        let date = NaiveDate::parse_from_str(issued_on.get_untracked().trim(), "%Y-%m-%d").ok();
        let details = d.details(1, None);
        let input = OrderInput {
            municipality_id: None,
            academic_year_id: None,
            kind: k,
            number: details.number,
            issued_on: date.unwrap_or_else(today),
            issuer: details.issuer,
            title: details.title,
            signatory_position: details.signatory_position,
            signatory_name: details.signatory_name,
            place: details.place,
            appendix_number: details.appendix_number,
            issuer_full_name: details.issuer_full_name,
            preamble: details.preamble,
            items: details.items,
            file_name: non_empty(file_name.get_untracked()),
            // In the sequence of the list (the imported «№ п/п»): the appendix's rows.
            approve_member_ids: nominated.with_untracked(|list| {
                let ids = approve_ids.get_untracked();
                list.iter()
                    .filter(|m| ids.contains(&m.id))
                    .map(|m| m.id.clone())
                    .collect()
            }),
            exclude: exclude
                .get_untracked()
                .into_iter()
                .map(|(member_id, reason)| OrderExclusion {
                    member_id,
                    reason: reason.trim().to_string(),
                })
                .collect(),
        };
        let mut errs = Vec::new();
        if date.is_none() {
            errs.push(FieldError::new(
                "issued_on",
                "required",
                "Укажите дату приказа",
            ));
        }
        if let Err(v) = input.validate() {
            errs.extend(v);
        }
        if !valid(problem, errs) {
            return;
        }
        let navigate = navigate.clone();
        send(
            saving,
            problem,
            async move { api::composition::create_order(&input).await },
            move |_| navigate(&Route::Orders.path(), Default::default()),
        );
    };

    view! {
        <section class="page narrow" data-testid="order-form-page">
            <p class="crumbs">
                <a href=Route::Composition.path()>"Состав сообщества"</a>
                " / "
                <a href=Route::Orders.path()>"Приказы"</a>
                " / "
                <span>"Внесение приказа"</span>
            </p>
            <h1>"Внесение приказа"</h1>
            <p class="lead muted">"Внесите подписанный приказ: его номер, дату, подписавшего и текст — по ним печатаются приказ и приложение к нему."</p>
            <ErrorBanner problem />
            <form class="card form" on:submit=submit data-testid="order-form" novalidate=true>
                <EnumField label="Вид приказа" name="kind" value=kind problem all=OrderKind::ALL key=OrderKind::as_str text=OrderKind::label_ru required=true />
                <OrderDetailsFields d problem>
                    <TextField label="Дата" name="issued_on" kind="date" value=issued_on problem required=true />
                </OrderDetailsFields>
                <TextField label="Файл приказа (имя)" name="file_name" value=file_name problem hint="Необязательно: имя файла скана или документа." />
                <fieldset class="fieldset" data-testid="approve-list">
                    <legend>"Утвердить выдвинутых"</legend>
                    <Show when=move || loaded.get() fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                        <ApproveList nominated approve_ids />
                    </Show>
                    {move || field_error(problem, "approve_member_ids").map(|m| view! { <p class="field-error" data-testid="error-approve_member_ids">{m}</p> })}
                </fieldset>
                <Show when=move || kind.get() == OrderKind::Amend.as_str()>
                    <fieldset class="fieldset" data-testid="exclude-list">
                        <legend>"Исключить из состава"</legend>
                        <ExcludeList approved exclude problem />
                        {move || field_error(problem, "exclude").map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                </Show>
                <SaveBar busy=saving label="Внести приказ" back=Route::Orders.path() />
            </form>
        </section>
    }
}

/// «должность, школа» of a member.
fn place(m: &Member) -> String {
    [
        m.position.clone(),
        m.school_name.clone().or_else(|| m.workplace.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// The nominated members this order approves (checkboxes, «отметить всех»).
#[component]
fn ApproveList(
    nominated: RwSignal<Vec<Member>>,
    approve_ids: RwSignal<Vec<String>>,
) -> impl IntoView {
    let approve_list = move || {
        let list = nominated.get();
        if list.is_empty() {
            return view! { <p class="muted" data-testid="no-nominated">"Выдвинутых участников нет: загрузите таблицу или одобрите выдвижения."</p> }.into_any();
        }
        view! {
            <p class="actions">
                <button type="button" class="btn btn-link" on:click=move |_| approve_ids.set(nominated.get_untracked().into_iter().map(|m| m.id).collect())>"Отметить всех"</button>
                <button type="button" class="btn btn-link" on:click=move |_| approve_ids.set(Vec::new())>"Снять отметки"</button>
            </p>
            {list.into_iter().map(|m| {
                view! {
                    <ToggleCheck name="approve_member_ids" value=m.id.clone() values=approve_ids>
                        <span>
                            {m.list_number.map(|n| view! { <span class="muted small">{format!("{n}. ")}</span> })}
                            <span class="strong">{m.full_name.clone()}</span>
                            <span class="muted small">{format!(" — {}; {}", subject_names(&m), place(&m))}</span>
                        </span>
                    </ToggleCheck>
                }
            }).collect_view()}
        }
        .into_any()
    };
    approve_list
}

/// The approved members this order excludes, each with its reason.
#[component]
fn ExcludeList(
    approved: RwSignal<Vec<Member>>,
    exclude: RwSignal<Vec<(String, String)>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    // Errors named `exclude[i].reason` belong to the i-th excluded member.
    let reason_error = move |member_id: &str| -> Option<String> {
        let i = exclude.with(|v| v.iter().position(|(m, _)| m == member_id))?;
        let key = format!("exclude[{i}].reason");
        problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.field_message(&key))
                .map(str::to_string)
        })
    };
    let exclude_list = move || {
        let list = approved.get();
        if list.is_empty() {
            return view! { <p class="muted">"Утверждённых участников нет."</p> }.into_any();
        }
        list.into_iter()
            .map(|m| {
                let id = m.id.clone();
                let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id.clone());
                let checked = move || exclude.with(|v| v.iter().any(|(x, _)| *x == a));
                view! {
                    <div class="exclude-row">
                        <label class="check">
                            <input
                                type="checkbox"
                                name="exclude_member_ids"
                                value=id.clone()
                                prop:checked=checked.clone()
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    let id = b.clone();
                                    exclude.update(|v| {
                                        v.retain(|(x, _)| *x != id);
                                        if on {
                                            v.push((id, String::new()));
                                        }
                                    });
                                }
                            />
                            <span>
                                <span class="strong">{m.full_name.clone()}</span>
                                <span class="muted small">{format!(" — {}", place(&m))}</span>
                            </span>
                        </label>
                        <Show when=checked>
                            {
                                let (c, d) = (c.clone(), d.clone());
                                view! {
                                    <div class="field" class:has-error={ let d = d.clone(); move || reason_error(&d).is_some() }>
                                        <input
                                            type="text"
                                            name="exclude_reason"
                                            placeholder="Причина исключения"
                                            aria-label="Причина исключения"
                                            prop:value={ let c = c.clone(); move || exclude.with(|v| v.iter().find(|(x, _)| *x == c).map(|(_, r)| r.clone()).unwrap_or_default()) }
                                            on:input:target={ let c = c.clone(); move |ev| {
                                                let val = ev.target().value();
                                                exclude.update(|v| { if let Some(e) = v.iter_mut().find(|(x, _)| *x == c) { e.1 = val; } });
                                            } }
                                        />
                                        {let d = d.clone(); move || reason_error(&d).map(|m| view! { <p class="field-error">{m}</p> })}
                                    </div>
                                }
                            }
                        </Show>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    exclude_list
}
