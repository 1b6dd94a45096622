//! `/municipalities`: the region's municipalities — name, the prepositional name orders
//! write after «в» («в Лесогорском районе»), own time zone; the regional administrator
//! adds, renames, archives and restores them, everyone else reads.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::org::{Municipality, MunicipalityInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::ui::dictionary::{
    count_of, edited, on_form_done, DictionaryPage, Editing, EntryActions,
};
use crate::ui::form::{load, send, valid, SaveBar};
use crate::ui::{ArchivedBadge, TextField};
use crate::util::{non_empty, set_title};

const NOUN: &str = "municipalities";

#[component]
pub fn MunicipalitiesPage() -> impl IntoView {
    set_title("Муниципалитеты");
    let auth = Auth::get();
    let items = RwSignal::new(None::<Vec<Municipality>>);
    let problem = RwSignal::new(None::<Problem>);
    let editing = RwSignal::new(Editing::None);
    let busy = RwSignal::new(false);
    let reload = move || {
        load(
            problem,
            api::reference::municipalities_with_archived(),
            move |v| {
                items.try_set(Some(v));
            },
        )
    };
    reload();
    let can_write = Signal::derive(move || auth.can(Resource::Municipality, Action::Update));
    let archive = move |m: Municipality| {
        let restore = m.meta.archived_at.is_some();
        let id = m.id.clone();
        send(
            busy,
            problem,
            async move {
                if restore {
                    api::client::post::<_, Municipality>(
                        &format!("/{NOUN}/{id}/restore"),
                        &serde_json::json!({}),
                    )
                    .await
                } else {
                    api::reference::archive::<Municipality>(NOUN, &id).await
                }
            },
            move |_| reload(),
        );
    };
    let rows = move || {
        items.get().map(|ms| {
            ms.into_iter()
                .map(|m| {
                    let archived = m.meta.archived_at.is_some();
                    let label = if archived { "Восстановить" } else { "В архив" };
                    let target = m.clone();
                    let run = Callback::new(move |_| archive(target.clone()));
                    view! {
                        <tr data-testid="municipality-row">
                            <td>{m.name.clone()} {archived.then(|| view! { " " <ArchivedBadge /> })}</td>
                            <td>{m.name_prepositional.clone().map(|p| format!("{} {p}", tutornet_domain::text::preposition_v(&p))).unwrap_or_else(|| "не указано".into())}</td>
                            <td>{m.effective_time_zone.clone()}
                                {m.time_zone.is_none().then(|| view! { <span class="muted">" (как у региона)"</span> })}</td>
                            <EntryActions can_write editing id=m.id.clone() busy archive=(label, run) />
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let form = move || {
        edited(editing, items, |m: &Municipality| &m.id).map(|current| {
            view! { <MunicipalityForm current on_done=on_form_done(editing, reload) /> }
        })
    };
    view! {
        <DictionaryPage title="Муниципалитеты" add_label="Добавить муниципалитет" can_write editing problem
            count=count_of(items)>
            {form}
            <table class="table" data-testid="municipalities">
                <thead><tr>
                    <th>"Наименование"</th><th>"В приказах"</th><th>"Часовой пояс"</th>
                    <Show when=move || can_write.get()><th class="no-print"></th></Show>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </DictionaryPage>
    }
}

#[component]
fn MunicipalityForm(current: Option<Municipality>, on_done: Callback<bool>) -> impl IntoView {
    let name = RwSignal::new(current.as_ref().map(|m| m.name.clone()).unwrap_or_default());
    let prepositional = RwSignal::new(
        current
            .as_ref()
            .and_then(|m| m.name_prepositional.clone())
            .unwrap_or_default(),
    );
    let zone = RwSignal::new(
        current
            .as_ref()
            .and_then(|m| m.time_zone.clone())
            .unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let current = StoredValue::new(current);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = MunicipalityInput {
            name: name.get_untracked().trim().to_string(),
            name_prepositional: non_empty(prepositional.get_untracked()),
            time_zone: non_empty(zone.get_untracked()),
            version: current.with_value(|c| c.as_ref().map(|m| m.meta.version)),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let id = current.with_value(|c| c.as_ref().map(|m| m.id.clone()));
        send(
            saving,
            problem,
            async move { api::reference::save::<_, Municipality>(NOUN, id.as_deref(), &input).await },
            move |_| on_done.run(true),
        );
    };
    view! {
        <form class="form card" on:submit=submit data-testid="municipality-form" novalidate>
            <h2>{move || if current.with_value(Option::is_some) { "Изменение муниципалитета" } else { "Новый муниципалитет" }}</h2>
            <TextField label="Наименование" name="name" value=name problem required=true />
            <TextField label="В предложном падеже (после «в»)" name="name_prepositional" value=prepositional problem
                hint="Как в заголовке приказа: «Лабинском районе» → «Состав сообщества тьюторов в Лабинском районе»" />
            <TextField label="Свой часовой пояс" name="time_zone" value=zone problem
                hint="Имя IANA, например Asia/Yekaterinburg; пусто — как у региона" />
            <SaveBar busy=saving on_cancel=Callback::new(move |_| on_done.run(false)) />
        </form>
    }
}
