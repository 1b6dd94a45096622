//! Meetings and their protocols (совещания, протоколы; issue 12 §3, seed 002): the kind,
//! topic, date, time and place; invitees generated from the composition in force that day
//! (plus others) with attendance; the agenda with speakers (a person with a position, or a
//! collective speaker), proceedings and optional decisions (поручения) per item; «Разное»;
//! one or two signatories; the workflow planned → held → signed (then read-only: a signed
//! protocol is never rewritten, there are no amendments). Decisions carry an owner, a
//! deadline and a status computed here (open / done / overdue); open ones of earlier
//! meetings of the municipality come back on the next agenda as «Контроль исполнения».
//! The protocol's paragraphs (SEED-GAPS 4.4) are [`protocol::paragraphs`].

pub mod protocol;
#[cfg(test)]
mod tests;

use crate::org::Meta;
use crate::problem::{Errors, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::labelled_enum!(
    /// What kind of meeting it is.
    MeetingKind {
        TutorsMeeting = "tutors_meeting" => "Совещание учителей-тьюторов",
        CommunitySession = "community_session" => "Заседание тьюторского сообщества",
        MethodCouncil = "method_council" => "Методический совет",
        Other = "other" => "Другое",
    }
);

impl MeetingKind {
    /// The protocol's second line, in the genitive («Протокол / совещания учителей-тьюторов»);
    /// `other` is the kind as written for [`MeetingKind::Other`].
    pub fn protocol_line(self, other: Option<&str>) -> String {
        match self {
            MeetingKind::TutorsMeeting => "совещания учителей-тьюторов".into(),
            MeetingKind::CommunitySession => "заседания тьюторского сообщества".into(),
            MeetingKind::MethodCouncil => "заседания методического совета".into(),
            MeetingKind::Other => other
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or("совещания")
                .to_string(),
        }
    }
}

crate::labelled_enum!(
    MeetingStatus {
        Planned = "planned" => "Запланировано",
        Held = "held" => "Проведено, протокол готовится",
        Signed = "signed" => "Протокол подписан",
    }
);

crate::labelled_enum!(
    MeetingAction {
        /// The meeting took place: attendance and proceedings are written now.
        Hold = "hold" => "Отметить проведённым",
        /// The protocol is signed and becomes read-only.
        Sign = "sign" => "Подписать протокол",
    }
);

crate::labelled_enum!(
    /// The state of a поручение, computed from its deadline and mark.
    DecisionStatus {
        Open = "open" => "На исполнении",
        Done = "done" => "Выполнено",
        Overdue = "overdue" => "Просрочено",
    }
);

/// A поручение's status on `today`: done once marked, overdue past its deadline.
pub fn decision_status(
    deadline: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> DecisionStatus {
    match (done_on, deadline) {
        (Some(_), _) => DecisionStatus::Done,
        (None, Some(d)) if d < today => DecisionStatus::Overdue,
        _ => DecisionStatus::Open,
    }
}

/// The group a composition member is listed under among the absent (seed 002:
/// «учителя-тьюторы по ВПР», «учителя-тьюторы по ЕГЭ»).
pub fn category_of(s: Option<crate::composition::TutorSpecialisation>) -> &'static str {
    use crate::composition::TutorSpecialisation as S;
    match s {
        Some(S::Vpr) => "учителя-тьюторы по ВПР",
        Some(S::Oge) => "учителя-тьюторы по ОГЭ",
        Some(S::Ege) => "учителя-тьюторы по ЕГЭ",
        Some(S::Subject) => "предметные тьюторы",
        None => "тьюторы",
    }
}

/// Whether the meeting's content (details, invitees, agenda, decisions) may change.
pub fn may_edit(status: MeetingStatus) -> Result<(), &'static str> {
    match status {
        MeetingStatus::Signed => {
            Err("Протокол подписан и больше не меняется; исправления — новым совещанием")
        }
        _ => Ok(()),
    }
}

/// What the workflow checks about a meeting.
#[derive(Debug, Clone, Copy)]
pub struct Flow {
    pub status: MeetingStatus,
    /// The meeting's date has come.
    pub date_reached: bool,
    pub agenda_items: usize,
    pub signatories: usize,
    /// Invitees whose attendance is not ticked yet.
    pub unticked: usize,
}

/// The status after `action`, or why not.
pub fn transition(f: Flow, action: MeetingAction) -> Result<MeetingStatus, String> {
    match (f.status, action) {
        (MeetingStatus::Planned, MeetingAction::Hold) if !f.date_reached => {
            Err("Совещание ещё не наступило".into())
        }
        (MeetingStatus::Planned, MeetingAction::Hold) => Ok(MeetingStatus::Held),
        (MeetingStatus::Held, MeetingAction::Sign) => {
            if f.agenda_items == 0 {
                Err("В протоколе нет ни одного вопроса программы".into())
            } else if f.signatories == 0 {
                Err("Укажите, кто подписывает протокол".into())
            } else if f.unticked > 0 {
                Err(format!(
                    "Не отмечено присутствие: {} {}",
                    f.unticked,
                    crate::text::plural(f.unticked as i64, "человек", "человека", "человек")
                ))
            } else {
                Ok(MeetingStatus::Signed)
            }
        }
        (s, a) => Err(format!(
            "Действие «{}» недоступно: совещание в состоянии «{}»",
            a.label_ru(),
            s.label_ru()
        )),
    }
}

