//! Queries of meetings (private to the noun): rows, one meeting with its invitees,
//! agenda, decisions and the open decisions of earlier meetings, the list in reach, and
//! the writes of its parts.

use crate::auth::Reach;
use crate::error::{AppError, AppResult};
use crate::store::conn::{DbConn, MultiBackend};
use crate::store::page::{finish_page, page_limit, Cursor};
use crate::store::record::{new_id, Found};
use crate::store::schema::{
    meeting_agenda_items as ma, meeting_decisions as md, meeting_invitees as mi, meetings as mt,
};
use crate::store::stored;
use chrono::NaiveDate;
use diesel::prelude::*;
use tutornet_domain::meetings::{
    decision_status, AgendaItem, Decision, Invitee, Meeting, MeetingFilter, MeetingKind,
    MeetingStatus, MeetingSummary, Signatory,
};
use tutornet_domain::Page;

crate::bookkeeping!(MeetingBook, meetings);
crate::bookkeeping!(DecisionBook, meeting_decisions);

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = mt)]
pub(super) struct MeetingRow {
    pub id: String,
    pub municipality_id: String,
    pub kind: String,
    pub kind_text: Option<String>,
    pub number: Option<String>,
    pub topic: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub status: String,
    pub extra_present: i32,
    pub include_misc: bool,
    pub misc_text: String,
    pub signatory_position: Option<String>,
    pub signatory_name: Option<String>,
    pub second_signatory_position: Option<String>,
    pub second_signatory_name: Option<String>,
    #[diesel(embed)]
    pub book: MeetingBook,
}

impl MeetingRow {
    pub(super) fn status(&self) -> AppResult<MeetingStatus> {
        stored(&self.status, "meetings.status", MeetingStatus::parse)
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = mi)]
struct InviteeRow {
    id: String,
    user_id: Option<String>,
    member_id: Option<String>,
    full_name: String,
    position: Option<String>,
    school: Option<String>,
    category: String,
    present: Option<bool>,
    absence_reason: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ma)]
struct ItemRow {
    id: String,
    ord: i32,
    title: String,
    speaker_user_id: Option<String>,
    speaker_name: Option<String>,
    speaker_position: Option<String>,
    speaker_collective: Option<String>,
    proceedings: String,
}

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = md)]
pub(super) struct DecisionRow {
    pub id: String,
    pub meeting_id: String,
    pub agenda_item_id: String,
    pub text: String,
    pub owner_user_id: Option<String>,
    pub owner_name: String,
    pub deadline: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    #[diesel(embed)]
    pub book: DecisionBook,
}

pub(super) fn row(conn: &mut DbConn, id: &str) -> AppResult<MeetingRow> {
    mt::table
        .find(id)
        .filter(mt::archived_at.is_null())
        .select(MeetingRow::as_select())
        .first(conn)
        .found("Совещание не найдено")
}

pub(super) fn decision_row(conn: &mut DbConn, meeting: &str, id: &str) -> AppResult<DecisionRow> {
    md::table
        .find(id)
        .filter(md::meeting_id.eq(meeting))
        .select(DecisionRow::as_select())
        .first(conn)
        .found("Поручение не найдено")
}

fn to_decision(r: DecisionRow, topic: &str, date: NaiveDate, today: NaiveDate) -> Decision {
    Decision {
        status: decision_status(r.deadline, r.done_on, today),
        id: r.id,
        meeting_id: r.meeting_id,
        agenda_item_id: r.agenda_item_id,
        text: r.text,
        owner_user_id: r.owner_user_id,
        owner_name: r.owner_name,
        deadline: r.deadline,
        done_on: r.done_on,
        meeting_topic: topic.to_string(),
        meeting_date: date,
        version: r.book.version,
    }
}

/// One decision as the domain sees it.
pub(super) fn decision(
    conn: &mut DbConn,
    meeting: &str,
    id: &str,
    today: NaiveDate,
) -> AppResult<Decision> {
    let m = row(conn, meeting)?;
    let r = decision_row(conn, meeting, id)?;
    Ok(to_decision(r, &m.topic, m.held_on, today))
}

/// User ids of the invitees and of the decisions' owners (the meeting's «свои»).
pub(super) fn related(conn: &mut DbConn, id: &str) -> AppResult<(Vec<String>, Vec<String>)> {
    let invited: Vec<Option<String>> = mi::table
        .filter(mi::meeting_id.eq(id))
        .select(mi::user_id)
        .load(conn)?;
    let owners: Vec<Option<String>> = md::table
        .filter(md::meeting_id.eq(id))
        .select(md::owner_user_id)
        .load(conn)?;
    Ok((
        invited.into_iter().flatten().collect(),
        owners.into_iter().flatten().collect(),
    ))
}

