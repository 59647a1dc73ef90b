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
        std::fs::write(&path, render_pdf(doc).unwrap()).unwrap();
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
fn the_sample_plan_passes_qpdf_and_pdfinfo_sees_a4_pages_title_producer_and_date_only() {
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
    // PDF/A requires the dates; they are the caller's (common::CREATED), not a clock's.
    assert_eq!(
        info_field(&info, "CreationDate"),
        Some("Sun Nov 22 09:30:00 2026 UTC")
    );
    assert_eq!(info_field(&info, "ModDate"), Some("Sun Nov 22 09:30:00 2026 UTC"));
    assert_eq!(info_field(&info, "Tagged"), Some("yes"));
    for absent in ["Author", "Creator", "Subject", "Keywords"] {
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
        "één café coördinator ĳs — “aanhalingstekens” en € 12,50".into(),
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
    // Control characters draw nothing and are left out; the tab is a space.
    assert!(text.contains("tab here and control"), "{text}");
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
fn every_windows_1252_letter_and_every_name_survives_exactly() {
    // Every printable character that WinAnsi has, in words of ten, and what it lacked.
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
        Block::Paragraph(format!("ł ĳ Ĳ · {}", NAMES.join(" · "))),
    ];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let text = squash(&pdf.text(false));
    for w in &words {
        assert!(text.contains(w.as_str()), "lost {w:?}:\n{text}");
    }
    assert!(text.contains(&format!("ł ĳ Ĳ · {}", NAMES.join(" · "))), "{text}");
    assert!(!text.contains('?'.to_string().repeat(2).as_str()), "{text}");
    // The metadata title is Unicode (UTF-16), not limited to Windows-1252.
    assert_eq!(info_field(&pdf.info(), "Title"), Some("Tekens: één ĳs"));
}

/// The names from issue 11, and Arabic transliteration letters.
const NAMES: [&str; 4] = [
    "Şükrü Yılmaz-Çelik",
    "İsmail Ağaoğlu",
    "Łukasz Wąs",
    "ʿAbd al-Ḥāfiẓ Ṣāliḥ",
];

/// A plan and minutes in which the names appear everywhere a name can: title, header, watermark,
/// key/values, table cells, lists, headings, notices and the footer.
fn documents_with_names() -> Vec<Document> {
    let [person, lead, owner, arabic] = NAMES;
    let mut plan = common::sample_plan();
    plan.title = format!("Plan van aanpak {person}");
    plan.watermark = Some(format!("Voor: politie · coördinator {lead} · 2026-11-22"));
    plan.footer = format!("Export 3f2a9b1c · opgesteld door {lead}");
    plan.blocks.insert(
        0,
        Block::KeyValues(vec![
            ("Betrokkene".into(), person.into()),
            ("Casusregisseur".into(), lead.into()),
            ("Actiehouder".into(), owner.into()),
            ("Contactpersoon".into(), arabic.into()),
        ]),
    );
    plan.blocks.push(Block::Heading {
        level: 2,
        text: format!("Afspraken met {person}"),
    });
    plan.blocks.push(Block::List(vec![
        format!("{owner} belt {person}"),
        format!("{lead} informeert {arabic}"),
    ]));
    let mut minutes = common::base("Verslag casusoverleg 22-11-2026");
    minutes.subtitle = Some(format!("Voorzitter {lead}"));
    minutes.blocks = vec![
        Block::Heading {
            level: 1,
            text: format!("Casus {person}"),
        },
        Block::Table {
            caption: Some("Acties".into()),
            headers: vec!["Actie".into(), "Eigenaar".into(), "Deadline".into()],
            rows: vec![
                vec!["Huisbezoek plannen".into(), owner.into(), "01-12-2026".into()],
                vec!["Terugkoppeling".into(), lead.into(), "08-12-2026".into()],
                vec!["Gesprek".into(), arabic.into(), "15-12-2026".into()],
            ],
            widths: None,
        },
        Block::Notice(format!("Weggelaten: 1 agendapunt; besproken met {person}")),
    ];
    vec![plan, minutes]
}

#[test]
fn the_names_come_out_of_pdftotext_exactly_in_a_plan_and_in_minutes() {
    for doc in documents_with_names() {
        let pdf = Rendered::new(&doc);
        pdf.qpdf_check();
        for layout in [false, true] {
            let text = pdf.text(layout);
            for name in NAMES {
                assert!(text.contains(name), "{name} lost in {}:\n{text}", doc.title);
                // Never upper-cased or folded on the way.
                assert!(!text.contains(&name.to_uppercase()), "{name} upper-cased");
            }
            assert!(!text.contains('\u{FFFD}'), "a replacement character:\n{text}");
        }
        assert_eq!(info_field(&pdf.info(), "Title"), Some(doc.title.as_str()));
    }
}

#[test]
fn pdffonts_lists_only_embedded_subset_noto_sans() {
    for doc in documents_with_names()
        .into_iter()
        .chain([common::long_plan(60), common::stress_doc()])
    {
        let pdf = Rendered::new(&doc);
        let (code, out, err) = run("pdffonts", "poppler-utils", &[pdf.p()]);
        assert_eq!(code, 0, "{err}");
        let rows: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "{out}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let name = cols[0];
            // name, type (two words), encoding, emb, sub, uni, object id (two numbers)
            let n = cols.len();
            let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
            assert!(
                name.contains('+') && (name.ends_with("NotoSans-Regular") || name.ends_with("NotoSans-Bold")),
                "{row}"
            );
            assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{row}");
        }
    }
}

