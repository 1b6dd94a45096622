//! The fictional demo data set (`tutornet demo`) and the benchmark data set.
//! Every name here is invented.

use crate::error::AppResult;
use crate::store::record::new_id;
use crate::store::{write_tx, DbConn};
use tutornet_domain::org::{AcademicYearInput, RegionInput, SchoolInput};
use tutornet_domain::permissions::Role;
use tutornet_domain::users::UserCreate;

pub const DEMO_PASSWORD: &str = "demo-password-1";

/// (role, e-mail, full name, position).
pub const DEMO_USERS: &[(Role, &str, &str, &str)] = &[
    (
        Role::Admin,
        "admin@tutornet.local",
        "Воронцова Галина Сергеевна",
        "методист регионального института развития образования",
    ),
    (
        Role::Coordinator,
        "coordinator@tutornet.local",
        "Белозёрова Марина Викторовна",
        "методист ИМЦ, руководитель сообщества тьюторов",
    ),
    (
        Role::Tutor,
        "tutor@tutornet.local",
        "Кедров Алексей Павлович",
        "учитель математики, эксперт ОГЭ",
    ),
    (
        Role::Teacher,
        "teacher@tutornet.local",
        "Синицына Ольга Андреевна",
        "учитель русского языка и литературы",
    ),
    (
        Role::SchoolAdmin,
        "school-admin@tutornet.local",
        "Журавлёв Игорь Николаевич",
        "заместитель директора по УВР",
    ),
    (
        Role::Observer,
        "observer@tutornet.local",
        "Региональная информационная система",
        "интеграционный клиент",
    ),
];

/// (short name, full name, address, ШНОР, ШССУ, 500+, mentor)
type SchoolSeed = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
    bool,
    bool,
);

