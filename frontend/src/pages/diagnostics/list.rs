//! `/diagnostics`: the campaigns in the user's reach, newest first; coordinators start
//! a new one (title, date, method, respondents, threshold).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tutornet_domain::growth::diagnostics::{
    Campaign, CampaignFilter, CampaignInput, CampaignMethod, Respondents, DEFAULT_THRESHOLD,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::choices::EnumField;
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::layout::PageHead;
use crate::ui::table::{columns, PagedTable};
use crate::ui::{ErrorBanner, Paged, TextField};
use crate::util::{plural, set_title};

fn campaign_row(c: Campaign) -> impl IntoView {
    view! {
        <tr data-testid="campaign-row">
            <td data-label="Диагностика"><a class="strong" href=Route::Campaign(c.id.clone()).path()>{c.title.clone()}</a></td>
            <td data-label="Дата">{format_date_ru(c.held_on)}</td>
            <td data-label="Способ">{c.method.label_ru()}</td>
            <td data-label="Кого">{c.respondents.label_ru()}</td>
            <td data-label="Участников" class="num">{c.people}</td>
        </tr>
    }
}

#[component]
pub fn DiagnosticsPage() -> impl IntoView {
    set_title("Диагностика дефицитов");
    let auth = Auth::get();
    let list = Paged::<Campaign>::new();
    let fetch = move |cursor: Option<String>| {
        let f = CampaignFilter {
            cursor,
            ..Default::default()
        };
        async move { api::growth::campaigns(&f).await }
    };
    list.load(None, fetch);
    let open = RwSignal::new(false);
    view! {
        <section class="page" data-testid="diagnostics-page">
            <PageHead title="Диагностика профессиональных дефицитов">
                <Show when=move || auth.can(Resource::Diagnostics, Action::Create) && !open.get()>
                    <button type="button" class="btn btn-primary" data-testid="new-campaign" on:click=move |_| open.set(true)>
                        "Новая диагностика"
                    </button>
                </Show>
            </PageHead>
            <p class="muted">"Анкетирование или экспертная оценка педагогов и руководителей по показателям: разработка учебных материалов, формирующее оценивание, разработка КИМ, предметные, методические, психолого-педагогические, коммуникативные и цифровые компетенции. Балл ниже порога — дефицит."</p>
            <Show when=move || open.get()>
                <NewCampaign on_cancel=Callback::new(move |_| open.set(false)) />
            </Show>
            <PagedTable
                list
                fetch
                total=("campaigns-total", |t| format!("{t} {}", plural(t, "диагностика", "диагностики", "диагностик")))
                empty_title="Диагностик пока нет"
                empty_hint=|| "Координатор начинает диагностику и загружает её результаты таблицей."
                testid="campaigns-table"
                columns=columns(&["Диагностика", "Дата", "Способ", "Кого", "Участников"])
                key=|c: &Campaign| (c.id.clone(), c.meta.version)
                row=campaign_row
            />
        </section>
    }
}

#[component]
fn NewCampaign(on_cancel: Callback<()>) -> impl IntoView {
    let auth = Auth::get();
    let navigate = use_navigate();
    let text = || RwSignal::new(String::new());
    let (title, held_on, method, respondents) = (text(), text(), text(), text());
    let threshold = RwSignal::new(DEFAULT_THRESHOLD.to_string());
    let (problem, busy) = (RwSignal::new(None::<Problem>), RwSignal::new(false));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = CampaignInput {
            municipality_id: auth.own_municipality().unwrap_or_default(),
            academic_year_id: None,
            title: title.get_untracked(),
            held_on: held_on.get_untracked().parse().ok(),
            method: CampaignMethod::parse(&method.get_untracked()),
            respondents: Respondents::parse(&respondents.get_untracked()),
            threshold: threshold.get_untracked().trim().parse().ok(),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let navigate = navigate.clone();
        send(
            busy,
            problem,
            async move { api::growth::create_campaign(&input).await },
            move |c| navigate(&Route::Campaign(c.id).path(), Default::default()),
        );
    };
    view! {
        <form class="card form" data-testid="campaign-form" on:submit=submit novalidate>
            <h2>"Новая диагностика"</h2>
            <ErrorBanner problem />
            <TextField label="Название" name="title" value=title problem required=true hint="Например: Диагностика дефицитов учителей математики ШНОР" />
            <div class="grid-2">
                <TextField label="Дата проведения" name="held_on" kind="date" value=held_on problem required=true />
                <TextField label="Порог дефицита, %" name="threshold" kind="number" value=threshold problem hint="Балл ниже порога — дефицит" />
            </div>
            <div class="grid-2">
                <EnumField label="Способ" name="method" value=method problem all=CampaignMethod::ALL key=CampaignMethod::as_str text=CampaignMethod::label_ru placeholder="— выберите —" required=true />
                <EnumField label="Кого диагностируют" name="respondents" value=respondents problem all=Respondents::ALL key=Respondents::as_str text=Respondents::label_ru placeholder="— выберите —" required=true />
            </div>
            <SaveBar busy label="Начать диагностику" on_cancel />
        </form>
    }
}
