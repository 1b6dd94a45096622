//! The protocol DOCX read back paragraph by paragraph and compared with seed 002's
//! sequence (SEED-GAPS 4.4) for a meeting held with one absent tutor and two поручения.

use super::*;

/// The texts of `word/document.xml`'s paragraphs (a run's tab as «\t»), blanks left out.
pub fn paragraphs(bytes: &[u8]) -> Vec<String> {
    let (xml, _) = crate::composition::export::docx_text(bytes);
    let body = xml.split("<w:body>").nth(1).unwrap_or(&xml);
    let mut out = Vec::new();
    for p in body.split("</w:p>") {
        let mut text = String::new();
        let mut rest = p;
        while let Some(i) = rest.find("<w:t") {
            let tail = &rest[i..];
            if tail.starts_with("<w:tab />") || tail.starts_with("<w:tab/>") {
                text.push('\t');
                rest = &tail[6..];
                continue;
            }
            let is_text = tail.starts_with("<w:t>") || tail.starts_with("<w:t ");
            let Some(open) = tail.find('>') else { break };
            if is_text {
                let b = &tail[open + 1..];
                let end = b.find("</w:t>").unwrap_or(b.len());
                text.push_str(&b[..end].replace("&quot;", "\"").replace("&amp;", "&"));
                rest = &b[end..];
            } else {
                rest = &tail[open + 1..];
            }
        }
        if !text.trim().is_empty() {
            out.push(text);
        }
    }
    out
}

#[actix_web::test]
async fn the_protocol_docx_reads_like_seed_002() {
    let app = TestApp::new().await;
    let coord = app.login(COORDINATOR).await;
    let m = held(
        &app,
        "2026-11-20",
        "Анализ эффективности деятельности тьюторов по повышению качества образования в ШНОР",
    )
    .await;
    let absent = m["invitees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["full_name"] == ABSENT)
        .unwrap()
        .clone();
    let school = absent["school"]
        .as_str()
        .map(|s| format!(" {s}"))
        .unwrap_or_default();
    let (status, ct, bytes) = get_raw(&app, &format!("{}/protocol.docx", path(&m)), &coord).await;
    assert_eq!(status, 200);
    assert!(ct.contains("wordprocessingml"));
    let got = paragraphs(&bytes);
    let want: Vec<String> = [
        "Протокол",
        "совещания учителей-тьюторов",
        "«Анализ эффективности деятельности тьюторов по повышению качества образования в ШНОР»",
        "Дата проведения: 20 ноября 2026 года",
        "Место проведения: зал управления образования",
        "Время проведения: 13.00",
        "Присутствовали: 19 человек",
        "Отсутствовали: 1 человек:",
        &format!("- учителя-тьюторы по ОГЭ: Тополев Д.М., учитель истории и обществознания{school} (курсы повышения квалификации)."),
        "Программа",
        "1. О функционировании муниципального сообщества тьюторов и тьюторского консультационного пункта.",
        "Ясенева Вера Андреевна,",
        "директор МКУ ИМЦ",
        "2. Анализ эффективности деятельности тьюторов.",
        "Учителя-тьюторы по ОГЭ",
        "3. Разное.",
        "По первому вопросу Ясенева Вера Андреевна, директор МКУ ИМЦ рассказала о работе консультационного пункта.",
        "В своей деятельности тьюторское сообщество использует возможности сетевого взаимодействия.",
        "Решили:",
        "1. Представить график консультаций на II полугодие — ответственный: Кедров А.П., срок: до 25.12.2026.",
        "2. Обобщить трудности взаимодействия с педагогами — ответственный: Рябинина С.О., срок: до 30.11.2026.",
        "По второму вопросу выступили учителя-тьюторы с анализом эффективности деятельности (приложение).",
        "В разном были даны ответы на вопросы со стороны учителей-тьюторов.",
        "Начальник отдела МКУ ИМЦ\tИ.С. Губанова",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(got, want);
    // The ordinal lead is italic, «В разном» bold, the topic bold.
    let (xml, _) = crate::composition::export::docx_text(&bytes);
    assert!(xml.contains("<w:i />") || xml.contains("<w:i/>"));
}
