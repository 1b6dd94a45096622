//! Accounts for approved members of the composition: create with a printed initial
//! password or an invitation, link an existing user, in bulk; and the composition —
//! not `users.role` — deciding who holds sessions and is suggested for requests.

use crate::common::*;
use crate::mail::{mail_to, smtp_sink};
use serde_json::{json, Value};

/// The rows of the XLSX file of an answer (`file_base64`), as cells.
pub fn list_rows(answer: &Value) -> Vec<Vec<String>> {
    let b64 = answer["file_base64"].as_str().expect("a password list");
    tutornet_api::docs::xlsx::parse_xlsx(b64)
        .unwrap()
        .into_iter()
        .map(|r| r.cells)
        .collect()
}

pub async fn account(app: &TestApp, t: &str, member: &str, body: Value) -> Resp {
    app.post(
        &format!("/api/v1/composition/members/{member}/account"),
        t,
        body,
    )
    .await
}

#[actix_web::test]
async fn a_member_gets_an_account_with_a_printed_password_to_change_at_first_login() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    let member = w.approved_member(&app, "Новикова Ольга Ивановна").await;
    let out = account(
        &app,
        &coord,
        &member,
        json!({"email": "Novikova@School7.ru", "delivery": "password"}),
    )
    .await
    .ok(201);
    let a = &out["accounts"][0];
    assert_eq!(a["email"], "novikova@school7.ru");
    assert_eq!(a["member_id"], member.as_str());
    let password = a["initial_password"].as_str().unwrap().to_string();
    assert!(password.len() >= 10);
    // The printable list: title, header, the row with the password.
    let rows = list_rows(&out);
    assert_eq!(rows[0][0], "Учётные записи tutornet: начальные пароли");
    let header = rows.iter().position(|r| r[0] == "№ п/п").expect("header");
    assert_eq!(
        rows[header],
        vec![
            "№ п/п",
            "ФИО",
            "Логин (e-mail)",
            "Начальный пароль",
            "Примечание"
        ]
    );
    assert_eq!(
        rows[header + 1],
        vec![
            "1",
            "Новикова Ольга Ивановна",
            "novikova@school7.ru",
            password.as_str(),
            "сменить при первом входе"
        ]
    );
    assert!(out["file_name"].as_str().unwrap().ends_with(".xlsx"));
    // Never stored in clear.
    {
        use diesel::prelude::*;
        use tutornet_api::store::schema::users;
        let mut c = app.state.pool.get().unwrap();
        let h: String = users::table
            .filter(users::email.eq("novikova@school7.ru"))
            .select(users::password_hash)
            .first(&mut c)
            .unwrap();
        assert!(h.starts_with("$argon2") && !h.contains(&password));
    }
    // The member now has it, once.
    let m = app
        .get(&format!("/api/v1/composition/members/{member}"), &coord)
        .await
        .ok(200);
    assert_eq!(m["user_id"], a["user_id"]);
    let again = account(
        &app,
        &coord,
        &member,
        json!({"email": "other@school7.ru", "delivery": "password"}),
    )
    .await;
    assert_eq!((again.status, again.code()), (409, "already_exists"));

    // First login: only the password change is open.
    let login = app
        .try_login("novikova@school7.ru", &password)
        .await
        .ok(200);
    assert_eq!(login["user"]["must_change_password"], true);
    assert_eq!(login["user"]["roles"], json!(["tutor"]));
    let t = login["access_token"].as_str().unwrap().to_string();
    assert_eq!(app.get("/api/v1/sessions", &t).await.status, 403);
    app.post(
        "/api/v1/auth/password",
        &t,
        json!({"current_password": password, "new_password": "my-own-password-9"}),
    )
    .await
    .ok(200);
    let t = app
        .try_login("novikova@school7.ru", "my-own-password-9")
        .await
        .ok(200);
    assert_eq!(t["user"]["must_change_password"], false);
    let t = t["access_token"].as_str().unwrap();
    app.get("/api/v1/sessions", t).await.ok(200);
    // An approved member with an account holds sessions.
    app.post(
        "/api/v1/sessions",
        t,
        remote_session("group_consultation", "Первое занятие", 30, 31),
    )
    .await
    .ok(201);
}

