//! `/composition`: members of the tutor community of the current academic year, with
//! the export of the order's appendix (XLSX, DOCX).

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{ExportQuery, Member, MemberFilter, MemberStatus};
use tutornet_domain::org::AcademicYear;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::{Problem, Role};

use super::CompositionTabs;
use crate::api;
use crate::auth::Auth;
use crate::pages::composition::member::form::MemberForm;
use crate::pages::composition::subject_names;
use crate::routes::Route;
use crate::ui::community::{LevelBadge, MemberStatusBadge};
use crate::ui::fields::enum_options;
use crate::ui::filters::{FilterField, MunicipalityFilter, SearchField};
use crate::ui::layout::PrintButton;
use crate::ui::table::{columns, PagedTable};
use crate::ui::{Banner, ErrorBanner, Paged};
use crate::util::{non_empty, plural, set_title};

#[component]
pub fn CompositionPage() -> impl IntoView {
    set_title("Состав сообщества");
    let auth = Auth::get();
    let status = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let q_applied = RwSignal::new(String::new());
    let on_date = RwSignal::new(String::new());
    let municipality_id = RwSignal::new(String::new());
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let year = RwSignal::new(None::<AcademicYear>);
    let export_problem = RwSignal::new(None::<Problem>);
    let exporting = RwSignal::new(false);
    spawn_local(async move {
        subject_options.try_set(api::reference::subjects().await);
        year.try_set(api::reference::current_year().await);
    });

    let list = Paged::<Member>::new();
    let fetch = move |cursor: Option<String>| {
        let filter = MemberFilter {
            status: MemberStatus::parse(&status.get_untracked()),
            subject_id: non_empty(subject_id.get_untracked()),
            q: non_empty(q_applied.get_untracked()),
            on_date: on_date.get_untracked().parse().ok(),
            municipality_id: non_empty(municipality_id.get_untracked()),
            limit: Some(100),
            cursor,
            ..Default::default()
        };
        async move { api::composition::members(&filter).await }
    };
    Effect::new(move |_| {
        status.track();
        subject_id.track();
        q_applied.track();
        on_date.track();
        municipality_id.track();
        list.load(None, fetch);
    });
    let apply_q = Callback::new(move |_| q_applied.set(q.get_untracked().trim().to_string()));

    let export = move |ext: &'static str| {
        exporting.set(true);
        export_problem.set(None);
        spawn_local(async move {
            let query = ExportQuery {
                municipality_id: non_empty(municipality_id.get_untracked()),
                on_date: on_date.get_untracked().parse().ok(),
                ..Default::default()
            };
            if let Err(p) = api::composition::export(ext, &query).await {
                export_problem.try_set(Some(p));
            }
            exporting.try_set(false);
        });
    };

    // «Добавить участника» (coordinators): the inline form and what it reports.
    let adding = RwSignal::new(false);
    let added = RwSignal::new(None::<Member>);
    let added_message = RwSignal::new(None::<String>);
    let on_saved = Callback::new(move |m: Member| {
        adding.set(false);
        added_message.set(Some(format!(
            "Участник «{}» добавлен как выдвинутый. В состав его включит приказ.",
            m.full_name
        )));
        added.set(Some(m));
        list.load(None, fetch);
    });
    let on_cancel = Callback::new(move |_| adding.set(false));

    let row = move |m: Member| {
        let subjects = subject_names(&m);
        let place = match (&m.position, &m.school_name, &m.workplace) {
            (p, Some(s), _) => format!(
                "{}{}",
                p.as_ref().map(|p| format!("{p}, ")).unwrap_or_default(),
                tutornet_domain::text::numero(s)
            ),
            (p, None, Some(w)) => format!(
                "{}{w}",
                p.as_ref().map(|p| format!("{p}, ")).unwrap_or_default()
            ),
            (Some(p), None, None) => p.clone(),
            _ => "—".to_string(),
        };
        let note = match m.status {
            MemberStatus::Approved => m.approved_on.map(|d| format!("с {}", format_date_ru(d))),
            MemberStatus::Excluded => m.excluded_on.map(|d| {
                format!(
                    "с {}{}",
                    format_date_ru(d),
                    m.exclusion_reason
                        .as_ref()
                        .map(|r| format!(": {r}"))
                        .unwrap_or_default()
                )
            }),
            MemberStatus::Nominated => None,
        };
        let attachments = m
            .attachments
            .iter()
            .filter_map(|a| {
                a.school_name
                    .as_deref()
                    .map(tutornet_domain::text::numero)
                    .or_else(|| a.teacher_name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <tr data-testid="member-row" class:archived=m.status == MemberStatus::Excluded>
                <td data-label="ФИО">
                    <a class="strong" href=Route::Member(m.id.to_string()).path() data-testid="member-link">{m.full_name.clone()}</a>
                    {(!attachments.is_empty()).then(|| view! { <div class="muted small">{format!("Закреплён: {attachments}")}</div> })}
                </td>
                <td data-label="Предмет">{subjects}</td>
                <td data-label="Должность, место работы">{place}</td>
                <td data-label="Уровень"><LevelBadge level=m.level /></td>
                <td data-label="Статус">
                    <MemberStatusBadge status=m.status />
                    {note.map(|n| view! { <div class="muted small">{n}</div> })}
                </td>
            </tr>
        }
    };

    view! {
        <section class="page" data-testid="composition-page">
            <div class="page-head">
                <h1>"Состав сообщества"</h1>
                <div class="actions">
                    <Show when=move || auth.can(Resource::Composition, Action::Create) && !adding.get()>
                        <button type="button" class="btn btn-primary" data-testid="add-member" on:click=move |_| { added_message.set(None); adding.set(true); }>
                            "Добавить участника"
                        </button>
                    </Show>
                    <Show when=move || auth.can(Resource::Composition, Action::Update) && auth.can(Resource::User, Action::Create)>
                        <a class="btn" href=Route::CompositionAccounts.path() data-testid="member-accounts">"Учётные записи участников"</a>
                    </Show>
                    <button type="button" class="btn" data-testid="export-xlsx" disabled=move || exporting.get() on:click=move |_| export("xlsx")>
                        "Скачать XLSX"
                    </button>
                    <button type="button" class="btn" data-testid="export-docx" disabled=move || exporting.get() on:click=move |_| export("docx")>
                        "Скачать DOCX"
                    </button>
                    <PrintButton />
                </div>
            </div>
            <CompositionTabs />
            <p class="lead muted">
                {move || year.get().map(|y| format!("Учебный год {}. ", y.name))}
                "Приложение к приказу: № п/п, предмет, ФИО, должность и место работы. Экспорт — утверждённый состав на дату."
            </p>
            <ErrorBanner problem=export_problem />
            <Banner message=added_message />
            {move || added_message.with(Option::is_some).then(|| added.get().map(|m| view! {
                <p class="no-print"><a href=Route::Member(m.id.to_string()).path() data-testid="added-member-link">"Открыть карточку участника"</a></p>
            })).flatten()}
            <Show when=move || adding.get()>
                <div class="narrow-block no-print">
                    <MemberForm municipality_id=municipality_id on_saved on_cancel />
                </div>
            </Show>
            <form class="filters" role="search" on:submit=move |ev| { ev.prevent_default(); q_applied.set(q.get_untracked().trim().to_string()); }>
                <SearchField value=q placeholder="Фамилия, имя" on_pause=apply_q />
                <FilterField label="Статус">
                    <select name="status" on:change:target=move |ev| status.set(ev.target().value())>
                        <option value="">"Все"</option>
                        {enum_options(MemberStatus::ALL, MemberStatus::as_str, MemberStatus::label_ru).into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </FilterField>
                <FilterField label="Предмет">
                    <select name="subject_id" on:change:target=move |ev| subject_id.set(ev.target().value())>
                        <option value="">"Все предметы"</option>
                        {move || subject_options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </FilterField>
                <FilterField label="На дату">
                    <input type="date" name="on_date" prop:value=move || on_date.get() on:change:target=move |ev| on_date.set(ev.target().value()) />
                </FilterField>
                <MunicipalityFilter
                    resource=Resource::Composition
                    all="Свой"
                    selected=municipality_id
                    on_change=Callback::new(move |v| municipality_id.set(v))
                />
            </form>
            <Show when=move || !on_date.with(String::is_empty)>
                <p class="hint">"На дату показываются только тьюторы, утверждённые на этот день."</p>
            </Show>
            <PagedTable
                list
                fetch
                total=("members-total", |t| format!("В списке: {t} {}", plural(t, "участник", "участника", "участников")))
                empty_title="Участников не найдено"
                empty_hint=move || if matches!(auth.role(), Role::Coordinator | Role::Admin) {
                            "Загрузите таблицу состава («Импорт таблицы») или одобрите выдвижения школ."
                        } else {
                            crate::ui::filters::empty_hint(
                                [status, subject_id, q_applied, on_date, municipality_id]
                                    .iter()
                                    .any(|s| !s.with(String::is_empty)),
                                "Состав сообщества на этот учебный год ещё не утверждён.",
                            )
                        }
                testid="members-table"
                dim=true
                columns=columns(&["ФИО", "Предмет", "Должность, место работы", "Уровень", "Статус"])
                key=|m: &Member| (m.id.clone(), m.meta.version)
                row=row
            />
        </section>
    }
}
