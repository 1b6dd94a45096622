//! `/composition/members/:id`: the member card with the orders that approved or excluded
//! the member and the attachments (закрепление).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::composition::{CompositionOrder, Member, MemberStatus};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Problem;

use super::account::MemberAccountBlock;
use super::form::{explain_member_problem, MemberForm, APPROVED_MESSAGE};
use super::parts::attachments::Attachments;
use super::parts::summary::{MemberOrders, MemberProps};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::form::for_route_id;
use crate::ui::layout::PrintButton;
use crate::ui::{Banner, ErrorBanner};
use crate::util::{confirm, set_title};

#[component]
pub fn MemberCardPage() -> impl IntoView {
    for_route_id(|id| view! { <MemberCard id=id.unwrap_or_default() /> })
}

/// «№ 01-03/24 от 01.09.2025».
#[component]
fn MemberCard(id: String) -> impl IntoView {
    set_title("Участник сообщества");
    let auth = Auth::get();
    let navigate = use_navigate();
    let mid = StoredValue::new(id);
    let member = RwSignal::new(None::<Member>);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let approved_order = RwSignal::new(None::<CompositionOrder>);
    let excluded_order = RwSignal::new(None::<CompositionOrder>);

    let apply = move |m: Member| {
        set_title(&m.full_name);
        for (order_id, target) in [
            (m.approved_order_id.clone(), approved_order),
            (m.excluded_order_id.clone(), excluded_order),
        ] {
            if let Some(oid) = order_id {
                if target.with_untracked(|o| o.as_ref().map(|o| o.id.clone())) != Some(oid.clone())
                {
                    spawn_local(async move {
                        if let Ok(o) = api::composition::order(&oid).await {
                            target.try_set(Some(o));
                        }
                    });
                }
            }
        }
        member.try_set(Some(m));
    };
    spawn_local(async move {
        match api::composition::member(&mid.get_value()).await {
            Ok(m) => {
                apply(m);
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });

    let manages = move || auth.can(Resource::Composition, Action::Update);
    let nominated = move || {
        member.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.status == MemberStatus::Nominated)
        })
    };

    // Set after the member is removed: back to the list.
    let gone = RwSignal::new(false);
    Effect::new(move |_| {
        if gone.get() {
            navigate(&Route::Composition.path(), Default::default());
        }
    });
    let remove = move |_| {
        let Some(m) = member.get_untracked() else {
            return;
        };
        if !confirm(&format!(
            "Удалить выдвинутого участника «{}»? Он не попадёт в приказ.",
            m.full_name
        )) {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::composition::delete_member(&m.id).await {
                Ok(_) => {
                    gone.try_set(true);
                }
                Err(mut p) => {
                    explain_member_problem(&mut p);
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let on_saved = Callback::new(move |m: Member| {
        editing.set(false);
        message.set(Some("Изменения сохранены.".to_string()));
        apply(m);
    });
    let on_cancel = Callback::new(move |_| editing.set(false));

    view! {
        <section class="page" data-testid="member-card">
            <Crumbs parent=Route::Composition parent_label="Состав сообщества" here="Участник" />
            <ErrorBanner problem />
            <Show when=move || member.with(Option::is_none) && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || member.with(Option::is_some)>
                <div class="page-head">
                    <h1 data-testid="member-name">{move || member.with(|m| m.as_ref().map(|m| m.full_name.clone()))}</h1>
                    <div class="actions no-print">
                        <Show when=move || manages() && nominated() && !editing.get()>
                            <button type="button" class="btn" data-testid="member-edit" on:click=move |_| { message.set(None); editing.set(true); }>"Изменить"</button>
                            <button type="button" class="btn btn-danger" data-testid="member-delete" disabled=move || busy.get() on:click=remove>"Удалить"</button>
                        </Show>
                        <PrintButton />
                    </div>
                </div>
                <Banner message />
                <Show when=move || manages() && !nominated()>
                    <p class="banner banner-info no-print" data-testid="member-approved-note">
                        {APPROVED_MESSAGE} ": "
                        <a href=Route::OrderNew.path()>"новый приказ"</a>
                        "."
                    </p>
                </Show>
                <div class="two-col">
                    <div>
                        {move || {
                            if editing.get() {
                                member.get().map(|m| view! {
                                    <MemberForm member=m municipality_id=Signal::derive(String::new) on_saved on_cancel />
                                }.into_any())
                            } else {
                                member.get().map(|m| view! { <div class="card"><MemberProps m /></div> }.into_any())
                            }
                        }}
                        {move || member.get().map(|m| view! { <MemberOrders m approved_order excluded_order /> })}
                    </div>
                    <div>
                        <MemberAccountBlock member />
                        <Attachments member member_id=mid message busy />
                    </div>
                </div>
            </Show>
        </section>
    }
}
