//! How long a ten-page plan of approach takes to render, in each format:
//! `cargo run --release -p casus-export --example render_bench`.
//! The requirement is at most one second for the PDF of a ten-page plan.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

fn time(runs: u32, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut size = f(); // warm up
    let start = Instant::now();
    for _ in 0..runs {
        size = std::hint::black_box(f());
    }
    (start.elapsed() / runs, size)
}

fn main() {
    let doc = common::plan_with_pages(10);
    let pages = casus_export::pdf_page_count(&doc);
    let runs = 50;
    let (pdf, pdf_bytes) = time(runs, || {
        casus_export::render_pdf(&doc).expect("the sample renders").len()
    });
    let (md, md_bytes) = time(runs, || casus_export::render_markdown(&doc).len());
    let (html, html_bytes) = time(runs, || casus_export::render_html(&doc).len());
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("{pages}-page plan of approach, mean of {runs} renders ({profile} build):");
    println!(
        "  PDF       {:>9.3} ms  {pdf_bytes:>8} bytes",
        pdf.as_secs_f64() * 1e3
    );
    println!(
        "  Markdown  {:>9.3} ms  {md_bytes:>8} bytes",
        md.as_secs_f64() * 1e3
    );
    println!(
        "  HTML      {:>9.3} ms  {html_bytes:>8} bytes",
        html.as_secs_f64() * 1e3
    );
    println!(
        "  budget: PDF <= 1000 ms -> {}",
        if pdf <= Duration::from_secs(1) {
            "ok"
        } else {
            "TOO SLOW"
        }
    );
}
