//! The PDF checked with real tools (qpdf, pdfinfo, pdftotext from poppler-utils), run as
//! subprocesses. A missing tool fails the test with the apt package to install; it never skips.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use casus_export::{render_pdf, Block, Document};

/// Runs a tool and returns (exit code, stdout, stderr).
fn run(tool: &str, package: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): install the Debian package `{package}` (apt-get install -y {package}); scripts/test.sh does this")
    });
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

struct Rendered {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Rendered {
    fn new(doc: &Document) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.pdf");
        std::fs::write(&path, render_pdf(doc)).unwrap();
        Rendered { _dir: dir, path }
    }

    fn p(&self) -> &str {
        self.path.to_str().unwrap()
    }

    fn qpdf_check(&self) {
        qpdf_check(&self.path);
    }

    fn info(&self) -> String {
        let (code, out, err) = run("pdfinfo", "poppler-utils", &[self.p()]);
        assert_eq!(code, 0, "pdfinfo failed: {err}");
        out
    }

    /// pdftotext in reading order (or `-layout`), the pages separated by form feeds.
    fn text(&self, layout: bool) -> String {
        let mut args = vec![];
        if layout {
            args.push("-layout");
        }
        args.extend([self.p(), "-"]);
        let (code, out, err) = run("pdftotext", "poppler-utils", &args);
        assert_eq!(code, 0, "pdftotext failed: {err}");
        out
    }
}

