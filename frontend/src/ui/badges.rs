//! Coloured labels of a school's support flags.

use leptos::prelude::*;
use tutornet_domain::org::School;

fn flag_class(label: &str) -> &'static str {
    match label {
        "ШНОР" => "badge badge-low",
        "ШССУ" => "badge badge-difficult",
        "500+" => "badge badge-500",
        _ => "badge badge-mentor",
    }
}

fn flag_title(label: &str) -> &'static str {
    match label {
        "ШНОР" => "Школа с низкими образовательными результатами",
        "ШССУ" => "Школа, функционирующая в сложных социальных условиях",
        "500+" => "Участник проекта «500+»",
        _ => "Школа-наставник: сопровождает другие школы",
    }
}

/// ШНОР / ШССУ / 500+ / Школа-наставник badges, or a dash when none.
#[component]
pub fn FlagBadges(school: School) -> impl IntoView {
    view! { <LabelBadges labels=school.flag_labels() /> }
}

/// Support-flag labels (ШНОР, ШССУ, 500+, …) as badges; «—» when there are none.
#[component]
pub fn LabelBadges(labels: Vec<&'static str>) -> impl IntoView {
    if labels.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    view! {
        <span class="badges">
            {labels
                .into_iter()
                .map(|l| view! { <span class=flag_class(l) title=flag_title(l)>{l}</span> })
                .collect_view()}
        </span>
    }
    .into_any()
}

#[component]
pub fn ArchivedBadge() -> impl IntoView {
    view! { <span class="badge badge-archived" data-testid="archived-badge">"В архиве"</span> }
}
