//! The checklist of a review: every criterion with its basis, the expert's verdict and
//! remark (editable by the expert while the review is in work, with the comment bank),
//! what changed since the last round; and the list of rounds.

use leptos::prelude::*;
use tutornet_domain::reviews::{ReviewDetail, Verdict, VerdictEntry, VerdictsInput};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::form::{send, BusyButton};
use crate::ui::{Banner, ErrorBanner};

/// One editable row: (verdict code or empty, remark).
type Row = (RwSignal<String>, RwSignal<String>);

#[component]
pub fn Checklist(id: String, detail: RwSignal<Option<ReviewDetail>>) -> impl IntoView {
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    move || {
        let id = id.clone();
        detail.with(|d| {
            d.as_ref().map(|d| {
                let judge = d.can_judge;
                let current = d.rounds.last().cloned();
                let verdicts = current.as_ref().map(|r| r.verdicts.clone()).unwrap_or_default();
                let changed = current.as_ref().map(|r| r.changed.clone()).unwrap_or_default();
                let recheck = current.as_ref().map(|r| r.to_recheck.clone()).unwrap_or_default();
                let rows: Vec<(String, Row)> = d.criteria.iter().map(|c| {
                    let v = verdicts.iter().find(|v| v.code == c.code);
                    let verdict = v.and_then(|v| v.verdict).map(|v| v.as_str().to_string()).unwrap_or_default();
                    let remark = v.and_then(|v| v.remark.clone()).unwrap_or_default();
                    (c.code.clone(), (RwSignal::new(verdict), RwSignal::new(remark)))
                }).collect();
                let version = d.review.version;
                let rows2 = rows.clone();
                let save = move |_| {
                    let input = VerdictsInput {
                        version,
                        verdicts: rows2.iter().map(|(code, (v, r))| VerdictEntry {
                            code: code.clone(),
                            verdict: Verdict::parse(&v.get_untracked()),
                            remark: Some(r.get_untracked()).filter(|r| !r.trim().is_empty()),
                        }).collect(),
                    };
                    let id = id.clone();
                    message.set(None);
                    send(busy, problem, async move { api::reviews::verdicts(&id, &input).await }, move |d| {
                        message.set(Some("Оценки сохранены".into()));
                        detail.set(Some(d));
                    });
                };
                let body = d.criteria.iter().zip(rows).enumerate().map(|(i, (c, (_, (verdict, remark))))| {
                    let mark = if changed.contains(&c.code) {
                        Some(("badge st-progress", "изменено в этом раунде"))
                    } else if recheck.contains(&c.code) {
                        Some(("badge st-warn", "проверить снова"))
                    } else {
                        None
                    };
                    let bank = c.comment_bank.clone();
                    let cell = if judge {
                        view! {
                            <select name=format!("verdict-{}", c.code) data-testid="verdict-select" on:change:target=move |ev| verdict.set(ev.target().value())>
                                <option value="" prop:selected=move || verdict.with(String::is_empty)>"— не оценено —"</option>
                                {Verdict::ALL.iter().map(|v| {
                                    let code = v.as_str();
                                    view! { <option value=code prop:selected=move || verdict.with(|x| x == code)>{v.label_ru()}</option> }
                                }).collect_view()}
                            </select>
                            <textarea rows="2" data-testid="remark-input" placeholder="Замечание (обязательно при «не соответствует»)"
                                prop:value=move || remark.get() on:input:target=move |ev| remark.set(ev.target().value())></textarea>
                            {(!bank.is_empty()).then(|| view! {
                                <select class="small" data-testid="comment-bank" on:change:target=move |ev| {
                                    let t = ev.target().value();
                                    if !t.is_empty() { remark.set(t); }
                                }>
                                    <option value="">"Готовые замечания…"</option>
                                    {bank.iter().map(|b| view! { <option value=b.clone()>{b.clone()}</option> }).collect_view()}
                                </select>
                            })}
                        }.into_any()
                    } else {
                        view! {
                            <span class="strong">{move || Verdict::parse(&verdict.get()).map(|v| v.label_ru()).unwrap_or("—")}</span>
                            <div class="small">{move || remark.get()}</div>
                        }.into_any()
                    };
                    view! {
                        <tr data-testid="criterion-row" data-code=c.code.clone()>
                            <td data-label="№">{i + 1}</td>
                            <td data-label="Критерий">
                                <span class="strong">{c.title.clone()}</span>
                                {c.critical.then(|| view! { <span class="badge st-warn">"обязательный"</span> })}
                                {mark.map(|(cls, t)| view! { <span class=cls>{t}</span> })}
                                {judge.then(|| view! { <div class="muted small">{c.hint.clone()}</div> })}
                                <div class="muted small">{c.basis.clone()}</div>
                            </td>
                            <td data-label="Оценка и замечание" class="verdict-cell">{cell}</td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <div class="card review-checklist" data-testid="review-checklist">
                        <h2>"Чек-лист экспертизы"</h2>
                        <ErrorBanner problem />
                        <Banner message />
                        <table class="table">
                            <thead><tr><th>"№"</th><th>"Критерий"</th><th>"Оценка и замечание"</th></tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                        {judge.then(|| view! {
                            <div class="form-actions">
                                <BusyButton busy class="btn btn-primary" testid="save-verdicts" on_click=save>
                                    {move || if busy.get() { "Сохранение…" } else { "Сохранить оценки" }}
                                </BusyButton>
                            </div>
                        })}
                    </div>
                }
            })
        })
    }
}

/// The rounds: what the author wrote on resubmitting and how many criteria changed.
#[component]
pub fn Rounds(detail: RwSignal<Option<ReviewDetail>>) -> impl IntoView {
    move || {
        detail.with(|d| {
            d.as_ref().filter(|d| d.rounds.len() > 1).map(|d| {
                view! {
                    <div class="card" data-testid="review-rounds">
                        <h2>"Раунды"</h2>
                        <ol>
                            {d.rounds.iter().map(|r| view! {
                                <li data-testid="review-round">
                                    <strong>{format!("Раунд {}", r.number)}</strong>
                                    " · "{crate::ui::time::date_ru(r.started_at)}
                                    {r.author_comment.clone().map(|c| view! { <div class="small">"Автор: "{c}</div> })}
                                    {(r.number > 1).then(|| view! {
                                        <div class="muted small">{format!("Изменено критериев: {}; к перепроверке: {}", r.changed.len(), r.to_recheck.len())}</div>
                                    })}
                                </li>
                            }).collect_view()}
                        </ol>
                    </div>
                }
            })
        })
    }
}
