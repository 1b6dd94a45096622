//! Session state: who is logged in, shared through a Leptos context.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::auth::Me;
use tutornet_domain::org::Municipality;
use tutornet_domain::permissions::{allows, scope, Action, Resource, Scope};
use tutornet_domain::Role;

use crate::api::{account, reference};

/// The session. `me` is `None` when nobody is logged in; `restoring` is true while the
/// page asks `/auth/refresh` whether the cookie still holds a session.
#[derive(Clone, Copy)]
pub struct Auth {
    pub me: RwSignal<Option<Me>>,
    pub restoring: RwSignal<bool>,
    /// A message for the login page (e.g. «сеанс истёк»).
    pub notice: RwSignal<Option<String>>,
    /// Municipalities the user can see, loaded once after login.
    pub municipalities: RwSignal<Option<Vec<Municipality>>>,
}

impl Auth {
    /// Creates the session context and tries to restore a session from the cookie.
    pub fn provide() -> Self {
        let auth = Self {
            me: RwSignal::new(None),
            restoring: RwSignal::new(true),
            notice: RwSignal::new(None),
            municipalities: RwSignal::new(None),
        };
        provide_context(auth);
        // The client reports silent refreshes and lost sessions back here.
        account::on_session(move |me| auth.signed_in(me), move || auth.expired());
        spawn_local(async move {
            if let Ok(t) = account::refresh().await {
                auth.signed_in(t.user);
            }
            auth.restoring.set(false);
        });
        auth
    }

    pub fn get() -> Self {
        expect_context::<Auth>()
    }

    /// Records the logged-in user (after login or a refresh).
    pub fn signed_in(&self, me: Me) {
        let changed = self
            .me
            .try_with_untracked(|cur| cur.as_ref() != Some(&me))
            .unwrap_or(false);
        if changed {
            let same_user = self
                .me
                .try_with_untracked(|cur| cur.as_ref().map(|m| m.id.clone()) == Some(me.id.clone()))
                .unwrap_or(false);
            if !same_user {
                self.municipalities.set(None);
            }
            self.notice.set(None);
            crate::ui::time::set_zone(&me.time_zone);
            self.me.set(Some(me));
            if !same_user {
                self.load_municipalities();
            }
        }
    }

    /// The session could not be renewed: back to the login page.
    pub fn expired(&self) {
        account::set_token(None);
        if self.me.try_with_untracked(Option::is_some).unwrap_or(false) {
            self.notice
                .set(Some("Сеанс завершён. Войдите снова.".to_string()));
            self.me.set(None);
        }
    }

    pub async fn logout(self) {
        account::logout().await;
        self.municipalities.set(None);
        self.me.set(None);
    }

    /// The user's id, empty when nobody is logged in (tracked).
    pub fn me_id(&self) -> String {
        self.me
            .with(|m| m.as_ref().map(|m| m.id.clone()).unwrap_or_default())
    }

    /// The municipality the user belongs to, if any (tracked).
    pub fn own_municipality(&self) -> Option<String> {
        self.me
            .with(|m| m.as_ref().and_then(|m| m.municipality_id.clone()))
    }

    /// The user's role (tracked); observers' rights when nobody is logged in.
    pub fn role(&self) -> Role {
        self.me
            .with(|m| m.as_ref().map(|m| m.role))
            .unwrap_or(Role::Observer)
    }

    pub fn can(&self, resource: Resource, action: Action) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|m| allows(m.role, resource, action)))
    }

    /// Whether the user sees other people's records of `resource`, not only their own.
    pub fn sees_others(&self, resource: Resource) -> bool {
        self.me.with(|m| {
            m.as_ref().is_some_and(|m| {
                scope(m.role, resource, Action::Read).is_some_and(|s| s > Scope::Own)
            })
        })
    }

    /// Loads the region's municipalities (every page of them).
    fn load_municipalities(&self) {
        let auth = *self;
        spawn_local(async move {
            let items = reference::municipalities().await.unwrap_or_default();
            auth.municipalities.try_set(Some(items));
        });
    }

    /// The municipalities whose `resource` records the user works with (tracked): the
    /// whole region for region-wide roles, otherwise the user's own municipality.
    pub fn municipality_choices(&self, resource: Resource) -> Vec<Municipality> {
        let (reach, own) = self.me.with(|m| {
            m.as_ref()
                .map(|m| {
                    (
                        scope(m.role, resource, Action::Read),
                        m.municipality_id.clone(),
                    )
                })
                .unwrap_or((None, None))
        });
        let all = self.municipalities.get().unwrap_or_default();
        match reach {
            Some(Scope::Region) => all,
            _ => all
                .into_iter()
                .filter(|m| own.as_deref() == Some(m.id.as_str()))
                .collect(),
        }
    }

    /// Whether the user works with more than one municipality (tracked).
    pub fn many_municipalities(&self, resource: Resource) -> bool {
        self.municipality_choices(resource).len() > 1
    }

    /// The name of a municipality (tracked), if loaded.
    pub fn municipality_name(&self, id: &str) -> Option<String> {
        self.municipalities.with(|ms| {
            ms.as_ref()
                .and_then(|ms| ms.iter().find(|m| m.id == id))
                .map(|m| m.name.clone())
        })
    }
}
