//! `/meetings`: the meetings in the user's reach, the latest first; coordinators call new ones.

use leptos::prelude::*;
use tutornet_domain::meetings::{MeetingFilter, MeetingStatus, MeetingSummary};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::fields::enum_options;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::{Paged, SelectField};
use crate::util::{plural, set_title};

pub fn status_badge(s: MeetingStatus) -> impl IntoView {
    let class = match s {
        MeetingStatus::Planned => "badge badge-info",
        MeetingStatus::Held => "badge badge-warn",
        MeetingStatus::Signed => "badge badge-ok",
    };
    view! { <span class=class data-testid="meeting-status">{s.label_ru()}</span> }
}

fn row(m: MeetingSummary) -> impl IntoView {
    view! {
        <tr data-testid="meeting-row">
            <td data-label="Дата">{format!("{} {}", format_date_ru(m.held_on), m.starts_at)}</td>
            <td data-label="Тема">
                <a class="strong" href=Route::Meeting(m.id.clone()).path()>{m.topic.clone()}</a>
                <br /><span class="muted small">{m.kind.label_ru()}</span>
            </td>
            <td data-label="Место">{m.place.clone()}</td>
            <td data-label="Статус">{status_badge(m.status)}</td>
            <td data-label="Открытых поручений" class="num">
                {if m.open_decisions > 0 { m.open_decisions.to_string() } else { "—".to_string() }}
            </td>
        </tr>
    }
}

#[component]
pub fn MeetingsPage() -> impl IntoView {
    set_title("Совещания");
    let auth = Auth::get();
    let list = Paged::<MeetingSummary>::new();
    let status = RwSignal::new(String::new());
    let fetch = move |cursor: Option<String>| {
        let f = MeetingFilter {
            cursor,
            status: MeetingStatus::parse(&status.get_untracked()),
            ..Default::default()
        };
        async move { api::meetings::list(&f).await }
    };
    Effect::new(move |_| {
        status.track();
        list.load(None, fetch);
    });
    let options = enum_options(
        MeetingStatus::ALL,
        MeetingStatus::as_str,
        MeetingStatus::label_ru,
    );
    view! {
        <section class="page" data-testid="meetings-page">
            <PageHead title="Совещания и протоколы">
                <CreateLink allowed=Signal::derive(move || auth.can(Resource::Meeting, Action::Create))
                    href=Route::MeetingNew.path() testid="new-meeting" label="Созвать совещание" />
            </PageHead>
            <p class="muted">"Совещания учителей-тьюторов, заседания сообщества и методического совета: приглашённые из состава сообщества, явка, программа, поручения и протокол."</p>
            <div class="filters no-print">
                <SelectField label="Статус" name="status" value=status options=options placeholder="все" />
            </div>
            <PagedTable
                list
                fetch
                total=("meetings-total", |t| format!("{t} {}", plural(t, "совещание", "совещания", "совещаний")))
                empty_title="Совещаний пока нет"
                empty_hint=|| "Координатор созывает совещание; приглашённые — из состава сообщества на его дату."
                testid="meetings-table"
                columns=columns(&["Дата", "Тема", "Место", "Статус", "Открытых поручений"])
                key=|m: &MeetingSummary| (m.id.clone(), m.status.as_str(), m.open_decisions)
                row=row
            />
        </section>
    }
}