fn qpdf_check(path: &Path) {
    let (code, out, err) = run("qpdf", "qpdf", &["--check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "qpdf --check failed ({code}):\n{out}\n{err}");
    assert!(
        !out.contains("WARNING") && !err.contains("WARNING"),
        "qpdf warns:\n{out}\n{err}"
    );
    assert!(out.contains("No syntax or stream encoding errors found"), "{out}");
}

/// Collapses runs of whitespace, so wrapped lines compare with the source text.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info_field<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.lines()
        .find_map(|l| l.strip_prefix(key).map(|v| v.trim_start_matches(':').trim()))
}

#[test]
fn the_sample_plan_passes_qpdf_and_pdfinfo_sees_a4_pages_and_only_title_and_producer() {
    let doc = common::sample_plan();
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let info = pdf.info();
    let pages: usize = info_field(&info, "Pages").unwrap().parse().unwrap();
    assert_eq!(pages, casus_export::pdf_page_count(&doc));
    assert!(pages >= 2, "the sample fills more than one page");
    let size = info_field(&info, "Page size").unwrap();
    assert!(size.ends_with("(A4)"), "{size}");
    let dims: Vec<f32> = size.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    assert_eq!(
        dims.iter().map(|d| d.round() as i32).collect::<Vec<_>>(),
        vec![595, 842],
        "{size}"
    );
    assert_eq!(info_field(&info, "Title"), Some("Plan van aanpak"));
    assert_eq!(info_field(&info, "Producer"), Some("Casusoverleg"));
    for absent in [
        "Author",
        "Creator",
        "Subject",
        "Keywords",
        "CreationDate",
        "ModDate",
    ] {
        assert!(
            info_field(&info, absent).is_none(),
            "{absent} should not be set:\n{info}"
        );
    }
    assert_eq!(info_field(&info, "PDF version"), Some("1.7"));
}

#[test]
fn every_text_of_the_document_comes_back_out_of_pdftotext() {
    let mut doc = common::base("Verslag casusoverleg");
    doc.subtitle = Some("Overleg 12 · 22 november 2026".into());
    doc.blocks =
        vec![
        Block::Heading { level: 1, text: "Aanwezigen en afwezigen".into() },
        Block::Paragraph("één café coördinator ĳs — “aanhalingstekens” en € 12,50".into()),
        Block::KeyValues(vec![("Voorzitter".into(), "gemeente".into()), ("Notulist".into(), "GGD".into())]),
        Block::Heading { level: 2, text: "Besluiten".into() },
        Block::Table {
            caption: Some("Besluitenlijst".into()),
            headers: vec!["Nr".into(), "Besluit".into(), "Wie".into()],
            rows: vec![
                vec!["B1".into(), "Plan vaststellen".into(), "Voorzitter".into()],
                vec!["B2".into(), "Ouders informeren".into(), "Wijkteam".into()],
            ],
            widths: None,
        },
        Block::Heading { level: 3, text: "Toelichting".into() },
        Block::List(vec!["Eerste punt".into(), "Tweede punt".into()]),
        Block::Notice("Weggelaten: 2 × gezondheidsgegevens (ggz)".into()),
        Block::Paragraph(
            "Een lange alinea die over meerdere regels loopt, zodat het afbreken van regels wordt getest. "
                .repeat(6),
        ),
    ];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let text = squash(&pdf.text(false));
    let pages = casus_export::pdf_page_count(&doc);
    let mut expected: Vec<String> = vec![
        "Verslag casusoverleg".into(),
        "Overleg 12 · 22 november 2026".into(),
        "Gemeente Voorbeeldstad".into(),
        "VERTROUWELIJK".into(),
        "Voor: politie · coördinator J. de Vries · 2026-11-22 · export 3f2a9b1c".into(),
        "Export 3f2a9b1c · logboek 9c41d2e07a5b13f8".into(),
        format!("Pagina 1 van {pages}"),
        "één café coördinator ijs — “aanhalingstekens” en € 12,50".into(),
        "Weggelaten: 2 × gezondheidsgegevens (ggz)".into(),
        squash(
            &"Een lange alinea die over meerdere regels loopt, zodat het afbreken van regels wordt getest. "
                .repeat(6),
        ),
    ];
    for b in &doc.blocks {
        match b {
            Block::Heading { text, .. } => expected.push(text.clone()),
            Block::KeyValues(kv) => kv
                .iter()
                .for_each(|(k, v)| expected.extend([k.clone(), v.clone()])),
            Block::Table {
                caption,
                headers,
                rows,
                ..
            } => {
                expected.extend(caption.clone());
                expected.extend(headers.iter().cloned());
                expected.extend(rows.iter().flatten().cloned());
            }
            Block::List(items) => expected.extend(items.iter().cloned()),
            _ => {}
        }
    }
    for e in &expected {
        assert!(text.contains(e.as_str()), "pdftotext lost {e:?}:\n{text}");
    }
    // The layout mode reads naturally too: the header line holds organisation and marking.
    let layout = pdf.text(true);
    let first = layout.lines().next().unwrap();
    assert!(
        first.starts_with("Gemeente Voorbeeldstad") && first.trim_end().ends_with("VERTROUWELIJK"),
        "{first}"
    );
    assert!(layout.contains(&format!("Pagina {pages} van {pages}")));
}

#[test]
fn a_long_plan_paginates_repeats_the_table_header_and_numbers_every_page() {
    let doc = common::plan_with_pages(10);
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let info = pdf.info();
    let pages: usize = info_field(&info, "Pages").unwrap().parse().unwrap();
    assert!(pages >= 10, "{pages} pages");
    let layout = pdf.text(true);
    let page_texts: Vec<&str> = layout.split('\x0c').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(page_texts.len(), pages);
    let is_header = |l: &str| {
        let words: Vec<&str> = l.split_whitespace().collect();
        words == common::INTERVENTION_HEADERS
    };
    let is_row = |l: &str| {
        let first = l.split_whitespace().next().unwrap_or("");
        first.len() > 1 && first.starts_with('A') && first[1..].chars().all(|c| c.is_ascii_digit())
    };
    let mut pages_with_rows = 0;
    let mut headers_total = 0;
    let mut rows_total = 0;
    for (i, page) in page_texts.iter().enumerate() {
        let footer = format!("Pagina {} van {pages}", i + 1);
        assert_eq!(
            page.matches(&footer).count(),
            1,
            "page {} lacks {footer:?}",
            i + 1
        );
        let header = page.lines().next().unwrap_or("");
        assert!(
            header.trim_end().ends_with("VERTROUWELIJK"),
            "page {}: {header}",
            i + 1
        );
        let headers = page.lines().filter(|l| is_header(l)).count();
        let rows = page.lines().filter(|l| is_row(l)).count();
        headers_total += headers;
        rows_total += rows;
        if rows > 0 {
            pages_with_rows += 1;
            assert_eq!(
                headers,
                1,
                "page {} has table rows, so it starts with the header row once",
                i + 1
            );
            let h = page.lines().position(is_header).unwrap();
            let r = page.lines().position(is_row).unwrap();
            assert!(h < r, "the header row comes before the rows on page {}", i + 1);
        }
    }
    let expected_rows: usize = doc
        .blocks
        .iter()
        .map(|b| {
            if let Block::Table {
                caption: Some(c),
                rows,
                ..
            } = b
            {
                if c == "Interventies" {
                    rows.len()
                } else {
                    0
                }
            } else {
                0
            }
        })
        .sum();
    assert_eq!(rows_total, expected_rows, "every intervention row appears once");
    assert_eq!(headers_total, pages_with_rows);
    assert!(
        headers_total >= 6,
        "the appendix table spans many pages ({headers_total})"
    );
}

#[test]
fn pdf_syntax_inside_the_text_does_not_break_the_file() {
    let nasty = [
        "(unbalanced",
        "closing) only",
        "back\\slash \\",
        ") Tj ET BT /F1 99 Tf (x",
        "endstream endobj xref trailer %%EOF",
        "<< /Type /Catalog >> [ ] { }",
        "\\) \\( \\\\",
        "tab\there\r\nand \u{0}\u{7} control",
    ];
    let mut doc = common::base(") Tj ET (titel \\");
    doc.organisation = "Gemeente (test) \\ ) Tj".into();
    doc.marking = "VERTROUWELIJK (intern)".into();
    doc.watermark = Some("Voor: ) Tj ET ( \\ politie".into());
    doc.footer = "Export (abc) \\ logboek ) Tj ET".into();
    doc.blocks = vec![
        Block::Heading {
            level: 1,
            text: nasty[3].into(),
        },
        Block::Paragraph(nasty.join("\n")),
        Block::Table {
            caption: Some("(caption)".into()),
            headers: vec!["(a)".into(), "b\\".into()],
            rows: nasty.iter().map(|n| vec![n.to_string(), n.to_string()]).collect(),
            widths: None,
        },
        Block::List(nasty.iter().map(|n| n.to_string()).collect()),
        Block::Notice(nasty[4].into()),
    ];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let info = pdf.info();
    assert_eq!(info_field(&info, "Title"), Some(") Tj ET (titel \\"));
    let text = squash(&pdf.text(false));
    for n in &nasty[..7] {
        assert!(text.contains(&squash(n)), "lost {n:?}:\n{text}");
    }
    for s in [
        "Gemeente (test) \\ ) Tj",
        "VERTROUWELIJK (intern)",
        "Voor: ) Tj ET ( \\ politie",
        "Export (abc) \\ logboek ) Tj ET",
    ] {
        assert!(text.contains(s), "lost {s:?}:\n{text}");
    }
    assert!(text.contains("tab here and ?? control"), "{text}");
}

#[test]
fn an_empty_document_and_odd_tables_still_make_a_valid_pdf() {
    let mut doc = common::base("");
    doc.subtitle = None;
    doc.watermark = None;
    doc.footer = String::new();
    doc.blocks = vec![
        Block::Table {
            caption: None,
            headers: vec![],
            rows: vec![],
            widths: None,
        },
        Block::Table {
            caption: Some("zonder kop".into()),
            headers: vec![],
            rows: vec![vec!["x".into()]],
            widths: None,
        },
        Block::Table {
            caption: None,
            headers: vec!["een".into()],
            rows: vec![vec!["a".into(), "b".into(), "c".into()], vec![]],
            widths: Some(vec![0.0, f32::NAN]),
        },
        Block::Heading {
            level: 0,
            text: "kop 0".into(),
        },
        Block::Heading {
            level: 9,
            text: "kop 9".into(),
        },
        Block::PageBreak,
        Block::PageBreak,
        Block::List(vec![]),
        Block::KeyValues(vec![]),
        Block::Paragraph(String::new()),
        Block::Heading {
            level: 1,
            text: "Laatste kop".into(),
        },
    ];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let text = squash(&pdf.text(false));
    for s in [
        "zonder kop",
        "een",
        "a",
        "b",
        "c",
        "kop 0",
        "kop 9",
        "Laatste kop",
    ] {
        assert!(text.contains(s), "lost {s:?}: {text}");
    }
    assert_eq!(
        casus_export::pdf_page_count(&doc),
        2,
        "two page breaks in a row make one new page"
    );
}

#[test]
fn a_cell_taller_than_a_page_is_split_and_nothing_is_lost() {
    let mut doc = common::base("Lange cel");
    let long: Vec<String> = (1..=150).map(|i| format!("regel{i}")).collect();
    doc.blocks = vec![Block::Table {
        caption: None,
        headers: vec!["Kolom".into(), "Tekst".into()],
        rows: vec![
            vec!["kort".into(), "ook kort".into()],
            vec!["lang".into(), long.join("\n")],
        ],
        widths: Some(vec![1.0, 3.0]),
    }];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let pages = casus_export::pdf_page_count(&doc);
    assert!(pages >= 2);
    let text = pdf.text(true);
    for l in &long {
        assert_eq!(
            text.lines()
                .filter(|x| x.split_whitespace().any(|w| w == l))
                .count(),
            1,
            "{l}"
        );
    }
    assert_eq!(text.lines().filter(|l| squash(l) == "Kolom Tekst").count(), pages);
}

#[test]
fn every_windows_1252_letter_survives_and_the_rest_becomes_a_question_mark() {
    // Every printable character that WinAnsi has, in words of ten, plus a few it lacks.
    let winansi: String = (0x21u32..=0x7E)
        .chain(0xA1..=0xFF)
        .filter(|&c| c != 0xAD)
        .filter_map(char::from_u32)
        .chain("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".chars())
        .collect();
    let words: Vec<String> = winansi
        .chars()
        .collect::<Vec<_>>()
        .chunks(10)
        .map(|c| c.iter().collect())
        .collect();
    let mut doc = common::base("Tekens: één ĳs");
    doc.blocks = vec![
        Block::Paragraph(words.join(" ")),
        Block::Paragraph("ł ← 日本 ĳ Ĳ".into()),
    ];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let text = squash(&pdf.text(false));
    for w in &words {
        assert!(text.contains(w.as_str()), "lost {w:?}:\n{text}");
    }
    assert!(text.contains("? ? ?? ij IJ"), "{text}");
    // The metadata title is Unicode (UTF-16), not limited to Windows-1252.
    assert_eq!(info_field(&pdf.info(), "Title"), Some("Tekens: één ĳs"));
}

#[test]
fn headings_become_nested_bookmarks_that_point_at_their_pages() {
    let doc = common::sample_plan();
    let pdf = Rendered::new(&doc);
    let (code, json, err) = run("qpdf", "qpdf", &["--json", "--json-key=outlines", pdf.p()]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    // (depth, title, page) in document order.
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String, u64)>) {
        for item in items.as_array().unwrap() {
            let page = item["destpageposfrom1"].as_u64().unwrap();
            out.push((depth, item["title"].as_str().unwrap().to_string(), page));
            walk(&item["kids"], depth + 1, out);
        }
    }
    let mut entries = Vec::new();
    walk(&json["outlines"], 0, &mut entries);
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(entries.len(), headings.len(), "{json}");
    let pages = casus_export::pdf_page_count(&doc) as u64;
    for ((depth, title, page), (level, text)) in entries.iter().zip(&headings) {
        assert_eq!(title, text);
        assert_eq!(*depth, usize::from(level - 1), "{title} nests by its level");
        assert!((1..=pages).contains(page));
    }
    let last = entries.last().unwrap();
    assert_eq!(last.2, 2, "\"6. Afspraken\" is on page 2");
}
