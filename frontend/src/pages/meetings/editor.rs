//! The meeting being written: details, invitees with attendance (ticked present or
//! absent with a reason), people added by hand, the agenda with speakers, proceedings
//! and поручения (owner, deadline), «Разное» and the signatories. One draft of signals,
//! filled from the stored meeting and sent whole as `PUT /meetings/{id}`.

use leptos::prelude::*;
use tutornet_domain::meetings::{
    AgendaItemInput, DecisionInput, InviteeInput, Meeting, MeetingKind, MeetingUpdate, Signatory,
};

use crate::util::non_empty;

#[derive(Clone)]
pub struct InviteeEdit {
    key: u32,
    id: Option<String>,
    user_id: Option<String>,
    member_id: Option<String>,
    full_name: String,
    position: Option<String>,
    school: Option<String>,
    category: RwSignal<String>,
    /// "" not ticked, "yes", "no".
    present: RwSignal<String>,
    reason: RwSignal<String>,
}

#[derive(Clone)]
pub struct DecisionEdit {
    key: u32,
    id: Option<String>,
    text: RwSignal<String>,
    owner: RwSignal<String>,
    owner_name: RwSignal<String>,
    deadline: RwSignal<String>,
}

#[derive(Clone)]
pub struct ItemEdit {
    key: u32,
    id: Option<String>,
    title: RwSignal<String>,
    speaker_name: RwSignal<String>,
    speaker_position: RwSignal<String>,
    collective: RwSignal<String>,
    proceedings: RwSignal<String>,
    decisions: RwSignal<Vec<DecisionEdit>>,
}

/// The whole editable meeting.
#[derive(Clone, Copy)]
pub struct Draft {
    kind: RwSignal<Option<MeetingKind>>,
    kind_text: RwSignal<String>,
    number: RwSignal<String>,
    topic: RwSignal<String>,
    held_on: RwSignal<String>,
    starts_at: RwSignal<String>,
    place: RwSignal<String>,
    extra: RwSignal<String>,
    include_misc: RwSignal<bool>,
    misc_text: RwSignal<String>,
    sign: [RwSignal<String>; 4],
    invitees: RwSignal<Vec<InviteeEdit>>,
    agenda: RwSignal<Vec<ItemEdit>>,
    version: RwSignal<i32>,
    next: RwSignal<u32>,
}

fn sig(v: impl Into<String>) -> RwSignal<String> {
    RwSignal::new(v.into())
}

impl Draft {
    pub fn new() -> Draft {
        Draft {
            kind: RwSignal::new(None),
            kind_text: sig(""),
            number: sig(""),
            topic: sig(""),
            held_on: sig(""),
            starts_at: sig(""),
            place: sig(""),
            extra: sig("0"),
            include_misc: RwSignal::new(true),
            misc_text: sig(""),
            sign: [sig(""), sig(""), sig(""), sig("")],
            invitees: RwSignal::new(Vec::new()),
            agenda: RwSignal::new(Vec::new()),
            version: RwSignal::new(0),
            next: RwSignal::new(0),
        }
    }

    fn key(&self) -> u32 {
        let k = self.next.get_untracked() + 1;
        self.next.set(k);
        k
    }

    fn decision(&self, d: Option<&tutornet_domain::meetings::Decision>) -> DecisionEdit {
        DecisionEdit {
            key: self.key(),
            id: d.map(|d| d.id.clone()),
            text: sig(d.map(|d| d.text.clone()).unwrap_or_default()),
            owner: sig(d.and_then(|d| d.owner_user_id.clone()).unwrap_or_default()),
            owner_name: sig(d.map(|d| d.owner_name.clone()).unwrap_or_default()),
            deadline: sig(d
                .and_then(|d| d.deadline)
                .map(|x| x.to_string())
                .unwrap_or_default()),
        }
    }

    fn item(&self) -> ItemEdit {
        ItemEdit {
            key: self.key(),
            id: None,
            title: sig(""),
            speaker_name: sig(""),
            speaker_position: sig(""),
            collective: sig(""),
            proceedings: sig(""),
            decisions: RwSignal::new(Vec::new()),
        }
    }

