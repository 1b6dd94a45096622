//! The pieces of the member card: its properties, the orders, the attachments.

mod attach_form;
pub mod attachments;
pub mod summary;

use leptos::prelude::*;
use tutornet_domain::composition::CompositionOrder;
use tutornet_domain::permissions::{scope, Action, Resource, Scope};
use tutornet_domain::text::format_date_ru;

use crate::auth::Auth;

/// «№ 01-03/24 от 01.09.2025».
pub fn order_label(o: &CompositionOrder) -> String {
    tutornet_domain::text::numero(&format!(
        "№ {} от {}",
        o.number,
        format_date_ru(o.issued_on)
    ))
}

/// School cards open for those who see the municipality's schools (tracked).
pub fn sees_schools(auth: Auth) -> bool {
    auth.me.with(|m| {
        m.as_ref().is_some_and(|m| {
            scope(m.role, Resource::School, Action::Read).is_some_and(|s| s >= Scope::Municipality)
        })
    })
}
