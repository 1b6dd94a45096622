//! Demo data: the demo tutor's materials — two published (one with a DOCX manual whose
//! body is searchable), one waiting for the coordinator's decision.

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::subjects;
use diesel::prelude::*;
use tutornet_domain::library::{
    LibraryAction, LibraryAuthor, LibraryInput, LibraryTag, LibraryTransition, Licence,
    MaterialType, TagKind, Visibility,
};

/// A small DOCX with the given paragraphs.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut doc = docx_rs::Docx::new();
    for p in paragraphs {
        doc =
            doc.add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(*p)));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let _ = doc.build().pack(&mut buf);
    buf.into_inner()
}

fn step(action: LibraryAction, version: i32) -> LibraryTransition {
    LibraryTransition {
        action: Some(action),
        version,
        comment: None,
        remarks: Vec::new(),
    }
}

pub fn load_demo(conn: &mut DbConn, _municipality_id: &str) -> AppResult<()> {
    let (Some(tutor), Some(coord)) = (
        crate::db::demo::demo_user(conn, "tutor@tutornet.local")?,
        crate::db::demo::demo_user(conn, "coordinator@tutornet.local")?,
    ) else {
        return Ok(());
    };
    let math: Option<String> = subjects::table
        .filter(subjects::name.eq("Математика"))
        .select(subjects::id)
        .first(conn)
        .optional()?;
    let author = LibraryAuthor {
        full_name: tutor.full_name.clone(),
        organisation: Some("учитель математики, эксперт ОГЭ".into()),
    };
    let items: [(MaterialType, &str, &str, &[&str], bool); 3] = [
        (
            MaterialType::ExamPrep,
            "Подготовка к ВПР по математике в 7 классе",
            "Разбор типичных ошибок всероссийских проверочных работ и тренировочные задания с ответами.",
            &[
                "Методическое пособие для учителей математики",
                "Задания на проценты и дроби вызывают больше всего ошибок. Учёт типичных ошибок помогает спланировать повторение.",
            ],
            true,
        ),
        (
            MaterialType::TutorialProgramme,
            "Программа тьюториала «Формирующее оценивание на уроке»",
            "Модульная программа тьюториала для учителей школ с низкими образовательными результатами: четыре занятия, листы самооценки.",
            &["Программа тьюториала", "Модуль 1. Критерии оценивания и обратная связь."],
            true,
        ),
        (
            MaterialType::DidacticSheet,
            "Дидактические листы для самопроверки по геометрии",
            "Листы для формирующего оценивания: 12 заданий с критериями.",
            &["Дидактический лист", "Признаки равенства треугольников."],
            false,
        ),
    ];
    for (kind, title, description, body, publish) in items {
        let input = LibraryInput {
            version: None,
            material_type: kind,
            title: title.into(),
            description: description.into(),
            subject_ids: math.iter().cloned().collect(),
            grades: vec![7],
            activity_type: None,
            tags: vec![LibraryTag {
                kind: TagKind::Deficit,
                value: "формирующее оценивание".into(),
            }],
            authors: vec![author.clone()],
            licence: Licence::CcBy,
            links: Vec::new(),
            visibility: Visibility::Municipality,
        };
        let d = super::rules::create(conn, &tutor, &input)?;
        let id = d.item.id.clone();
        super::files::add(conn, &tutor, &id, &format!("{title}.docx"), &docx(body))?;
        let d = super::rules::transition(
            conn,
            &tutor,
            &id,
            &step(LibraryAction::Submit, d.item.version),
        )?;
        if publish {
            super::rules::transition(
                conn,
                &coord,
                &id,
                &step(LibraryAction::Publish, d.item.version),
            )?;
        }
    }
    Ok(())
}
