//! Opening accounts for people: a new user with an initial password (generated here,
//! hashed before the write transaction, handed out once on a printable list and never
//! stored in clear) or with an e-mailed invitation; and the accounts of members of the
//! composition — one (create or link) or many at once.

use super::rules::{invite, LinkConfig};
use crate::auth::{hash_password, AuthUser, NO_PASSWORD};
use crate::docs::TableDoc;
use crate::error::{AppError, AppResult};
use crate::features::composition::ops as composition;
use crate::features::users::rules as users;
use crate::store::conn::DbConn;
use crate::store::record::{new_id, now};
use tutornet_domain::accounts::{
    AccountsIssued, Delivery, IssuedAccount, MemberAccount, MemberAccountsBulk,
    CHANGE_ON_FIRST_LOGIN, PASSWORD_LIST_COLUMNS,
};
use tutornet_domain::composition::Member;
use tutornet_domain::permissions::Role;
use tutornet_domain::users::UserCreate;
use tutornet_domain::FieldError;

/// A generated initial password and its hash.
#[derive(Clone)]
pub struct Prepared {
    pub password: String,
    pub hash: String,
}

/// Letters and digits that cannot be mistaken for each other on paper.
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A printable initial password: three groups of four («x7Kp-q2Rm-Tn4w», ~69 bits).
pub fn generate_password() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..3)
        .map(|_| {
            (0..4)
                .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// `n` initial passwords with their hashes (hashing is slow: off the async workers, and
/// before the write transaction, which may be re-run).
pub async fn prepare(n: usize) -> AppResult<Vec<Prepared>> {
    actix_web::web::block(move || {
        (0..n)
            .map(|_| {
                let password = generate_password();
                hash_password(&password).map(|hash| Prepared { password, hash })
            })
            .collect::<AppResult<Vec<_>>>()
    })
    .await?
}

/// Creates a user from `input` (no password in it) and gives them access by `delivery`:
/// the initial password `prepared` (to be changed on first login) or an invitation.
pub fn open_account(
    conn: &mut DbConn,
    actor: &AuthUser,
    input: &UserCreate,
    delivery: Delivery,
    prepared: Option<&Prepared>,
    links: &LinkConfig,
) -> AppResult<IssuedAccount> {
    let id = new_id();
    let hash = match (delivery, prepared) {
        (Delivery::Password, Some(p)) => p.hash.as_str(),
        (Delivery::Password, None) => {
            return Err(AppError::Internal("no prepared password".into()));
        }
        (Delivery::Invitation, _) => NO_PASSWORD,
    };
    let u = users::create(conn, Some(actor), &actor.region_id, &id, input, hash)?;
    let mut issued = IssuedAccount {
        user_id: u.id.clone(),
        member_id: None,
        full_name: u.full_name,
        email: u.email,
        initial_password: None,
        invited_until: None,
        linked: false,
    };
    match delivery {
        Delivery::Password => {
            users::require_password_change(conn, &id)?;
            issued.initial_password = prepared.map(|p| p.password.clone());
        }
        Delivery::Invitation => {
            issued.invited_until = Some(invite(conn, actor, &id, links)?.expires_at);
        }
    }
    Ok(issued)
}

/// The new account of a member: a tutor of the member's municipality and school.
fn member_user(m: &Member, email: &str) -> UserCreate {
    UserCreate {
        email: email.trim().to_string(),
        full_name: m.full_name.clone(),
        role: Some(Role::Tutor),
        municipality_id: Some(m.municipality_id.clone()),
        school_id: m.school_id.clone(),
        position: m.position.clone(),
        password: None,
    }
}

/// Creates the account of an approved member without one and ties it to them.
fn create_for_member(
    conn: &mut DbConn,
    actor: &AuthUser,
    m: &Member,
    email: &str,
    delivery: Delivery,
    prepared: Option<&Prepared>,
    links: &LinkConfig,
) -> AppResult<IssuedAccount> {
    let mut issued = open_account(
        conn,
        actor,
        &member_user(m, email),
        delivery,
        prepared,
        links,
    )?;
    composition::attach_account(conn, actor, &m.id, &issued.user_id)?;
    issued.member_id = Some(m.id.clone());
    Ok(issued)
}

/// Links an existing user to, or creates an account for, one approved member.
pub fn member_account(
    conn: &mut DbConn,
    actor: &AuthUser,
    member_id: &str,
    body: &MemberAccount,
    prepared: Option<&Prepared>,
    links: &LinkConfig,
) -> AppResult<IssuedAccount> {
    let m = composition::account_target(conn, actor, member_id)?;
    match (&body.user_id, &body.email, body.delivery) {
        (Some(uid), _, _) => {
            let u = users::editable(conn, actor, uid.trim()).map_err(|_| {
                AppError::field("user_id", "invalid_reference", "Пользователь не найден")
            })?;
            composition::attach_account(conn, actor, member_id, &u.id)?;
            Ok(IssuedAccount {
                user_id: u.id,
                member_id: Some(member_id.to_string()),
                full_name: u.full_name,
                email: u.email,
                initial_password: None,
                invited_until: None,
                linked: true,
            })
        }
        (None, Some(email), Some(d)) => {
            create_for_member(conn, actor, &m, email, d, prepared, links)
        }
        _ => Err(AppError::field("email", "required", "Укажите адрес")),
    }
}

/// Creates accounts for several approved members, all or nothing: 422 naming each row
/// whose member cannot get one or whose e-mail is taken.
pub fn member_accounts(
    conn: &mut DbConn,
    actor: &AuthUser,
    body: &MemberAccountsBulk,
    prepared: &[Prepared],
    links: &LinkConfig,
) -> AppResult<Vec<IssuedAccount>> {
    let mut errors = Vec::new();
    let mut targets = Vec::new();
    for (n, a) in body.accounts.iter().enumerate() {
        match composition::account_target(conn, actor, &a.member_id) {
            Ok(m) => targets.push(m),
            Err(e) => errors.push(FieldError::new(
                &format!("accounts[{n}].member_id"),
                "unavailable",
                row_message(&e),
            )),
        }
        if crate::features::users::repo::login_lookup(conn, &a.email)?.is_some() {
            errors.push(FieldError::new(
                &format!("accounts[{n}].email"),
                "already_exists",
                "Пользователь с таким адресом уже есть",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut out = Vec::new();
    for (n, (m, a)) in targets.iter().zip(&body.accounts).enumerate() {
        let p = prepared.get(n);
        out.push(create_for_member(
            conn,
            actor,
            m,
            &a.email,
            body.delivery,
            p,
            links,
        )?);
    }
    Ok(out)
}

/// What an error says about one row of a batch.
pub fn row_message(e: &AppError) -> String {
    match e {
        AppError::Validation(errs) => errs
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        AppError::Conflict { detail, .. } | AppError::Forbidden(detail) => detail.clone(),
        AppError::NotFound(what) => what.clone(),
        _ => "Не удалось обработать строку".into(),
    }
}

/// «ДД.ММ.ГГГГ ЧЧ:ММ» now, in the actor's zone (for the list's heading).
pub fn issued_at(conn: &mut DbConn, actor: &AuthUser) -> AppResult<String> {
    Ok(crate::store::zone::datetime_ru(
        now(),
        crate::store::zone::of_user(conn, &actor.id)?,
    ))
}

/// The printable list of initial passwords: № · ФИО · login · password · «сменить при
/// первом входе», in the order the accounts were made.
pub fn password_list(accounts: &[IssuedAccount], when: &str) -> AppResult<Vec<u8>> {
    let rows: Vec<Vec<String>> = accounts
        .iter()
        .filter_map(|a| a.initial_password.as_ref().map(|p| (a, p)))
        .enumerate()
        .map(|(i, (a, p))| {
            vec![
                (i + 1).to_string(),
                a.full_name.clone(),
                a.email.clone(),
                p.clone(),
                CHANGE_ON_FIRST_LOGIN.to_string(),
            ]
        })
        .collect();
    let doc = TableDoc {
        sheet: "Учётные записи".into(),
        heading: vec![
            "Учётные записи tutornet: начальные пароли".into(),
            format!("Список сформирован {when}; пароль нужно сменить при первом входе"),
        ],
        bold_heading_lines: 1,
        columns: PASSWORD_LIST_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .collect(),
        rows,
        numbered: true,
        xlsx_widths: vec![6.0, 36.0, 30.0, 18.0, 26.0],
        docx_grid: vec![600, 3200, 2600, 1600, 2000],
    };
    crate::docs::xlsx::to_xlsx(&doc)
}

/// The answer: the accounts and, when passwords were generated, their list (base64).
pub fn answer(
    accounts: Vec<IssuedAccount>,
    when: &str,
    skipped: usize,
) -> AppResult<AccountsIssued> {
    let with_passwords = accounts.iter().any(|a| a.initial_password.is_some());
    let (file_name, file_base64) = if with_passwords {
        use base64::Engine;
        let bytes = password_list(&accounts, when)?;
        let day = when.split(' ').next().unwrap_or_default();
        (
            Some(format!("Учётные записи {day}.xlsx")),
            Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
        )
    } else {
        (None, None)
    };
    Ok(AccountsIssued {
        accounts,
        file_name,
        file_base64,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_printable() {
        let a = generate_password();
        assert_eq!(a.chars().count(), 14);
        assert!(a.chars().count() >= tutornet_domain::users::MIN_PASSWORD_LEN);
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(a, generate_password());
    }
}
