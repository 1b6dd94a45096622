//! Authentication (Bearer JWT, argon2id passwords, login throttling) and the caller's
//! reach for the permission matrix of `tutornet_domain::permissions`.

use crate::error::{AppError, AppResult};
use crate::AppState;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tutornet_domain::permissions::{scope, Action, Resource, Role, Scope};
use tutornet_domain::ProblemCode;

pub const ISSUER: &str = "tutornet";
pub const AUDIENCE: &str = "tutornet-api";
pub const REFRESH_COOKIE: &str = "tutornet_refresh";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

pub fn issue_access_token(secret: &str, user_id: &str, role: Role, ttl: i64) -> AppResult<String> {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        sub: user_id.to_string(),
        role: role.as_str().to_string(),
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat: now,
        nbf: now,
        exp: now + ttl,
    };
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .map_err(|e| AppError::Internal(format!("jwt encode: {e}")))
}

pub fn verify_access_token(secret: &str, token: &str) -> AppResult<Claims> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v.validate_nbf = true;
    v.leeway = 5;
    v.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &v)
        .map(|d| d.claims)
        .map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            let detail = match e.kind() {
                ErrorKind::ExpiredSignature => "Срок действия входа истёк; войдите снова",
                _ => "Недействительный токен доступа",
            };
            AppError::Unauthorized {
                code: ProblemCode::InvalidToken,
                detail: detail.into(),
                field: None,
            }
        })
}

pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("argon2: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so timing does not tell.
pub fn dummy_hash() -> &'static str {
    use std::sync::OnceLock;
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password("no-such-user-password").unwrap_or_default())
}

/// The authenticated caller, loaded from the database on every request (so a
/// deactivated user's token stops working at once).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub full_name: String,
    pub role: Role,
    pub region_id: String,
    pub municipality_id: Option<String>,
    pub school_id: Option<String>,
}

/// Where a record lives in the organisation, for scope checks.
#[derive(Debug, Clone, Default)]
pub struct Place<'a> {
    pub region_id: &'a str,
    pub municipality_id: Option<&'a str>,
    pub school_id: Option<&'a str>,
    /// The user the record is (for user records).
    pub user_id: Option<&'a str>,
}

/// The caller's permission resolved to concrete ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Region(String),
    Municipality(String),
    School(String),
    Own(String),
}

impl Reach {
    pub fn covers(&self, p: &Place) -> bool {
        match self {
            Reach::Region(r) => p.region_id == r,
            Reach::Municipality(m) => p.municipality_id == Some(m.as_str()),
            Reach::School(s) => p.school_id == Some(s.as_str()),
            Reach::Own(u) => p.user_id == Some(u.as_str()),
        }
    }
}

impl AuthUser {
    /// The reach for `resource`/`action`, or 403.
    pub fn reach(&self, resource: Resource, action: Action) -> AppResult<Reach> {
        self.try_reach(resource, action)
            .ok_or_else(AppError::forbidden)
    }

    pub fn try_reach(&self, resource: Resource, action: Action) -> Option<Reach> {
        match scope(self.role, resource, action)? {
            Scope::Region => Some(Reach::Region(self.region_id.clone())),
            Scope::Municipality => match &self.municipality_id {
                Some(m) => Some(Reach::Municipality(m.clone())),
                // Regional observers (no municipality) read the whole region.
                None if self.role == Role::Observer => Some(Reach::Region(self.region_id.clone())),
                None => None,
            },
            Scope::School => self.school_id.clone().map(Reach::School),
            Scope::Own => Some(Reach::Own(self.id.clone())),
        }
    }

    /// 404 when the record is outside the caller's read reach (its existence is not
    /// disclosed), 403 when it is readable but the action is not allowed on it.
    pub fn check(&self, resource: Resource, action: Action, place: &Place) -> AppResult<()> {
        let readable = self
            .try_reach(resource, Action::Read)
            .is_some_and(|r| r.covers(place));
        if !readable {
            return Err(AppError::NotFound("Запись не найдена".into()));
        }
        if action != Action::Read {
            let ok = self
                .try_reach(resource, action)
                .is_some_and(|r| r.covers(place));
            if !ok {
                return Err(AppError::forbidden());
            }
        }
        Ok(())
    }
}

fn bearer(req: &HttpRequest) -> AppResult<&str> {
    let h = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::Unauthorized {
            code: ProblemCode::Unauthenticated,
            detail: "Войдите в систему".into(),
            field: None,
        })?;
    h.strip_prefix("Bearer ")
        .or_else(|| h.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::Unauthorized {
            code: ProblemCode::InvalidToken,
            detail: "Заголовок Authorization должен иметь вид «Bearer <токен>»".into(),
            field: None,
        })
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req).map(str::to_string);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("no app state".into()))?;
            let claims = verify_access_token(&state.config.jwt_secret, &token?)?;
            let user = state
                .db(move |c| crate::db::users::auth_user(c, &claims.sub))
                .await?;
            user.ok_or(AppError::Unauthorized {
                code: ProblemCode::InvalidToken,
                detail: "Учётная запись не найдена или отключена".into(),
                field: None,
            })
        })
    }
}

/// Sliding-window counter of failed logins per account and per client IP.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    /// Seconds to wait if `key` has `max` or more failures in the window.
    pub fn retry_after(&self, key: &str, max: u32, window: Duration) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let list = map.get_mut(key)?;
        list.retain(|t| now.duration_since(*t) < window);
        if list.len() as u32 >= max.max(1) {
            let oldest = list.first().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.duration_since(oldest)).as_secs() as i64;
            Some(wait.max(1))
        } else {
            None
        }
    }

    pub fn fail(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 100_000 {
            map.clear();
        }
        map.entry(key.to_string()).or_default().push(Instant::now());
    }

    pub fn clear(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_round_trip_and_tamper() {
        let secret = "s".repeat(40);
        let t = issue_access_token(&secret, "u1", Role::Tutor, 60).unwrap();
        assert_eq!(verify_access_token(&secret, &t).unwrap().sub, "u1");
        assert!(verify_access_token(&"x".repeat(40), &t).is_err());
        let expired = issue_access_token(&secret, "u1", Role::Tutor, -120).unwrap();
        assert!(verify_access_token(&secret, &expired).is_err());
    }

    #[test]
    fn rejects_other_algorithms() {
        let secret = "s".repeat(40);
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: "u".into(),
            role: "admin".into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            nbf: now,
            exp: now + 60,
        };
        let t = encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .unwrap();
        assert!(verify_access_token(&secret, &t).is_err());
    }

    #[test]
    fn throttle_counts_in_window() {
        let t = Throttle::default();
        let w = Duration::from_secs(60);
        for _ in 0..3 {
            assert!(t.retry_after("a", 3, w).is_none());
            t.fail("a");
        }
        assert!(t.retry_after("a", 3, w).unwrap() > 0);
        t.clear("a");
        assert!(t.retry_after("a", 3, w).is_none());
    }

    #[test]
    fn passwords() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong", &h));
    }
}
