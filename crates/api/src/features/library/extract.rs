//! The text of an uploaded document, for search: DOCX (the paragraphs of
//! `word/document.xml`, read with the zip and XML readers calamine already uses).
//! PDF text is not extracted (a PDF's text layer needs a PDF parser with its fonts'
//! Unicode maps; left out to keep the dependencies light): its title, description and
//! tags are still searched.

use std::io::Read;

/// Largest decompressed `document.xml` read (a zip bomb stops here).
const MAX_XML_BYTES: u64 = 32 * 1024 * 1024;

/// The text of a document by its (sniffed) content type, if it has one we read.
pub fn text_of(content_type: &str, data: &[u8]) -> Option<String> {
    if content_type == crate::docs::DOCX_TYPE {
        return docx_text(data);
    }
    None
}

/// The paragraphs of a DOCX, one per line.
pub fn docx_text(data: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(data)).ok()?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .ok()?
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .ok()?;
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            Event::Empty(e) if matches!(e.name().as_ref(), "w:tab" | "w:br") => out.push(' '),
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => match r.resolve_char_ref().ok().flatten() {
                Some(c) => out.push(c),
                None => out.push_str(match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Some(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_paragraphs_of_a_docx() {
        let mut doc = docx_rs::Docx::new();
        for p in ["Методическое пособие", "Учёт результатов & программы ВПР"]
        {
            doc = doc
                .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(p)));
        }
        let mut buf = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut buf).unwrap();
        let text = text_of(crate::docs::DOCX_TYPE, buf.get_ref()).unwrap();
        assert_eq!(
            text,
            "Методическое пособие\nУчёт результатов & программы ВПР"
        );
        assert!(docx_text(b"not a zip").is_none());
    }
}