/// Open поручения of the municipality's meetings held before `before`.
pub(super) fn control(
    conn: &mut DbConn,
    m: &str,
    before: NaiveDate,
    today: NaiveDate,
) -> AppResult<Vec<Decision>> {
    let rows: Vec<(DecisionRow, String, NaiveDate)> = md::table
        .inner_join(mt::table)
        .filter(mt::municipality_id.eq(m))
        .filter(mt::held_on.lt(before))
        .filter(mt::archived_at.is_null())
        .filter(md::done_on.is_null())
        .filter(md::archived_at.is_null())
        .order((mt::held_on, md::ord, md::id))
        .select((DecisionRow::as_select(), mt::topic, mt::held_on))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(r, topic, date)| to_decision(r, &topic, date, today))
        .collect())
}

/// One meeting as the domain sees it; `today` decides what is overdue.
pub(super) fn find(conn: &mut DbConn, id: &str, today: NaiveDate) -> AppResult<Meeting> {
    let r = row(conn, id)?;
    let invitees: Vec<Invitee> = mi::table
        .filter(mi::meeting_id.eq(id))
        .order((mi::ord, mi::id))
        .select(InviteeRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|i| Invitee {
            id: i.id,
            user_id: i.user_id,
            member_id: i.member_id,
            full_name: i.full_name,
            position: i.position,
            school: i.school,
            category: i.category,
            present: i.present,
            absence_reason: i.absence_reason,
        })
        .collect();
    let decisions: Vec<DecisionRow> = md::table
        .filter(md::meeting_id.eq(id))
        .filter(md::archived_at.is_null())
        .order((md::ord, md::id))
        .select(DecisionRow::as_select())
        .load(conn)?;
    let mut decisions: Vec<Decision> = decisions
        .into_iter()
        .map(|d| to_decision(d, &r.topic, r.held_on, today))
        .collect();
    let agenda: Vec<AgendaItem> = ma::table
        .filter(ma::meeting_id.eq(id))
        .order((ma::ord, ma::id))
        .select(ItemRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|a| {
            let (mine, rest): (Vec<Decision>, Vec<Decision>) = std::mem::take(&mut decisions)
                .into_iter()
                .partition(|d| d.agenda_item_id == a.id);
            decisions = rest;
            AgendaItem {
                id: a.id,
                position: a.ord,
                title: a.title,
                speaker_user_id: a.speaker_user_id,
                speaker_name: a.speaker_name,
                speaker_position: a.speaker_position,
                speaker_collective: a.speaker_collective,
                proceedings: a.proceedings,
                decisions: mine,
            }
        })
        .collect();
    let mut signatories = Vec::new();
    for (p, n) in [
        (&r.signatory_position, &r.signatory_name),
        (&r.second_signatory_position, &r.second_signatory_name),
    ] {
        if let (Some(p), Some(n)) = (p, n) {
            signatories.push(Signatory {
                position: p.clone(),
                name: n.clone(),
            });
        }
    }
    let control = control(conn, &r.municipality_id, r.held_on, today)?;
    Ok(Meeting {
        kind: stored(&r.kind, "meetings.kind", MeetingKind::parse)?,
        status: r.status()?,
        present_count: Meeting::present(&invitees, r.extra_present),
        absent_count: Meeting::absent(&invitees),
        invitees,
        agenda,
        signatories,
        control,
        id: r.id,
        municipality_id: r.municipality_id,
        kind_text: r.kind_text,
        number: r.number,
        topic: r.topic,
        held_on: r.held_on,
        starts_at: r.starts_at,
        place: r.place,
        extra_present: r.extra_present,
        include_misc: r.include_misc,
        misc_text: r.misc_text,
        files: super::files::list(conn, id)?,
        meta: r.book.into(),
    })
}

type Boxed<'a> = mt::BoxedQuery<'a, MultiBackend>;

