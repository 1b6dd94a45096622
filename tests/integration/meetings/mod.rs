//! Meetings and protocols (issue 12 §3, seed 002): invitees from the composition in force
//! on the date, the workflow planned → held → signed (then read-only), поручения marked
//! by their owner, the control of execution on the next meeting, the protocol DOCX read
//! back paragraph by paragraph, one write per version under concurrency, and the
//! authorisation rows.

pub mod access;
mod control;
mod files;
mod protocol;
mod race;
mod workflow;

use crate::common::*;
use serde_json::{json, Value};

pub fn path(m: &Value) -> String {
    format!("/api/v1/meetings/{}", m["id"].as_str().unwrap())
}

/// The demo coordinator calls a tutors' meeting of the demo municipality on `date`.
pub async fn called(app: &TestApp, date: &str, topic: &str) -> Value {
    let coord = app.login(COORDINATOR).await;
    app.post(
        "/api/v1/meetings",
        &coord,
        json!({"kind": "tutors_meeting", "topic": topic, "held_on": date,
               "starts_at": "13:00", "place": "зал управления образования"}),
    )
    .await
    .ok(201)
}

/// The absent member of the demo composition (no account): Тополев.
pub const ABSENT: &str = "Тополев Денис Маркович";

/// The meeting as a `PUT` body: every invitee ticked (Тополев absent when `ticked`,
/// nobody ticked otherwise), 16 more present, a 002-like agenda with two поручения —
/// one to the demo tutor (by account), one to a person by name — «Разное», one signatory.
pub fn content(m: &Value, tutor_id: &Value, ticked: bool) -> Value {
    let invitees: Vec<Value> = m["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let mut i = i.clone();
            let absent = i["full_name"] == ABSENT;
            i["present"] = if ticked { json!(!absent) } else { Value::Null };
            if ticked && absent {
                i["absence_reason"] = json!("курсы повышения квалификации");
            }
            i
        })
        .collect();
    let mut body = json!({
        "kind": m["kind"], "topic": m["topic"], "held_on": m["held_on"], "starts_at": m["starts_at"], "place": m["place"],
        "invitees": invitees,
        "extra_present": 16,
        "agenda": [
            {"title": "О функционировании муниципального сообщества тьюторов и тьюторского консультационного пункта",
             "speaker_name": "Ясенева Вера Андреевна", "speaker_position": "директор МКУ ИМЦ",
             "proceedings": "Ясенева Вера Андреевна, директор МКУ ИМЦ рассказала о работе консультационного пункта.\nВ своей деятельности тьюторское сообщество использует возможности сетевого взаимодействия.",
             "decisions": [
                {"text": "Представить график консультаций на II полугодие", "owner_user_id": tutor_id, "deadline": "2026-12-25"},
                {"text": "Обобщить трудности взаимодействия с педагогами", "owner_name": "Рябинина С.О.", "deadline": "2026-11-30"}
             ]},
            {"title": "Анализ эффективности деятельности тьюторов", "speaker_collective": "Учителя-тьюторы по ОГЭ",
             "proceedings": "выступили учителя-тьюторы с анализом эффективности деятельности (приложение)."}
        ],
        "include_misc": true,
        "misc_text": "были даны ответы на вопросы со стороны учителей-тьюторов.",
        "signatories": [{"position": "Начальник отдела МКУ ИМЦ", "name": "И.С. Губанова"}],
        "version": m["version"],
    });
    // Items and decisions already stored keep their ids (as the SPA sends them).
    for (i, item) in m["agenda"].as_array().unwrap().iter().enumerate() {
        body["agenda"][i]["id"] = item["id"].clone();
        for (j, d) in item["decisions"].as_array().unwrap().iter().enumerate() {
            body["agenda"][i]["decisions"][j]["id"] = d["id"].clone();
        }
    }
    body
}

/// A meeting held on `date` with its content written and attendance ticked.
pub async fn held(app: &TestApp, date: &str, topic: &str) -> Value {
    let coord = app.login(COORDINATOR).await;
    let tutor = app.login(TUTOR).await;
    let tutor_id = app.me(&tutor).await["id"].clone();
    let m = called(app, date, topic).await;
    let m = app
        .post(
            &format!("{}/transitions", path(&m)),
            &coord,
            json!({"action": "hold", "version": m["version"]}),
        )
        .await
        .ok(200);
    app.put(&path(&m), &coord, content(&m, &tutor_id, true))
        .await
        .ok(200)
}

/// The decisions of a meeting, in order.
pub fn decisions(m: &Value) -> Vec<Value> {
    m["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["decisions"].as_array().unwrap().clone())
        .collect()
}

pub fn mark_path(m: &Value, d: &Value) -> String {
    format!("{}/decisions/{}/mark", path(m), d["id"].as_str().unwrap())
}

/// The поручения of `from` that `m` controls (the demo meetings' own open ones aside).
pub fn controlled(m: &Value, from: &Value) -> Vec<Value> {
    m["control"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["meeting_id"] == from["id"])
        .cloned()
        .collect()
}
