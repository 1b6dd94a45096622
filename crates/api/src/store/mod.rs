//! Storage helpers every feature goes through: write transactions that hold on both
//! backends, versioned updates, and stored-text ↔ enum mapping.

pub mod audit;
pub mod conn;
pub mod names;
pub mod page;
pub mod record;
pub mod schema;
pub mod search;
pub mod stored;
pub mod tx;
pub mod versioned;
pub mod zone;

pub use audit::Audit;
pub use conn::DbConn;
pub use stored::stored;
pub use tx::write_tx;
pub use versioned::{archive_audited, update_audited, update_versioned, Change};
