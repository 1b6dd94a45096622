//! A record's list of files: download for everyone who sees the record; upload and
//! removal for those who may change it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::files::StoredFile;
use tutornet_domain::Problem;

use crate::api;
use crate::api::files::UploadTarget;
use crate::ui::files::{upload_file, FileRow, UploadButton};
use crate::ui::{Banner, ErrorBanner};
use crate::util::confirm;

/// The files of one record. Hidden for readers when there is nothing to download.
#[component]
pub fn Attachments(
    title: &'static str,
    testid: &'static str,
    /// The file input's test id.
    input_testid: &'static str,
    target: UploadTarget,
    files: RwSignal<Vec<StoredFile>>,
    #[prop(into)] manage: Signal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Shown even to readers with no file to download (its content says why).
    #[prop(optional)]
    show: bool,
    /// What the record says besides its files, above the list.
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let target = StoredValue::new(target);
    let on_file = move |file: web_sys::File| {
        message.set(None);
        upload_file(target.get_value(), file, busy, problem, move |f| {
            message.try_set(Some(format!("Файл «{}» добавлен.", f.file_name)));
            files.try_update(|v| v.push(f));
        });
    };
    let delete = Callback::new(move |f: StoredFile| {
        if !confirm(&format!("Удалить файл «{}»?", f.file_name)) {
            return;
        }
        busy.set(true);
        problem.set(None);
        message.set(None);
        spawn_local(async move {
            match api::files::remove(&f).await {
                Ok(()) => {
                    files.try_update(|v| v.retain(|x| x.id != f.id));
                    message.try_set(Some(format!("Файл «{}» удалён.", f.file_name)));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    });
    let list = move || {
        let manage = manage.get();
        let list = files.get();
        if list.is_empty() {
            return view! { <p class="muted" data-testid="no-files">"Файлов пока нет."</p> }
                .into_any();
        }
        view! {
            <ul class="plain-list file-list">
                {list.into_iter().map(|f| if manage {
                    view! { <FileRow file=f problem busy on_delete=delete /> }.into_any()
                } else {
                    view! { <FileRow file=f problem busy /> }.into_any()
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Show when=move || show || manage.get() || files.with(|v| !v.is_empty())>
            <div class="card" data-testid=testid>
                <h2>{title}</h2>
                {hint.map(|h| view! { <p class="muted">{h}</p> })}
                {children.clone().map(|c| c())}
                <Banner message />
                <ErrorBanner problem />
                {list}
                <Show when=move || manage.get()>
                    <UploadButton label="Добавить файл".to_string() testid=input_testid busy problem on_file max_bytes=target.get_value().max_bytes() />
                </Show>
            </div>
        </Show>
    }
}
