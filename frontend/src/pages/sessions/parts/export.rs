//! «График DOCX / XLSX»: the printable schedule by subject of the period on screen
//! (the week or month shown; the month of the chosen date in the list view).

use chrono::Duration;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::Problem;

use super::filter::Filter;
use crate::api;
use crate::ui::ErrorBanner;

#[component]
pub fn ScheduleExport(filter: Memo<Filter>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let export = move |ext: &'static str| {
        let mut f = filter.get_untracked();
        if f.view == "list" {
            f.view = "month".into();
        }
        let (a, b) = f.range();
        let mut q = vec![
            ("from".to_string(), a.format("%Y-%m-%d").to_string()),
            (
                "to".to_string(),
                (b - Duration::days(1)).format("%Y-%m-%d").to_string(),
            ),
        ];
        if !f.consultation_point_id.is_empty() {
            q.push((
                "consultation_point_id".into(),
                f.consultation_point_id.clone(),
            ));
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let path = format!("/calendar/schedule/export.{ext}");
            let res = api::files::download(&path, &q, &format!("grafik.{ext}")).await;
            busy.try_set(false);
            if let Err(p) = res {
                problem.try_set(Some(p));
            }
        });
    };
    view! {
        <button type="button" class="btn" data-testid="schedule-docx" title="График консультаций по предметам за показанный период"
            disabled=move || busy.get() on:click=move |_| export("docx")>"График DOCX"</button>
        <button type="button" class="btn" data-testid="schedule-xlsx" title="График консультаций по предметам за показанный период"
            disabled=move || busy.get() on:click=move |_| export("xlsx")>"График XLSX"</button>
        <ErrorBanner problem />
    }
}
