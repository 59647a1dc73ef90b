//! Markdown and HTML: escaping, structure for screen readers, nothing remote.

mod common;

use casus_export::{render_html, render_markdown, Block, Document};
use proptest::prelude::*;

fn with_cells(cells: Vec<String>) -> Document {
    let mut doc = common::base("Plan van aanpak");
    doc.blocks = vec![
        Block::Heading {
            level: 1,
            text: "Interventies".into(),
        },
        Block::Table {
            caption: Some("Interventies".into()),
            headers: vec!["Actie".into(), "Omschrijving".into()],
            rows: cells.into_iter().map(|c| vec!["A1".into(), c]).collect(),
            widths: Some(vec![1.0, 4.0]),
        },
    ];
    doc
}

#[test]
fn html_escapes_a_script_in_a_cell_and_everywhere_else() {
    let mut doc = with_cells(vec!["<script>alert(1)</script>".into(), "a & b \"c\" 'd'".into()]);
    doc.title = "<b>titel</b>".into();
    doc.organisation = "<img src=x onerror=alert(1)>".into();
    doc.watermark = Some("Voor: <politie>".into());
    doc.footer = "</footer><script>".into();
    doc.blocks.push(Block::Notice("<iframe>".into()));
    doc.blocks
        .push(Block::List(vec!["<a href=\"javascript:x\">".into()]));
    doc.blocks
        .push(Block::KeyValues(vec![("<dt>".into(), "<dd>".into())]));
    let html = render_html(&doc);
    for bad in ["<script", "<img", "<iframe", "<a ", "<b>", "</footer><"] {
        assert!(!html.contains(bad), "{bad} came through:\n{html}");
    }
    assert!(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    assert!(html.contains("a &amp; b &quot;c&quot; &#39;d&#39;"));
    assert!(html.contains("<title>&lt;b&gt;titel&lt;/b&gt;</title>"));
}

#[test]
fn html_is_dutch_self_contained_and_accessible() {
    let html = render_html(&common::sample_plan());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    for remote in [
        "http://", "https://", "//", "src=", "href=", "url(", "@import", "<link", "<script",
    ] {
        assert!(!html.contains(remote), "{remote} in the HTML");
    }
    assert!(html.contains("<style>") && html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<caption>Interventies</caption>"));
    assert!(html.contains("<th scope=\"col\">Omschrijving</th>"));
    assert_eq!(
        html.matches("<th scope=\"col\">").count(),
        8 + 3,
        "every header cell is a column header"
    );
    assert!(html.contains("<h1>Plan van aanpak</h1>") && html.contains("<h2>1. Kop</h2>"));
    assert!(html.contains("<h3>Risicofactoren</h3>"));
    assert!(html.contains("<dt>Casus</dt><dd>7c1e9a40</dd>"));
    assert!(html.contains("role=\"note\"") && html.contains("Weggelaten: 2 × gezondheidsgegevens (ggz)"));
    // The marking and the watermark are visible text, before the title.
    let h1 = html.find("<h1>").unwrap();
    let marking = html.find(">VERTROUWELIJK<").expect("marking");
    let watermark = html
        .find("Voor: politie · coördinator J. de Vries · 2026-11-22 · export 3f2a9b1c")
        .unwrap();
    assert!(marking < h1 && watermark < h1);
    assert!(html.contains("Export 3f2a9b1c · logboek 9c41d2e07a5b13f8</p>\n</footer>"));
}

#[test]
fn markdown_escapes_pipes_in_cells_and_keeps_the_table_shape() {
    let md = render_markdown(&with_cells(vec![
        "ja | nee".into(),
        "a\\|b".into(),
        "regel 1\nregel 2".into(),
    ]));
    assert!(md.contains("| A1 | ja \\| nee |"), "{md}");
    assert!(md.contains("| A1 | a\\\\\\|b |"), "{md}");
    assert!(md.contains("| A1 | regel 1 regel 2 |"), "{md}");
    assert!(md.contains("| Actie | Omschrijving |\n| --- | --- |\n"));
    assert!(md.contains("**Interventies**\n\n| Actie"));
}

#[test]
fn markdown_puts_marking_and_watermark_first_then_the_headings() {
    let md = render_markdown(&common::sample_plan());
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some("**VERTROUWELIJK** · Gemeente Voorbeeldstad"));
    assert_eq!(lines.next(), Some(""));
    assert_eq!(
        lines.next(),
        Some("> Voor: politie · coördinator J. de Vries · 2026-11-22 · export 3f2a9b1c")
    );
    assert!(md.contains("\n# Plan van aanpak\n"));
    assert!(md.contains("\n## 1. Kop\n") && md.contains("\n### Risicofactoren\n"));
    assert!(md.contains("- **Casus:** 7c1e9a40\n"));
    assert!(md.contains("- Betrokken ouders die hulp accepteren.\n"));
    assert!(
        md.contains("> Weggelaten: 2 × gezondheidsgegevens (ggz), 1 × justitiële gegevens (reclassering)")
    );
    assert!(md
        .trim_end()
        .ends_with("Export 3f2a9b1c · logboek 9c41d2e07a5b13f8"));
    // A '\n' inside a paragraph is a hard line break.
    assert!(md.contains("aan tafel.\\\nEr is géén sprake"));
}

#[test]
fn markdown_does_not_turn_text_into_markup() {
    let mut doc = common::base("Titel");
    doc.blocks = vec![
        Block::Paragraph("# geen kop\n- geen lijst\n1. geen opsomming\n<script>x</script> *niet vet*".into()),
        Block::List(vec!["[link](http://voorbeeld)".into()]),
    ];
    let md = render_markdown(&doc);
    assert!(md.contains("\\# geen kop\\\n\\- geen lijst\\\n1\\. geen opsomming\\\n\\<script\\>x\\</script\\> \\*niet vet\\*"), "{md}");
    assert!(md.contains("- \\[link\\](http://voorbeeld)"));
}

/// Every '<' in the HTML opens one of the tags the renderer writes itself.
fn only_own_tags(html: &str) -> Result<(), String> {
    const OWN: [&str; 36] = [
        "!DOCTYPE", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style", "body",
        "/body", "header", "/header", "main", "/main", "footer", "/footer", "p", "/p", "h1", "/h1", "h2",
        "/h2", "h3", "/h3", "h4", "/h4", "br", "table", "/table", "caption", "/caption", "div", "/div",
        "col",
    ];
    const MORE: [&str; 20] = [
        "colgroup",
        "/colgroup",
        "thead",
        "/thead",
        "tbody",
        "/tbody",
        "tr",
        "/tr",
        "th",
        "/th",
        "td",
        "/td",
        "ul",
        "/ul",
        "li",
        "/li",
        "dl",
        "/dl",
        "dt",
        "/dt",
    ];
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..]
            .chars()
            .take_while(|c| !matches!(c, ' ' | '>'))
            .collect();
        if !(OWN.contains(&name.as_str()) || MORE.contains(&name.as_str()) || name == "dd" || name == "/dd") {
            return Err(format!("unexpected tag <{name}"));
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn html_and_markdown_contain_no_markup_from_the_text(texts in proptest::collection::vec(any::<String>(), 1..6)) {
        let mut doc = with_cells(texts.clone());
        doc.title = texts[0].clone();
        doc.watermark = Some(texts[texts.len() - 1].clone());
        doc.blocks.push(Block::Paragraph(texts.join("\n")));
        doc.blocks.push(Block::List(texts.clone()));
        let html = render_html(&doc);
        prop_assert!(only_own_tags(&html).is_ok(), "{:?}", only_own_tags(&html));
        let md = render_markdown(&doc);
        // Each table row has exactly three unescaped pipes (two columns).
        for line in md.lines().filter(|l| l.starts_with("| A1 |")) {
            let mut unescaped = 0;
            let mut backslashes = 0;
            for c in line.chars() {
                if c == '|' && backslashes % 2 == 0 {
                    unescaped += 1;
                }
                backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            }
            prop_assert_eq!(unescaped, 3, "{}", line);
        }
        prop_assert!(!md.contains("<script"));
    }
}

#[test]
fn the_audit_head_line_is_kept_where_each_format_reads_it_back() {
    let line = "casus-audit-head/v1 store=00ff seq=57 hash=ab12 key=cd34";
    let mut doc = common::base("Plan van aanpak");
    let plain = (
        render_markdown(&doc),
        render_html(&doc),
        casus_export::render_pdf(&doc).unwrap(),
    );
    assert!(!plain.0.contains("casus-audit-head") && !plain.1.contains("casus-audit-head"));
    // Anything that could break out of the PDF string, the HTML attribute or the code span is dropped.
    doc.audit_head = Some(format!("{line}) \"<`"));
    let md = render_markdown(&doc);
    assert_eq!(md.lines().last(), Some(format!("`{line}`").as_str()), "{md}");
    let html = render_html(&doc);
    assert!(
        html.contains(&format!("<meta name=\"casus-audit-head\" content=\"{line}\">")),
        "{html}"
    );
    let pdf = casus_export::render_pdf(&doc).unwrap();
    let needle = format!("/Keywords({line})");
    assert!(
        pdf.windows(needle.len()).any(|w| w == needle.as_bytes()),
        "the head is a plain ASCII Info entry"
    );
    assert!(
        !String::from_utf8_lossy(&casus_export::render_pdf(&plain_doc()).unwrap()).contains("/Keywords"),
        "no keywords without a head"
    );
    assert_eq!(
        casus_export::pdf_page_count(&doc),
        pdf_pages(&plain.2),
        "the line changes no page"
    );
}

fn plain_doc() -> casus_export::Document {
    common::base("Plan van aanpak")
}

fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}
