//! The session's materials: the log's list (titles and links, one a line — addresses
//! are clickable) and the material files (list, download, upload, removal).

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::{is_web_url, SessionDetail};
use tutornet_domain::files::StoredFile;
use tutornet_domain::Problem;

use super::CardState;
use crate::api;
use crate::api::files::UploadTarget;
use crate::ui::files::{upload_file, FileRow, UploadButton};
use crate::ui::{Banner, ErrorBanner};
use crate::util::confirm;

/// One line of the materials list: its web addresses as links, the rest as text.
fn material_line(line: &str) -> impl IntoView {
    let mut words: Vec<AnyView> = Vec::new();
    for (i, w) in line.split_whitespace().enumerate() {
        if i > 0 {
            words.push(" ".into_any());
        }
        let bare = w.trim_end_matches([',', ';', '.', ')']);
        if is_web_url(bare) {
            let href = bare.to_string();
            words.push(
                view! { <a href=href.clone() target="_blank" rel="noopener" data-testid="material-link">{href.clone()}</a> }
                    .into_any(),
            );
            words.push(w[bare.len()..].to_string().into_any());
        } else {
            words.push(w.to_string().into_any());
        }
    }
    view! { <li>{words}</li> }
}

#[component]
pub fn Materials(state: CardState) -> impl IntoView {
    let (detail, files, sid) = (state.detail, state.files, state.id);

    // Material files.
    let files_problem = RwSignal::new(None::<Problem>);
    let files_message = RwSignal::new(None::<String>);
    let files_busy = RwSignal::new(false);
    let on_file = move |file: web_sys::File| {
        files_message.set(None);
        upload_file(
            UploadTarget::SessionMaterial(sid.get_value()),
            file,
            files_busy,
            files_problem,
            move |f| {
                files_message.try_set(Some(format!("Файл «{}» добавлен.", f.file_name)));
                files.try_update(|v| v.push(f));
            },
        );
    };
    let delete_file = Callback::new(move |f: StoredFile| {
        if !confirm(&format!("Удалить файл «{}»?", f.file_name)) {
            return;
        }
        files_busy.set(true);
        files_problem.set(None);
        files_message.set(None);
        spawn_local(async move {
            match api::files::remove(&f).await {
                Ok(()) => {
                    files.try_update(|v| v.retain(|x| x.id != f.id));
                    files_message.try_set(Some(format!("Файл «{}» удалён.", f.file_name)));
                }
                Err(p) => {
                    files_problem.try_set(Some(p));
                }
            }
            files_busy.try_set(false);
        });
    });
    let files_box = move |d: &SessionDetail| {
        let manage = d.can_manage;
        // Others see the block only when there is something to download.
        let lines: Vec<String> = d
            .materials
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if !manage && d.files.is_empty() && lines.is_empty() {
            return None;
        }
        Some(view! {
            <div class="card" data-testid="session-files">
                <h2>"Материалы"</h2>
                {(!lines.is_empty()).then(|| view! {
                    <ul class="plain-list materials" data-testid="materials-list">
                        {lines.iter().map(|l| material_line(l)).collect_view()}
                    </ul>
                })}
                <Banner message=files_message />
                <ErrorBanner problem=files_problem />
                {move || {
                    let list = files.get();
                    if list.is_empty() {
                        view! { <p class="muted" data-testid="no-files">"Файлов пока нет."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list file-list">
                                {list.into_iter().map(|f| if manage {
                                    view! { <FileRow file=f problem=files_problem busy=files_busy on_delete=delete_file /> }.into_any()
                                } else {
                                    view! { <FileRow file=f problem=files_problem busy=files_busy /> }.into_any()
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
                {manage.then(|| view! {
                    <UploadButton
                        label="Добавить файл".to_string()
                        testid="session-file-input"
                        busy=files_busy
                        problem=files_problem
                        on_file
                    />
                })}
            </div>
        })
    };

    move || detail.with(|d| d.as_ref().and_then(&files_box))
}