    /// Everything from the stored meeting.
    pub fn fill(&self, m: &Meeting) {
        self.kind.set(Some(m.kind));
        self.kind_text.set(m.kind_text.clone().unwrap_or_default());
        self.number.set(m.number.clone().unwrap_or_default());
        self.topic.set(m.topic.clone());
        self.held_on.set(m.held_on.to_string());
        self.starts_at.set(m.starts_at.clone());
        self.place.set(m.place.clone());
        self.extra.set(m.extra_present.to_string());
        self.include_misc.set(m.include_misc);
        self.misc_text.set(m.misc_text.clone());
        for (n, s) in self.sign.iter().enumerate() {
            let v = m.signatories.get(n / 2).map(|x| {
                if n % 2 == 0 {
                    x.position.clone()
                } else {
                    x.name.clone()
                }
            });
            s.set(v.unwrap_or_default());
        }
        let invitees = m
            .invitees
            .iter()
            .map(|i| InviteeEdit {
                key: self.key(),
                id: Some(i.id.clone()),
                user_id: i.user_id.clone(),
                member_id: i.member_id.clone(),
                full_name: i.full_name.clone(),
                position: i.position.clone(),
                school: i.school.clone(),
                category: sig(i.category.clone()),
                present: sig(match i.present {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                }),
                reason: sig(i.absence_reason.clone().unwrap_or_default()),
            })
            .collect();
        self.invitees.set(invitees);
        let agenda = m
            .agenda
            .iter()
            .map(|a| {
                let it = self.item();
                it.title.set(a.title.clone());
                it.speaker_name
                    .set(a.speaker_name.clone().unwrap_or_default());
                it.speaker_position
                    .set(a.speaker_position.clone().unwrap_or_default());
                it.collective
                    .set(a.speaker_collective.clone().unwrap_or_default());
                it.proceedings.set(a.proceedings.clone());
                it.decisions
                    .set(a.decisions.iter().map(|d| self.decision(Some(d))).collect());
                ItemEdit {
                    id: Some(a.id.clone()),
                    ..it
                }
            })
            .collect();
        self.agenda.set(agenda);
        self.version.set(m.meta.version);
    }

    pub fn to_update(self) -> MeetingUpdate {
        let s = |i: usize| self.sign[i].get_untracked();
        let signatories = [(s(0), s(1)), (s(2), s(3))]
            .into_iter()
            .filter(|(p, n)| !p.trim().is_empty() || !n.trim().is_empty())
            .map(|(position, name)| Signatory { position, name })
            .collect();
        MeetingUpdate {
            kind: self.kind.get_untracked(),
            kind_text: non_empty(self.kind_text.get_untracked()),
            number: non_empty(self.number.get_untracked()),
            topic: self.topic.get_untracked(),
            held_on: tutornet_domain::text::parse_date_ru(&self.held_on.get_untracked()),
            starts_at: self.starts_at.get_untracked(),
            place: self.place.get_untracked(),
            invitees: self
                .invitees
                .get_untracked()
                .into_iter()
                .map(|i| {
                    let present = match i.present.get_untracked().as_str() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    };
                    InviteeInput {
                        id: i.id,
                        user_id: i.user_id,
                        member_id: i.member_id,
                        full_name: i.full_name,
                        position: i.position,
                        school: i.school,
                        category: i.category.get_untracked(),
                        present,
                        absence_reason: (present == Some(false))
                            .then(|| non_empty(i.reason.get_untracked()))
                            .flatten(),
                    }
                })
                .collect(),
            extra_present: self.extra.get_untracked().trim().parse().unwrap_or(0),
            agenda: self
                .agenda
                .get_untracked()
                .into_iter()
                .map(|a| AgendaItemInput {
                    id: a.id,
                    title: a.title.get_untracked(),
                    speaker_user_id: None,
                    speaker_name: non_empty(a.speaker_name.get_untracked()),
                    speaker_position: non_empty(a.speaker_position.get_untracked()),
                    speaker_collective: non_empty(a.collective.get_untracked()),
                    proceedings: a.proceedings.get_untracked(),
                    decisions: a
                        .decisions
                        .get_untracked()
                        .into_iter()
                        .map(|d| {
                            let owner = non_empty(d.owner.get_untracked());
                            DecisionInput {
                                id: d.id,
                                text: d.text.get_untracked(),
                                // An owner by account is printed by the server's rule.
                                owner_name: if owner.is_some() {
                                    None
                                } else {
                                    non_empty(d.owner_name.get_untracked())
                                },
                                owner_user_id: owner,
                                deadline: tutornet_domain::text::parse_date_ru(
                                    &d.deadline.get_untracked(),
                                ),
                            }
                        })
                        .collect(),
                })
                .collect(),
            include_misc: self.include_misc.get_untracked(),
            misc_text: self.misc_text.get_untracked(),
            signatories,
            version: self.version.get_untracked(),
        }
    }
}

