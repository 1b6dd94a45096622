//! The schools table (one row per school with its flags) and the mentor-school choice
//! of the school form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::org::{School, SchoolFilter};
use tutornet_domain::text::sort_ru;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::table::Column;
use crate::ui::{ArchivedBadge, FlagBadges};

/// The columns of the schools table; the municipality column only for those who work
/// with several municipalities.
pub fn school_columns(many_municipalities: Signal<bool>) -> Vec<Column> {
    vec![
        "Школа".into(),
        Column::when("Муниципалитет", many_municipalities),
        "Адрес".into(),
        "Признаки".into(),
    ]
}

/// One row of the schools table (see [`school_columns`]).
pub fn school_row(
    many_municipalities: Signal<bool>,
) -> impl Fn(School) -> AnyView + Clone + Send + Sync {
    let auth = Auth::get();
    move |s: School| {
        let href = Route::School(s.id.clone()).path();
        let archived = s.meta.archived_at.is_some();
        let mun_id = s.municipality_id.clone();
        let id = s.id.clone();
        view! {
            <tr data-testid="school-row" data-id=id class:archived=archived>
                <td data-label="Школа">
                    <a class="strong" href=href>{tutornet_domain::text::numero(&s.short_name)}</a>
                    {archived.then(|| view! { " " <ArchivedBadge /> })}
                    <div class="muted small">{s.full_name.clone()}</div>
                </td>
                <Show when=move || many_municipalities.get()>
                    <td data-label="Муниципалитет">
                        {
                            let mun_id = mun_id.clone();
                            move || auth.municipality_name(&mun_id).unwrap_or_default()
                        }
                    </td>
                </Show>
                <td data-label="Адрес">
                    {s.address.clone().unwrap_or_else(|| "—".to_string())}
                </td>
                <td data-label="Признаки">
                    <FlagBadges school=s.clone() />
                </td>
            </tr>
        }
        .into_any()
    }
}

/// The mentor schools of the chosen municipality (every page of them, without the edited
/// school itself), plus the school's current mentor when that list does not hold it
/// (another municipality, or outside a school administrator's scope).
pub fn mentor_choices(
    municipality_id: RwSignal<String>,
    original: RwSignal<Option<School>>,
) -> Signal<Vec<(String, String)>> {
    // Mentor schools of the chosen municipality.
    let mentors = RwSignal::new(Vec::<(String, String)>::new());
    // The school's current mentor, when the list above does not hold it (another
    // municipality, or outside a school administrator's scope).
    let current_mentor = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        let Some(mid) = original.with(|o| o.as_ref().and_then(|s| s.mentor_school_id.clone()))
        else {
            return;
        };
        spawn_local(async move {
            let name = match api::schools::get(&mid).await {
                Ok(m) => m.short_name,
                Err(_) => "назначенная школа-наставник".to_string(),
            };
            current_mentor.try_set(Some((mid, name)));
        });
    });
    let mentor_options = Signal::derive(move || {
        let mut v = mentors.get();
        if let Some((id, name)) = current_mentor.get() {
            if !v.iter().any(|(i, _)| *i == id) {
                v.insert(0, (id, name));
            }
        }
        v
    });
    let mentor_seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let m = municipality_id.get();
        let my = mentor_seq.get_value().wrapping_add(1);
        mentor_seq.set_value(my);
        if m.is_empty() {
            mentors.set(Vec::new());
            return;
        }
        spawn_local(async move {
            let filter = SchoolFilter {
                municipality_id: Some(m),
                is_mentor: Some(true),
                ..Default::default()
            };
            if let Ok(items) = api::schools::list_all(&filter).await {
                if mentor_seq.try_get_value() != Some(my) {
                    return;
                }
                let own_id = original.with_untracked(|o| o.as_ref().map(|s| s.id.clone()));
                let mut items: Vec<School> = items
                    .into_iter()
                    .filter(|s| Some(&s.id) != own_id.as_ref())
                    .collect();
                sort_ru(&mut items, |s| &s.short_name);
                mentors.try_set(items.into_iter().map(|s| (s.id, s.short_name)).collect());
            }
        });
    });
    mentor_options
}
