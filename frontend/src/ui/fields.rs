//! Form fields that show their error text, and the page-level banners.

use leptos::prelude::*;
use tutornet_domain::Problem;

/// The message the problem holds for one field (tracked).
pub fn field_error(problem: RwSignal<Option<Problem>>, name: &'static str) -> Option<String> {
    problem.with(|p| {
        p.as_ref()
            .and_then(|p| p.field_message(name))
            .map(str::to_string)
    })
}

/// Forgets the error of one field once the user edits it.
fn clear_field_error(problem: RwSignal<Option<Problem>>, name: &'static str) {
    if field_error(problem, name).is_some() {
        problem.update(|p| {
            if let Some(p) = p {
                p.errors.retain(|e| e.field != name);
            }
        });
    }
}

#[component]
fn FieldMessage(problem: RwSignal<Option<Problem>>, name: &'static str) -> impl IntoView {
    move || {
        field_error(problem, name).map(|m| {
            view! {
                <p class="field-error" id=format!("err-{name}") data-testid=format!("error-{name}")>
                    {m}
                </p>
            }
        })
    }
}

/// A labelled text input (or textarea) bound to `value`, with its error below it.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let invalid = move || field_error(problem, name).is_some().then_some("true");
    let described = format!("err-{name}");
    let on_input = move |v: String| {
        value.set(v);
        clear_field_error(problem, name);
    };
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="3"
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described.clone()
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:input:target=move |ev| on_input(ev.target().value())
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind
                name=name
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described.clone()
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:input:target=move |ev| on_input(ev.target().value())
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || field_error(problem, name).is_some()>
            <label for=id>
                {label}
                {required.then(|| view! { <span class="req" title="обязательное поле">" *"</span> })}
            </label>
            {control}
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <p class="hint">{h}</p> })}
            <FieldMessage problem name />
        </div>
    }
}

/// A bare checkbox with its label on the right, outside the field frame (filters,
/// choices inside a block).
#[component]
pub fn Check(
    label: &'static str,
    name: &'static str,
    checked: RwSignal<bool>,
    #[prop(default = "check")] class: &'static str,
) -> impl IntoView {
    view! {
        <label class=class>
            <input
                type="checkbox"
                name=name
                prop:checked=move || checked.get()
                on:change:target=move |ev| checked.set(ev.target().checked())
            />
            <span>{label}</span>
        </label>
    }
}

/// «Новый пароль» with the rule it must meet.
#[component]
pub fn NewPasswordField(
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    view! {
        <TextField
            label="Новый пароль"
            name="new_password"
            kind="password"
            value
            problem
            autocomplete="new-password"
            hint="Не короче 10 символов."
        />
    }
}

/// A checkbox with its label on the right.
#[component]
pub fn CheckboxField(
    label: &'static str,
    name: &'static str,
    checked: RwSignal<bool>,
    #[prop(optional)] problem: Option<RwSignal<Option<Problem>>>,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field field-check">
            <label for=id.clone() class="check">
                <input
                    id=id.clone()
                    type="checkbox"
                    name=name
                    disabled=move || disabled.get()
                    prop:checked=move || checked.get()
                    on:change:target=move |ev| checked.set(ev.target().checked())
                />
                <span>{label}</span>
            </label>
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <p class="hint">{h}</p> })}
            {problem.map(|problem| view! { <FieldMessage problem name /> })}
        </div>
    }
}

