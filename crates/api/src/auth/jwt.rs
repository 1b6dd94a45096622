//! Access tokens: HS256 JWT with the algorithm pinned; exp, nbf, iss and aud checked.

use crate::error::{AppError, AppResult};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use tutornet_domain::permissions::Role;
use tutornet_domain::ProblemCode;

pub const ISSUER: &str = "tutornet";
pub const AUDIENCE: &str = "tutornet-api";

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
}
