//! Uploaded files (the scan of an order, the materials of a session): a row with the
//! download link, size and date; the «choose a file» button; the upload itself — checked
//! in the browser against the domain's limits, then sent as the raw body.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::files::{allowed_type, StoredFile, ALLOWED_TYPES, MAX_FILE_BYTES};
use tutornet_domain::{FieldError, Problem};
use wasm_bindgen::JsCast;

use crate::api::files::{self, UploadTarget};
use crate::api::validation_problem;
use crate::ui::fields::field_error;
use crate::ui::time::date_ru;
use crate::util::read_file_bytes;

/// What the `accept` attribute of a file input offers.
fn accept() -> String {
    let mut v: Vec<&str> = ALLOWED_TYPES.iter().map(|(t, _)| *t).collect();
    v.extend([
        ".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".pptx", ".doc", ".txt",
    ]);
    v.join(",")
}

fn type_labels() -> String {
    ALLOWED_TYPES
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join(", ")
}

fn mb(bytes: f64) -> String {
    let v = bytes / (1024.0 * 1024.0);
    if v >= 10.0 {
        format!("{v:.0} МБ")
    } else {
        format!("{v:.1} МБ").replace('.', ",")
    }
}

/// «840 КБ», «2,4 МБ».
pub fn size_label(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} КБ", ((bytes + 1023) / 1024).max(1))
    } else {
        mb(bytes as f64)
    }
}

/// The hint under an upload button, with the largest size its target takes.
pub fn upload_hint(max: usize) -> String {
    format!("{}; не больше {}.", type_labels(), mb(max as f64))
}

fn file_problem(code: &str, message: String) -> Problem {
    validation_problem(vec![FieldError::new("file", code, message)])
}

/// The content type to send, or the Russian reason the file is refused.
fn check(file: &web_sys::File, max: usize) -> Result<&'static str, Problem> {
    if file.size() > max as f64 {
        return Err(file_problem(
            "too_large",
            format!(
                "Файл «{}» весит {}, а можно не больше {}. Уменьшите его (например, сохраните скан в меньшем разрешении) и загрузите снова.",
                file.name(),
                mb(file.size()),
                mb(max as f64)
            ),
        ));
    }
    if file.size() == 0.0 {
        return Err(file_problem(
            "empty",
            format!("Файл «{}» пустой.", file.name()),
        ));
    }
    allowed_type(&file.type_()).ok_or_else(|| {
        file_problem(
            "unsupported_type",
            format!(
                "Файлы такого типа не принимаются. Загрузите {}.",
                type_labels()
            ),
        )
    })
}

/// Checks a chosen file, reads it and sends it as the body of `method path?name=…`;
/// `done` gets the answer. Errors (the browser's or the server's) go to `problem`.
pub fn upload_file(
    target: UploadTarget,
    file: web_sys::File,
    busy: RwSignal<bool>,
    problem: RwSignal<Option<Problem>>,
    done: impl FnOnce(StoredFile) + 'static,
) {
    let max = target.max_bytes();
    let content_type = match check(&file, max) {
        Ok(t) => t,
        Err(p) => {
            problem.set(Some(p));
            return;
        }
    };
    let name = file.name();
    busy.set(true);
    problem.set(None);
    read_file_bytes(file, move |res| match res {
        Ok(bytes) => spawn_local(async move {
            match files::upload(&target, name, bytes, content_type).await {
                Ok(v) => done(v),
                Err(mut p) => {
                    if p.status == 413 && p.errors.is_empty() {
                        p.detail =
                            format!("Файл слишком большой: можно не больше {}.", mb(max as f64));
                        p.errors = vec![FieldError::new("file", "too_large", p.detail.clone())];
                    }
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        }),
        Err(m) => {
            problem.try_set(Some(file_problem("unreadable", m)));
            busy.try_set(false);
        }
    });
}

/// A «choose a file» button (a label around a hidden file input); `on_file` gets the
/// chosen file. The error of the `file` (or `name`) field is shown below it.
#[component]
pub fn UploadButton(
    #[prop(into)] label: Signal<String>,
    testid: &'static str,
    busy: RwSignal<bool>,
    problem: RwSignal<Option<Problem>>,
    on_file: impl Fn(web_sys::File) + 'static,
    /// The largest file the target takes (the general limit by default).
    #[prop(optional)]
    max_bytes: Option<usize>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|f| f.get(0));
        // Let the same file be chosen again after an error.
        input.set_value("");
        if let Some(file) = file {
            on_file(file);
        }
    };
    let error = move || field_error(problem, "file").or_else(|| field_error(problem, "name"));
    view! {
        <div class="file-upload no-print" class:has-error=move || error().is_some()>
            <label class="btn file-pick" class:disabled=move || busy.get()>
                <input
                    type="file"
                    class="file-input"
                    accept=accept()
                    data-testid=testid
                    disabled=move || busy.get()
                    on:change=on_change
                />
                {move || if busy.get() { "Загрузка…".to_string() } else { label.get() }}
            </label>
            <p class="hint">{upload_hint(max_bytes.unwrap_or(MAX_FILE_BYTES))}</p>
            {move || error().map(|m| view! { <p class="field-error" data-testid="error-file">{m}</p> })}
        </div>
    }
}

/// One stored file: its name as a download link, size and upload date, and an optional
/// «Удалить» button.
#[component]
pub fn FileRow(
    file: StoredFile,
    problem: RwSignal<Option<Problem>>,
    busy: RwSignal<bool>,
    #[prop(optional)] on_delete: Option<Callback<StoredFile>>,
) -> impl IntoView {
    let stored = file.clone();
    let loading = RwSignal::new(false);
    let get = move |_| {
        let stored = stored.clone();
        loading.set(true);
        spawn_local(async move {
            if let Err(p) = files::fetch(&stored).await {
                problem.try_set(Some(p));
            }
            loading.try_set(false);
        });
    };
    let meta = format!(
        "{} · {}",
        size_label(file.size_bytes),
        date_ru(file.uploaded_at)
    );
    let f2 = file.clone();
    view! {
        <li class="file-row" data-testid="file-row" data-id=file.id.clone()>
            <span class="file-main">
                <button
                    type="button"
                    class="btn-link file-link"
                    data-testid="file-link"
                    title="Скачать"
                    disabled=move || loading.get()
                    on:click=get
                >
                    {file.file_name.clone()}
                </button>
                <span class="muted small nowrap" data-testid="file-meta">{meta}</span>
            </span>
            {on_delete.map(|cb| view! {
                <button
                    type="button"
                    class="btn btn-danger btn-small no-print"
                    data-testid="file-delete"
                    aria-label=format!("Удалить файл {}", f2.file_name)
                    disabled=move || busy.get()
                    on:click=move |_| cb.run(f2.clone())
                >
                    "Удалить"
                </button>
            })}
        </li>
    }
}
