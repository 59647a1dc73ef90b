//! The PDF's own structure, checked without outside tools: determinism, the cross-reference table,
//! stream lengths, the binary header PDF/A asks for; also for arbitrary text (proptest): a sound
//! PDF, or the typed error for a character the font lacks.

mod common;

use casus_export::{render_pdf, Block, Document, PdfError};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Checks the header (with the binary comment PDF/A requires), that every xref entry points at
/// "N 0 obj", that the trailer's /Size matches the table, and that every stream is exactly /Length
/// bytes long.
fn check_structure(pdf: &[u8]) -> Result<(), String> {
    if !pdf.starts_with(b"%PDF-1.7\n%") {
        return Err("header".into());
    }
    let comment_end = find(pdf, b"\n", 10).ok_or("binary comment")?;
    if pdf[10..comment_end].iter().any(|&b| b < 128) || comment_end - 10 < 4 {
        return Err("the second line is a comment of at least four bytes >= 128".into());
    }
    if !pdf.ends_with(b"%%EOF\n") && !pdf.ends_with(b"%%EOF") {
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
        .trim()
        .parse()
        .map_err(|_| "offset")?;
    if !pdf[xref_at..].starts_with(b"xref\n0 ") {
        return Err(format!("startxref {xref_at} does not point at the xref table"));
    }
    let table = std::str::from_utf8(&pdf[xref_at..sx]).map_err(|e| e.to_string())?;
    let mut lines = table.split_inclusive('\n').skip(1);
    let size: usize = lines
        .next()
        .ok_or("size")?
        .trim_end()
        .split(' ')
        .nth(1)
        .ok_or("size")?
        .parse()
        .map_err(|_| "size")?;
    let trailer_size = table
        .split("/Size")
        .nth(1)
        .ok_or("trailer /Size")?
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("");
    if trailer_size != size.to_string() {
        return Err(format!(
            "trailer /Size {trailer_size} differs from the table ({size})"
        ));
    }
    for (n, line) in lines.take(size).enumerate() {
        // Each entry is exactly 20 bytes with its end of line (" \n" or "\r\n").
        if line.len() != 20 || !(line.ends_with(" \n") || line.ends_with("\r\n")) {
            return Err(format!("xref entry {n} is {line:?}"));
        }
        let line = line.trim_end();
        if n == 0 {
            if line != "0000000000 65535 f" {
                return Err("entry 0".into());
            }
            continue;
        }
        let off: usize = line[..10].parse().map_err(|_| "offset")?;
        if !line.ends_with(" 00000 n") || !pdf[off..].starts_with(format!("{n} 0 obj\n").as_bytes()) {
            return Err(format!("xref entry {n} ({off}) does not point at object {n}"));
        }
    }
    // Stream lengths.
    let mut at = 0;
    let mut streams = 0;
    while let Some(s) = find(pdf, b">>\nstream\n", at) {
        let dict_start = pdf[..s]
            .windows(7)
            .rposition(|w| w == b"/Length")
            .ok_or("stream without /Length")?;
        let len: usize = std::str::from_utf8(&pdf[dict_start + 7..s])
            .map_err(|e| e.to_string())?
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("")
            .parse()
            .map_err(|_| "length")?;
        let body = s + 10;
        if !pdf[body + len..].starts_with(b"\nendstream") {
            return Err(format!("stream at {body} is not {len} bytes long"));
        }
        at = body + len;
        streams += 1;
    }
    if streams == 0 {
        return Err("no streams".into());
    }
    Ok(())
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = common::plan_with_pages(3);
    let a = render_pdf(&doc).unwrap();
    let b = render_pdf(&doc.clone()).unwrap();
    assert_eq!(a, b);
    assert_eq!(casus_export::render_html(&doc), casus_export::render_html(&doc));
    assert_eq!(
        casus_export::render_markdown(&doc),
        casus_export::render_markdown(&doc)
    );
    let text = String::from_utf8_lossy(&a);
    for absent in ["/Author", "/Creator"] {
        assert!(!text.contains(absent), "{absent} in the PDF");
    }
    // PDF/A requires a date and a file id: the date is the one the caller gives (no clock here), and
    // the id is derived from the content.
    assert!(
        text.contains("/CreationDate(D:20261122093000Z)"),
        "the given date"
    );
    assert!(text.contains("/ID["), "a file id");
    // A different recipient is a different file.
    let mut other = doc.clone();
    other.watermark = Some("Voor: GGD".into());
    assert_ne!(render_pdf(&other).unwrap(), a);
    let mut later = doc.clone();
    later.created.second = 1;
    assert_ne!(render_pdf(&later).unwrap(), a, "the date is in the file");
}

#[test]
fn the_sample_has_a_sound_structure() {
    let pdf = render_pdf(&common::sample_plan()).unwrap();
    check_structure(&pdf).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(!text.contains("Helvetica"), "no standard-14 font");
    assert!(
        text.contains("+NotoSans-Regular") && text.contains("+NotoSans-Bold"),
        "subset fonts"
    );
    assert!(text.contains("/FontFile2"), "the fonts are embedded");
    assert!(text.contains("/MediaBox[0 0 595.28 841.89]"), "A4");
    assert!(text.contains("/Producer(Casusoverleg)"));
    assert!(text.contains("/Outlines"), "headings become bookmarks");
}

#[test]
fn the_checker_notices_a_broken_file() {
    let pdf = render_pdf(&common::sample_plan()).unwrap();
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
    fn any_text_gives_a_sound_pdf_or_names_the_missing_character(texts in proptest::collection::vec(any::<String>(), 1..8), level in 0u8..6) {
        let doc = Document {
            title: texts[0].clone(),
            subtitle: texts.get(1).cloned(),
            organisation: texts[texts.len() - 1].clone(),
            marking: texts[0].clone(),
            watermark: Some(texts.join(" ")),
            footer: texts.concat(),
            audit_head: None,
            created: common::CREATED,
            blocks: vec![
                Block::Heading { level, text: texts[0].clone() },
                Block::Paragraph(texts.join("\n")),
                Block::KeyValues(texts.iter().map(|t| (t.clone(), t.clone())).collect()),
                Block::Table { caption: texts.get(2).cloned(), headers: texts.clone(), rows: vec![texts.clone(); 3], widths: None },
                Block::List(texts.clone()),
                Block::Notice(texts.concat()),
            ],
        };
        match render_pdf(&doc) {
            Ok(pdf) => {
                prop_assert!(check_structure(&pdf).is_ok(), "{:?}", check_structure(&pdf));
                prop_assert_eq!(pdf, render_pdf(&doc).unwrap());
            }
            Err(PdfError::MissingGlyph { ch }) => {
                // Only a character that is really in the input and that the font really lacks.
                prop_assert!(texts.iter().any(|t| t.nfc().any(|c| c == ch)), "{:?} is not in the input", ch);
                prop_assert!(!ch.is_control() && !ch.is_whitespace(), "{:?} draws nothing", ch);
                let mut only = common::base(&ch.to_string());
                only.blocks = vec![Block::Paragraph(ch.to_string())];
                prop_assert_eq!(render_pdf(&only), Err(PdfError::MissingGlyph { ch }));
            }
            Err(other) => prop_assert!(false, "{}", other),
        }
        // The same texts without what the font lacks always give a PDF.
        let keep = |t: &String| -> String { t.chars().filter(|c| casus_export::has_glyph(*c)).collect() };
        let mut clean = doc.clone();
        clean.title = keep(&clean.title);
        clean.subtitle = clean.subtitle.as_ref().map(keep);
        clean.organisation = keep(&clean.organisation);
        clean.marking = keep(&clean.marking);
        clean.watermark = clean.watermark.as_ref().map(keep);
        clean.footer = keep(&clean.footer);
        clean.blocks = vec![
            Block::Heading { level, text: keep(&texts[0]) },
            Block::Paragraph(texts.iter().map(keep).collect::<Vec<_>>().join("\n")),
            Block::Table { caption: None, headers: texts.iter().map(keep).collect(), rows: vec![texts.iter().map(keep).collect(); 2], widths: None },
            Block::List(texts.iter().map(keep).collect()),
        ];
        let pdf = render_pdf(&clean);
        prop_assert!(pdf.is_ok(), "{:?}", pdf.err());
        let pdf = pdf.unwrap();
        prop_assert!(check_structure(&pdf).is_ok(), "{:?}", check_structure(&pdf));
    }
}