/// The PDF's objects, uncompressed, as text (qpdf --qdf).
fn uncompressed(pdf: &Rendered) -> String {
    let out = pdf.path.with_extension("qdf.pdf");
    let (code, _, err) = run(
        "qpdf",
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.p(),
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
}

#[test]
fn the_pdf_is_tagged_in_dutch_with_its_title_shown_and_says_pdf_a_2a_and_pdf_ua_1() {
    let doc = common::sample_plan();
    let pdf = Rendered::new(&doc);
    let (code, json, err) = run("qpdf", "qpdf", &["--json=1", "--json-key=objects", pdf.p()]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = json["objects"].as_object().unwrap();
    let catalog = objects
        .values()
        .find(|o| o["/Type"] == "/Catalog")
        .unwrap_or_else(|| panic!("no catalog"));
    assert!(catalog["/StructTreeRoot"].is_string(), "{catalog}");
    assert_eq!(catalog["/Lang"], "nl", "{catalog}");
    assert_eq!(catalog["/MarkInfo"]["/Marked"], true, "{catalog}");
    assert_eq!(
        catalog["/ViewerPreferences"]["/DisplayDocTitle"], true,
        "{catalog}"
    );
    assert!(catalog["/OutputIntents"].is_string() || catalog["/OutputIntents"].is_array());
    let info = pdf.info();
    assert_eq!(info_field(&info, "Title"), Some("Plan van aanpak"));
    // The XMP metadata names the standards.
    let (code, xmp, err) = run("pdfinfo", "poppler-utils", &["-meta", pdf.p()]);
    assert_eq!(code, 0, "{err}");
    for needle in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<rdf:li xml:lang=\"x-default\">Plan van aanpak</rdf:li>",
        "<dc:language><rdf:Bag><rdf:li>nl</rdf:li></rdf:Bag></dc:language>",
    ] {
        assert!(xmp.contains(needle), "{needle} missing from the XMP:\n{xmp}");
    }
}

/// The structure types of the tag tree, with how often each occurs.
fn structure_types(qdf: &str) -> std::collections::BTreeMap<String, usize> {
    let mut types = std::collections::BTreeMap::new();
    for line in qdf.lines() {
        if let Some(t) = line.trim().strip_prefix("/S /") {
            *types.entry(t.to_string()).or_insert(0) += 1;
        }
    }
    types
}

#[test]
fn the_tag_tree_has_headings_paragraphs_lists_and_tables_with_header_cells() {
    let doc = common::sample_plan();
    let pdf = Rendered::new(&doc);
    let qdf = uncompressed(&pdf);
    let types = structure_types(&qdf);
    let count = |t: &str| types.get(t).copied().unwrap_or(0);
    let headings = |level: u8| {
        doc.blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { level: l, .. } if *l == level))
            .count()
    };
    assert_eq!(count("H1"), 1, "the title is the one H1: {types:?}");
    assert_eq!(count("H2"), headings(1), "{types:?}");
    assert_eq!(count("H3"), headings(2), "{types:?}");
    // Two interventions/information tables and three key/value tables.
    assert_eq!(count("Table"), 2 + 3, "{types:?}");
    assert_eq!(count("Caption"), 2, "{types:?}");
    assert_eq!(count("THead"), 2, "{types:?}");
    assert_eq!(
        count("TH"),
        8 + 3 + (4 + 3 + 3),
        "column and row headers: {types:?}"
    );
    assert!(count("TD") >= 9 * 8 + 3 * 3, "{types:?}");
    assert_eq!(count("L"), 2, "{types:?}");
    assert_eq!(count("LI"), 5, "{types:?}");
    assert_eq!(count("Lbl"), 5, "{types:?}");
    assert_eq!(count("LBody"), 5, "{types:?}");
    assert!(count("P") >= 5, "{types:?}");
    assert!(qdf.contains("/Scope /Column") && qdf.contains("/Scope /Row"));
    // Page furniture is marked as artifacts in the content streams, not tagged.
    for needle in [
        "/Artifact<<",
        "/Subtype/Header",
        "/Subtype/Footer",
        "/Subtype/Watermark",
    ] {
        assert!(qdf.contains(needle), "{needle} missing");
    }
    // Headings carry their text as a title (PDF/UA).
    assert!(
        qdf.contains("/T (3. Grondslag en probleemanalyse)"),
        "heading titles"
    );
}

