//! Participants' ratings of a held session and the rating form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::RatingInput;
use tutornet_domain::community::{SessionDetail, SessionStatus};
use tutornet_domain::Problem;
use tutornet_domain::{FieldError, Role};

use super::CardState;
use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::ui::community::Stars;
use crate::ui::fields::field_error;
use crate::ui::{ErrorBanner, TextField};
use crate::util::{non_empty, plural};

#[component]
pub fn Ratings(state: CardState) -> impl IntoView {
    let (detail, message, busy, sid) = (state.detail, state.message, state.busy, state.id);
    let auth = Auth::get();
    let apply = move |d: SessionDetail| state.apply(d);
    // Rating.
    let score = RwSignal::new(0i32);
    let rating_comment = RwSignal::new(String::new());
    let rating_problem = RwSignal::new(None::<Problem>);
    let save_rating = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = score.get_untracked();
        if !(1..=5).contains(&s) {
            rating_problem.set(Some(validation_problem(vec![FieldError::new(
                "score",
                "required",
                "Выберите оценку от 1 до 5",
            )])));
            return;
        }
        let input = RatingInput {
            score: s,
            comment: non_empty(rating_comment.get_untracked()),
        };
        busy.set(true);
        rating_problem.set(None);
        spawn_local(async move {
            match api::sessions::rate(&sid.get_value(), &input).await {
                Ok(d) => {
                    message.try_set(Some("Спасибо за оценку!".to_string()));
                    apply(d);
                }
                Err(p) => {
                    rating_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let ratings = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let me = auth.me_id();
        let rated = d.ratings.iter().any(|r| r.user_id == me);
        let may_rate = !d.can_manage
            && !rated
            && matches!(auth.role(), Role::Teacher | Role::SchoolAdmin | Role::Tutor);
        let list = d.ratings.clone();
        let avg = d.average_rating;
        Some(view! {
            <div class="card" data-testid="ratings">
                <h2>"Оценки участников"</h2>
                {avg.map(|a| view! {
                    <p data-testid="average-rating">
                        <Stars score=a />
                        {format!(" {:.1} из 5 · {} {}", a, list.len(), plural(list.len() as i64, "оценка", "оценки", "оценок")).replace('.', ",")}
                    </p>
                })}
                {list.is_empty().then(|| view! { <p class="muted">"Оценок пока нет."</p> })}
                <ul class="plain-list">
                    {list.iter().map(|r| view! {
                        <li data-testid="rating">
                            <Stars score=r.score as f64 />
                            " "
                            <span class="strong">{r.full_name.clone()}</span>
                            {r.comment.clone().map(|c| view! { <div class="small">{c}</div> })}
                        </li>
                    }).collect_view()}
                </ul>
                {may_rate.then(|| view! {
                    <form class="form rate-form no-print" on:submit=save_rating data-testid="rating-form" novalidate=true>
                        <h3>"Ваша оценка"</h3>
                        <ErrorBanner problem=rating_problem />
                        <div class="star-input" role="radiogroup" aria-label="Оценка от 1 до 5">
                            {(1..=5i32).map(|n| view! {
                                <button
                                    type="button"
                                    class="star"
                                    class:lit=move || { score.get() >= n }
                                    role="radio"
                                    aria-checked=move || (score.get() == n).to_string()
                                    aria-label=format!("{n} из 5")
                                    data-testid=format!("star-{n}")
                                    on:click=move |_| score.set(n)
                                >
                                    "★"
                                </button>
                            }).collect_view()}
                        </div>
                        {move || field_error(rating_problem, "score").map(|m| view! { <p class="field-error" data-testid="error-score">{m}</p> })}
                        <TextField label="Комментарий" name="rating_comment" value=rating_comment problem=rating_problem multiline=true />
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary" data-testid="save-rating" disabled=move || busy.get()>"Оценить"</button>
                        </div>
                    </form>
                })}
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&ratings))
}
