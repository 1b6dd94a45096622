//! The files of composition orders (an order's scan). The order is composition's
//! record; this owner moves there once composition is split into its own rooms.

use super::owner::FileOwner;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::record::now;
use crate::store::schema::composition_orders;
use diesel::prelude::*;
use tutornet_domain::permissions::{Action, Resource};

fn order_municipality(
    conn: &mut DbConn,
    user: &AuthUser,
    order_id: &str,
    action: Action,
) -> AppResult<String> {
    let m: Option<String> = composition_orders::table
        .find(order_id)
        .select(composition_orders::municipality_id)
        .first(conn)
        .optional()?;
    let m = m.ok_or_else(|| AppError::NotFound("Приказ не найден".into()))?;
    crate::access::places::check_place(conn, user, Resource::Composition, action, &m, None)?;
    Ok(m)
}

/// The order's `file_name` follows its scan.
pub(super) fn set_file_name(
    conn: &mut DbConn,
    user: &AuthUser,
    order_id: &str,
    name: &str,
) -> AppResult<()> {
    diesel::update(composition_orders::table.find(order_id))
        .set((
            composition_orders::file_name.eq(Some(name)),
            composition_orders::updated_at.eq(now()),
            composition_orders::updated_by.eq(&user.id),
        ))
        .execute(conn)?;
    Ok(())
}

/// Orders: read with the composition, changed by those who update it.
pub struct OrderFiles;

impl FileOwner for OrderFiles {
    fn can_read(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        order_municipality(conn, user, id, Action::Read)
    }

    fn can_change(&self, conn: &mut DbConn, user: &AuthUser, id: &str) -> AppResult<String> {
        order_municipality(conn, user, id, Action::Update)
    }

    fn archived(&self, conn: &mut DbConn, _user: &AuthUser, id: &str) -> AppResult<()> {
        diesel::update(composition_orders::table.find(id))
            .set(composition_orders::file_name.eq(None::<String>))
            .execute(conn)?;
        Ok(())
    }
}