fn filtered<'a>(reach: &Reach, f: &MeetingFilter) -> Boxed<'a> {
    let own = |u: &String| {
        mt::id
            .eq_any(
                mi::table
                    .filter(mi::user_id.eq(u.clone()))
                    .select(mi::meeting_id),
            )
            .or(mt::id.eq_any(
                md::table
                    .filter(md::owner_user_id.eq(u.clone()))
                    .select(md::meeting_id),
            ))
    };
    let mut q = crate::in_reach!(
        mt::table.into_boxed(), reach,
        region: (via mt::municipality_id),
        municipality: (mt::municipality_id),
        school: (nothing),
        own: (with own),
    );
    q = q.filter(mt::archived_at.is_null());
    if let Some(m) = &f.municipality_id {
        q = q.filter(mt::municipality_id.eq(m.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(mt::status.eq(s.as_str()));
    }
    q
}

pub(super) fn list(
    conn: &mut DbConn,
    reach: &Reach,
    f: &MeetingFilter,
) -> AppResult<Page<MeetingSummary>> {
    let limit = page_limit(f.limit)?;
    let after = f.cursor.as_deref().map(Cursor::decode).transpose()?;
    let total: i64 = filtered(reach, f).count().get_result(conn)?;
    let mut q = filtered(reach, f);
    if let Some(c) = after {
        let at = NaiveDate::parse_from_str(&c.k, "%Y-%m-%d")
            .map_err(|_| AppError::field("cursor", "invalid_cursor", "Некорректный курсор"))?;
        q = q.filter(
            mt::held_on
                .lt(at)
                .or(mt::held_on.eq(at).and(mt::id.lt(c.id))),
        );
    }
    let rows: Vec<MeetingRow> = q
        .order((mt::held_on.desc(), mt::id.desc()))
        .limit(limit + 1)
        .select(MeetingRow::as_select())
        .load(conn)?;
    let page = finish_page(
        rows,
        limit,
        total,
        |r| Cursor::new(r.held_on.format("%Y-%m-%d").to_string(), &r.id),
        |r| r,
    );
    let mut items = Vec::new();
    for r in page.items {
        let invitees: i64 = mi::table
            .filter(mi::meeting_id.eq(&r.id))
            .count()
            .get_result(conn)?;
        let open_decisions: i64 = md::table
            .filter(md::meeting_id.eq(&r.id))
            .filter(md::done_on.is_null())
            .filter(md::archived_at.is_null())
            .count()
            .get_result(conn)?;
        items.push(MeetingSummary {
            kind: stored(&r.kind, "meetings.kind", MeetingKind::parse)?,
            status: r.status()?,
            id: r.id,
            municipality_id: r.municipality_id,
            topic: r.topic,
            held_on: r.held_on,
            starts_at: r.starts_at,
            place: r.place,
            invitees,
            open_decisions,
        });
    }
    Ok(Page {
        items,
        total: page.total,
        next_cursor: page.next_cursor,
    })
}

/// An invitee to write: (id, user, member, name, position, school, category, present, reason).
pub(super) struct NewInvitee {
    pub id: Option<String>,
    pub user_id: Option<String>,
    pub member_id: Option<String>,
    pub full_name: String,
    pub position: Option<String>,
    pub school: Option<String>,
    pub category: String,
    pub present: Option<bool>,
    pub absence_reason: Option<String>,
}

/// Replaces the invitees (ids kept where given and known).
pub(super) fn set_invitees(conn: &mut DbConn, meeting: &str, list: &[NewInvitee]) -> AppResult<()> {
    let known: Vec<String> = mi::table
        .filter(mi::meeting_id.eq(meeting))
        .select(mi::id)
        .load(conn)?;
    diesel::delete(mi::table.filter(mi::meeting_id.eq(meeting))).execute(conn)?;
    for (n, i) in list.iter().enumerate() {
        let id =
            i.id.clone()
                .filter(|x| known.contains(x))
                .unwrap_or_else(new_id);
        diesel::insert_into(mi::table)
            .values((
                mi::id.eq(id),
                mi::meeting_id.eq(meeting),
                mi::ord.eq(n as i32 + 1),
                mi::user_id.eq(&i.user_id),
                mi::member_id.eq(&i.member_id),
                mi::full_name.eq(i.full_name.trim()),
                mi::position.eq(&i.position),
                mi::school.eq(&i.school),
                mi::category.eq(i.category.trim()),
                mi::present.eq(i.present),
                mi::absence_reason.eq(&i.absence_reason),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// An agenda item to write, with its decisions.
pub(super) struct NewItem {
    pub id: Option<String>,
    pub title: String,
    pub speaker_user_id: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_position: Option<String>,
    pub speaker_collective: Option<String>,
    pub proceedings: String,
    pub decisions: Vec<NewDecision>,
}

pub(super) struct NewDecision {
    pub id: Option<String>,
    pub text: String,
    pub owner_user_id: Option<String>,
    pub owner_name: String,
    pub deadline: Option<NaiveDate>,
}

/// Writes the agenda: items and decisions kept by id (a changed decision gets a new
/// version), new ones inserted, the missing ones removed.
pub(super) fn set_agenda(
    conn: &mut DbConn,
    meeting: &str,
    user: &str,
    items: &[NewItem],
) -> AppResult<()> {
    let known_items: Vec<String> = ma::table
        .filter(ma::meeting_id.eq(meeting))
        .select(ma::id)
        .load(conn)?;
    let known_decisions: Vec<DecisionRow> = md::table
        .filter(md::meeting_id.eq(meeting))
        .select(DecisionRow::as_select())
        .load(conn)?;
    let mut kept_items = Vec::new();
    let mut kept_decisions = Vec::new();
    let mut ord = 0;
    for (n, it) in items.iter().enumerate() {
        let iid = match it.id.clone().filter(|x| known_items.contains(x)) {
            Some(iid) => {
                diesel::update(ma::table.find(&iid))
                    .set((
                        ma::ord.eq(n as i32 + 1),
                        ma::title.eq(it.title.trim()),
                        ma::speaker_user_id.eq(&it.speaker_user_id),
                        ma::speaker_name.eq(&it.speaker_name),
                        ma::speaker_position.eq(&it.speaker_position),
                        ma::speaker_collective.eq(&it.speaker_collective),
                        ma::proceedings.eq(it.proceedings.trim()),
                    ))
                    .execute(conn)?;
                iid
            }
            None => {
                let iid = new_id();
                diesel::insert_into(ma::table)
                    .values((
                        ma::id.eq(&iid),
                        ma::meeting_id.eq(meeting),
                        ma::ord.eq(n as i32 + 1),
                        ma::title.eq(it.title.trim()),
                        ma::speaker_user_id.eq(&it.speaker_user_id),
                        ma::speaker_name.eq(&it.speaker_name),
                        ma::speaker_position.eq(&it.speaker_position),
                        ma::speaker_collective.eq(&it.speaker_collective),
                        ma::proceedings.eq(it.proceedings.trim()),
                    ))
                    .execute(conn)?;
                iid
            }
        };
        for d in &it.decisions {
            ord += 1;
            let old =
                d.id.as_ref()
                    .and_then(|x| known_decisions.iter().find(|k| &k.id == x));
            match old {
                Some(o) => {
                    let same = o.text == d.text.trim()
                        && o.owner_user_id == d.owner_user_id
                        && o.owner_name == d.owner_name
                        && o.deadline == d.deadline
                        && o.agenda_item_id == iid;
                    let bump = if same { 0 } else { 1 };
                    diesel::update(md::table.find(&o.id))
                        .set((
                            md::agenda_item_id.eq(&iid),
                            md::ord.eq(ord),
                            md::text.eq(d.text.trim()),
                            md::owner_user_id.eq(&d.owner_user_id),
                            md::owner_name.eq(&d.owner_name),
                            md::deadline.eq(d.deadline),
                            md::version.eq(o.book.version + bump),
                        ))
                        .execute(conn)?;
                    kept_decisions.push(o.id.clone());
                }
                None => {
                    diesel::insert_into(md::table)
                        .values((
                            md::id.eq(new_id()),
                            md::meeting_id.eq(meeting),
                            md::agenda_item_id.eq(&iid),
                            md::ord.eq(ord),
                            md::text.eq(d.text.trim()),
                            md::owner_user_id.eq(&d.owner_user_id),
                            md::owner_name.eq(&d.owner_name),
                            md::deadline.eq(d.deadline),
                            crate::new_bookkeeping!(meeting_decisions, Some(user.to_string())),
                        ))
                        .execute(conn)?;
                }
            }
        }
        kept_items.push(iid);
    }
    let gone: Vec<String> = known_decisions
        .iter()
        .map(|d| d.id.clone())
        .filter(|d| !kept_decisions.contains(d))
        .collect();
    diesel::delete(md::table.filter(md::id.eq_any(gone))).execute(conn)?;
    // Decisions of removed items that were not moved are gone with them above.
    let gone: Vec<String> = known_items
        .into_iter()
        .filter(|i| !kept_items.contains(i))
        .collect();
    diesel::delete(md::table.filter(md::agenda_item_id.eq_any(gone.clone()))).execute(conn)?;
    diesel::delete(ma::table.filter(ma::id.eq_any(gone))).execute(conn)?;
    Ok(())
}
