//! E-mail for notifications and one-time account links when SMTP is configured (`TUTORNET_SMTP_URL`). A worker
//! thread sends the inbox rows that have not been e-mailed yet (to users who chose the
//! daily digest: the digests instead), so a slow or absent
//! mail server never holds up a request or its transaction. Uses the `lettre` crate.

use crate::store::schema::{notification_settings, notifications, users};
use crate::AppState;
use diesel::prelude::*;
use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// Starts the mail worker if SMTP is configured.
pub fn start(state: &Arc<AppState>) -> Result<(), String> {
    let Some(url) = state.config.smtp_url.clone() else {
        return Ok(());
    };
    // Plain SMTP to a relay (no TLS stack compiled in): smtp://host[:port].
    let rest = url.trim_start_matches("smtp://").trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (
            h.to_string(),
            p.parse::<u16>()
                .map_err(|_| format!("TUTORNET_SMTP_URL: порт «{p}»"))?,
        ),
        None => (rest.to_string(), 25),
    };
    let transport = SmtpTransport::builder_dangerous(host)
        .port(port)
        .timeout(Some(Duration::from_secs(10)))
        .build();
    let weak: Weak<AppState> = Arc::downgrade(state);
    let since = crate::store::record::now();
    std::thread::Builder::new()
        .name("mail".into())
        .spawn(move || loop {
            let Some(state) = weak.upgrade() else { break };
            let pause = match send_pending(&state, &transport, since) {
                Ok(0) => Duration::from_millis(500),
                Ok(_) => Duration::ZERO,
                Err(e) => {
                    tracing::warn!(error = %e, "sending e-mail failed; retrying later");
                    Duration::from_secs(15)
                }
            };
            drop(state);
            std::thread::sleep(pause);
        })
        .map_err(|e| e.to_string())?;
    Ok(())
}

type Pending = (String, String, String, String, String, Option<String>);

/// Sends the pending notification e-mails, then the pending one-time links.
fn send_pending(
    state: &AppState,
    transport: &SmtpTransport,
    since: chrono::NaiveDateTime,
) -> Result<usize, String> {
    let mut conn = state.pool.get().map_err(|e| e.to_string())?;
    let from: Mailbox = state
        .config
        .mail_from
        .parse()
        .map_err(|e| format!("TUTORNET_MAIL_FROM: {e}"))?;
    let send = |email: &str, name: &str, subject: &str, text: String| -> Result<(), String> {
        let to = Mailbox::new(
            Some(name.to_string()),
            email.parse().map_err(|e| format!("{email}: {e}"))?,
        );
        let msg = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject)
            .body(text)
            .map_err(|e| e.to_string())?;
        transport.send(&msg).map_err(|e| e.to_string()).map(|_| ())
    };
    let rows: Vec<Pending> = notifications::table
        .inner_join(users::table)
        .filter(notifications::emailed_at.is_null())
        .filter(notifications::at.ge(since))
        .filter(users::active.eq(true))
        // Who chose the daily digest gets these in it (`features::notifications::digest`).
        .filter(diesel::dsl::not(diesel::dsl::exists(
            notification_settings::table
                .filter(notification_settings::user_id.eq(notifications::user_id))
                .filter(notification_settings::digest.eq(true)),
        )))
        .order(notifications::id.asc())
        .limit(20)
        .select((
            notifications::id,
            users::email,
            users::full_name,
            notifications::title,
            notifications::body,
            notifications::link,
        ))
        .load(&mut conn)
        .map_err(|e| e.to_string())?;
    let base = state.config.public_url.trim_end_matches('/');
    for (id, email, name, title, body, link) in &rows {
        let mut text = format!("{name}, здравствуйте!\n\n{body}\n");
        if let Some(l) = link {
            text.push_str(&format!("\n{base}{l}\n"));
        }
        text.push_str("\n— tutornet, муниципальное сообщество тьюторов\n");
        send(email, name, title, text)?;
        diesel::update(notifications::table.find(id))
            .set(notifications::emailed_at.eq(Some(crate::store::record::now())))
            .execute(&mut conn)
            .map_err(|e| e.to_string())?;
    }
    let digests = send_digests(&mut conn, &send).map_err(|e| e.to_string())?;
    Ok(rows.len() + digests + send_links(&mut conn, base, send).map_err(|e| e.to_string())?)
}

/// E-mails the daily digests the job wrote; each is claimed first, so two workers never
/// send one twice, and given back when sending fails.
fn send_digests(
    conn: &mut crate::store::DbConn,
    send: &impl Fn(&str, &str, &str, String) -> Result<(), String>,
) -> Result<usize, crate::error::AppError> {
    use crate::features::notifications::digest;
    let pending = digest::pending(conn)?;
    for (id, email, name, subject, body) in &pending {
        if !digest::claim_send(conn, id)? {
            continue;
        }
        if let Err(e) = send(email, name, subject, body.clone()) {
            digest::unclaim_send(conn, id)?;
            return Err(crate::error::AppError::Internal(e));
        }
    }
    Ok(pending.len())
}

/// E-mails the pending one-time links; each raw token is forgotten once it is sent.
fn send_links(
    conn: &mut crate::store::DbConn,
    base: &str,
    send: impl Fn(&str, &str, &str, String) -> Result<(), String>,
) -> Result<usize, crate::error::AppError> {
    use crate::features::accounts::{policy, repo};
    let links = repo::pending_mail(conn)?;
    for (id, user_id, purpose, token, expires, email, name) in &links {
        let purpose =
            crate::store::stored(purpose, "account_links.purpose", policy::Purpose::parse)?;
        let tz = crate::store::zone::of_user(conn, user_id)?;
        let url = format!(
            "{base}{}",
            tutornet_domain::accounts::set_password_link(token)
        );
        let until = crate::store::zone::datetime_ru(*expires, tz);
        let (subject, text) = policy::mail(purpose, name, &url, &until);
        send(email, name, &subject, text).map_err(crate::error::AppError::Internal)?;
        repo::mail_sent(conn, id)?;
    }
    Ok(links.len())
}
