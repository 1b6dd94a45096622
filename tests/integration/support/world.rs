//! The roles world: every demo role logged in, plus a coordinator of the other
//! municipality, and one object of each kind on each side of the boundary — own
//! municipality (Лесогорский район) and foreign (Приреченский городской округ).

use super::app::TestApp;
use super::fixtures::*;
use serde_json::json;

pub const PASSWORD: &str = "demo-password-1";
pub const ADMIN: &str = "admin@tutornet.local";
pub const COORDINATOR: &str = "coordinator@tutornet.local";
pub const TUTOR: &str = "tutor@tutornet.local";
pub const TEACHER: &str = "teacher@tutornet.local";
pub const SCHOOL_ADMIN: &str = "school-admin@tutornet.local";
pub const OBSERVER: &str = "observer@tutornet.local";
/// Created by [`World::build`] and [`far_coordinator`]: a coordinator of the foreign municipality.
pub const FAR_COORDINATOR: &str = "far-coord@x.ru";

/// The roles of the authorisation matrix, in the order of its expectation columns.
pub const ROLES: [(&str, &str); 7] = [
    ("admin", ADMIN),
    ("coordinator", COORDINATOR),
    ("tutor", TUTOR),
    ("teacher", TEACHER),
    ("school_admin", SCHOOL_ADMIN),
    ("observer", OBSERVER),
    ("far coordinator", FAR_COORDINATOR),
];

/// Own and foreign objects, built on a fresh app.
pub struct World {
    /// The admin's token (sets things up, reads current versions).
    pub admin: String,
    /// Лесогорский район: the demo coordinator's, tutor's, teacher's.
    pub own_m: String,
    /// Приреченский городской округ.
    pub foreign_m: String,
    /// The demo teacher's (and school administrator's) school.
    pub own_school: String,
    /// Another school of the own municipality (МБОУ СОШ № 5).
    pub other_school: String,
    /// A school of the foreign municipality (МБОУ СОШ № 6).
    pub foreign_school: String,
    /// A tutor of the foreign municipality.
    pub foreign_user: String,
    pub math: String,
    /// An approved demo member of the own municipality.
    pub own_member: String,
    /// A nominated member of the foreign municipality.
    pub foreign_member: String,
    /// The demo order.
    pub own_order: String,
    /// The demo pending nomination (of the own school).
    pub own_nomination: String,
    /// A pending nomination of the foreign school.
    pub foreign_nomination: String,
    /// A remote group consultation the demo tutor ran 3–2 hours ago (not yet logged).
    pub session: String,
    /// A remote group consultation of the demo tutor the day after tomorrow (open for
    /// registration).
    pub upcoming: String,
}

impl World {
    pub async fn build(app: &TestApp) -> World {
        let admin = app.login(ADMIN).await;
        let ms = app.municipalities(&admin).await;
        let (own_m, foreign_m) = (ms[0].0.clone(), ms[1].0.clone());
        let teacher = app.login(TEACHER).await;
        let own_school = app.me(&teacher).await["school_id"]
            .as_str()
            .unwrap()
            .to_string();
        let other_school = app.school_id(&admin, &own_m, "МБОУ СОШ № 5").await;
        let foreign_school = app.school_id(&admin, &foreign_m, "МБОУ СОШ № 6").await;
        let foreign_user = create_user(
            app,
            &admin,
            user("foreign@x.ru", "Чужой Тьютор", "tutor", &foreign_m, None),
        )
        .await;
        far_coordinator(app, &admin).await;
        let math = subject_id(app, &admin, "Математика").await;
        let own_member = app
            .get("/api/v1/composition/members?status=approved", &admin)
            .await
            .ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["municipality_id"] == own_m.as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let own_order = app.get("/api/v1/composition/orders", &admin).await.ok(200)["items"][0]
            ["id"]
            .as_str()
            .unwrap()
            .to_string();
        let own_nomination = app
            .get("/api/v1/nominations?status=pending", &admin)
            .await
            .ok(200)["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let tutor = app.login(TUTOR).await;
        let session = plan_session(
            app,
            &tutor,
            remote_session("group_consultation", "Проверка доступа", -3, -2),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let upcoming = plan_session(
            app,
            &tutor,
            remote_session("group_consultation", "Запись открыта", 48, 49),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let mut w = World {
            admin,
            own_m,
            foreign_m,
            own_school,
            other_school,
            foreign_school,
            foreign_user,
            math,
            own_member,
            foreign_member: String::new(),
            own_order,
            own_nomination,
            foreign_nomination: String::new(),
            session,
            upcoming,
        };
        w.foreign_member = w.member(app, &w.foreign_m.clone(), "Чужой Участник").await;
        w.foreign_nomination = w
            .nomination(app, &w.foreign_school.clone(), "Чужое Выдвижение")
            .await;
        w
    }

    /// A new nominated member (made by the admin).
    pub async fn member(&self, app: &TestApp, m: &str, name: &str) -> String {
        add_member(app, &self.admin, m, name, &self.math).await
    }

    /// A new member of the own municipality, approved by an order.
    pub async fn approved_member(&self, app: &TestApp, name: &str) -> String {
        let id = self.member(app, &self.own_m, name).await;
        let mut o = order("approve", "2026-09-20", vec![&id], json!([]));
        o["municipality_id"] = json!(self.own_m);
        app.post("/api/v1/composition/orders", &self.admin, o)
            .await
            .ok(201);
        id
    }

    /// A new pending nomination for a school (made by the admin).
    pub async fn nomination(&self, app: &TestApp, school: &str, name: &str) -> String {
        app.post(
            "/api/v1/nominations",
            &self.admin,
            nomination(Some(school), &self.math, name),
        )
        .await
        .ok(201)["id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}
