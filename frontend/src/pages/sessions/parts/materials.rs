//! The session's materials: the log's list (titles and links, one a line — addresses
//! are clickable) and the material files (list, download, upload, removal).

use leptos::prelude::*;
use tutornet_domain::community::{is_web_url, SessionDetail};

use super::CardState;
use crate::api::files::UploadTarget;
use crate::ui::attachments::Attachments;

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
    let files_box = move |d: &SessionDetail| {
        let lines: Vec<String> = d
            .materials
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let has_lines = !lines.is_empty();
        // Others see the block only when there is something to read or download.
        view! {
            <Attachments
                title="Материалы"
                testid="session-files"
                input_testid="session-file-input"
                target=UploadTarget::SessionMaterial(sid.get_value())
                files
                manage=d.can_manage
                show=has_lines
            >
                {has_lines.then(|| view! {
                    <ul class="plain-list materials" data-testid="materials-list">
                        {lines.iter().map(|l| material_line(l)).collect_view()}
                    </ul>
                })}
            </Attachments>
        }
    };

    move || detail.with(|d| d.as_ref().map(&files_box))
}