#[actix_web::test]
async fn bulk_accounts_by_invitation_are_emailed_and_rows_are_checked() {
    let (url, messages) = smtp_sink();
    let app = TestApp::with(|c| c.smtp_url = Some(url)).await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    let a = w.approved_member(&app, "Борисова Анна Павловна").await;
    let b = w.approved_member(&app, "Волков Игорь Сергеевич").await;
    let nominated = w.member(&app, &w.own_m, "Гусева Вера Олеговна").await;
    let listed = app.get("/api/v1/accounts/members", &coord).await.ok(200);
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Борисова Анна Павловна") && names.contains(&"Волков Игорь Сергеевич"));
    assert!(
        !names.contains(&"Гусева Вера Олеговна"),
        "only approved members"
    );

    // A nominated member and a registered e-mail: nothing is created.
    let bad = app
        .post(
            "/api/v1/accounts/members",
            &coord,
            json!({"delivery": "invitation", "accounts": [
                {"member_id": a, "email": "borisova@x.ru"},
                {"member_id": nominated, "email": "guseva@x.ru"},
                {"member_id": b, "email": TEACHER},
            ]}),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.field_errors(),
        vec!["accounts[1].member_id", "accounts[2].email"]
    );
    assert_eq!(app.try_login("borisova@x.ru", "x").await.status, 401);

    let out = app
        .post(
            "/api/v1/accounts/members",
            &coord,
            json!({"delivery": "invitation", "accounts": [
                {"member_id": a, "email": "borisova@x.ru"},
                {"member_id": b, "email": "volkov@x.ru"},
            ]}),
        )
        .await
        .ok(201);
    assert_eq!(out["accounts"].as_array().unwrap().len(), 2);
    assert!(out["file_base64"].is_null(), "no passwords, no list");
    assert!(out["accounts"][0]["invited_until"].is_string());
    for email in ["borisova@x.ru", "volkov@x.ru"] {
        let text = mail_to(&messages, email).await;
        assert!(text.contains("/password/set?token="), "{text}");
    }
    let rest = app.get("/api/v1/accounts/members", &coord).await.ok(200);
    assert!(!rest
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == a.as_str() || m["id"] == b.as_str()));
}

/// The suggestions of a new request of the demo teacher, as user ids.
async fn suggested(app: &TestApp, coord: &str) -> Vec<String> {
    let teacher = app.login(TEACHER).await;
    let math = subject_id(app, &teacher, "Математика").await;
    let r = file_request(app, &teacher, &math).await;
    let id = r["id"].as_str().unwrap();
    app.get(&format!("/api/v1/requests/{id}/tutor-suggestions"), coord)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["user_id"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn the_composition_decides_who_holds_sessions_and_is_suggested() {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let coord = app.login(COORDINATOR).await;
    // A user with the tutor role but never approved: not suggested, not on a session.
    let outsider = create_user(
        &app,
        &coord,
        user(
            "outsider@x.ru",
            "Чужаков Пётр Ильич",
            "tutor",
            &w.own_m,
            None,
        ),
    )
    .await;
    assert!(!suggested(&app, &coord).await.contains(&outsider));
    let mut body = remote_session("group_consultation", "Не тьютор", 30, 31);
    body["tutor_ids"] = json!([outsider]);
    let r = app.post("/api/v1/sessions", &coord, body.clone()).await;
    assert_eq!(
        (r.status, r.field_errors()),
        (422, vec!["tutor_ids".to_string()])
    );
    let own = app.login("outsider@x.ru").await;
    let r = app
        .post(
            "/api/v1/sessions",
            &own,
            remote_session("group_consultation", "Сам", 30, 31),
        )
        .await;
    assert_eq!(r.status, 422, "{:?}", r.body);

    // The demo teacher, once linked to an approved member, is also a tutor.
    let teacher = app.login(TEACHER).await;
    let me = app.me(&teacher).await;
    assert_eq!(me["roles"], json!(["teacher"]));
    let tid = me["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            "/api/v1/sessions",
            &teacher,
            remote_session("group_consultation", "Учитель", 30, 31),
        )
        .await;
    assert_eq!(r.status, 403);
    let member = w.approved_member(&app, "Учитель Тьюторович").await;
    let linked = account(&app, &coord, &member, json!({ "user_id": tid }))
        .await
        .ok(201);
    assert_eq!(linked["accounts"][0]["linked"], true);
    assert!(linked["file_base64"].is_null());
    let me = app.me(&teacher).await;
    assert_eq!(me["roles"], json!(["teacher", "tutor"]));
    app.post(
        "/api/v1/sessions",
        &teacher,
        remote_session("group_consultation", "Учитель ведёт", 30, 31),
    )
    .await
    .ok(201);
    // Still a teacher: files requests; and now suggested for others'.
    assert!(suggested(&app, &coord).await.contains(&tid));
    let mut body = remote_session("group_consultation", "Назначен координатором", 40, 41);
    body["tutor_ids"] = json!([tid]);
    app.post("/api/v1/sessions", &coord, body).await.ok(201);
    // The tutor's agenda joins the teacher's.
    let agenda = app.get("/api/v1/agenda", &teacher).await.ok(200);
    let keys: Vec<&str> = agenda["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"my_requests") && keys.contains(&"to_schedule"),
        "{keys:?}"
    );
    // Linking the same user to another member of the year is refused.
    let other = w.approved_member(&app, "Другой Участник").await;
    let r = account(&app, &coord, &other, json!({ "user_id": tid })).await;
    assert_eq!(
        (r.status, r.field_errors()),
        (422, vec!["user_id".to_string()])
    );
}
