//! Notifications are e-mailed when SMTP is configured: checked against a local SMTP sink.

use crate::common::*;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A minimal SMTP server that accepts everything and keeps each message's text.
pub fn smtp_sink() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    let messages = Arc::new(Mutex::new(Vec::new()));
    let store = messages.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut w = stream.try_clone().unwrap();
            let mut r = BufReader::new(stream);
            let _ = w.write_all(b"220 sink ESMTP\r\n");
            let mut line = String::new();
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let cmd = line.to_ascii_uppercase();
                if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                    let _ = w.write_all(b"250-sink\r\n250 8BITMIME\r\n");
                } else if cmd.starts_with("DATA") {
                    let _ = w.write_all(b"354 go ahead\r\n");
                    let mut data = String::new();
                    loop {
                        line.clear();
                        if r.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                            break;
                        }
                        data.push_str(&line);
                    }
                    store.lock().unwrap().push(data);
                    let _ = w.write_all(b"250 queued\r\n");
                } else if cmd.starts_with("QUIT") {
                    let _ = w.write_all(b"221 bye\r\n");
                    break;
                } else {
                    let _ = w.write_all(b"250 OK\r\n");
                }
            }
        }
    });
    (format!("smtp://{addr}"), messages)
}

/// The text of a sunk message (its body is base64: Cyrillic text).
pub fn mail_text(mail: &str) -> String {
    let (headers, body) = mail.split_once("\r\n\r\n").expect("headers and body");
    assert!(
        headers
            .to_ascii_lowercase()
            .contains("content-transfer-encoding: base64"),
        "{headers}"
    );
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(body.replace("\r\n", "").trim())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .expect("base64 body")
}

/// The first sunk message to `email` within 10 s, as text.
pub async fn mail_to(messages: &Arc<Mutex<Vec<String>>>, email: &str) -> String {
    for _ in 0..100 {
        let found = messages
            .lock()
            .unwrap()
            .iter()
            .find(|m| m.contains(&format!("<{email}>")))
            .cloned();
        if let Some(m) = found {
            return mail_text(&m);
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no e-mail to {email} within 10 s")
}

#[actix_web::test]
async fn new_request_is_emailed_to_the_coordinator() {
    let (url, messages) = smtp_sink();
    let app = TestApp::with(|c| c.smtp_url = Some(url)).await;
    let teacher = app.login(TEACHER).await;
    let math = subject_id(&app, &teacher, "Математика").await;
    file_request(&app, &teacher, &math).await;
    let mut found = None;
    for _ in 0..100 {
        if let Some(m) = messages
            .lock()
            .unwrap()
            .iter()
            .find(|m| m.contains(COORDINATOR))
            .cloned()
        {
            found = Some(m);
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mail = found.expect("the coordinator got an e-mail within 10 s");
    assert!(mail.contains("To:"), "{mail}");
    let text = mail_text(&mail);
    assert!(
        text.contains("Новая заявка") || text.contains("Формирующее оценивание"),
        "{text}"
    );
    assert!(
        text.contains("/requests/"),
        "the e-mail links to the request: {text}"
    );
    // Nobody else (the teacher filed it) is mailed about their own action.
    assert!(!messages
        .lock()
        .unwrap()
        .iter()
        .any(|m| m.contains(&format!("<{TEACHER}>"))));
}
