//! The PDF's own structure, checked without outside tools: determinism, the cross-reference table,
//! stream lengths, and a 7-bit body; also for arbitrary text (proptest).

mod common;

use casus_export::{render_pdf, Block, Document};
use proptest::prelude::*;

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Checks the header, that every xref entry points at "N 0 obj", that every stream is exactly
/// /Length bytes long, and that everything after the binary comment is 7-bit.
fn check_structure(pdf: &[u8]) -> Result<(), String> {
    if !pdf.starts_with(b"%PDF-1.7\n%") {
        return Err("header".into());
    }
    let comment_end = find(pdf, b"\n", 10).ok_or("binary comment")?;
    if pdf[10..comment_end].iter().any(|&b| b < 128) || comment_end - 10 < 4 {
        return Err("the second line is a comment of at least four bytes >= 128".into());
    }
    if let Some(b) = pdf[comment_end..].iter().find(|&&b| b >= 128) {
        return Err(format!("byte {b} after the header"));
    }
    if !pdf.ends_with(b"%%EOF\n") {
        return Err("no %%EOF at the end".into());
    }
    let sx = pdf
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or("startxref")?;
    let tail = std::str::from_utf8(&pdf[sx..]).map_err(|e| e.to_string())?;
    let xref_at: usize = tail
        .lines()
        .nth(1)
        .ok_or("offset")?
        .parse()
        .map_err(|_| "offset")?;
    if !pdf[xref_at..].starts_with(b"xref\n0 ") {
        return Err(format!("startxref {xref_at} does not point at the xref table"));
    }
    let table = std::str::from_utf8(&pdf[xref_at..sx]).map_err(|e| e.to_string())?;
    let mut lines = table.lines().skip(1);
    let size: usize = lines
        .next()
        .ok_or("size")?
        .split(' ')
        .nth(1)
        .ok_or("size")?
        .parse()
        .map_err(|_| "size")?;
    if !table.contains(&format!("/Size {size} ")) {
        return Err("trailer /Size differs from the table".into());
    }
    for (n, line) in lines.take(size).enumerate() {
        // Each entry is exactly 20 bytes with its end of line.
        if line.len() != 19 {
            return Err(format!("xref entry {n} is {line:?}"));
        }
        if n == 0 {
            if line != "0000000000 65535 f " {
                return Err("entry 0".into());
            }
            continue;
        }
        let off: usize = line[..10].parse().map_err(|_| "offset")?;
        if !line.ends_with(" 00000 n ") || !pdf[off..].starts_with(format!("{n} 0 obj\n").as_bytes()) {
            return Err(format!("xref entry {n} ({off}) does not point at object {n}"));
        }
    }
    // Stream lengths.
    let mut at = 0;
    while let Some(s) = find(pdf, b">>\nstream\n", at) {
        let dict_start = pdf[..s]
            .windows(8)
            .rposition(|w| w == b"/Length ")
            .ok_or("stream without /Length")?;
        let len: usize = std::str::from_utf8(&pdf[dict_start + 8..s])
            .map_err(|e| e.to_string())?
            .trim()
            .parse()
            .map_err(|_| "length")?;
        let body = s + 10;
        if !pdf[body + len..].starts_with(b"\nendstream") {
            return Err(format!("stream at {body} is not {len} bytes long"));
        }
        at = body + len;
    }
    Ok(())
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = common::plan_with_pages(3);
    let a = render_pdf(&doc);
    let b = render_pdf(&doc.clone());
    assert_eq!(a, b);
    assert_eq!(casus_export::render_html(&doc), casus_export::render_html(&doc));
    assert_eq!(
        casus_export::render_markdown(&doc),
        casus_export::render_markdown(&doc)
    );
    let text = String::from_utf8_lossy(&a);
    for absent in ["CreationDate", "ModDate", "/ID", "/Author", "/Creator"] {
        assert!(!text.contains(absent), "{absent} in the PDF");
    }
    // A different recipient is a different file.
    let mut other = doc.clone();
    other.watermark = Some("Voor: GGD".into());
    assert_ne!(render_pdf(&other), a);
}

#[test]
fn the_sample_has_a_sound_structure() {
    let pdf = render_pdf(&common::sample_plan());
    check_structure(&pdf).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"));
    assert!(text.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"));
    assert!(text.contains("/MediaBox [0 0 595.28 841.89]"));
    assert!(text.contains("/Producer (Casusoverleg)"));
    assert!(!text.contains("/FontFile"), "nothing is embedded");
    assert!(text.contains("/Outlines"), "headings become bookmarks");
}

#[test]
fn the_checker_notices_a_broken_file() {
    let pdf = render_pdf(&common::sample_plan());
    let mut shifted = pdf.clone();
    shifted.insert(20, b' ');
    assert!(
        check_structure(&shifted).is_err(),
        "an object moved without the xref table"
    );
    let mut cut = pdf.clone();
    let s = find(&cut, b"stream\n", 0).unwrap();
    cut.remove(s + 12);
    assert!(check_structure(&cut).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_gives_a_sound_pdf(texts in proptest::collection::vec(any::<String>(), 1..8), level in 0u8..6) {
        let doc = Document {
            title: texts[0].clone(),
            subtitle: texts.get(1).cloned(),
            organisation: texts[texts.len() - 1].clone(),
            marking: texts[0].clone(),
            watermark: Some(texts.join(" ")),
            footer: texts.concat(),
            audit_head: None,
            blocks: vec![
                Block::Heading { level, text: texts[0].clone() },
                Block::Paragraph(texts.join("\n")),
                Block::KeyValues(texts.iter().map(|t| (t.clone(), t.clone())).collect()),
                Block::Table { caption: texts.get(2).cloned(), headers: texts.clone(), rows: vec![texts.clone(); 3], widths: None },
                Block::List(texts.clone()),
                Block::Notice(texts.concat()),
            ],
        };
        let pdf = render_pdf(&doc);
        prop_assert!(check_structure(&pdf).is_ok(), "{:?}", check_structure(&pdf));
        prop_assert_eq!(pdf, render_pdf(&doc));
    }
}