/// The tag tree as poppler reads it (`pdfinfo -struct-text`): (indent, line) per line.
fn struct_text(pdf: &Rendered) -> Vec<(usize, String)> {
    let out = Command::new("pdfinfo")
        .args(["-struct-text", pdf.p()])
        .output()
        .expect("pdfinfo from poppler-utils");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| (l.len() - l.trim_start().len(), l.trim().to_string()))
        .collect()
}

#[test]
fn a_screen_reader_reads_the_document_in_order_without_page_furniture() {
    let doc = common::long_plan(60);
    let pdf = Rendered::new(&doc);
    assert!(casus_export::pdf_page_count(&doc) >= 8);
    let tree = struct_text(&pdf);
    assert_eq!(tree.first().map(|(_, l)| l.as_str()), Some("Document"));
    let content: Vec<&str> = tree
        .iter()
        .filter(|(_, l)| l.starts_with('"'))
        .map(|(_, l)| l.trim_matches('"'))
        .collect();
    let all = content.join(" ");
    // Headers, footers, page numbers and the watermark are artifacts, not content.
    for furniture in ["VERTROUWELIJK", "Pagina ", "logboek", "Voor: politie"] {
        assert!(!all.contains(furniture), "{furniture} is in the tag tree");
    }
    // The header row of a table that runs over many pages is read once per table.
    assert_eq!(content.iter().filter(|c| **c == "Omschrijving").count(), 2);
    // The headings come in the document's order, each an H element (H1 the title) whose content
    // is its text. (pdfinfo prints a non-ASCII /T title as raw UTF-16, so the content is compared.)
    let tagged: Vec<String> = tree
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| {
            l.starts_with('H') && l[1..2].chars().all(|c| c.is_ascii_digit()) && l.contains(" \"")
        })
        .map(|(i, _)| tree[i + 1].1.trim_matches('"').to_string())
        .collect();
    let expected: Vec<String> = std::iter::once(doc.title.clone())
        .chain(doc.blocks.iter().filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        }))
        .collect();
    assert_eq!(tagged, expected);
    // Every intervention row is read once, in order.
    let rows: Vec<&str> = content
        .iter()
        .copied()
        .filter(|c| c.len() > 1 && c.starts_with('A') && c[1..].chars().all(|ch| ch.is_ascii_digit()))
        .collect();
    let want: Vec<String> = (1..=9).chain(1..=60).map(|i| format!("A{i}")).collect();
    assert_eq!(rows, want);
    // And the names are read exactly from the tag tree too.
    for doc in documents_with_names() {
        let pdf = Rendered::new(&doc);
        let all: String = struct_text(&pdf)
            .into_iter()
            .filter(|(_, l)| l.starts_with('"'))
            .map(|(_, l)| l)
            .collect();
        for name in NAMES {
            assert!(all.contains(name), "{name}: {all}");
        }
    }
}

#[test]
fn empty_cells_stay_in_the_tag_tree_so_columns_do_not_shift() {
    let mut doc = common::base("Lege cellen");
    doc.blocks = vec![
        Block::Table {
            caption: None,
            headers: vec!["Actie".into(), "Eigenaar".into(), "Deadline".into()],
            rows: vec![
                vec!["Bellen".into(), "".into(), "01-12-2026".into()],
                vec!["".into(), "GGD".into()],
            ],
            widths: None,
        },
        Block::KeyValues(vec![("Notulist".into(), "".into())]),
    ];
    let pdf = Rendered::new(&doc);
    pdf.qpdf_check();
    let types = structure_types(&uncompressed(&pdf));
    assert_eq!(types.get("TD"), Some(&(2 * 3 + 1)), "{types:?}");
    assert_eq!(types.get("TH"), Some(&(3 + 1)), "{types:?}");
    assert_eq!(types.get("TR"), Some(&(1 + 2 + 1)), "{types:?}");
}

