//! A line chart drawn as SVG in the page (no JS libraries): years along the bottom,
//! percent up the side, one line per series with its points labelled; years with a
//! changed scale marked «*», gaps where a year has no data.

use leptos::prelude::*;

/// One line: its legend label, CSS class (colour) and a value per year.
#[derive(Clone)]
pub struct Line {
    pub label: String,
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
/// Room inside the plot before the first and after the last year (their labels).
const INSET: f64 = 44.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

fn ceil_to(x: f64, step: f64) -> f64 {
    ((x / step).ceil() * step).max(step)
}

fn fmt(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

#[component]
pub fn LineChart(
    title: String,
    years: Vec<String>,
    /// Years whose scale changed (marked «*»).
    changed: Vec<bool>,
    lines: Vec<Line>,
) -> impl IntoView {
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let top = ceil_to(max * 1.15, 20.0).clamp(20.0, 100.0);
    let n = years.len().max(1);
    let x = move |i: usize| {
        let (from, to) = (LEFT + INSET, W - RIGHT - INSET);
        if n == 1 {
            (from + to) / 2.0
        } else {
            from + (to - from) * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / top);
    let ticks: Vec<f64> = (0..=4).map(|k| top * k as f64 / 4.0).collect();
    let grid = ticks
        .iter()
        .map(|t| {
            let yy = y(*t);
            view! {
                <line class="chart-grid" x1=LEFT y1=yy x2=W - RIGHT y2=yy />
                <text class="chart-tick" x=LEFT - 6.0 y=yy + 4.0 text-anchor="end">{format!("{} %", t.round())}</text>
            }
        })
        .collect_view();
    let labels = years
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mark = if changed.get(i).copied().unwrap_or(false) { " *" } else { "" };
            view! { <text class="chart-year" x=x(i) y=H - 12.0 text-anchor="middle">{format!("{name}{mark}")}</text> }
        })
        .collect_view();
    let paths = lines
        .iter()
        .map(|l| {
            // Segments between neighbouring years that both have a value.
            let mut d = String::new();
            let mut pen = false;
            for (i, v) in l.values.iter().enumerate() {
                match v {
                    Some(v) => {
                        d.push_str(&format!("{}{:.1},{:.1} ", if pen { "L" } else { "M" }, x(i), y(*v)));
                        pen = true;
                    }
                    None => pen = false,
                }
            }
            let dots = l
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .map(|(i, v)| {
                    view! {
                        <circle class=format!("chart-dot {}", l.class) cx=x(i) cy=y(v) r="4" />
                        <text class=format!("chart-value {}", l.class) x=x(i) y=y(v) - 8.0 text-anchor="middle">{fmt(v)}</text>
                    }
                })
                .collect_view();
            view! {
                <g data-testid="chart-line" data-label=l.label.clone()>
                    <path class=format!("chart-path {}", l.class) d=d fill="none" />
                    {dots}
                </g>
            }
        })
        .collect_view();
    let legend = lines
        .iter()
        .map(|l| view! { <li><span class=format!("chart-swatch {}", l.class)></span>{l.label.clone()}</li> })
        .collect_view();
    view! {
        <figure class="chart" data-testid="results-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title.clone() preserveAspectRatio="xMidYMid meet">
                <title>{title.clone()}</title>
                {grid}
                {labels}
                {paths}
            </svg>
            <figcaption>
                <ul class="chart-legend">{legend}</ul>
            </figcaption>
        </figure>
    }
}