const LESOGORSK: &[SchoolSeed] = &[
    ("МБОУ СОШ № 1", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 1 г. Лесогорска", "г. Лесогорск, ул. Садовая, 12", false, false, false, true),
    ("МОБУ СОШ № 2", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 2 им. А.И. Полянского ст. Кленовской", "ст. Кленовская, ул. Школьная, 3", true, false, true, false),
    ("МОБУ СОШ № 3", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 3 пос. Прибрежного", "пос. Прибрежный, ул. Мира, 8", true, true, true, false),
    ("МОБУ ООШ № 4", "Муниципальное общеобразовательное бюджетное учреждение основная общеобразовательная школа № 4 х. Дубового", "х. Дубовый, ул. Центральная, 1", true, true, false, false),
    ("МБОУ СОШ № 5", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5 г. Лесогорска", "г. Лесогорск, ул. Ленина, 40", false, false, false, false),
    ("МОБУ СОШ № 6", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 6 ст. Ясеневской", "ст. Ясеневская, ул. Красная, 15", false, true, false, false),
    ("МОБУ СОШ № 7", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 7 с. Вербного", "с. Вербное, ул. Победы, 21", true, false, false, false),
    ("МОБУ ООШ № 9", "Муниципальное общеобразовательное бюджетное учреждение основная общеобразовательная школа № 9 х. Ёлкина", "х. Ёлкин, пер. Лесной, 2", false, true, false, false),
    ("МОБУ СОШ № 10", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 10 им. Н.С. Громова пос. Светлого", "пос. Светлый, ул. Громова, 5", true, true, true, false),
    ("МБОУ гимназия № 11", "Муниципальное бюджетное общеобразовательное учреждение гимназия № 11 г. Лесогорска", "г. Лесогорск, пр. Строителей, 7", false, false, false, true),
    ("МОБУ СОШ № 14", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 14 с. Луговского", "с. Луговское, ул. Полевая, 30", false, false, false, false),
    ("МОБУ СОШ № 17", "Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа № 17 ст. Каменной", "ст. Каменная, ул. Чапаева, 11", true, false, false, false),
];

const PRIRECHNY: &[SchoolSeed] = &[
    ("МАОУ СОШ № 1", "Муниципальное автономное общеобразовательное учреждение средняя общеобразовательная школа № 1 г. Приреченска", "г. Приреченск, ул. Набережная, 2", false, false, false, true),
    ("МБОУ СОШ № 2", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 2 г. Приреченска", "г. Приреченск, ул. Заводская, 18", true, false, true, false),
    ("МБОУ СОШ № 3", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 3 с. Ивановки", "с. Ивановка, ул. Советская, 9", true, true, false, false),
    ("МБОУ ООШ № 5", "Муниципальное бюджетное общеобразовательное учреждение основная общеобразовательная школа № 5 пос. Речного", "пос. Речной, ул. Береговая, 4", false, true, false, false),
    ("МБОУ СОШ № 6", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 6 г. Приреченска", "г. Приреченск, ул. Гагарина, 33", false, false, false, false),
    ("МБОУ лицей № 8", "Муниципальное бюджетное общеобразовательное учреждение лицей № 8 г. Приреченска", "г. Приреченск, ул. Пушкина, 1", false, false, false, false),
    ("МБОУ СОШ № 12", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 12 с. Ольховки", "с. Ольховка, ул. Молодёжная, 6", true, false, false, false),
    ("МБОУ СОШ № 15", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 15 х. Весёлого", "х. Весёлый, ул. Степная, 14", false, true, true, false),
];

pub struct DemoSummary {
    pub created: bool,
    pub schools: usize,
}

/// Loads the demo data set unless it is already there.
/// A demo user by e-mail, as the caller the demo loaders act as (None when the demo
/// users are not there).
pub(crate) fn demo_user(
    conn: &mut DbConn,
    email: &str,
) -> AppResult<Option<crate::auth::AuthUser>> {
    use crate::store::schema::users;
    use diesel::prelude::*;
    let id: Option<String> = users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(conn)
        .optional()?;
    match id {
        Some(id) => crate::auth::caller::load(conn, &id),
        None => Ok(None),
    }
}

pub fn load(conn: &mut DbConn) -> AppResult<DemoSummary> {
    if crate::features::users::repo::login_lookup(conn, DEMO_USERS[0].1)?.is_some() {
        return Ok(DemoSummary {
            created: false,
            schools: 0,
        });
    }
    // Hash once outside the transaction (argon2 is deliberately slow).
    let hash = crate::auth::hash_password(DEMO_PASSWORD)?;
    write_tx(conn, |conn| {
        let region = new_id();
        crate::features::regions::ops::insert(
            conn,
            &region,
            &RegionInput {
                name: "Южный край".into(),
                code: "99".into(),
                time_zone: Some("Europe/Moscow".into()),
                version: None,
            },
        )?;
        let mut school_count = 0;
        let mut first_municipality = None;
        let mut supported_school = None;
        for (name, prepositional, seeds) in [
            ("Лесогорский район", "Лесогорском районе", LESOGORSK),
            (
                "Приреченский городской округ",
                "Приреченском городском округе",
                PRIRECHNY,
            ),
        ] {
            let m = crate::features::municipalities::ops::seed(
                conn,
                &region,
                name,
                Some(prepositional.into()),
            )?;
            let mut mentor: Option<String> = None;
            for (i, s) in seeds.iter().enumerate() {
                let id = new_id();
                // The first mentor school supports the next two ШНОР of its municipality.
                let mentor_school_id = if !s.6 && s.3 && i < 4 {
                    mentor.clone()
                } else {
                    None
                };
                crate::features::schools::repo::insert(
                    conn,
                    None,
                    &id,
                    &SchoolInput {
                        municipality_id: m.clone(),
                        short_name: s.0.into(),
                        full_name: s.1.into(),
                        address: Some(s.2.into()),
                        is_low_results: s.3,
                        is_difficult_conditions: s.4,
                        is_500plus: s.5,
                        is_mentor: s.6,
                        mentor_school_id,
                        version: None,
                    },
                )?;
                if s.6 && mentor.is_none() {
                    mentor = Some(id.clone());
                }
                if first_municipality.is_none() && s.3 && supported_school.is_none() {
                    supported_school = Some(id.clone());
                }
                school_count += 1;
            }
            first_municipality.get_or_insert(m);
        }
        for start in [2025, 2026] {
            crate::features::academic_years::ops::create(
                conn,
                None,
                &AcademicYearInput {
                    start_year: start,
                    is_current: start == 2026,
                    version: None,
                },
            )?;
        }
        crate::features::schools::flags::seed_demo(conn)?;
        let m = first_municipality.clone();
        for (role, email, name, position) in DEMO_USERS {
            let input = UserCreate {
                email: (*email).into(),
                full_name: (*name).into(),
                role: Some(*role),
                municipality_id: if role.needs_municipality() || *role == Role::Observer {
                    m.clone()
                } else {
                    None
                },
                school_id: if role.needs_school() {
                    supported_school.clone()
                } else {
                    None
                },
                position: Some((*position).into()),
                password: Some(DEMO_PASSWORD.into()),
            };
            crate::features::users::rules::create(conn, None, &region, &new_id(), &input, &hash)?;
        }
        crate::features::composition::ops::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        crate::features::consultation_points::demo::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        crate::features::trajectories::demo::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        crate::features::reviews::demo::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        crate::features::results::demo::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        crate::features::library::demo::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        crate::features::meetings::demo::load_demo(
            conn,
            first_municipality.as_deref().unwrap_or_default(),
        )?;
        Ok(DemoSummary {
            created: true,
            schools: school_count,
        })
    })
}

/// A regional data set for the benchmark: `municipalities` × schools and users spread
/// over them. All users share one password hash (hashing 40 000 passwords would
/// measure argon2, not the API). Returns the first municipality's id.
pub fn bench(
    conn: &mut DbConn,
    municipalities: usize,
    schools: usize,
    users: usize,
) -> AppResult<String> {
    let hash = crate::auth::hash_password(DEMO_PASSWORD)?;
    let region = new_id();
    let mut school_ids: Vec<(String, String)> = Vec::new();
    let ms = write_tx(conn, |conn| {
        let mut ms = Vec::new();
        crate::features::regions::ops::insert(
            conn,
            &region,
            &RegionInput {
                name: "Нагрузочный край".into(),
                code: "98".into(),
                time_zone: Some("Europe/Moscow".into()),
                version: None,
            },
        )?;
        for i in 0..municipalities {
            let m = crate::features::municipalities::ops::seed(
                conn,
                &region,
                format!("Муниципальный район № {}", i + 1),
                None,
            )?;
            ms.push(m);
        }
        Ok(ms)
    })?;
    for chunk in (0..schools).collect::<Vec<_>>().chunks(200) {
        let made = write_tx(conn, |conn| {
            let mut made = Vec::new();
            for &i in chunk {
                let m = &ms[i % ms.len()];
                let id = new_id();
                let n = i + 1;
                crate::features::schools::repo::insert(conn, None, &id, &SchoolInput {
                    municipality_id: m.clone(),
                    short_name: format!("МБОУ СОШ № {n}"),
                    full_name: format!("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № {n}"),
                    address: Some(format!("ул. Школьная, {n}")),
                    // Flags vary within each municipality (schools are spread round-robin).
                    is_low_results: (i / ms.len()) % 4 == 0,
                    is_difficult_conditions: (i / ms.len()) % 5 == 0,
                    is_500plus: (i / ms.len()) % 7 == 0,
                    is_mentor: (i / ms.len()) % 30 == 1,
                    mentor_school_id: None,
                    version: None,
                })?;
                made.push((id, m.clone()));
            }
            Ok(made)
        })?;
        school_ids.extend(made);
    }
    let surnames = [
        "Иванова",
        "Петров",
        "Сидорова",
        "Кузнецов",
        "Смирнова",
        "Ёлкин",
        "Орлова",
        "Зайцев",
        "Морозова",
        "Волков",
    ];
    let names = [
        "Анна",
        "Борис",
        "Вера",
        "Глеб",
        "Дарья",
        "Егор",
        "Жанна",
        "Захар",
        "Ирина",
        "Кирилл",
    ];
    for chunk in (0..users).collect::<Vec<_>>().chunks(500) {
        write_tx(conn, |conn| {
            for &i in chunk {
                let (school, m) = &school_ids[i % school_ids.len()];
                let role = match i % 20 {
                    0 => Role::Tutor,
                    1 => Role::SchoolAdmin,
                    2 if i % 400 == 2 => Role::Coordinator,
                    _ => Role::Teacher,
                };
                let input = UserCreate {
                    email: format!("user{i}@bench.tutornet.local"),
                    full_name: format!("{} {} {}", surnames[i % 10], names[(i / 10) % 10], i),
                    role: Some(role),
                    municipality_id: Some(m.clone()),
                    school_id: role.needs_school().then(|| school.clone()),
                    position: None,
                    password: Some(DEMO_PASSWORD.into()),
                };
                crate::features::users::rules::create(
                    conn,
                    None,
                    &region,
                    &new_id(),
                    &input,
                    &hash,
                )?;
            }
            Ok(())
        })?;
    }
    Ok(ms[0].clone())
}