/// One person invited: from the composition (`member_id`) or added by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitee {
    pub id: String,
    pub user_id: Option<String>,
    /// The composition member this invitee came from.
    pub member_id: Option<String>,
    /// «Фамилия Имя Отчество».
    pub full_name: String,
    pub position: Option<String>,
    /// The school's short name («МБОУ СОШ № 44») or the workplace.
    pub school: Option<String>,
    /// The group the absent list prints («учителя-тьюторы по ВПР»).
    pub category: String,
    /// Ticked: present (`true`), absent (`false`), not yet (`null`).
    pub present: Option<bool>,
    pub absence_reason: Option<String>,
}

/// A поручение: what, who, by when, and whether done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub id: String,
    pub meeting_id: String,
    pub agenda_item_id: String,
    pub text: String,
    /// The owner's account, when the owner has one.
    pub owner_user_id: Option<String>,
    /// The owner as printed («Губанова И.С.», «учителя-тьюторы»).
    pub owner_name: String,
    pub deadline: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub status: DecisionStatus,
    /// The meeting it was given at (for «Контроль исполнения»).
    pub meeting_topic: String,
    pub meeting_date: NaiveDate,
    /// The decision's own version (its status changes after the protocol is signed).
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = MeetingAgendaItem))]
pub struct AgendaItem {
    pub id: String,
    /// 1, 2, … in the programme.
    pub position: i32,
    pub title: String,
    /// A person speaking: «Фамилия Имя Отчество» and position.
    pub speaker_user_id: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_position: Option<String>,
    /// Or a collective speaker («Учителя-тьюторы по ВПР»).
    pub speaker_collective: Option<String>,
    /// What was said (paragraphs separated by line breaks).
    pub proceedings: String,
    pub decisions: Vec<Decision>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// «Начальник отдела МКУ ИМЦ», «Председатель», «Секретарь».
    pub position: String,
    /// «И.С. Губанова».
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub id: String,
    pub municipality_id: String,
    pub kind: MeetingKind,
    /// The kind as written, for `other` («совещания руководителей ШМО»).
    pub kind_text: Option<String>,
    /// An optional protocol number («№ 3»).
    pub number: Option<String>,
    pub topic: String,
    pub held_on: NaiveDate,
    /// «13:00».
    pub starts_at: String,
    pub place: String,
    pub status: MeetingStatus,
    pub invitees: Vec<Invitee>,
    /// Present but not invited one by one (counted, not listed).
    pub extra_present: i32,
    pub agenda: Vec<AgendaItem>,
    /// «Разное» closes the programme.
    pub include_misc: bool,
    /// «В разном …» — what was said there.
    pub misc_text: String,
    pub signatories: Vec<Signatory>,
    /// Attachments (presentations, materials handed out).
    pub files: Vec<crate::files::StoredFile>,
    /// Open поручения of earlier meetings of the municipality («Контроль исполнения»).
    pub control: Vec<Decision>,
    pub present_count: i32,
    pub absent_count: i32,
    #[serde(flatten)]
    pub meta: Meta,
}

impl Meeting {
    /// Ticked present plus those counted without an invitation.
    pub fn present(invitees: &[Invitee], extra: i32) -> i32 {
        invitees.iter().filter(|i| i.present == Some(true)).count() as i32 + extra
    }

    pub fn absent(invitees: &[Invitee]) -> i32 {
        invitees.iter().filter(|i| i.present == Some(false)).count() as i32
    }
}

