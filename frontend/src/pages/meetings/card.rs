//! `/meetings/:id`: the meeting — details, attendance, agenda and поручения written by the
//! coordinator (see `editor`), hold and sign as the domain's workflow allows, the
//! поручения marked done by their owners, «Контроль исполнения» (open поручения of earlier
//! meetings), the protocol as a printable page and DOCX.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use tutornet_domain::meetings::{
    may_edit, transition, Decision, DecisionMark, DecisionStatus, Flow, Meeting, MeetingAction,
    MeetingStatus, MeetingTransition,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use super::editor::{Agenda, Attendance, Details, Draft};
use super::list::status_badge;
use super::protocol::ProtocolPreview;
use crate::api;
use crate::api::files::UploadTarget;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::attachments::Attachments;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::form::{is_version_conflict, load, mark_conflict, send_or, BusyButton, ReloadOffer};
use crate::ui::{Banner, ErrorBanner};
use crate::util::set_title;

const CONFLICT: &str = "Совещание изменил другой пользователь — обновите страницу.";

fn flow_of(m: &Meeting, today: chrono::NaiveDate) -> Flow {
    Flow {
        status: m.status,
        date_reached: m.held_on <= today,
        agenda_items: m.agenda.len(),
        signatories: m.signatories.len(),
        unticked: m.invitees.iter().filter(|i| i.present.is_none()).count(),
    }
}

fn decision_badge(s: DecisionStatus) -> impl IntoView {
    let class = match s {
        DecisionStatus::Open => "badge badge-info",
        DecisionStatus::Done => "badge badge-ok",
        DecisionStatus::Overdue => "badge badge-danger",
    };
    view! { <span class=class data-testid="decision-status">{s.label_ru()}</span> }
}

fn due(d: &Decision) -> String {
    d.deadline
        .map(|x| format!("до {}", format_date_ru(x)))
        .unwrap_or_else(|| "без срока".into())
}

#[component]
pub fn MeetingCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || view! { <MeetingCard id=id.get() /> }
}

