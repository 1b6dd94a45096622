//! `/composition/accounts`: accounts for approved members without one, in bulk. The
//! coordinator ticks members, gives each an e-mail (the login) and chooses how access
//! reaches them: initial passwords on a printable XLSX list (downloaded at once) or
//! invitations by e-mail. All or nothing: a refusal names its rows.

use leptos::prelude::*;
use tutornet_domain::accounts::{AccountsIssued, Delivery, MemberAccountsBulk, MemberEmail};
use tutornet_domain::composition::Member;
use tutornet_domain::permissions::Resource;
use tutornet_domain::text::numero;
use tutornet_domain::{FieldError, Problem};

use super::member::account::{invited_until, DeliveryChoice};
use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::form::load;
use crate::ui::{ErrorBanner, SelectField};
use crate::util::{plural, set_title};

/// A member of the list with what the coordinator filled in.
#[derive(Clone)]
struct Row {
    member: Member,
    checked: RwSignal<bool>,
    email: RwSignal<String>,
    /// The refusal of this row in the last attempt.
    error: RwSignal<Option<String>>,
}

#[component]
pub fn CompositionAccountsPage() -> impl IntoView {
    set_title("Учётные записи участников");
    let auth = Auth::get();
    let municipality_id = RwSignal::new(String::new());
    let rows = RwSignal::new(None::<Vec<Row>>);
    let delivery = RwSignal::new(Delivery::Password);
    let problem = RwSignal::new(None::<Problem>);
    let result = RwSignal::new(None::<AccountsIssued>);
    let busy = RwSignal::new(false);

    Effect::new(move |_| {
        if !municipality_id.get_untracked().is_empty() {
            return;
        }
        let own = auth.own_municipality();
        let choices = auth.municipality_choices(Resource::Composition);
        if let Some(m) = own.or_else(|| choices.first().map(|m| m.id.clone())) {
            municipality_id.set(m);
        }
    });
    let reload = move || {
        let m = municipality_id.get_untracked();
        if m.is_empty() {
            return;
        }
        rows.set(None);
        load(
            problem,
            async move { api::accounts::members_without_account(&m).await },
            move |ms| {
                rows.try_set(Some(
                    ms.into_iter()
                        .map(|member| Row {
                            member,
                            checked: RwSignal::new(false),
                            email: RwSignal::new(String::new()),
                            error: RwSignal::new(None),
                        })
                        .collect(),
                ));
            },
        );
    };
    Effect::new(move |_| {
        municipality_id.track();
        reload();
    });

    let chosen = move || -> Vec<Row> {
        rows.with(|r| {
            r.iter()
                .flatten()
                .filter(|r| r.checked.get())
                .cloned()
                .collect()
        })
    };
    let all_checked = move || {
        rows.with(|r| {
            r.as_ref()
                .is_some_and(|r| !r.is_empty() && r.iter().all(|x| x.checked.get()))
        })
    };
    let toggle_all = move |on: bool| {
        rows.with_untracked(|r| r.iter().flatten().for_each(|x| x.checked.set(on)));
    };

    let submit = move |_| {
        let picked: Vec<Row> = rows.with_untracked(|r| {
            r.iter()
                .flatten()
                .filter(|r| r.checked.get_untracked())
                .cloned()
                .collect()
        });
        rows.with_untracked(|r| r.iter().flatten().for_each(|x| x.error.set(None)));
        let body = MemberAccountsBulk {
            accounts: picked
                .iter()
                .map(|r| MemberEmail {
                    member_id: r.member.id.clone(),
                    email: r.email.get_untracked().trim().to_string(),
                })
                .collect(),
            delivery: delivery.get_untracked(),
        };
        if let Err(errors) = body.validate() {
            show_row_errors(&picked, &errors);
            problem.set(Some(validation_problem(errors)));
            return;
        }
        result.set(None);
        let sent = picked.clone();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api::accounts::member_accounts(&body).await {
                Ok(out) => {
                    api::accounts::save_password_list(&out);
                    result.try_set(Some(out));
                    reload();
                }
                Err(p) => {
                    show_row_errors(&sent, &p.errors);
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    view! {
        <section class="page" data-testid="accounts-page">
            <Crumbs parent=Route::Composition parent_label="Состав сообщества" here="Учётные записи участников" />
            <div class="page-head">
                <h1>"Учётные записи участников"</h1>
            </div>
            <p class="lead muted">
                "Участники, утверждённые приказом, у которых ещё нет учётной записи. Отметьте нужных, укажите адрес "
                "электронной почты (он станет логином) и выберите, как передать доступ."
            </p>
            <Show when=move || auth.many_municipalities(Resource::Composition)>
                <div class="card form">
                    <SelectField
                        label="Муниципалитет"
                        name="municipality_id"
                        value=municipality_id
                        options=Signal::derive(move || auth.municipality_choices(Resource::Composition).into_iter().map(|m| (m.id, m.name)).collect::<Vec<_>>())
                    />
                </div>
            </Show>
            <ErrorBanner problem />
            {move || result.get().map(|out| view! { <BulkResult out /> })}
            <div class="card">
                {move || match rows.get() {
                    None => view! { <p class="loading" data-testid="loading">"Загрузка…"</p> }.into_any(),
                    Some(list) if list.is_empty() => view! {
                        <p class="muted" data-testid="accounts-empty">"У всех утверждённых участников уже есть учётные записи."</p>
                    }.into_any(),
                    Some(list) => view! {
                        <div class="table-wrap">
                            <table class="table" data-testid="accounts-table">
                                <thead>
                                    <tr>
                                        <th class="check-col">
                                            <input type="checkbox" aria-label="Отметить всех" data-testid="accounts-all"
                                                prop:checked=all_checked on:change:target=move |ev| toggle_all(ev.target().checked()) />
                                        </th>
                                        <th>"ФИО"</th>
                                        <th>"Школа, должность"</th>
                                        <th>"Электронная почта (логин)"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! { <MemberRow r /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <DeliveryChoice delivery name="bulk-delivery" />
                        <div class="form-actions">
                            <button type="button" class="btn btn-primary" data-testid="accounts-submit"
                                disabled=move || busy.get() || chosen().is_empty() on:click=submit>
                                {move || {
                                    let n = chosen().len() as i64;
                                    if busy.get() {
                                        "Создание…".to_string()
                                    } else if n == 0 {
                                        "Отметьте участников".to_string()
                                    } else {
                                        format!("Создать {n} {}", plural(n, "учётную запись", "учётные записи", "учётных записей"))
                                    }
                                }}
                            </button>
                        </div>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Puts each error of `accounts[n].…` next to the n-th sent row.
fn show_row_errors(sent: &[Row], errors: &[FieldError]) {
    for e in errors {
        let Some(n) = e
            .field
            .strip_prefix("accounts[")
            .and_then(|s| s.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        if let Some(r) = sent.get(n) {
            let msg = match r.error.get_untracked() {
                Some(m) => format!("{m}; {}", e.message),
                None => e.message.clone(),
            };
            r.error.set(Some(msg));
        }
    }
}

#[component]
fn MemberRow(r: Row) -> impl IntoView {
    let Row {
        member: m,
        checked,
        email,
        error,
    } = r;
    let place = [m.school_name.as_deref().map(numero), m.position.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let id = format!("acc-{}", m.id);
    view! {
        <tr data-testid="accounts-row" class:row-error=move || error.with(Option::is_some)>
            <td class="check-col">
                <input type="checkbox" id=id.clone() data-testid="accounts-check" aria-label=format!("Отметить: {}", m.full_name)
                    prop:checked=move || checked.get() on:change:target=move |ev| checked.set(ev.target().checked()) />
            </td>
            <td data-label="ФИО">
                <label for=id class="strong" data-testid="accounts-name">{m.full_name.clone()}</label>
            </td>
            <td data-label="Школа, должность" class="small">{if place.is_empty() { "—".to_string() } else { place }}</td>
            <td data-label="Электронная почта">
                <input type="email" class="input" data-testid="accounts-email" autocomplete="off" placeholder="name@school.ru"
                    aria-label=format!("Электронная почта: {}", m.full_name)
                    prop:value=move || email.get()
                    on:input:target=move |ev| {
                        email.set(ev.target().value());
                        if !ev.target().value().is_empty() {
                            checked.set(true);
                        }
                        error.set(None);
                    } />
                {move || error.get().map(|e| view! { <p class="field-error" data-testid="row-error">{e}</p> })}
            </td>
        </tr>
    }
}

/// What bulk creation made: the list of logins with the download of passwords, or the
/// invitations sent.
#[component]
fn BulkResult(out: AccountsIssued) -> impl IntoView {
    let n = out.accounts.len() as i64;
    let has_file = out.file_base64.is_some();
    let accounts = out.accounts.clone();
    let out = StoredValue::new(out);
    view! {
        <div class="card" data-testid="accounts-result">
            <div class="banner banner-ok" role="status">
                {format!("Создано: {n} {}. ", plural(n, "учётная запись", "учётные записи", "учётных записей"))}
                {if has_file {
                    "Список начальных паролей (XLSX) скачан: распечатайте и передайте лично; пароль нужно сменить при первом входе."
                } else {
                    "Приглашения отправлены по электронной почте."
                }}
            </div>
            {has_file.then(|| view! {
                <p><button type="button" class="btn" data-testid="accounts-download"
                    on:click=move |_| { out.with_value(api::accounts::save_password_list); }>"Скачать список ещё раз"</button></p>
            })}
            <ul class="plain-list" data-testid="accounts-issued">
                {accounts.into_iter().map(|a| {
                    let how = if a.initial_password.is_some() {
                        "пароль в списке".to_string()
                    } else {
                        ["приглашение отправлено".to_string(), invited_until(&a).unwrap_or_default()]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    view! {
                        <li data-testid="accounts-issued-row">
                            <span class="strong">{a.full_name.clone()}</span>
                            " — " {a.email.clone()} <span class="muted small">{format!(" ({how})")}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
