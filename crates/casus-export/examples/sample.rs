//! Writes the fictional sample plan of approach as PDF, Markdown and HTML, to look at:
//! `cargo run -p casus-export --example sample -- [BASE] [--long | --stress]`, BASE defaulting to
//! /tmp/casus-export-sample. `--long` gives a fourteen-page plan, `--stress` awkward input.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args.iter().find(|a| !a.starts_with("--")).cloned();
    let base = base.unwrap_or_else(|| "/tmp/casus-export-sample".into());
    let doc = if args.iter().any(|a| a == "--long") {
        common::long_plan(120)
    } else if args.iter().any(|a| a == "--stress") {
        common::stress_doc()
    } else {
        common::sample_plan()
    };
    let pdf = casus_export::render_pdf(&doc).map_err(std::io::Error::other)?;
    std::fs::write(format!("{base}.pdf"), pdf)?;
    std::fs::write(format!("{base}.md"), casus_export::render_markdown(&doc))?;
    std::fs::write(format!("{base}.html"), casus_export::render_html(&doc))?;
    let pages = casus_export::pdf_page_count(&doc);
    println!("wrote {base}.pdf, {base}.md and {base}.html ({pages} pages)");
    Ok(())
}