#[component]
fn MeetingCard(id: String) -> impl IntoView {
    set_title("Совещание");
    let auth = Auth::get();
    let current = RwSignal::new(None::<Meeting>);
    let (problem, busy, conflict) = (
        RwSignal::new(None::<Problem>),
        RwSignal::new(false),
        RwSignal::new(false),
    );
    let note = RwSignal::new(None::<String>);
    let draft = Draft::new();
    let files = RwSignal::new(Vec::new());
    let target = UploadTarget::MeetingFile(id.clone());
    let id = StoredValue::new(id);
    let show = move |m: Meeting| {
        draft.fill(&m);
        files.set(m.files.clone());
        set_title(&m.topic);
        current.set(Some(m));
    };
    load(
        problem,
        async move { api::meetings::get(&id.get_value()).await },
        show,
    );
    let loaded = Signal::derive(move || current.with(Option::is_some));
    let organiser = move || auth.can(Resource::Meeting, Action::Create);
    let editable = move || {
        organiser() && current.with(|m| m.as_ref().is_some_and(|m| may_edit(m.status).is_ok()))
    };
    let refused = move |p: &mut Problem| {
        if is_version_conflict(p) {
            mark_conflict(p, CONFLICT, conflict);
        }
    };
    let save = move |_| {
        let body = draft.to_update();
        send_or(
            busy,
            problem,
            async move { api::meetings::update(&id.get_value(), &body).await },
            move |m| {
                show(m);
                note.set(Some("Сохранено".into()));
            },
            refused,
        );
    };
    let act = move |action: MeetingAction, done: &'static str| {
        let Some(version) = current.with_untracked(|m| m.as_ref().map(|m| m.meta.version)) else {
            return;
        };
        let body = MeetingTransition {
            action: Some(action),
            version,
        };
        send_or(
            busy,
            problem,
            async move { api::meetings::transition(&id.get_value(), &body).await },
            move |m| {
                show(m);
                note.set(Some(done.to_string()));
            },
            refused,
        );
    };
    let today = crate::ui::time::today();
    let may = move |a: MeetingAction| {
        organiser()
            && current.with(|m| {
                m.as_ref()
                    .is_some_and(|m| transition(flow_of(m, today), a).is_ok())
            })
    };
    let mark = move |d: Decision, done: bool| {
        let body = DecisionMark {
            done,
            done_on: None,
            version: d.version,
        };
        send_or(
            busy,
            problem,
            async move {
                api::meetings::mark(&d.meeting_id, &d.id, &body).await?;
                api::meetings::get(&id.get_value()).await
            },
            move |m| {
                show(m);
                note.set(Some(
                    if done {
                        "Поручение выполнено"
                    } else {
                        "Поручение снова на исполнении"
                    }
                    .into(),
                ));
            },
            refused,
        );
    };
    let me = StoredValue::new(auth.me_id());
    let may_mark = move |d: &Decision, m: &Meeting| {
        m.status != MeetingStatus::Planned
            && (organiser() || me.with_value(|me| d.owner_user_id.as_deref() == Some(me.as_str())))
    };
    let download = move |_| {
        spawn_local(async move {
            if let Err(p) = api::meetings::protocol_docx(&id.get_value()).await {
                problem.try_set(Some(p));
            }
        });
    };
    let title = move || current.with(|m| m.as_ref().map(|m| m.topic.clone()).unwrap_or_default());
    view! {
        <section class="page meeting-page" data-testid="meeting-page">
            <Crumbs parent=Route::Meetings parent_label="Совещания" here=Signal::derive(title) />
            <CardBody problem loaded>
                <ReloadOffer conflict />
                <Banner message=note />
                {move || current.get().map(|m| view! {
                    <div class="no-print">
                        <h1>{m.topic.clone()}</h1>
                        <dl class="props" data-testid="meeting-props">
                            <dt>"Вид"</dt><dd>{m.kind.label_ru()}</dd>
                            <dt>"Дата и время"</dt><dd>{format!("{}, {}", format_date_ru(m.held_on), m.starts_at)}</dd>
                            <dt>"Место"</dt><dd>{m.place.clone()}</dd>
                            <dt>"Статус"</dt><dd>{status_badge(m.status)}</dd>
                            <dt>"Явка"</dt><dd data-testid="meeting-counts">{format!("присутствовали: {}, отсутствовали: {}", m.present_count, m.absent_count)}</dd>
                        </dl>
                    </div>
                })}
                <Show when=editable>
                    <div class="card form no-print" data-testid="meeting-editor">
                        <Details draft />
                        <Attendance draft />
                        <Agenda draft />
                        <ErrorBanner problem />
                        <div class="actions">
                            <BusyButton busy class="btn btn-primary" testid="save-meeting" on_click=save>"Сохранить"</BusyButton>
                        </div>
                    </div>
                </Show>
                {move || current.get().map(|m| {
                    let own: Vec<Decision> = m.agenda.iter().flat_map(|a| a.decisions.clone()).collect();
                    let m2 = m.clone();
                    view! {
                        <div class="no-print">
                            <h2>"Поручения"</h2>
                            {own.is_empty().then(|| view! { <p class="muted">"Поручений нет."</p> })}
                            <ul class="decisions" data-testid="decisions">
                                {own.into_iter().map(|d| {
                                    let (d1, d2) = (d.clone(), d.clone());
                                    let can = may_mark(&d, &m2);
                                    view! {
                                        <li data-testid="decision">
                                            <span>{d.text.clone()}</span>" — "<span class="strong">{d.owner_name.clone()}</span>", "{due(&d)}" "{decision_badge(d.status)}
                                            {(can && d.done_on.is_none()).then(|| view! { " " <button type="button" class="btn btn-small" data-testid="decision-done" on:click=move |_| mark(d1.clone(), true)>"Выполнено"</button> })}
                                            {(can && d.done_on.is_some()).then(|| view! { " " <button type="button" class="btn btn-small btn-link" on:click=move |_| mark(d2.clone(), false)>"Вернуть на исполнение"</button> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2>"Контроль исполнения"</h2>
                            {m.control.is_empty().then(|| view! { <p class="muted" data-testid="no-control">"Открытых поручений прежних совещаний нет."</p> })}
                            <ul class="decisions" data-testid="control">
                                {m.control.iter().map(|d| view! {
                                    <li data-testid="control-item">
                                        {d.text.clone()}" — "<span class="strong">{d.owner_name.clone()}</span>", "{due(d)}" "{decision_badge(d.status)}
                                        <br /><span class="muted small">{format!("совещание {}: «{}»", format_date_ru(d.meeting_date), d.meeting_topic)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                })}
                <div class="no-print">
                    <Attachments title="Материалы совещания" testid="meeting-files" input_testid="meeting-file-input"
                        target=target.clone() files manage=Signal::derive(editable)
                        hint="Презентации, раздаточные материалы, лист регистрации: PDF, DOCX, XLSX, PPTX или ODT до 20 МБ. После подписания протокола список не меняется." />
                </div>
                <div class="actions no-print">
                    <Show when=move || may(MeetingAction::Hold)>
                        <BusyButton busy class="btn btn-primary" testid="meeting-hold" on_click=move |_| act(MeetingAction::Hold, "Совещание проведено: отметьте явку и запишите ход")>"Совещание проведено"</BusyButton>
                    </Show>
                    <Show when=move || may(MeetingAction::Sign)>
                        <BusyButton busy class="btn btn-primary" testid="meeting-sign" on_click=move |_| act(MeetingAction::Sign, "Протокол подписан")>"Подписать протокол"</BusyButton>
                    </Show>
                    <button type="button" class="btn" data-testid="protocol-docx" on:click=download>"Протокол (DOCX)"</button>
                    <button type="button" class="btn" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>"Печать протокола"</button>
                </div>
                <h2 class="no-print">"Протокол"</h2>
                {move || current.get().map(|m| view! { <ProtocolPreview meeting=m /> })}
            </CardBody>
        </section>
    }
}
