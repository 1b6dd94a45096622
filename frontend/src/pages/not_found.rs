use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::Route;
use crate::util::set_title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Страница не найдена");
    view! {
        <section class="page narrow" data-testid="not-found">
            <h1>"Страница не найдена"</h1>
            <p>"Такой страницы нет. Проверьте адрес или вернитесь на главную."</p>
            <p>
                <A href=Route::Home.path() attr:class="btn">"На главную"</A>
            </p>
        </section>
    }
}
