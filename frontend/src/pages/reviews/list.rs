//! `/reviews`: documents sent for an expert review, with filters; the coordinator also
//! sees the reviews per school.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::reviews::{
    DocumentType, Review, ReviewFilter, ReviewSchoolCount, ReviewStatus,
};
use tutornet_domain::Role;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::fields::enum_options;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::Paged;
use crate::util::{non_empty, plural, set_title};

#[component]
pub fn ReviewStatusBadge(status: ReviewStatus) -> impl IntoView {
    let class = match status {
        ReviewStatus::Submitted | ReviewStatus::Resubmitted => "badge st-new",
        ReviewStatus::Returned => "badge st-warn",
        ReviewStatus::Assigned | ReviewStatus::InReview => "badge st-progress",
        ReviewStatus::Accepted => "badge st-done",
        ReviewStatus::Rejected => "badge badge-archived",
    };
    view! { <span class=class data-testid="review-status" data-status=status.as_str()>{status.label_ru()}</span> }
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    set_title("Экспертиза");
    let auth = Auth::get();
    let query = use_query_map();
    let init = |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let status = RwSignal::new(init("status"));
    let doc_type = RwSignal::new(init("document_type"));
    let school_id = RwSignal::new(init("school_id"));
    let stale = RwSignal::new(init("stale_days"));
    let schools = RwSignal::new(Vec::<ReviewSchoolCount>::new());
    let coordinates = move || matches!(auth.role(), Role::Coordinator | Role::Admin);
    spawn_local(async move {
        if matches!(auth.role(), Role::Coordinator | Role::Admin) {
            if let Ok(v) = api::reviews::by_school().await {
                schools.try_set(v);
            }
        }
    });
    let list = Paged::<Review>::new();
    let fetch = move |cursor: Option<String>| {
        let filter = ReviewFilter {
            status: ReviewStatus::parse(&status.get_untracked()),
            document_type: DocumentType::parse(&doc_type.get_untracked()),
            school_id: non_empty(school_id.get_untracked()),
            stale_days: stale.get_untracked().trim().parse().ok(),
            limit: Some(50),
            cursor,
            ..Default::default()
        };
        async move { api::reviews::list(&filter).await }
    };
    Effect::new(move |_| {
        status.track();
        doc_type.track();
        school_id.track();
        stale.track();
        list.load(None, fetch);
    });
    let intro = move || {
        match auth.role() {
        Role::Teacher => "Ваши документы на экспертизе: рабочие программы, КТП, технологические карты, портфолио.",
        Role::SchoolAdmin => "Документы вашей школы на экспертизе.",
        Role::Tutor => "Документы, по которым вы назначены экспертом.",
        _ => "Экспертиза документов школ муниципалитета.",
    }
    };
    let row = move |r: Review| {
        let href = Route::Review(r.id.clone()).path();
        view! {
            <tr data-testid="review-row" data-id=r.id.clone()>
                <td data-label="Документ">
                    <a class="strong" href=href>{r.title.clone()}</a>
                    <div class="muted small">
                        {r.document_type.label_ru()}
                        {r.subject_name.clone().map(|s| format!(" · {s}"))}
                        {r.grades.clone().map(|g| format!(" · {g} кл."))}
                    </div>
                </td>
                <td data-label="Школа, автор">
                    {tutornet_domain::text::numero(&r.school_name)}
                    <div class="muted small">{r.author_name.clone()}</div>
                </td>
                <td data-label="Эксперт">{r.expert_name.clone().unwrap_or_else(|| "—".to_string())}</td>
                <td data-label="Статус">
                    <span class="badges">
                        <ReviewStatusBadge status=r.status />
                        {(r.status.is_open() && r.age_days >= 14).then(|| view! {
                            <span class="badge st-stale" data-testid="stale-flag">{format!("без движения {} дн.", r.age_days)}</span>
                        })}
                    </span>
                </td>
                <td data-label="Срок" class="nowrap">{r.due_on.map(tutornet_domain::text::format_date_ru).unwrap_or_else(|| "—".into())}</td>
            </tr>
        }
    };
    let select = move |label: &'static str,
                       name: &'static str,
                       value: RwSignal<String>,
                       all: &'static str,
                       opts: Vec<(String, String)>| {
        view! {
            <label class="filter-field">
                <span class="filter-label">{label}</span>
                <select name=name on:change:target=move |ev| value.set(ev.target().value())>
                    <option value="" prop:selected=move || value.with(String::is_empty)>{all}</option>
                    {opts.into_iter().map(|(v, l)| {
                        let v2 = v.clone();
                        view! { <option value=v prop:selected=move || value.with(|c| *c == v2)>{l}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let submits = move || {
        auth.can(Resource::Review, Action::Create)
            && matches!(auth.role(), Role::Teacher | Role::SchoolAdmin)
    };
    let per_school = move || {
        let rows = schools.get();
        (!rows.is_empty()).then(|| view! {
            <div class="card reviews-by-school" data-testid="reviews-by-school">
                <h2>"По школам"</h2>
                <table class="table compact">
                    <thead><tr><th>"Школа"</th><th>"В работе"</th><th>"Приняты"</th><th>"Не приняты"</th><th>"Без движения"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|c| {
                            let href = Route::Reviews.with1("school_id", c.school_id.clone());
                            view! {
                                <tr data-testid="school-count">
                                    <td data-label="Школа"><a href=href>{tutornet_domain::text::numero(&c.school_name)}</a></td>
                                    <td data-label="В работе">{c.open}</td>
                                    <td data-label="Приняты">{c.accepted}</td>
                                    <td data-label="Не приняты">{c.rejected}</td>
                                    <td data-label="Без движения" class:warn={c.stale > 0}>{c.stale}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="page" data-testid="reviews-page">
            <PageHead title="Экспертиза документов">
                <CreateLink allowed=Signal::derive(submits) href=Route::ReviewNew.path() testid="new-review" label="Подать документ" />
            </PageHead>
            <p class="lead muted">{intro}</p>
            <Show when=coordinates>{per_school}</Show>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default() data-testid="review-filters">
                {select("Статус", "status", status, "Все статусы", enum_options(ReviewStatus::ALL, ReviewStatus::as_str, ReviewStatus::label_ru))}
                {select("Вид документа", "document_type", doc_type, "Все виды", enum_options(DocumentType::ALL, DocumentType::as_str, DocumentType::label_ru))}
                {select("Без движения", "stale_days", stale, "Не важно", vec![
                    ("7".to_string(), "7 дней и дольше".to_string()),
                    ("14".to_string(), "14 дней и дольше".to_string()),
                ])}
            </form>
            <PagedTable
                list
                fetch
                total=("reviews-total", |t| format!("Найдено: {t} {}", plural(t, "документ", "документа", "документов")))
                empty_title="Документов на экспертизе нет"
                empty_hint=move || if submits() { "Нажмите «Подать документ», чтобы отправить КТП или рабочую программу эксперту." } else { "Поданные документы появятся здесь." }
                testid="reviews-table"
                dim=true
                columns=columns(&["Документ", "Школа, автор", "Эксперт", "Статус", "Срок"])
                key=|r: &Review| (r.id.clone(), r.version)
                row=row
            />
        </section>
    }
}
