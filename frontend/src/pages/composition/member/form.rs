//! The add/edit form of a nominated member (used on `/composition` and on the card), and
//! the problem texts shared with the card.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::composition::{
    LevelBasis, Member, MemberInput, TutorCategory, TutorLevel, TutorSpecialisation,
};
use tutornet_domain::text::sort_ru;
use tutornet_domain::users::{User, UserFilter};
use tutornet_domain::{Problem, ProblemCode, Role};

use crate::api;
use crate::auth::Auth;
use crate::ui::choices::EnumField;
use crate::ui::fields::ToggleCheck;
use crate::ui::form::{send_or, valid, ReloadOffer, SaveBar};
use crate::ui::{ErrorBanner, SelectField, TextField};
use crate::util::non_empty;

/// What a coordinator is told when a member can no longer be edited or removed.
pub const APPROVED_MESSAGE: &str =
    "Состав утверждён приказом — изменения вносятся приказом о внесении изменений";

/// Rewrites the 409 answers of member changes in the words of the UI; `true` for a
/// version conflict (the page should be reloaded).
pub fn explain_member_problem(p: &mut Problem) -> bool {
    match p.kind() {
        Some(ProblemCode::CompositionApproved) => {
            p.title = "Изменение невозможно.".to_string();
            p.detail = format!("{APPROVED_MESSAGE}.");
            false
        }
        Some(ProblemCode::VersionConflict) => {
            p.title = "Конфликт изменений.".to_string();
            p.detail = "Участника уже изменил другой пользователь — обновите страницу и внесите \
                        изменения заново."
                .to_string();
            true
        }
        _ => false,
    }
}

/// Active tutor and teacher accounts of a municipality, sorted by name.
pub async fn people(municipality_id: &str, roles: &[Role]) -> Vec<User> {
    let mut all = Vec::new();
    for r in roles {
        let filter = UserFilter {
            role: Some(*r),
            municipality_id: Some(municipality_id.to_string()),
            active: Some(true),
            ..Default::default()
        };
        if let Ok(items) = api::users::list_all(&filter).await {
            all.extend(items);
        }
    }
    sort_ru(&mut all, |u| &u.full_name);
    all
}

/// The first error among `subject_ids` and `subject_ids[n]` (tracked).
fn subjects_error(problem: RwSignal<Option<Problem>>) -> Option<String> {
    problem.with(|p| {
        p.as_ref().and_then(|p| {
            p.errors
                .iter()
                .find(|e| e.field == "subject_ids" || e.field.starts_with("subject_ids["))
                .map(|e| e.message.clone())
        })
    })
}

/// «Предметы *»: the subjects of a member or a nomination as a grid of checkboxes
/// (`subject_ids`), with their error.
#[component]
pub fn SubjectsField(
    options: RwSignal<Vec<(String, String)>>,
    values: RwSignal<Vec<String>>,
    problem: RwSignal<Option<Problem>>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="fieldset" class:has-error=move || subjects_error(problem).is_some() data-testid=testid>
            <legend>"Предметы" <span class="req" title="обязательное поле">" *"</span></legend>
            <SubjectChecks options values problem />
            {move || subjects_error(problem).map(|m| view! { <p class="field-error" data-testid="error-subject_ids">{m}</p> })}
        </fieldset>
    }
}