#[test]
fn a_character_the_font_lacks_is_a_typed_error_not_a_box() {
    use casus_export::PdfError;
    for (ch, place) in [('日', 0), ('\u{1F600}', 1), ('\u{E000}', 2), ('本', 3), ('☃', 4)] {
        assert!(!casus_export::has_glyph(ch), "{ch}");
        let mut doc = common::base("Plan van aanpak");
        let text = format!("Naam: Şükrü {ch}");
        match place {
            0 => doc.blocks = vec![Block::Paragraph(text)],
            1 => doc.title = text,
            2 => doc.watermark = Some(text),
            3 => doc.footer = text,
            _ => {
                doc.blocks = vec![Block::Table {
                    caption: None,
                    headers: vec!["a".into()],
                    rows: vec![vec![text]],
                    widths: None,
                }]
            }
        }
        assert_eq!(
            render_pdf(&doc),
            Err(PdfError::MissingGlyph { ch }),
            "{ch} in place {place}"
        );
        // Markdown and HTML carry it as text.
        assert!(casus_export::render_html(&doc).contains(ch));
    }
    // The message names the character and its code point.
    let e = PdfError::MissingGlyph { ch: '日' };
    assert!(e.to_string().contains("U+65E5"), "{e}");
}

/// Page 1 of each layout (and the page where a table continues) as text (`pdftotext -layout`),
/// compared with tests/golden/pdf/NAME.txt, and drawn as tests/golden/pdf/NAME.png (`pdftoppm -r
/// 60`) to look at. Set CASUS_UPDATE_GOLDEN=1 to rewrite both after an intended change, and look at
/// the PNGs.
#[test]
fn page_one_of_each_layout_matches_its_golden_text() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/pdf");
    let update = std::env::var("CASUS_UPDATE_GOLDEN").is_ok();
    let mut table_pages = common::base("Interventies");
    table_pages.blocks = vec![common::interventions_table(40)];
    let layouts = [
        ("one-page-plan", one_page_plan(), vec![1]),
        ("long-plan", common::long_plan(60), vec![1, 2]),
        ("table-across-pages", table_pages, vec![1, 2]),
    ];
    for (name, doc, pages) in layouts {
        let pdf = Rendered::new(&doc);
        let count = casus_export::pdf_page_count(&doc);
        match name {
            "one-page-plan" => assert_eq!(count, 1, "{name}"),
            _ => assert!(count >= 3, "{name}: {count} pages"),
        }
        for page in pages {
            let file = if page == 1 {
                name.to_string()
            } else {
                format!("{name}-page{page}")
            };
            let n = page.to_string();
            let (code, text, err) = run(
                "pdftotext",
                "poppler-utils",
                &["-layout", "-f", &n, "-l", &n, pdf.p(), "-"],
            );
            assert_eq!(code, 0, "{err}");
            let text_file = golden.join(format!("{file}.txt"));
            if update {
                std::fs::create_dir_all(&golden).unwrap();
                std::fs::write(&text_file, &text).unwrap();
                let png = golden.join(&file);
                let (code, _, err) = run(
                    "pdftoppm",
                    "poppler-utils",
                    &[
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        &n,
                        "-l",
                        &n,
                        "-singlefile",
                        pdf.p(),
                        png.to_str().unwrap(),
                    ],
                );
                assert_eq!(code, 0, "{err}");
            }
            let want = std::fs::read_to_string(&text_file)
                .unwrap_or_else(|e| panic!("{}: {e}", text_file.display()));
            assert_eq!(
                text,
                want,
                "page {page} of {name} differs from {}",
                text_file.display()
            );
            assert!(golden.join(format!("{file}.png")).exists(), "{file}.png");
        }
    }
}

/// The first page of the sample plan, without what follows: one page.
fn one_page_plan() -> Document {
    let mut doc = common::sample_plan();
    let cut = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { text, .. } if text.starts_with("4.")))
        .unwrap();
    doc.blocks.truncate(cut);
    doc.blocks.push(Block::Heading {
        level: 1,
        text: "4. Doelen en interventies".into(),
    });
    doc.blocks.push(common::interventions_table(3));
    doc
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