/// A labelled select; `options` are (value, label) pairs. With a `placeholder`, an empty
/// first option carries it.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] problem: Option<RwSignal<Option<Problem>>>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let has_error = move || problem.is_some_and(|p| field_error(p, name).is_some());
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id.clone()>
                {label}
                {required.then(|| view! { <span class="req" title="обязательное поле">" *"</span> })}
            </label>
            <select
                id=id
                name=name
                disabled=move || disabled.get()
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=format!("err-{name}")
                on:change:target=move |ev| {
                    value.set(ev.target().value());
                    if let Some(p) = problem {
                        clear_field_error(p, name);
                    }
                }
            >
                {placeholder
                    .map(|p| {
                        view! {
                            <option value="" prop:selected=move || value.with(String::is_empty)>
                                {p}
                            </option>
                        }
                    })}
                <For
                    each=move || options.get()
                    key=|(v, l)| (v.clone(), l.clone())
                    children=move |(v, l)| {
                        let v2 = v.clone();
                        view! {
                            <option value=v prop:selected=move || value.with(|cur| *cur == v2)>
                                {l}
                            </option>
                        }
                    }
                />
            </select>
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <p class="hint">{h}</p> })}
            {problem.map(|problem| view! { <FieldMessage problem name /> })}
        </div>
    }
}

/// The title, unless the detail already begins with its words.
fn title_unless_repeated(p: &Problem) -> Option<String> {
    let title = p.title.trim().trim_end_matches('.');
    let first = title
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() || p.detail.to_lowercase().starts_with(&first.to_lowercase()) {
        None
    } else {
        Some(format!("{title}."))
    }
}

/// The problem's `detail` in a red banner (and the list of field errors that have no
/// field on the form is not repeated: they are shown next to their fields).
#[component]
pub fn ErrorBanner(problem: RwSignal<Option<Problem>>) -> impl IntoView {
    move || {
        problem.get().map(|p| {
            view! {
                <div class="banner banner-error" role="alert" data-testid="error-banner">
                    {title_unless_repeated(&p)
                        .map(|t| view! { <strong>{t}</strong> " " })}
                    <span>{p.detail.clone()}</span>
                </div>
            }
        })
    }
}

/// A green (or neutral) message banner.
#[component]
pub fn Banner(
    message: RwSignal<Option<String>>,
    #[prop(default = "ok")] kind: &'static str,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <div class=format!("banner banner-{kind}") role="status" data-testid=format!("banner-{kind}")>
                    {m}
                </div>
            }
        })
    }
}

/// (value, label) pairs of a labelled enum.
pub fn enum_options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (key(*v).to_string(), label(*v).to_string()))
        .collect()
}

/// One checkbox of a multiple choice: checked while `values` holds `value`, and
/// adding or removing it (then `on_change` runs); `children` is its label.
#[component]
pub fn ToggleCheck(
    name: &'static str,
    value: String,
    values: RwSignal<Vec<String>>,
    #[prop(default = "check block-check")] class: &'static str,
    #[prop(optional)] on_change: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let (a, b) = (value.clone(), value.clone());
    view! {
        <label class=class>
            <input
                type="checkbox"
                name=name
                value=value
                prop:checked=move || values.with(|v| v.contains(&a))
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    values.update(|v| {
                        v.retain(|x| *x != b);
                        if on {
                            v.push(b.clone());
                        }
                    });
                    if let Some(cb) = on_change {
                        cb.run(());
                    }
                }
            />
            {children()}
        </label>
    }
}

/// One option of a [`CheckList`]: the value, its label and an optional muted note.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOption {
    pub value: String,
    pub label: String,
    pub note: Option<String>,
}

/// A list of checkboxes bound to the chosen values, with the field's error below it and
/// `empty` when there is nothing to choose.
#[component]
pub fn CheckList(
    name: &'static str,
    values: RwSignal<Vec<String>>,
    #[prop(into)] options: Signal<Vec<CheckOption>>,
    problem: RwSignal<Option<Problem>>,
    empty: &'static str,
) -> impl IntoView {
    view! {
        {move || {
            let opts = options.get();
            if opts.is_empty() {
                return view! { <p class="muted">{empty}</p> }.into_any();
            }
            opts.into_iter()
                .map(|o| {
                    view! {
                        <ToggleCheck name value=o.value values>
                            <span>
                                {o.label}
                                {o.note.map(|n| view! { <span class="muted small">{n}</span> })}
                            </span>
                        </ToggleCheck>
                    }
                })
                .collect_view()
                .into_any()
        }}
        {move || field_error(problem, name).map(|m| view! { <p class="field-error" data-testid=format!("error-{name}")>{m}</p> })}
    }
}
