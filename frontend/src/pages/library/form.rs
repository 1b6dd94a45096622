//! `/library/new` and `/library/:id/edit`: a material's description (its files are
//! added on the card). The moderator's remarks are shown next to the fields they concern.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::community::ActivityType;
use tutornet_domain::library::{
    FieldRemark, LibraryAuthor, LibraryField, LibraryInput, LibraryLink, LibraryTag,
    LibraryVersion, Licence, MaterialType, TagKind, Visibility,
};
use tutornet_domain::Problem;

use crate::api;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::choices::EnumField;
use crate::ui::fields::{CheckList, CheckOption};
use crate::ui::form::{for_route_id, send, valid, SaveBar};
use crate::ui::{ErrorBanner, TextField};
use crate::util::set_title;

/// The moderator's remark on a field, if any.
#[component]
pub fn RemarkNote(remarks: Signal<Vec<FieldRemark>>, field: LibraryField) -> impl IntoView {
    move || {
        remarks.with(|rs| {
            rs.iter().find(|r| r.field == field).map(|r| {
                view! {
                    <div class="lib-remark" data-testid=format!("remark-{}", field.as_str())>
                        <strong>"Замечание модератора: "</strong>{r.remark.clone()}
                    </div>
                }
            })
        })
    }
}

/// The form's state.
#[derive(Clone, Copy)]
struct Fields {
    material_type: RwSignal<String>,
    title: RwSignal<String>,
    description: RwSignal<String>,
    subjects: RwSignal<Vec<String>>,
    grades: RwSignal<String>,
    activity: RwSignal<String>,
    topics: RwSignal<String>,
    deficits: RwSignal<String>,
    tasks: RwSignal<String>,
    authors: RwSignal<String>,
    licence: RwSignal<String>,
    links: RwSignal<String>,
    visibility: RwSignal<String>,
}

