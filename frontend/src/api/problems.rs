//! What the client makes of failures: a lost connection, a non-2xx answer (with the wait
//! of a 429 in words), an unreadable body, and the checks of the browser itself.

use gloo_net::http::Response;
use serde::de::DeserializeOwned;
use tutornet_domain::Problem;

use crate::util::plural;

pub(super) fn network_problem(err: impl std::fmt::Display) -> Problem {
    Problem::new(
        0,
        "network_error",
        "Нет связи с сервером",
        format!("Нет связи с сервером. Проверьте подключение к сети и повторите попытку. ({err})"),
    )
}

/// A validation problem raised in the browser before anything is sent.
pub fn validation_problem(errors: Vec<tutornet_domain::FieldError>) -> Problem {
    let mut p = Problem::new(
        422,
        "validation_failed",
        "Ошибка в данных",
        "Проверьте выделенные поля.",
    );
    p.errors = errors;
    p
}

/// Turns a non-2xx response into a [`Problem`], whatever its body.
pub(super) async fn problem_of(resp: Response) -> Problem {
    let status = resp.status();
    let retry_after = resp.headers().get("retry-after");
    let mut p = match resp.json::<Problem>().await {
        Ok(p) => p,
        Err(_) => Problem::new(
            status,
            "http_error",
            "Ошибка сервера",
            match status {
                404 => "Не найдено.".to_string(),
                500..=599 => format!("Ошибка на сервере (код {status}). Повторите попытку позже."),
                _ => format!("Сервер не выполнил запрос (код {status})."),
            },
        ),
    };
    if status == 429 {
        if let Some(secs) = retry_after.and_then(|s| s.trim().parse::<i64>().ok()) {
            p.detail = with_wait(&p.detail, secs);
        }
    }
    p
}

/// Rewrites «… Повторите через 899 с.» as «… Повторите попытку через 15 минут.».
fn with_wait(detail: &str, secs: i64) -> String {
    let base = detail.split("Повторите").next().unwrap_or("").trim_end();
    let base = if base.is_empty() {
        "Слишком много попыток."
    } else {
        base
    };
    let when = if secs < 60 {
        format!("{secs} {}", plural(secs, "секунду", "секунды", "секунд"))
    } else {
        let m = (secs + 59) / 60;
        format!("{m} {}", plural(m, "минуту", "минуты", "минут"))
    };
    format!("{base} Повторите попытку через {when}.")
}

pub(super) async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, Problem> {
    let status = resp.status();
    resp.json::<T>().await.map_err(|e| {
        Problem::new(
            status,
            "bad_response",
            "Непонятный ответ сервера",
            format!("Не удалось прочитать ответ сервера: {e}"),
        )
    })
}
