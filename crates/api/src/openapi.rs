//! The OpenAPI document, generated from the handlers' annotations (collected together
//! with their routes by `features::api()`). `tutornet openapi` prints it;
//! `openapi/openapi.json` is that output, committed and compared in CI.

use crate::features;
use std::collections::BTreeMap;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, Modify, OpenApi};

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

macro_rules! error_set {
    ($(#[$doc:meta])* $name:ident: $($code:literal => $desc:literal),* $(,)?) => {
        $(#[$doc])*
        pub struct $name;
        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                BTreeMap::from([$(($code.to_string(), problem($desc))),*])
            }
        }
    };
}

error_set!(
    /// Errors of reading endpoints.
    ReadErrors:
    "400" => "Некорректный запрос",
    "401" => "Требуется вход (нет или недействителен токен)",
    "403" => "Роль не позволяет это действие",
    "404" => "Не найдено или вне области доступа",
    "422" => "Некорректные параметры запроса (поле в errors)",
    "500" => "Внутренняя ошибка (подробности в журнале сервера)",
    "503" => "База данных недоступна",
);

error_set!(
    /// Errors of writing endpoints.
    WriteErrors:
    "400" => "Некорректный запрос (не JSON, неверный Content-Type)",
    "401" => "Требуется вход (нет или недействителен токен)",
    "403" => "Роль не позволяет это действие",
    "404" => "Не найдено или вне области доступа",
    "409" => "Конфликт: устаревшая версия записи (version_conflict) или нарушение целостности",
    "413" => "Слишком большое тело запроса",
    "422" => "Ошибки в полях (errors[].field)",
    "500" => "Внутренняя ошибка (подробности в журнале сервера)",
    "503" => "База данных недоступна или запись одновременно меняют другие (busy): повторите",
);

error_set!(
    /// Errors of login and token refresh.
    LoginErrors:
    "400" => "Некорректный запрос",
    "401" => "Неверные учётные данные или недействительный токен обновления",
    "413" => "Слишком большое тело запроса",
    "422" => "Ошибки в полях",
    "429" => "Слишком много неудачных попыток; см. заголовок Retry-After",
    "500" => "Внутренняя ошибка",
    "503" => "База данных недоступна или запись одновременно меняют другие (busy): повторите",
);

error_set!(
    /// Errors of asking for a password-reset link.
    ResetErrors:
    "400" => "Некорректный запрос",
    "413" => "Слишком большое тело запроса",
    "422" => "Некорректный адрес электронной почты (errors[].field)",
    "429" => "Слишком много запросов для этого адреса или с этого IP; см. заголовок Retry-After",
    "500" => "Внутренняя ошибка",
    "503" => "База данных недоступна или занята (busy): повторите",
);

error_set!(
    /// Errors of setting a password from a one-time link.
    LinkErrors:
    "400" => "Ссылка устарела, уже использована или заменена новой (link_invalid), или некорректный запрос",
    "413" => "Слишком большое тело запроса",
    "422" => "Ошибки в полях: пароль короче 10 символов, нет токена (errors[].field)",
    "500" => "Внутренняя ошибка",
    "503" => "База данных недоступна или ссылку одновременно используют (busy): повторите",
);

error_set!(
    /// Errors of the health check.
    UnavailableErrors:
    "422" => "Недопустимый символ (NUL) в адресе или параметрах",
    "500" => "Внутренняя ошибка",
    "503" => "База данных недоступна",
);

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from POST /api/v1/auth/login (15 minutes; renew with /api/v1/auth/refresh)",
                    ))
                    .build(),
            ),
        );
    }
}

/// Everything but the paths: those, and the schemas they use, come from the route
/// registry (`features::api()`), the same list that builds the actix routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "tutornet API",
        description = "API муниципального сообщества тьюторов: организации, пользователи, роли. \
                       Все ошибки — application/problem+json со стабильным полем code.",
        license(name = "MIT")
    ),
    components(schemas(tutornet_domain::Problem, tutornet_domain::FieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Вход, обновление токена, выход, профиль"),
        (name = "schools", description = "Школы (ОО) и их признаки: ШНОР, ШССУ, «500+», школа-наставник"),
        (name = "users", description = "Пользователи и роли"),
        (name = "accounts", description = "Учётные записи: приглашения, участники состава без учётных записей, загрузка из XLSX со списком начальных паролей"),
        (name = "composition", description = "Состав сообщества тьюторов: участники, приказы, выдвижения школ, закрепление, импорт и выгрузка приложения к приказу"),
    )
)]
struct ApiDoc;

pub fn spec() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    features::api().document(&mut doc);
    doc
}

/// The document as committed: pretty JSON with a trailing newline.
pub fn spec_json() -> String {
    let mut s = spec().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}