/// The subjects, a grid of checkboxes; a change forgets their errors.
#[component]
fn SubjectChecks(
    options: RwSignal<Vec<(String, String)>>,
    values: RwSignal<Vec<String>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let forget_errors = Callback::new(move |_| {
        problem.update(|p| {
            if let Some(p) = p {
                p.errors.retain(|e| !e.field.starts_with("subject_ids"));
            }
        })
    });
    move || {
        let opts = options.get();
        if opts.is_empty() {
            return view! { <p class="loading">"Загрузка предметов…"</p> }.into_any();
        }
        view! {
            <div class="check-grid">
                {opts
                    .into_iter()
                    .map(|(id, name)| {
                        view! {
                            <ToggleCheck name="subject_ids" value=id values class="check" on_change=forget_errors>
                                <span>{name}</span>
                            </ToggleCheck>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    }
}

/// The form of a member: a new one (`member` absent; the member is nominated in
/// `municipality_id`) or a nominated one being changed.
#[component]
pub fn MemberForm(
    #[prop(optional)] member: Option<Member>,
    /// The municipality of a new member (empty: the caller's own).
    #[prop(into)]
    municipality_id: Signal<String>,
    on_saved: Callback<Member>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let auth = Auth::get();
    let editing = member.is_some();
    let m = member.clone();
    let original = StoredValue::new(member);
    let get = |f: fn(&Member) -> Option<String>| m.as_ref().and_then(f).unwrap_or_default();

    let user_id = RwSignal::new(get(|m| m.user_id.clone()));
    let full_name = RwSignal::new(get(|m| Some(m.full_name.clone())));
    let subject_ids = RwSignal::new(
        m.as_ref()
            .map(|m| m.subjects.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let level = RwSignal::new(
        m.as_ref()
            .map(|m| m.level)
            .unwrap_or(TutorLevel::Municipal)
            .as_str()
            .to_string(),
    );
    let level_basis = RwSignal::new(get(|m| m.level_basis.map(|b| b.as_str().to_string())));
    let level_document = RwSignal::new(get(|m| m.level_document.clone()));
    let specialisation = RwSignal::new(get(|m| m.specialisation.map(|b| b.as_str().to_string())));
    let category = RwSignal::new(get(|m| m.category.map(|b| b.as_str().to_string())));
    let list_number = RwSignal::new(get(|m| m.list_number.map(|n| n.to_string())));
    let position = RwSignal::new(get(|m| m.position.clone()));
    let school_id = RwSignal::new(get(|m| m.school_id.clone()));
    let workplace = RwSignal::new(get(|m| m.workplace.clone()));
    let problem = RwSignal::new(None::<Problem>);
    let conflict = RwSignal::new(false);
    let saving = RwSignal::new(false);

    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let school_options = RwSignal::new(Vec::<(String, String)>::new());
    let users = RwSignal::new(Vec::<User>::new());
    spawn_local(async move {
        subject_options.try_set(api::reference::subjects().await);
    });
    // The municipality whose schools and accounts are offered.
    let place = Memo::new(move |_| {
        original
            .with_value(|o| o.as_ref().map(|m| m.municipality_id.clone()))
            .or_else(|| non_empty(municipality_id.get()))
            .or_else(|| auth.own_municipality())
            .unwrap_or_default()
    });
    let seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let mid = place.get();
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        if mid.is_empty() {
            return;
        }
        spawn_local(async move {
            let list: Vec<(String, String)> = api::schools::choices(Some(mid.clone()))
                .await
                .into_iter()
                .filter(|s| s.meta.archived_at.is_none())
                .map(|s| (s.id, s.short_name))
                .collect();
            let accounts = people(&mid, &[Role::Tutor, Role::Teacher]).await;
            if seq.try_get_value() == Some(my) {
                school_options.try_set(list);
                users.try_set(accounts);
            }
        });
    });
    let user_options = Signal::derive(move || {
        users.with(|v| {
            v.iter()
                .map(|u| {
                    (
                        u.id.clone(),
                        format!("{} — {}", u.full_name, u.role.label_ru().to_lowercase()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // Choosing an account fills the blank fields from it.
    Effect::new(move |prev: Option<String>| {
        let uid = user_id.get();
        if prev.is_some_and(|p| p != uid) && !uid.is_empty() {
            if let Some(u) = users.with_untracked(|v| v.iter().find(|u| u.id == uid).cloned()) {
                if full_name.with_untracked(|s| s.trim().is_empty()) {
                    full_name.set(u.full_name.clone());
                }
                if position.with_untracked(|s| s.trim().is_empty()) {
                    position.set(u.position.clone().unwrap_or_default());
                }
                if school_id.with_untracked(String::is_empty) {
                    school_id.set(u.school_id.clone().unwrap_or_default());
                }
            }
        }
        uid
    });

    // Each level has its own basis (000 §3.4): only it is offered, and a chosen basis
    // follows a change of the level.
    let level_of = move || TutorLevel::parse(&level.get()).unwrap_or(TutorLevel::Municipal);
    let basis_options = Signal::derive(move || {
        let b = level_of().basis();
        vec![(b.as_str().to_string(), b.label_ru().to_string())]
    });
    Effect::new(move |prev: Option<String>| {
        let l = level.get();
        if prev.is_some_and(|p| p != l) && level_basis.with_untracked(|b| !b.is_empty()) {
            level_basis.set(level_of().basis().as_str().to_string());
        }
        l
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let input = MemberInput {
            municipality_id: if editing {
                None
            } else {
                non_empty(municipality_id.get_untracked())
            },
            academic_year_id: None,
            user_id: non_empty(user_id.get_untracked()),
            full_name: full_name.get_untracked().trim().to_string(),
            subject_ids: subject_ids.get_untracked(),
            level: TutorLevel::parse(&level.get_untracked()).unwrap_or(TutorLevel::Municipal),
            level_basis: LevelBasis::parse(&level_basis.get_untracked()),
            level_document: non_empty(level_document.get_untracked()),
            specialisation: TutorSpecialisation::parse(&specialisation.get_untracked()),
            category: TutorCategory::parse(&category.get_untracked()),
            list_number: list_number.get_untracked().trim().parse().ok(),
            position: non_empty(position.get_untracked()),
            school_id: non_empty(school_id.get_untracked()),
            workplace: non_empty(workplace.get_untracked()),
            version: original.with_value(|o| o.as_ref().map(|m| m.meta.version)),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        conflict.set(false);
        let target = original.with_value(|o| o.as_ref().map(|m| m.id.clone()));
        send_or(
            saving,
            problem,
            async move {
                match &target {
                    Some(id) => api::composition::update_member(id, &input).await,
                    None => api::composition::create_member(&input).await,
                }
            },
            move |m| on_saved.run(m),
            move |p| {
                if explain_member_problem(p) {
                    conflict.try_set(true);
                }
            },
        );
    };

    view! {
        <form class="card form" on:submit=submit data-testid="member-form" novalidate=true>
            <h2>{if editing { "Изменение участника" } else { "Новый участник" }}</h2>
            <p class="hint">
                {if editing {
                    "Участник выдвинут и ещё не утверждён приказом: его данные можно менять."
                } else {
                    "Участник добавляется выдвинутым; в состав его включает приказ об утверждении (или о внесении изменений)."
                }}
            </p>
            <ErrorBanner problem />
            <ReloadOffer conflict />
            <SelectField
                label="Учётная запись"
                name="user_id"
                value=user_id
                options=user_options
                problem
                placeholder="— без учётной записи —"
                hint="Тьютор или учитель муниципалитета; у кого нет учётной записи — оставьте пустым."
            />
            <TextField label="ФИО полностью" name="full_name" value=full_name problem required=true autocomplete="off" />
            <SubjectsField options=subject_options values=subject_ids problem testid="member-subjects" />
            <div class="grid-2">
                <EnumField label="Уровень тьютора" name="level" value=level problem all=TutorLevel::ALL key=TutorLevel::as_str text=TutorLevel::label_ru required=true />
                <TextField label="Должность" name="position" value=position problem hint="Например: учитель математики" />
            </div>
            <div class="grid-2">
                <SelectField
                    label="Основание уровня"
                    name="level_basis"
                    value=level_basis
                    options=basis_options
                    problem
                    placeholder="— не указано —"
                    hint="У каждого уровня своё основание (положение, п. 3.4)."
                />
                <TextField label="Документ-основание" name="level_document" value=level_document problem hint="Например: приказ УО № 125 от 01.09.2026" />
            </div>
            <div class="grid-2">
                <SelectField
                    label="Специализация"
                    name="specialisation"
                    value=specialisation
                    options=Signal::derive(|| TutorSpecialisation::ALL.iter().map(|l| (l.as_str().to_string(), l.label_ru().to_string())).collect::<Vec<_>>())
                    problem
                    placeholder="— не указана —"
                />
                <SelectField
                    label="Категория"
                    name="category"
                    value=category
                    options=Signal::derive(|| TutorCategory::ALL.iter().map(|l| (l.as_str().to_string(), l.label_ru().to_string())).collect::<Vec<_>>())
                    problem
                    placeholder="— не указана —"
                />
            </div>
            <TextField label="№ п/п в списке" name="list_number" value=list_number problem hint="Порядок строки в приложении к приказу." />
            <SelectField
                label="Школа"
                name="school_id"
                value=school_id
                options=school_options
                problem
                placeholder="— не работает в школе —"
            />
            <TextField label="Место работы" name="workplace" value=workplace problem hint="Если это не школа или название отличается, например: МКУ ИМЦ" />
            <SaveBar
                busy=saving
                label=if editing { "Сохранить" } else { "Добавить участника" }
                testid="member-save"
                on_cancel
            />
        </form>
    }
}
