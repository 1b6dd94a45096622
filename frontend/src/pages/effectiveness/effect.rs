//! Effect analytics on screen: a scatter of each school's support (events in the year)
//! against the change of its failing share, the supported ШНОР/ШССУ marked, a table with
//! the comparison to similar schools that received less, and the caveats in words.
//! Drawn as SVG in the page; the report carries the same numbers as tables.

use leptos::prelude::*;
use tutornet_domain::effectiveness::{decimal_ru, EffectAnalysis, SchoolEffect};

const W: f64 = 640.0;
const H: f64 = 300.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

fn pp(v: Option<f64>) -> String {
    v.map(decimal_ru).unwrap_or_else(|| "—".into())
}

#[component]
fn Scatter(schools: Vec<SchoolEffect>) -> impl IntoView {
    let points: Vec<(f64, f64, bool, String)> = schools
        .iter()
        .filter_map(|s| {
            Some((
                s.support_events as f64,
                s.change?,
                s.supported,
                s.school_name.clone(),
            ))
        })
        .collect();
    if points.is_empty() {
        return view! { <p class="empty" data-testid="scatter-empty">"Нет школ с результатами за оба года — сравнивать нечего."</p> }.into_any();
    }
    let xmax = points.iter().map(|p| p.0).fold(1.0f64, f64::max).ceil();
    let ymax = (points.iter().map(|p| p.1.abs()).fold(5.0f64, f64::max) / 5.0).ceil() * 5.0;
    let x = move |v: f64| LEFT + (W - LEFT - RIGHT) * v / xmax;
    let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (ymax - v) / (2.0 * ymax);
    let yticks = [-ymax, -ymax / 2.0, 0.0, ymax / 2.0, ymax];
    let xticks: Vec<f64> = {
        let step = (xmax / 5.0).ceil().max(1.0);
        (0..)
            .map(|k| k as f64 * step)
            .take_while(|v| *v <= xmax)
            .collect()
    };
    view! {
        <svg class="chart scatter" viewBox=format!("0 0 {W} {H}") role="img" data-testid="effect-scatter"
            aria-label="Сопровождение и изменение доли неуспешных по школам">
            {yticks.iter().map(|t| view! {
                <line class=if *t == 0.0 { "axis-zero" } else { "grid" } x1=LEFT x2=W - RIGHT y1=y(*t) y2=y(*t) />
                <text class="tick" x=LEFT - 6.0 y=y(*t) + 4.0 text-anchor="end">{decimal_ru(*t)}</text>
            }).collect_view()}
            {xticks.iter().map(|t| view! {
                <text class="tick" x=x(*t) y=H - BOTTOM + 16.0 text-anchor="middle">{decimal_ru(*t)}</text>
            }).collect_view()}
            <text class="axis-label" x=(LEFT + W - RIGHT) / 2.0 y=H - 6.0 text-anchor="middle">"Мероприятий сопровождения за год (занятия, экспертизы, шаги ИОМ)"</text>
            <text class="axis-label" x=12.0 y=(TOP + H - BOTTOM) / 2.0 text-anchor="middle"
                transform=format!("rotate(-90 12 {})", (TOP + H - BOTTOM) / 2.0)>"Изменение доли «2», п.п."</text>
            {points.into_iter().map(|(px, py, supported, name)| view! {
                <g data-testid="scatter-point">
                    <circle cx=x(px) cy=y(py) r=if supported { 6.0 } else { 4.5 }
                        class=if supported { "pt pt-supported" } else { "pt pt-other" }>
                        <title>{format!("{name}: {} мер., {} п.п.", px, decimal_ru(py))}</title>
                    </circle>
                    {supported.then(|| view! { <text class="pt-label" x=x(px) + 8.0 y=y(py) + 4.0>{name.clone()}</text> })}
                </g>
            }).collect_view()}
        </svg>
    }
    .into_any()
}

#[component]
pub fn Effect(analysis: EffectAnalysis) -> impl IntoView {
    let a = analysis;
    let years = format!(
        "{} → {}",
        a.previous_year_name
            .clone()
            .unwrap_or_else(|| "предыдущий год".into()),
        a.academic_year_name
    );
    let rows = a.schools.iter().map(|s| {
        let status = [(s.is_low_results, "ШНОР"), (s.is_difficult_conditions, "ШССУ")]
            .iter().filter(|x| x.0).map(|x| x.1).collect::<Vec<_>>().join(", ");
        let peers = match s.peers_change {
            Some(c) => format!("{} шк.: {} п.п.", s.peers, decimal_ru(c)),
            None if s.supported => "нет сопоставимых".into(),
            None => "—".into(),
        };
        view! {
            <tr data-testid="effect-row" class:row-flagged=s.supported>
                <td data-label="Школа">{s.school_name.clone()}{s.small_group.then(|| view! { " " <span class="badge" title="Менее 10 участников">"< 10"</span> })}</td>
                <td data-label="Статус">{status}</td>
                <td data-label="Мероприятий">{s.sessions}</td>
                <td data-label="Часов">{decimal_ru(s.hours)}</td>
                <td data-label="Экспертиз">{s.reviews}</td>
                <td data-label="Шагов ИОМ">{s.trajectory_steps}</td>
                <td data-label="Доля «2», %">{format!("{} → {}", pp(s.failing_before), pp(s.failing_after))}</td>
                <td data-label="Изменение, п.п." class:good=s.change.is_some_and(|x| x < 0.0) class:bad=s.change.is_some_and(|x| x > 0.0)>{pp(s.change)}</td>
                <td data-label="Сопоставимые школы">{peers}</td>
            </tr>
        }
    }).collect_view();
    view! {
        <section data-testid="effect">
            <h2>{format!("Сопровождение и результаты: {} ({years})", a.procedure.label_ru())}</h2>
            <p data-testid="effect-summary">{format!(
                "Сопровождаемые ШНОР/ШССУ ({} шк.): {} п.п.; сопоставимые школы, получившие меньше сопровождения ({} шк.): {} п.п.",
                a.supported.schools, pp(a.supported.change), a.comparison.schools, pp(a.comparison.change)
            )}</p>
            <Scatter schools=a.schools.clone() />
            <p class="legend muted"><span class="dot pt-supported"></span>" сопровождаемые ШНОР/ШССУ  "<span class="dot pt-other"></span>" остальные школы"</p>
            <crate::ui::table::Table testid="effect-table" columns=crate::ui::table::columns(&[
                "Школа", "Статус", "Мероприятий", "Часов", "Экспертиз", "Шагов ИОМ", "Доля «2», %", "Изменение, п.п.", "Сопоставимые школы",
            ])>
                {rows}
            </crate::ui::table::Table>
            <div class="caveats" data-testid="caveats">
                <h3>"Как читать сравнение"</h3>
                <ul>{a.caveats.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            </div>
        </section>
    }
}
