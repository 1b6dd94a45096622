//! The composition of the tutor community: import of the seed 000 appendix table
//! (pasted text, CSV and XLSX), members, orders that approve and amend it, `on_date`,
//! nominations, attachments, export to XLSX/DOCX, and their authorisation rows.

pub mod access;
mod attachments;
pub mod export;
mod import;
mod nominations;
mod order_details;
mod orders;

use crate::common::*;
use base64::Engine;
use serde_json::Value;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Seed 000, Приложение 1: header, 21 rows, blank lines and the closing line of dashes.
fn seed_table() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("seed000_composition.tsv");
    std::fs::read_to_string(path).expect("fixture")
}

/// The same table as an XLSX file (numbers in the first column, as Excel keeps them).
fn seed_xlsx_base64() -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(
        0,
        0,
        "СОСТАВ муниципального сообщества тьюторов в Лабинском районе",
    )
    .unwrap();
    let mut r = 2u32;
    for line in seed_table().lines().filter(|l| !l.trim().is_empty()) {
        if line.starts_with("----") {
            continue;
        }
        for (c, cell) in line.split('\t').enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if c == 0 => ws.write(r, 0, n).map(|_| ()).unwrap(),
                _ => ws.write(r, c as u16, cell).map(|_| ()).unwrap(),
            }
        }
        r += 1;
    }
    let bytes = wb.save_to_buffer().unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap().to_string())
        .collect()
}

async fn member_count(app: &TestApp, t: &str, m: &str) -> i64 {
    app.get(
        &format!("/api/v1/composition/members?municipality_id={m}&limit=200"),
        t,
    )
    .await
    .ok(200)["total"]
        .as_i64()
        .unwrap()
}

async fn school_count(app: &TestApp, t: &str, m: &str) -> i64 {
    app.get(&format!("/api/v1/schools?municipality_id={m}"), t)
        .await
        .ok(200)["total"]
        .as_i64()
        .unwrap()
}
