//! `/composition/orders`: orders (приказы) on the composition, and `/composition/orders/new`.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::composition::{
    CompositionOrder, Member, MemberStatus, OrderExclusion, OrderInput, OrderKind,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::{FieldError, Page, Problem};

use crate::api::validation_problem;
use crate::api_community::{enum_options, today};
use crate::auth::Auth;
use crate::components::fields::field_error;
use crate::components::{ErrorBanner, LoadMore, Paged, SelectField, TextField};
use crate::pages::composition::CompositionTabs;
use crate::util::{non_empty, plural, set_title};

#[component]
pub fn OrdersPage() -> impl IntoView {
    set_title("Приказы о составе");
    let auth = Auth::get();
    let api = auth.api();
    let list = Paged::<CompositionOrder>::new();
    let fetch = move |cursor: Option<String>| {
        let mut pairs = vec![("limit", "50".to_string())];
        if let Some(c) = cursor {
            pairs.push(("cursor", c));
        }
        async move {
            api.get::<Page<CompositionOrder>>("/composition/orders", pairs)
                .await
        }
    };
    list.load(None, fetch);

    let row = move |o: CompositionOrder| {
        let approved = o.approved.len();
        let excluded = o.excluded.clone();
        view! {
            <tr data-testid="order-row">
                <td data-label="Приказ" class="nowrap">
                    <a class="strong" href=format!("/composition/orders/{}", o.id) data-testid="order-link">{format!("№ {}", o.number)}</a>
                    <div class="muted small">{format!("от {}", format_date_ru(o.issued_on))}</div>
                </td>
                <td data-label="Название">
                    {o.title.clone()}
                    <div class="muted small">{format!("{} · {}", o.kind.label_ru(), o.issuer)}</div>
                </td>
                <td data-label="Утверждены">
                    {if approved == 0 { "—".to_string() } else { format!("{approved} {}", plural(approved as i64, "участник", "участника", "участников")) }}
                    <div class="muted small">{o.approved.iter().map(|m| m.full_name.clone()).collect::<Vec<_>>().join(", ")}</div>
                </td>
                <td data-label="Исключены">
                    {if excluded.is_empty() { view! { <span>"—"</span> }.into_any() } else {
                        view! { <ul class="plain-list small">{excluded.into_iter().map(|m| view! {
                            <li>{m.full_name}{m.reason.map(|r| format!(" — {r}"))}</li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </td>
            </tr>
        }
    };

    view! {
        <section class="page" data-testid="orders-page">
            <div class="page-head">
                <h1>"Приказы о составе"</h1>
                <Show when=move || auth.can(Resource::Composition, Action::Create)>
                    <a class="btn btn-primary" href="/composition/orders/new" data-testid="new-order">"Новый приказ"</a>
                </Show>
            </div>
            <CompositionTabs />
            <ErrorBanner problem=list.error />
            <Show when=move || list.reloading()>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || list.empty()>
                <div class="empty" data-testid="empty">
                    <p class="empty-title">"Приказов нет"</p>
                    <p class="muted">"Состав утверждается приказом: нажмите «Новый приказ»."</p>
                </div>
            </Show>
            <Show when=move || !list.items.with(Vec::is_empty)>
                <table class="table" data-testid="orders-table">
                    <thead>
                        <tr>
                            <th scope="col">"Приказ"</th>
                            <th scope="col">"Название"</th>
                            <th scope="col">"Утверждены"</th>
                            <th scope="col">"Исключены"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || list.items.get() key=|o| o.id.clone() children=row />
                    </tbody>
                </table>
                <LoadMore
                    shown=Signal::derive(move || list.items.with(Vec::len))
                    total=list.total
                    has_more=Signal::derive(move || list.next.with(Option::is_some))
                    loading=list.loading
                    on_more=Callback::new(move |_| list.more(fetch))
                />
            </Show>
        </section>
    }
}

#[component]
pub fn OrderFormPage() -> impl IntoView {
    set_title("Новый приказ");
    let auth = Auth::get();
    let api = auth.api();
    let navigate = use_navigate();
    let kind = RwSignal::new(OrderKind::Approve.as_str().to_string());
    let number = RwSignal::new(String::new());
    let issued_on = RwSignal::new(today().format("%Y-%m-%d").to_string());
    let issuer = RwSignal::new(String::new());
    let title =
        RwSignal::new("Об утверждении состава муниципального сообщества тьюторов".to_string());
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
            let q = vec![
                ("status", st.as_str().to_string()),
                ("limit", "200".to_string()),
            ];
            if let Ok(p) = api.get::<Page<Member>>("/composition/members", q).await {
                target.try_set(p.items);
            }
        }
        loaded.try_set(true);
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
        let input = OrderInput {
            municipality_id: None,
            academic_year_id: None,
            kind: k,
            number: number.get_untracked().trim().to_string(),
            issued_on: date.unwrap_or_else(today),
            issuer: issuer.get_untracked().trim().to_string(),
            title: title.get_untracked().trim().to_string(),
            file_name: non_empty(file_name.get_untracked()),
            approve_member_ids: approve_ids.get_untracked(),
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
        if !errs.is_empty() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        saving.set(true);
        problem.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api
                .post::<_, CompositionOrder>("/composition/orders", &input)
                .await
            {
                Ok(_) => navigate("/composition/orders", Default::default()),
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            saving.try_set(false);
        });
    };

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

    let place = |m: &Member| {
        [
            m.position.clone(),
            m.school_name.clone().or_else(|| m.workplace.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    };

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
                let (a, b) = (m.id.clone(), m.id.clone());
                view! {
                    <label class="check block-check">
                        <input
                            type="checkbox"
                            name="approve_member_ids"
                            value=m.id.clone()
                            prop:checked=move || approve_ids.with(|v| v.contains(&a))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let id = b.clone();
                                approve_ids.update(|v| { v.retain(|x| *x != id); if on { v.push(id); } });
                            }
                        />
                        <span>
                            <span class="strong">{m.full_name.clone()}</span>
                            <span class="muted small">{format!(" — {}; {}", m.subjects.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", "), place(&m))}</span>
                        </span>
                    </label>
                }
            }).collect_view()}
        }
        .into_any()
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

    view! {
        <section class="page narrow" data-testid="order-form-page">
            <p class="crumbs">
                <a href="/composition">"Состав сообщества"</a>
                " / "
                <a href="/composition/orders">"Приказы"</a>
                " / "
                <span>"Новый приказ"</span>
            </p>
            <h1>"Новый приказ"</h1>
            <ErrorBanner problem />
            <form class="card form" on:submit=submit data-testid="order-form" novalidate=true>
                <SelectField
                    label="Вид приказа"
                    name="kind"
                    value=kind
                    options=Signal::derive(|| enum_options(OrderKind::ALL, OrderKind::as_str, OrderKind::label_ru))
                    problem
                    required=true
                />
                <div class="grid-2">
                    <TextField label="Номер" name="number" value=number problem required=true hint="Например: 01-03/24" />
                    <TextField label="Дата" name="issued_on" kind="date" value=issued_on problem required=true />
                </div>
                <TextField label="Кем издан" name="issuer" value=issuer problem required=true hint="Например: Управление образования администрации Лабинского района" />
                <TextField label="Заголовок" name="title" value=title problem required=true multiline=true />
                <TextField label="Файл приказа (имя)" name="file_name" value=file_name problem hint="Необязательно: имя файла скана или документа." />
                <fieldset class="fieldset" data-testid="approve-list">
                    <legend>"Утвердить выдвинутых"</legend>
                    <Show when=move || loaded.get() fallback=|| view! { <p class="loading">"Загрузка…"</p> }>
                        {approve_list}
                    </Show>
                    {move || field_error(problem, "approve_member_ids").map(|m| view! { <p class="field-error" data-testid="error-approve_member_ids">{m}</p> })}
                </fieldset>
                <Show when=move || kind.get() == OrderKind::Amend.as_str()>
                    <fieldset class="fieldset" data-testid="exclude-list">
                        <legend>"Исключить из состава"</legend>
                        {exclude_list}
                        {move || field_error(problem, "exclude").map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                </Show>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save" disabled=move || saving.get()>
                        {move || if saving.get() { "Сохранение…" } else { "Издать приказ" }}
                    </button>
                    <a class="btn btn-link" href="/composition/orders">"Отмена"</a>
                </div>
            </form>
        </section>
    }
}