/// A list row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: String,
    pub municipality_id: String,
    pub kind: MeetingKind,
    pub topic: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub status: MeetingStatus,
    pub invitees: i64,
    /// Its поручения not done yet.
    pub open_decisions: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct MeetingFilter {
    pub municipality_id: Option<String>,
    pub status: Option<MeetingStatus>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// A new meeting; its invitees come from the composition in force on `held_on`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    /// Default: the caller's municipality.
    #[serde(default)]
    pub municipality_id: Option<String>,
    pub kind: Option<MeetingKind>,
    #[serde(default)]
    pub kind_text: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    pub topic: String,
    pub held_on: Option<NaiveDate>,
    /// ЧЧ:ММ.
    pub starts_at: String,
    pub place: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteeInput {
    /// Keep it to keep the row (new rows have none).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub member_id: Option<String>,
    pub full_name: String,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub school: Option<String>,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub present: Option<bool>,
    #[serde(default)]
    pub absence_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub owner_user_id: Option<String>,
    /// As printed; default: the owner's «Фамилия И.О.».
    #[serde(default)]
    pub owner_name: Option<String>,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgendaItemInput {
    #[serde(default)]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub speaker_user_id: Option<String>,
    #[serde(default)]
    pub speaker_name: Option<String>,
    #[serde(default)]
    pub speaker_position: Option<String>,
    #[serde(default)]
    pub speaker_collective: Option<String>,
    #[serde(default)]
    pub proceedings: String,
    #[serde(default)]
    pub decisions: Vec<DecisionInput>,
}

/// The whole editable meeting (`version` the meeting's): details, invitees with
/// attendance, agenda with decisions, «Разное», signatories.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeetingUpdate {
    pub kind: Option<MeetingKind>,
    #[serde(default)]
    pub kind_text: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    pub topic: String,
    pub held_on: Option<NaiveDate>,
    pub starts_at: String,
    pub place: String,
    #[serde(default)]
    pub invitees: Vec<InviteeInput>,
    #[serde(default)]
    pub extra_present: i32,
    #[serde(default)]
    pub agenda: Vec<AgendaItemInput>,
    #[serde(default)]
    pub include_misc: bool,
    #[serde(default)]
    pub misc_text: String,
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeetingTransition {
    pub action: Option<MeetingAction>,
    pub version: i32,
}

/// Marks a поручение done (`done: true`) or open again; `version` the decision's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionMark {
    pub done: bool,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    pub version: i32,
}

/// ЧЧ:ММ (00:00–23:59), or `None`.
pub fn parse_time(s: &str) -> Option<(u32, u32)> {
    let (h, m) = s
        .trim()
        .split_once(':')
        .or_else(|| s.trim().split_once('.'))?;
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

fn details(
    e: &mut Errors,
    kind: Option<MeetingKind>,
    kind_text: &Option<String>,
    topic: &str,
    held_on: Option<NaiveDate>,
    (starts_at, place): (&str, &str),
) {
    match kind {
        None => e.add("kind", "required", "Выберите вид совещания"),
        Some(MeetingKind::Other) if crate::text::clean(kind_text).is_none() => e.add(
            "kind_text",
            "required",
            "Напишите, какое это совещание (в родительном падеже: «совещания руководителей ШМО»)",
        ),
        _ => {}
    }
    e.required("topic", topic, 500);
    if held_on.is_none() {
        e.add("held_on", "required", "Укажите дату");
    }
    if parse_time(starts_at).is_none() {
        e.add("starts_at", "invalid_time", "Время — ЧЧ:ММ, например 13:00");
    }
    e.required("place", place, 300);
}

impl MeetingInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        details(
            &mut e,
            self.kind,
            &self.kind_text,
            &self.topic,
            self.held_on,
            (&self.starts_at, &self.place),
        );
        e.finish()
    }
}

impl MeetingUpdate {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        details(
            &mut e,
            self.kind,
            &self.kind_text,
            &self.topic,
            self.held_on,
            (&self.starts_at, &self.place),
        );
        for (i, p) in self.invitees.iter().enumerate() {
            e.required(&format!("invitees[{i}].full_name"), &p.full_name, 200);
            e.max_len(&format!("invitees[{i}].category"), &p.category, 200);
            if p.present == Some(true) && crate::text::clean(&p.absence_reason).is_some() {
                e.add(
                    &format!("invitees[{i}].absence_reason"),
                    "not_absent",
                    "Причину отсутствия указывают только для отсутствующих",
                );
            }
        }
        if !(0..=10_000).contains(&self.extra_present) {
            e.add("extra_present", "out_of_range", "От 0 до 10 000");
        }
        for (i, a) in self.agenda.iter().enumerate() {
            e.required(&format!("agenda[{i}].title"), &a.title, 1000);
            // A person by name, or by account (its name is then the account's).
            let person = crate::text::clean(&a.speaker_name).is_some()
                || crate::text::clean(&a.speaker_user_id).is_some();
            let collective = crate::text::clean(&a.speaker_collective).is_some();
            if person && collective {
                e.add(
                    &format!("agenda[{i}].speaker_collective"),
                    "one_speaker",
                    "Докладчик — либо человек, либо коллектив",
                );
            }
            if !person && crate::text::clean(&a.speaker_position).is_some() {
                e.add(
                    &format!("agenda[{i}].speaker_name"),
                    "required",
                    "Укажите докладчика (Фамилия Имя Отчество)",
                );
            }
            e.max_len(&format!("agenda[{i}].proceedings"), &a.proceedings, 20_000);
            for (j, d) in a.decisions.iter().enumerate() {
                e.required(&format!("agenda[{i}].decisions[{j}].text"), &d.text, 2000);
                if crate::text::clean(&d.owner_user_id).is_none()
                    && crate::text::clean(&d.owner_name).is_none()
                {
                    e.add(
                        &format!("agenda[{i}].decisions[{j}].owner_name"),
                        "required",
                        "Укажите ответственного",
                    );
                }
            }
        }
        e.max_len("misc_text", &self.misc_text, 20_000);
        if self.signatories.len() > 2 {
            e.add(
                "signatories",
                "too_many",
                "Протокол подписывают один или двое",
            );
        }
        for (i, s) in self.signatories.iter().enumerate() {
            e.required(&format!("signatories[{i}].position"), &s.position, 300);
            e.required(&format!("signatories[{i}].name"), &s.name, 200);
        }
        e.finish()
    }
}
