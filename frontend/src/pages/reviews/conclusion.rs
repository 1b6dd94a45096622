//! The reasoned conclusion: the draft the server made from the verdicts, edited by the
//! expert (with private notes for the coordinator) and signed off; the DOCX downloads.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::reviews::{ConclusionInput, ReviewDetail};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::form::{send, BusyButton};
use crate::ui::{Banner, ErrorBanner};

#[component]
pub fn ConclusionPanel(id: String, detail: RwSignal<Option<ReviewDetail>>) -> impl IntoView {
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    move || {
        let id = id.clone();
        detail.with(|d| {
            d.as_ref().and_then(|d| d.conclusion.clone().map(|c| (d.can_conclude, d.review.version, c, d.conclusion.as_ref().is_some_and(|c| c.private_notes.is_some()))))
                .map(|(edit, version, c, notes_visible)| {
                    let text = RwSignal::new(c.text.clone());
                    let recs = RwSignal::new(c.recommendations.clone());
                    let notes = RwSignal::new(c.private_notes.clone().unwrap_or_default());
                    let id_save = id.clone();
                    let save = move |sign: bool| {
                        let input = ConclusionInput {
                            version,
                            text: text.get_untracked(),
                            recommendations: recs.get_untracked(),
                            private_notes: Some(notes.get_untracked()).filter(|n| !n.trim().is_empty()),
                            sign,
                        };
                        let id = id_save.clone();
                        send(busy, problem, async move { api::reviews::conclusion(&id, &input).await }, move |d| {
                            message.set(Some(if sign { "Заключение подписано".into() } else { "Заключение сохранено".into() }));
                            detail.set(Some(d));
                        });
                    };
                    let save2 = save.clone();
                    let download = move |coordinator: bool| {
                        let id = id.clone();
                        spawn_local(async move {
                            if let Err(p) = api::reviews::conclusion_docx(&id, coordinator).await {
                                problem.try_set(Some(p));
                            }
                        });
                    };
                    let area = move |label: &'static str, testid: &'static str, value: RwSignal<String>| view! {
                        <div class="field">
                            <label>{label}</label>
                            <textarea rows="6" data-testid=testid prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value())></textarea>
                        </div>
                    };
                    view! {
                        <div class="card review-conclusion" data-testid="review-conclusion">
                            <h2>"Мотивированное заключение"</h2>
                            <ErrorBanner problem />
                            <Banner message />
                            {if edit {
                                view! {
                                    {area("Заключение", "conclusion-text", text)}
                                    {area("Рекомендации", "conclusion-recs", recs)}
                                    {area("Служебные заметки (видят только координатор и эксперт)", "conclusion-notes", notes)}
                                    <div class="form-actions">
                                        <BusyButton busy class="btn" testid="conclusion-save" on_click=move |_| save(false)>"Сохранить"</BusyButton>
                                        <BusyButton busy class="btn btn-primary" testid="conclusion-sign" on_click=move |_| save2(true)>"Подписать заключение"</BusyButton>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <p class="pre-wrap" data-testid="conclusion-view">{c.text.clone()}</p>
                                    {(!c.recommendations.is_empty()).then(|| view! { <h3>"Рекомендации"</h3><p class="pre-wrap">{c.recommendations.clone()}</p> })}
                                    {c.private_notes.clone().map(|n| view! { <h3>"Служебные заметки"</h3><p class="pre-wrap muted">{n}</p> })}
                                    <p class="muted small">{match (c.signed_at, c.signed_by_name.clone()) {
                                        (Some(at), Some(who)) => format!("Подписано: {who}, {}", crate::ui::time::date_ru(at)),
                                        _ => "Не подписано".to_string(),
                                    }}</p>
                                }.into_any()
                            }}
                            <div class="form-actions no-print">
                                <button type="button" class="btn" data-testid="conclusion-docx" on:click={let d = download.clone(); move |_| d(false)}>"Скачать заключение (DOCX)"</button>
                                {notes_visible.then(|| view! {
                                    <button type="button" class="btn" data-testid="conclusion-docx-coordinator" on:click=move |_| download(true)>"Версия для координатора (DOCX)"</button>
                                })}
                            </div>
                        </div>
                    }
                })
        })
    }
}
