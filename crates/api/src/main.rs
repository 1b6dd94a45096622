//! `tutornet serve | migrate | demo | openapi | permissions | bench-data`

use actix_web::{middleware, App, HttpServer};
use tutornet_api::config::Config;
use tutornet_api::{configure, db, problem_errors, AppState};

const USAGE: &str = "tutornet — муниципальное сообщество тьюторов

Команды:
  serve        применить миграции и запустить сервер (API /api/v1, интерфейс /, документация /api/docs/)
  migrate      применить миграции
  demo         применить миграции и загрузить демонстрационные данные (печатает логины)
  openapi      вывести спецификацию OpenAPI (JSON)
  permissions  вывести матрицу прав (Markdown)
  bench-data   загрузить данные для нагрузочного теста (1 200 школ, 40 000 пользователей)
  jobs run-once  один раз выполнить задания: ежедневные сводки уведомлений и напоминания
               о занятиях накануне (serve выполняет их сам каждые TUTORNET_JOBS_INTERVAL_SECS)

Переменные окружения: см. .env.example";

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("ошибка: {msg}");
    std::process::exit(2)
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,actix_web=info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

fn migrated_pool(config: &Config) -> db::Pool {
    let pool = db::pool(config).unwrap_or_else(|e| fail(e));
    let mut conn = pool
        .get()
        .unwrap_or_else(|e| fail(format!("База данных недоступна: {e}")));
    let n = db::migrate(&mut conn).unwrap_or_else(|e| fail(e));
    if n > 0 {
        tracing::info!(applied = n, "migrations applied");
    }
    pool
}

fn main() {
    let cmd = std::env::args().nth(1).unwrap_or_default();
    match cmd.as_str() {
        "openapi" => print!("{}", tutornet_api::openapi::spec_json()),
        "permissions" => print!("{}", tutornet_domain::permissions::matrix_markdown()),
        "migrate" => {
            init_tracing();
            let config = Config::from_env(true).unwrap_or_else(|e| fail(e));
            migrated_pool(&config);
            println!("Миграции применены ({})", config.database_url);
        }
        "demo" => {
            init_tracing();
            let config = Config::from_env(true).unwrap_or_else(|e| fail(e));
            let pool = migrated_pool(&config);
            let mut conn = pool.get().unwrap_or_else(|e| fail(e));
            let s = db::demo::load(&mut conn).unwrap_or_else(|e| fail(format!("{e:?}")));
            if s.created {
                println!("Демонстрационные данные загружены: {} школ.", s.schools);
            } else {
                println!("Демонстрационные данные уже загружены.");
            }
            println!(
                "Пароль у всех демо-пользователей: {}",
                db::demo::DEMO_PASSWORD
            );
            for (role, email, name, _) in db::demo::DEMO_USERS {
                println!("  {:<28} {:<30} {}", role.label_ru(), email, name);
            }
        }
        "bench-data" => {
            init_tracing();
            let config = Config::from_env(true).unwrap_or_else(|e| fail(e));
            let pool = migrated_pool(&config);
            let mut conn = pool.get().unwrap_or_else(|e| fail(e));
            let n = |name: &str, d: usize| {
                std::env::var(name)
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(d)
            };
            let m = db::demo::bench(
                &mut conn,
                n("BENCH_MUNICIPALITIES", 40),
                n("BENCH_SCHOOLS", 1200),
                n("BENCH_USERS", 40_000),
            )
            .unwrap_or_else(|e| fail(format!("{e:?}")));
            println!("{m}");
        }
        "jobs" if std::env::args().nth(2).as_deref() == Some("run-once") => {
            init_tracing();
            let config = Config::from_env(true).unwrap_or_else(|e| fail(e));
            let pool = migrated_pool(&config);
            let mut conn = pool.get().unwrap_or_else(|e| fail(e));
            let now = tutornet_api::store::record::now();
            let r = tutornet_api::jobs::run_once(&mut conn, now, &config.public_url)
                .unwrap_or_else(|e| fail(format!("{e:?}")));
            println!(
                "Сводок уведомлений: {}, напоминаний о занятиях: {}",
                r.digests.iter().filter(|d| d.items > 0).count(),
                r.reminders.len()
            );
        }
        "serve" => {
            init_tracing();
            let config = Config::from_env(false).unwrap_or_else(|e| fail(e));
            migrated_pool(&config);
            let bind = config.bind;
            let state = AppState::new(config).unwrap_or_else(|e| fail(e));
            println!("tutornet: http://{bind}/  (API: http://{bind}/api/v1, документация: http://{bind}/api/docs/)");
            let sys = actix_web::rt::System::new();
            let result = sys.block_on(async move {
                tutornet_api::jobs::spawn(state.clone());
                HttpServer::new(move || {
                    App::new()
                        .wrap(problem_errors())
                        .wrap(middleware::Compress::default())
                        .wrap(middleware::Logger::new("%r %s %Dms"))
                        .configure(configure(state.clone()))
                })
                .bind(bind)?
                .run()
                .await
            });
            if let Err(e) = result {
                fail(format!("сервер остановлен: {e}"));
            }
        }
        _ => {
            println!("{USAGE}");
            if !cmd.is_empty() && cmd != "help" && cmd != "--help" {
                std::process::exit(2);
            }
        }
    }
}