fn list(s: &str, sep: char) -> Vec<String> {
    s.split(sep)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

impl Fields {
    fn new() -> Fields {
        Fields {
            material_type: RwSignal::new(MaterialType::Manual.as_str().into()),
            title: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            subjects: RwSignal::new(Vec::new()),
            grades: RwSignal::new(String::new()),
            activity: RwSignal::new(String::new()),
            topics: RwSignal::new(String::new()),
            deficits: RwSignal::new(String::new()),
            tasks: RwSignal::new(String::new()),
            authors: RwSignal::new(String::new()),
            licence: RwSignal::new(Licence::CcBy.as_str().into()),
            links: RwSignal::new(String::new()),
            visibility: RwSignal::new(Visibility::Municipality.as_str().into()),
        }
    }

    fn fill(&self, v: &LibraryVersion) {
        self.material_type.set(v.material_type.as_str().into());
        self.title.set(v.title.clone());
        self.description.set(v.description.clone());
        self.subjects.set(v.subject_ids.clone());
        self.grades.set(
            v.grades
                .iter()
                .map(|g| g.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        );
        self.activity.set(
            v.activity_type
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
        );
        let of = |k: TagKind| {
            v.tags
                .iter()
                .filter(|t| t.kind == k)
                .map(|t| t.value.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.topics.set(of(TagKind::Topic));
        self.deficits.set(of(TagKind::Deficit));
        self.tasks.set(of(TagKind::ExamTask));
        self.authors.set(
            v.authors
                .iter()
                .map(|a| match &a.organisation {
                    Some(o) => format!("{}; {o}", a.full_name),
                    None => a.full_name.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        );
        self.licence.set(v.licence.as_str().into());
        self.links.set(
            v.links
                .iter()
                .map(|l| format!("{} | {}", l.title, l.url))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        self.visibility.set(v.visibility.as_str().into());
    }

    fn input(&self, version: Option<i32>) -> LibraryInput {
        let mut tags = Vec::new();
        for (kind, s) in [
            (TagKind::Topic, self.topics),
            (TagKind::Deficit, self.deficits),
            (TagKind::ExamTask, self.tasks),
        ] {
            tags.extend(
                list(&s.get_untracked(), ',')
                    .into_iter()
                    .map(|value| LibraryTag { kind, value }),
            );
        }
        LibraryInput {
            version,
            material_type: MaterialType::parse(&self.material_type.get_untracked())
                .unwrap_or(MaterialType::Manual),
            title: self.title.get_untracked().trim().to_string(),
            description: self.description.get_untracked().trim().to_string(),
            subject_ids: self.subjects.get_untracked(),
            grades: list(&self.grades.get_untracked().replace(';', ","), ',')
                .iter()
                .filter_map(|g| g.parse().ok())
                .collect(),
            activity_type: ActivityType::parse(&self.activity.get_untracked()),
            tags,
            authors: list(&self.authors.get_untracked(), '\n')
                .into_iter()
                .map(|line| {
                    let mut it = line.splitn(2, ';');
                    LibraryAuthor {
                        full_name: it.next().unwrap_or_default().trim().to_string(),
                        organisation: it
                            .next()
                            .map(|o| o.trim().to_string())
                            .filter(|o| !o.is_empty()),
                    }
                })
                .collect(),
            licence: Licence::parse(&self.licence.get_untracked()).unwrap_or(Licence::CcBy),
            links: list(&self.links.get_untracked(), '\n')
                .into_iter()
                .map(|line| {
                    let (title, url) = match line.rsplit_once('|') {
                        Some((t, u)) => (t.trim().to_string(), u.trim().to_string()),
                        None => (line.clone(), line.clone()),
                    };
                    LibraryLink { title, url }
                })
                .collect(),
            visibility: Visibility::parse(&self.visibility.get_untracked())
                .unwrap_or(Visibility::Municipality),
        }
    }
}

#[component]
fn LibraryForm(id: Option<String>) -> impl IntoView {
    let navigate = use_navigate();
    let f = Fields::new();
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let version = RwSignal::new(None::<i32>);
    let remarks = RwSignal::new(Vec::<FieldRemark>::new());
    let subject_options = RwSignal::new(Vec::<CheckOption>::new());
    spawn_local(async move {
        let v = api::reference::subjects().await;
        subject_options.try_set(
            v.into_iter()
                .map(|(value, label)| CheckOption {
                    value,
                    label,
                    note: None,
                })
                .collect(),
        );
    });
    if let Some(id) = id.clone() {
        spawn_local(async move {
            match api::library::get(&id).await {
                Ok(d) => {
                    f.fill(&d.shown);
                    remarks.try_set(d.shown.remarks.clone());
                    version.try_set(Some(d.item.version));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    }
    let editing = id.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let input = f.input(version.get_untracked());
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let navigate = navigate.clone();
        let editing = editing.clone();
        send(
            saving,
            problem,
            async move {
                match &editing {
                    Some(id) => api::library::update(id, &input).await,
                    None => api::library::create(&input).await,
                }
            },
            move |d| {
                navigate(
                    &Route::LibraryItem(d.item.id.clone()).path(),
                    Default::default(),
                )
            },
        );
    };
    let remarks = Signal::from(remarks);
    let back = id
        .clone()
        .map(|i| Route::LibraryItem(i).path())
        .unwrap_or_else(|| Route::Library.path());
    view! {
        <ErrorBanner problem />
        <form class="card form" on:submit=submit data-testid="library-form" novalidate=true>
            <EnumField label="Тип материала" name="material_type" value=f.material_type problem all=MaterialType::ALL key=MaterialType::as_str text=MaterialType::label_ru required=true />
            <RemarkNote remarks field=LibraryField::MaterialType />
            <TextField label="Название" name="title" value=f.title problem required=true />
            <RemarkNote remarks field=LibraryField::Title />
            <TextField label="Описание" name="description" value=f.description problem multiline=true hint="Для кого, чему помогает, как использовать" />
            <RemarkNote remarks field=LibraryField::Description />
            <fieldset class="field"><legend>"Предметы"</legend>
                <CheckList name="subject_ids" values=f.subjects options=subject_options problem empty="Предметы загружаются…" />
            </fieldset>
            <RemarkNote remarks field=LibraryField::Subjects />
            <TextField label="Классы" name="grades" value=f.grades problem hint="Через запятую: 5, 6, 7" />
            <RemarkNote remarks field=LibraryField::Grades />
            <EnumField label="Вид деятельности" name="activity_type" value=f.activity problem all=ActivityType::ALL key=ActivityType::as_str text=ActivityType::label_ru placeholder="— не указан —" />
            <TextField label="Темы" name="topics" value=f.topics problem hint="Через запятую" />
            <TextField label="Профессиональные дефициты" name="deficits" value=f.deficits problem hint="Какие затруднения педагогов помогает преодолеть, через запятую" />
            <TextField label="Задания ВПР / ОГЭ / ЕГЭ" name="tasks" value=f.tasks problem hint="Например: ВПР-7 математика, задание 5" />
            <RemarkNote remarks field=LibraryField::Tags />
            <TextField label="Авторы" name="authors" value=f.authors problem multiline=true required=true hint="По одному в строке: ФИО; должность и место работы" />
            <RemarkNote remarks field=LibraryField::Authors />
            <EnumField label="Лицензия" name="licence" value=f.licence problem all=Licence::ALL key=Licence::as_str text=Licence::label_ru required=true />
            <RemarkNote remarks field=LibraryField::Licence />
            <TextField label="Ссылки" name="links" value=f.links problem multiline=true hint="По одной в строке: название | https://…" />
            <RemarkNote remarks field=LibraryField::Links />
            <EnumField label="Кому виден после публикации" name="visibility" value=f.visibility problem all=Visibility::ALL key=Visibility::as_str text=Visibility::label_ru required=true />
            <RemarkNote remarks field=LibraryField::Visibility />
            <SaveBar busy=saving label="Сохранить" busy_label="Сохранение…" back=back />
        </form>
    }
}

#[component]
pub fn LibraryNewPage() -> impl IntoView {
    set_title("Новый материал");
    view! {
        <section class="page narrow" data-testid="library-form-page">
            <Crumbs parent=Route::Library parent_label="Методическая библиотека" here="Новый материал" />
            <h1>"Новый материал"</h1>
            <p class="lead muted">"Материал сохраняется черновиком. Файлы (PDF, DOCX, XLSX, PPTX, ODT, до 50 МБ) добавляются на следующей странице, затем материал отправляется на модерацию координатору."</p>
            <LibraryForm id=None />
        </section>
    }
}

#[component]
pub fn LibraryEditPage() -> impl IntoView {
    set_title("Изменение материала");
    for_route_id(|id| {
        view! {
            <section class="page narrow" data-testid="library-form-page">
                <Crumbs parent=Route::Library parent_label="Методическая библиотека" here="Изменение" />
                <h1>"Изменение материала"</h1>
                <p class="lead muted">"Опубликованный материал остаётся доступным, пока новая версия на модерации."</p>
                <LibraryForm id=id />
            </section>
        }
    })
}
