//! Accounts: invitations and password resets by one-time links (`account_links`).
//! Only the token's SHA-256 is stored; the raw token goes to the inviter's answer and,
//! through `mail_token` until the mail worker has sent it, into the e-mail.

pub mod policy;
pub mod repo;
pub mod routes;
pub mod rules;

pub use routes::endpoints;
