//! The protocol as a printable page: the domain's paragraphs (seed 002's sequence), the
//! same ones the DOCX is written from.

use leptos::prelude::*;
use tutornet_domain::meetings::protocol::{paragraphs, Align, Para};
use tutornet_domain::meetings::Meeting;

#[component]
pub fn ProtocolPreview(meeting: Meeting) -> impl IntoView {
    let paras = paragraphs(&meeting);
    view! {
        <article class="protocol" data-testid="protocol">
            {paras.into_iter().map(|p| match p {
                Para::Blank => view! { <p class="protocol-blank"></p> }.into_any(),
                Para::Signature(l, r) => view! {
                    <p class="protocol-signature"><span>{l}</span><span>{r}</span></p>
                }.into_any(),
                Para::Text(a, spans) => {
                    let class = match a {
                        Align::Centre => "protocol-centre",
                        Align::Left => "protocol-left",
                        Align::Justify => "protocol-justify",
                    };
                    view! {
                        <p class=class>
                            {spans.into_iter().map(|s| match (s.bold, s.italic) {
                                (true, _) => view! { <strong>{s.text}</strong> }.into_any(),
                                (false, true) => view! { <em>{s.text}</em> }.into_any(),
                                _ => view! { <span>{s.text}</span> }.into_any(),
                            }).collect_view()}
                        </p>
                    }.into_any()
                }
            }).collect_view()}
        </article>
    }
}
