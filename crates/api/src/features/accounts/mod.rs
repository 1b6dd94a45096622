//! Accounts: invitations and password resets by one-time links (`account_links`).
//! Only the token's SHA-256 is stored; the raw token goes to the inviter's answer and,
//! through `mail_token` until the mail worker has sent it, into the e-mail. Also the
//! opening of accounts: for members of the composition (`issue`) and from an uploaded
//! table (`import`), with initial passwords on a printable list or invitations.

pub mod import;
pub mod issue;
pub mod policy;
pub mod repo;
pub mod routes;
pub mod rules;

pub use routes::endpoints;
