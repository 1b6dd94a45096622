//! An order's printed details (number, issuer, title, signatory, place, letterhead,
//! preamble, items): the fields the order form enters and the order page corrects.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tutornet_domain::composition::{CompositionOrder, OrderDetails};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::TextField;
use crate::util::non_empty;

/// The details as form signals.
#[derive(Clone, Copy)]
pub struct DetailSignals {
    pub number: RwSignal<String>,
    pub issuer: RwSignal<String>,
    pub title: RwSignal<String>,
    pub signatory_position: RwSignal<String>,
    pub signatory_name: RwSignal<String>,
    pub place: RwSignal<String>,
    pub issuer_full_name: RwSignal<String>,
    pub preamble: RwSignal<String>,
    pub items: RwSignal<String>,
}

impl DetailSignals {
    pub fn new(title: &str) -> Self {
        let s = || RwSignal::new(String::new());
        Self {
            number: s(),
            issuer: s(),
            title: RwSignal::new(title.to_string()),
            signatory_position: s(),
            signatory_name: s(),
            place: s(),
            issuer_full_name: s(),
            preamble: s(),
            items: s(),
        }
    }

    /// The signals holding order `o`'s details.
    pub fn of(o: &CompositionOrder) -> Self {
        let d = Self::new(&o.title);
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        d.number.set(o.number.clone());
        d.issuer.set(o.issuer.clone());
        d.signatory_position.set(text(&o.signatory_position));
        d.signatory_name.set(text(&o.signatory_name));
        d.place.set(text(&o.place));
        d.issuer_full_name.set(text(&o.issuer_full_name));
        d.preamble.set(text(&o.preamble));
        d.items.set(o.items.join("\n"));
        d
    }

    /// The requisites that repeat from order to order, taken from the last one entered
    /// into the fields still empty.
    pub fn repeat_from(&self, o: CompositionOrder) {
        for (field, value) in [
            (self.issuer, Some(o.issuer)),
            (self.signatory_position, o.signatory_position),
            (self.signatory_name, o.signatory_name),
            (self.place, o.place),
            (self.issuer_full_name, o.issuer_full_name),
        ] {
            if field.with_untracked(|s| s.trim().is_empty()) {
                field.try_set(value.unwrap_or_default());
            }
        }
    }

    /// The details as typed (items one a line, blank lines dropped).
    pub fn details(&self, appendix_number: i32, version: Option<i32>) -> OrderDetails {
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        OrderDetails {
            number: text(self.number),
            issuer: text(self.issuer),
            title: text(self.title),
            signatory_position: non_empty(self.signatory_position.get_untracked()),
            signatory_name: non_empty(self.signatory_name.get_untracked()),
            place: non_empty(self.place.get_untracked()),
            appendix_number,
            issuer_full_name: non_empty(self.issuer_full_name.get_untracked()),
            preamble: non_empty(self.preamble.get_untracked()),
            items: self
                .items
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            version,
        }
    }
}

/// The detail fields; `children` go beside the number (the new order's date).
#[component]
pub fn OrderDetailsFields(
    d: DetailSignals,
    problem: RwSignal<Option<Problem>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="grid-2">
            <TextField label="Номер" name="number" value=d.number problem required=true hint="Например: 01-03/24" />
            {children.map(|c| c())}
        </div>
        <TextField label="Кем издан" name="issuer" value=d.issuer problem required=true hint="Как в штампе приложения, например: МКУ ИМЦ города Лабинска" />
        <TextField label="Заголовок" name="title" value=d.title problem required=true multiline=true />
        <div class="grid-2">
            <TextField label="Должность подписавшего" name="signatory_position" value=d.signatory_position problem hint="Например: Директор МКУ ИМЦ города Лабинска" />
            <TextField label="Подписал (И.О. Фамилия)" name="signatory_name" value=d.signatory_name problem hint="Например: С.И. Клименко" />
        </div>
        <TextField label="Место издания" name="place" value=d.place problem hint="Например: г. Лабинск" />
        <TextField label="Полное наименование издавшего (бланк)" name="issuer_full_name" value=d.issuer_full_name problem multiline=true hint="По строкам, как на бланке приказа; пусто — «Кем издан»." />
        <TextField label="Преамбула" name="preamble" value=d.preamble problem multiline=true hint="Текст перед «п р и к а з ы в а ю :»." />
        <TextField label="Пункты приказа" name="items" value=d.items problem multiline=true hint="Каждый пункт — с новой строки; пусто — «Утвердить состав … (Приложение 1)» и заключительные пункты." />
    }
}

/// Corrects an entered order's details in place; the date and members stay as the order
/// set them (an amending order changes those).
#[component]
pub fn OrderEdit(
    order: CompositionOrder,
    on_done: Callback<Option<CompositionOrder>>,
) -> impl IntoView {
    let d = DetailSignals::of(&order);
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let (id, appendix, version) = (order.id.clone(), order.appendix_number, order.meta.version);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let input = d.details(appendix, Some(version));
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let id = id.clone();
        send(
            saving,
            problem,
            async move { api::composition::update_order(&id, &input).await },
            move |o| on_done.run(Some(o)),
        );
    };
    view! {
        <form class="card form no-print" on:submit=submit data-testid="order-edit-form" novalidate=true>
            <h2>"Исправление реквизитов"</h2>
            <p class="hint">"Дата приказа и участники не меняются: их изменяет приказ о внесении изменений."</p>
            <crate::ui::ErrorBanner problem />
            <OrderDetailsFields d problem />
            <SaveBar busy=saving testid="order-edit-save" on_cancel=Callback::new(move |_| on_done.run(None)) />
        </form>
    }
}