/// A bare input bound to a signal.
fn input(
    value: RwSignal<String>,
    name: String,
    testid: &'static str,
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <input type="text" name=name data-testid=testid placeholder=placeholder aria-label=placeholder
            prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value()) />
    }
}

fn area(
    value: RwSignal<String>,
    name: String,
    testid: &'static str,
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <textarea name=name data-testid=testid rows="4" placeholder=placeholder aria-label=placeholder
            prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value())></textarea>
    }
}

/// Invitees and attendance, with people added by hand.
#[component]
pub fn Attendance(draft: Draft) -> impl IntoView {
    let (name, position, school, category) = (sig(""), sig(""), sig(""), sig(""));
    let add = move |_| {
        let n = name.get_untracked();
        if n.trim().is_empty() {
            return;
        }
        let k = draft.key();
        draft.invitees.update(|v| {
            v.push(InviteeEdit {
                key: k,
                id: None,
                user_id: None,
                member_id: None,
                full_name: n,
                position: non_empty(position.get_untracked()),
                school: non_empty(school.get_untracked()),
                category: sig(category.get_untracked()),
                present: sig(""),
                reason: sig(""),
            })
        });
        for s in [name, position, school] {
            s.set(String::new());
        }
    };
    view! {
        <h2>"Приглашённые и явка"</h2>
        <div class="table-wrap">
            <table class="table" data-testid="invitees-table">
                <thead><tr><th>"Участник"</th><th>"Группа"</th><th>"Явка"</th><th>"Причина отсутствия"</th><th></th></tr></thead>
                <tbody>
                    <For each=move || draft.invitees.get() key=|i| i.key children=move |i| {
                        let k = i.key;
                        let present = i.present;
                        view! {
                            <tr data-testid="invitee-row">
                                <td data-label="Участник"><span class="strong" data-testid="invitee-name">{i.full_name.clone()}</span><br />
                                    <span class="muted small">{[i.position.clone(), i.school.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ")}</span></td>
                                <td data-label="Группа">{input(i.category, format!("category-{k}"), "invitee-category", "группа")}</td>
                                <td data-label="Явка">
                                    <select data-testid="attendance" aria-label="Явка" prop:value=move || present.get()
                                        on:change:target=move |ev| present.set(ev.target().value())>
                                        <option value="">"не отмечено"</option>
                                        <option value="yes">"присутствовал(а)"</option>
                                        <option value="no">"отсутствовал(а)"</option>
                                    </select>
                                </td>
                                <td data-label="Причина">
                                    <Show when=move || present.get() == "no">{input(i.reason, format!("reason-{k}"), "absence-reason", "причина")}</Show>
                                </td>
                                <td><button type="button" class="btn btn-link" on:click=move |_| draft.invitees.update(|v| v.retain(|x| x.key != k))>"Убрать"</button></td>
                            </tr>
                        }
                    } />
                </tbody>
            </table>
        </div>
        <div class="meeting-add no-print" data-testid="add-invitee">
            {input(name, "new-name".into(), "new-invitee-name", "Фамилия Имя Отчество")}
            {input(position, "new-position".into(), "new-invitee-position", "должность")}
            {input(school, "new-school".into(), "new-invitee-school", "школа")}
            {input(category, "new-category".into(), "new-invitee-category", "группа (учителя-тьюторы по ВПР)")}
            <button type="button" class="btn" data-testid="add-invitee-button" on:click=add>"Добавить приглашённого"</button>
        </div>
        <div class="field narrow">
            <label for="f-extra">"Присутствовали ещё (без персонального приглашения)"</label>
            <input id="f-extra" type="number" min="0" data-testid="extra-present" prop:value=move || draft.extra.get()
                on:input:target=move |ev| draft.extra.set(ev.target().value()) />
        </div>
    }
}

/// The agenda with speakers, proceedings and поручения; «Разное»; the signatories.
#[component]
pub fn Agenda(draft: Draft) -> impl IntoView {
    let owners = move || {
        draft
            .invitees
            .get()
            .into_iter()
            .filter_map(|i| i.user_id.map(|u| (u, i.full_name)))
            .collect::<Vec<_>>()
    };
    let numbered = move || {
        let v: Vec<(usize, ItemEdit)> = draft.agenda.get().into_iter().enumerate().collect();
        v
    };
    view! {
        <h2>"Программа и ход совещания"</h2>
        <For each=numbered key=|(n, i)| (*n, i.key) children=move |(n, it)| {
            let k = it.key;
            let decisions = it.decisions;
            view! {
                <div class="card agenda-item" data-testid="agenda-item">
                    <p class="strong">{format!("Вопрос {}", n + 1)}</p>
                    {input(it.title, format!("title-{k}"), "item-title", "Формулировка вопроса")}
                    <div class="grid-3">
                        {input(it.speaker_name, format!("speaker-{k}"), "item-speaker", "Докладчик: Фамилия Имя Отчество")}
                        {input(it.speaker_position, format!("speaker-pos-{k}"), "item-speaker-position", "должность докладчика")}
                        {input(it.collective, format!("collective-{k}"), "item-collective", "или коллектив: «Учителя-тьюторы по ВПР»")}
                    </div>
                    {area(it.proceedings, format!("proceedings-{k}"), "item-proceedings", "Что было сказано (печатается после «По первому вопросу»)")}
                    <p class="small strong">"Поручения"</p>
                    <For each=move || decisions.get() key=|d| d.key children=move |d| {
                        let dk = d.key;
                        view! {
                            <div class="grid-4 decision-edit" data-testid="decision-edit">
                                {input(d.text, format!("decision-{dk}"), "decision-text", "Что поручено")}
                                <select data-testid="decision-owner" aria-label="Ответственный" prop:value=move || d.owner.get()
                                    on:change:target=move |ev| d.owner.set(ev.target().value())>
                                    <option value="">"— по имени —"</option>
                                    {move || owners().into_iter().map(|(u, n)| view! { <option value=u>{n}</option> }).collect_view()}
                                </select>
                                <Show when=move || d.owner.get().is_empty()>{input(d.owner_name, format!("owner-{dk}"), "decision-owner-name", "Ответственный (Фамилия И.О.)")}</Show>
                                <input type="date" data-testid="decision-deadline" aria-label="Срок" prop:value=move || d.deadline.get()
                                    on:input:target=move |ev| d.deadline.set(ev.target().value()) />
                                <button type="button" class="btn btn-link" on:click=move |_| decisions.update(|v| v.retain(|x| x.key != dk))>"Убрать"</button>
                            </div>
                        }
                    } />
                    <div class="actions no-print">
                        <button type="button" class="btn" data-testid="add-decision" on:click=move |_| { let d = draft.decision(None); decisions.update(|v| v.push(d)); }>"Добавить поручение"</button>
                        <button type="button" class="btn btn-link" on:click=move |_| draft.agenda.update(|v| v.retain(|x| x.key != k))>"Убрать вопрос"</button>
                    </div>
                </div>
            }
        } />
        <button type="button" class="btn no-print" data-testid="add-item" on:click=move |_| { let it = draft.item(); draft.agenda.update(|v| v.push(it)); }>"Добавить вопрос"</button>
        <div class="field">
            <label><input type="checkbox" data-testid="include-misc" prop:checked=move || draft.include_misc.get()
                on:change:target=move |ev| draft.include_misc.set(ev.target().checked()) />" Последний вопрос — «Разное»"</label>
            {area(draft.misc_text, "misc".into(), "misc-text", "В разном …")}
        </div>
        <h2>"Подписи"</h2>
        <div class="grid-2">
            {input(draft.sign[0], "sign-pos-0".into(), "signatory-position", "Должность (Начальник отдела МКУ ИМЦ, Председатель)")}
            {input(draft.sign[1], "sign-name-0".into(), "signatory-name", "И.О. Фамилия")}
            {input(draft.sign[2], "sign-pos-1".into(), "signatory2-position", "Вторая подпись: должность (Секретарь)")}
            {input(draft.sign[3], "sign-name-1".into(), "signatory2-name", "И.О. Фамилия")}
        </div>
    }
}

/// The details of the meeting.
#[component]
pub fn Details(draft: Draft) -> impl IntoView {
    view! {
        <div class="grid-2 meeting-details">
            <div class="field"><label>"Тема"</label>{input(draft.topic, "topic".into(), "meeting-topic", "тема")}</div>
            <div class="field"><label>"Место"</label>{input(draft.place, "place".into(), "meeting-place", "место")}</div>
            <div class="field"><label>"Дата"</label>
                <input type="date" data-testid="meeting-date" prop:value=move || draft.held_on.get() on:input:target=move |ev| draft.held_on.set(ev.target().value()) /></div>
            <div class="field"><label>"Время"</label>{input(draft.starts_at, "starts_at".into(), "meeting-time", "ЧЧ:ММ")}</div>
            <div class="field"><label>"Номер протокола"</label>{input(draft.number, "number".into(), "meeting-number", "необязательно")}</div>
        </div>
    }
}
