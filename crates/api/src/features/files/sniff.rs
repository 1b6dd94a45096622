//! The type of an uploaded file read from its bytes, never from its name or the
//! Content-Type the browser sent: PDF, and the ZIP-based office formats (DOCX, XLSX, PPTX, ODT).

fn contains(data: &[u8], needle: &[u8]) -> bool {
    data.windows(needle.len()).any(|w| w == needle)
}

/// The content type read from the bytes: PDF, DOCX, XLSX, PPTX or ODT (`None` otherwise).
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if !data.starts_with(b"PK\x03\x04") {
        return None;
    }
    // ODF: the first entry is `mimetype`, stored uncompressed (offset 30 = name, 38 = data).
    if data.get(30..38) == Some(b"mimetype") {
        let odt = b"application/vnd.oasis.opendocument.text";
        return (data.get(38..38 + odt.len()) == Some(odt))
            .then_some("application/vnd.oasis.opendocument.text");
    }
    // OOXML: the part names are stored in the local headers.
    if contains(data, b"[Content_Types].xml") {
        if contains(data, b"word/") {
            return Some(crate::docs::DOCX_TYPE);
        }
        if contains(data, b"xl/") {
            return Some(crate::docs::XLSX_TYPE);
        }
        if contains(data, b"ppt/") {
            return Some(
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            );
        }
    }
    None
}

/// The type of an uploaded office document or PDF, or the field error that says what is
/// accepted (`accepted`: «На экспертизу принимаются»).
pub fn office_type(data: &[u8], accepted: &str) -> crate::error::AppResult<&'static str> {
    use crate::error::AppError;
    if data.is_empty() {
        return Err(AppError::field("file", "empty_file", "Файл пуст"));
    }
    sniff(data).ok_or_else(|| {
        AppError::field(
            "file",
            "unsupported_file_type",
            format!(
                "{accepted} PDF, DOCX, XLSX, PPTX и ODT (тип определяется по содержимому файла)"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"MZ\x90\x00 not a document"), None);
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt), Some("application/vnd.oasis.opendocument.text"));
        let docx = b"PK\x03\x04....[Content_Types].xml....PK\x03\x04..word/document.xml";
        assert!(sniff(docx).unwrap().contains("wordprocessingml"));
        let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
        assert!(sniff(xlsx).unwrap().contains("spreadsheetml"));
        assert_eq!(sniff(b"PK\x03\x04 just a zip"), None);
    }
}
