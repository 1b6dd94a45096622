//! `/`: the start page — «Мои дела» for the caller's role, and for those who run the
//! registry (admin, coordinator, observer) its counts in their scope.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::permissions::{scope, Action, Resource, Role, Scope};
use tutornet_domain::stats::Stats;
use tutornet_domain::text::polite_name;
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::pages::agenda::AgendaPanel;
use crate::routes::Route;
use crate::ui::ErrorBanner;
use crate::util::{plural, set_title};

/// «Анна Петровна» from «Иванова Анна Петровна» (the polite form of address).
struct Card {
    key: &'static str,
    value: String,
    label: String,
    note: &'static str,
    href: Option<String>,
}

fn card(
    key: &'static str,
    n: i64,
    forms: [&'static str; 3],
    note: &'static str,
    href: Option<String>,
) -> Card {
    Card {
        key,
        value: n.to_string(),
        label: plural(n, forms[0], forms[1], forms[2]).to_string(),
        note,
        href,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Главная");
    let auth = Auth::get();
    let stats = RwSignal::new(None::<Stats>);
    let problem = RwSignal::new(None::<Problem>);
    spawn_local(async move {
        match api::dashboard::stats().await {
            Ok(s) => {
                stats.try_set(Some(s));
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });

    let greeting = move || {
        auth.me.with(|m| {
            m.as_ref()
                .map(|m| format!("Здравствуйте, {}!", polite_name(&m.full_name)))
        })
    };
    let scope_line = move || {
        auth.me.with(|m| {
            m.as_ref()
                .map(|m| match scope(m.role, Resource::Stats, Action::Read) {
                    Some(Scope::Region) => format!("Сводка по региону: {}", m.region_name),
                    Some(Scope::School) => format!(
                        "Сводка по школе: {}",
                        m.school_name.clone().unwrap_or_default()
                    ),
                    _ => format!(
                        "Сводка по муниципалитету: {}",
                        m.municipality_name
                            .clone()
                            .unwrap_or_else(|| m.region_name.clone())
                    ),
                })
        })
    };
    let sees_users = move || auth.sees_others(Resource::User);
    // Registry counts mean something to those who see more than their own school.
    let sees_registry = move || {
        auth.me.with(|m| {
            m.as_ref()
                .is_some_and(|m| matches!(m.role, Role::Admin | Role::Coordinator | Role::Observer))
        })
    };

    let cards = move || {
        stats.get().map(|s| {
            let mut v = vec![
                card(
                    "schools",
                    s.schools,
                    ["школа", "школы", "школ"],
                    "в реестре",
                    Some(Route::Schools.path()),
                ),
                card(
                    "low_results",
                    s.low_results_schools,
                    ["ШНОР", "ШНОР", "ШНОР"],
                    "с низкими образовательными результатами",
                    Some(Route::Schools.with1("is_low_results", "true")),
                ),
                card(
                    "difficult_conditions",
                    s.difficult_conditions_schools,
                    ["ШССУ", "ШССУ", "ШССУ"],
                    "в сложных социальных условиях",
                    Some(Route::Schools.with1("is_difficult_conditions", "true")),
                ),
                card(
                    "500plus",
                    s.schools_500plus,
                    ["школа «500+»", "школы «500+»", "школ «500+»"],
                    "участники проекта «500+»",
                    Some(Route::Schools.with1("is_500plus", "true")),
                ),
                card(
                    "mentor",
                    s.mentor_schools,
                    ["школа-наставник", "школы-наставника", "школ-наставников"],
                    "сопровождают другие школы",
                    Some(Route::Schools.with1("is_mentor", "true")),
                ),
            ];
            if sees_users() {
                v.push(card(
                    "users",
                    s.users,
                    ["пользователь", "пользователя", "пользователей"],
                    "активные учётные записи",
                    Some(Route::Users.path()),
                ));
            }
            v.push(card(
                "municipalities",
                s.municipalities,
                ["муниципалитет", "муниципалитета", "муниципалитетов"],
                "муниципальные образования",
                None,
            ));
            v.push(Card {
                key: "academic_year",
                value: s
                    .current_academic_year
                    .clone()
                    .unwrap_or_else(|| "—".to_string()),
                label: "текущий учебный год".to_string(),
                note: "1 сентября — 31 августа",
                href: None,
            });
            v.into_iter()
                .map(|c| {
                    let inner = view! {
                        <span class="stat-value">{c.value}</span>
                        <span class="stat-label">{c.label}</span>
                        <span class="stat-note">{c.note}</span>
                    };
                    let testid = format!("stat-{}", c.key);
                    match c.href {
                        Some(h) => view! {
                            <a class="stat stat-link" href=h data-testid=testid>{inner}</a>
                        }
                        .into_any(),
                        None => {
                            view! { <div class="stat" data-testid=testid>{inner}</div> }.into_any()
                        }
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="page" data-testid="home">
            <h1>{greeting}</h1>
            <p class="muted lead">{scope_line}</p>
            <AgendaPanel />
            <crate::pages::trajectories::mine::MyTrajectories />
            <Show when=sees_registry>
            <h2>"Реестр"</h2>
            <ErrorBanner problem />
            <Show
                when=move || stats.with(Option::is_some)
                fallback=move || {
                    view! {
                        <Show when=move || problem.with(Option::is_none)>
                            <p class="loading" data-testid="loading">"Загрузка…"</p>
                        </Show>
                    }
                }
            >
                <div class="stats" data-testid="stats">{cards}</div>
            </Show>
            </Show>
            <Show when=move || {
                auth.can(Resource::School, Action::Create) || auth.can(Resource::User, Action::Create)
            }>
                <h2>"Быстрые действия"</h2>
                <p class="actions">
                    <Show when=move || auth.can(Resource::School, Action::Create)>
                        <a class="btn" href=Route::SchoolNew.path()>"Добавить школу"</a>
                    </Show>
                    <Show when=move || auth.can(Resource::User, Action::Create)>
                        <a class="btn" href=Route::UserNew.path()>"Добавить пользователя"</a>
                    </Show>
                </p>
            </Show>
        </section>
    }
}
