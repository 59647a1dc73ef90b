//! A small PDF 1.7 writer for the laid-out pages: standard-14 Helvetica fonts with WinAnsiEncoding
//! (nothing embedded), uncompressed content streams, bookmarks for the headings, and a classic
//! cross-reference table with byte offsets. The output depends only on the input: no dates, no ids.

use std::fmt::Write as _;

use crate::layout::{Color, Laid, Op, OutlineEntry, PAGE_H, PAGE_W, WATERMARK};
use crate::metrics::Font;

/// Opacity of the watermark (fill alpha), so that it never hides the text beneath it.
const WATERMARK_ALPHA: &str = "0.22";

const CATALOG: usize = 1;
const PAGES: usize = 2;
const RESOURCES: usize = 3;
const INFO: usize = 4;
const FIRST_FONT: usize = 5;
/// The watermark pattern, when there is one; pages follow.
const PATTERN: usize = FIRST_FONT + Font::ALL.len();

/// Serialises laid-out pages. `title` goes into the Info dictionary (and is shown as the window
/// title); the producer is "Casusoverleg"; `audit_head`, when given, is the custom Info key
/// `/CasusAuditHead` (plain ASCII). No other metadata.
pub fn write(title: &str, audit_head: Option<&str>, laid: &Laid) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");

    let has_watermark = !laid.watermark.is_empty();
    let first_page = PATTERN + usize::from(has_watermark);
    let page_ids: Vec<usize> = (0..laid.pages.len()).map(|i| first_page + 2 * i).collect();
    let outline_root = first_page + 2 * laid.pages.len();
    let has_outline = !laid.outline.is_empty();

    let mut catalog = format!(
        "<< /Type /Catalog /Pages {PAGES} 0 R /Lang (nl-NL) /ViewerPreferences << /DisplayDocTitle true >>"
    );
    if has_outline {
        let _ = write!(catalog, " /Outlines {outline_root} 0 R");
    }
    catalog.push_str(" >>");
    w.object(CATALOG, catalog.as_bytes());

    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    w.object(
        PAGES,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} /MediaBox [0 0 {} {}] >>",
            kids.join(" "),
            page_ids.len(),
            num(PAGE_W),
            num(PAGE_H)
        )
        .as_bytes(),
    );

    let fonts: Vec<String> = Font::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| format!("/{} {} 0 R", f.resource(), FIRST_FONT + i))
        .collect();
    let pattern = if has_watermark {
        format!(" /Pattern << /PW {PATTERN} 0 R >>")
    } else {
        String::new()
    };
    w.object(
        RESOURCES,
        format!(
            "<< /ProcSet [/PDF /Text] /Font << {} >>{pattern} >>",
            fonts.join(" ")
        )
        .as_bytes(),
    );

    let mut info = b"<< /Title ".to_vec();
    info.extend_from_slice(&text_string(title));
    info.extend_from_slice(b" /Producer (Casusoverleg)");
    if let Some(head) = audit_head {
        info.extend_from_slice(b" /CasusAuditHead ");
        info.extend_from_slice(&text_string(head));
    }
    info.extend_from_slice(b" >>");
    w.object(INFO, &info);

    for (i, font) in Font::ALL.iter().enumerate() {
        w.object(
            FIRST_FONT + i,
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                font.base_font()
            )
            .as_bytes(),
        );
    }

    if has_watermark {
        // A tiling pattern one page large, so the diagonal text is painted but is not page text:
        // pdftotext and screen readers get the plain copy in the header instead of letters
        // scattered across the body.
        let cell = content_stream(&laid.watermark);
        let mut obj = format!(
            "<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 {w} {h}] /XStep {w} /YStep {h} \
             /Resources << /Font << /{f} {font} 0 R >> /ExtGState << /GW << /Type /ExtGState /ca {a} /CA {a} >> >> >> \
             /Length {len} >>\nstream\n",
            w = num(PAGE_W),
            h = num(PAGE_H),
            f = Font::Bold.resource(),
            font = FIRST_FONT + Font::ALL.iter().position(|f| *f == Font::Bold).unwrap_or(0),
            a = WATERMARK_ALPHA,
            len = cell.len()
        )
        .into_bytes();
        obj.extend_from_slice(&cell);
        obj.extend_from_slice(b"\nendstream");
        w.object(PATTERN, &obj);
    }

    for (page, &id) in laid.pages.iter().zip(&page_ids) {
        w.object(
            id,
            format!(
                "<< /Type /Page /Parent {PAGES} 0 R /Resources {RESOURCES} 0 R /Contents {} 0 R >>",
                id + 1
            )
            .as_bytes(),
        );
        let mut content = content_stream(&page.ops);
        if has_watermark {
            let fill = format!(
                "q /Pattern cs /PW scn 0 0 {} {} re f Q\n",
                num(PAGE_W),
                num(PAGE_H)
            );
            content.extend_from_slice(fill.as_bytes());
        }
        let mut obj = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        obj.extend_from_slice(&content);
        obj.extend_from_slice(b"\nendstream");
        w.object(id + 1, &obj);
    }

    let mut last = outline_root;
    if has_outline {
        last = write_outline(&mut w, outline_root, &laid.outline, &page_ids);
    }

    w.finish(last + 1)
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Byte offset of each object, by object number.
    offsets: Vec<(usize, usize)>,
}

impl Writer {
    fn object(&mut self, id: usize, body: &[u8]) {
        self.offsets.push((id, self.out.len()));
        self.out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn finish(mut self, size: usize) -> Vec<u8> {
        let mut table = vec![None; size];
        for (id, off) in &self.offsets {
            table[*id] = Some(*off);
        }
        let xref = self.out.len();
        let mut s = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for entry in table.iter().skip(1) {
            match entry {
                Some(off) => {
                    let _ = writeln!(s, "{off:010} 00000 n ");
                }
                // Every number below `size` is written; keep the table well-formed regardless.
                None => s.push_str("0000000000 65535 f \n"),
            }
        }
        let _ = write!(
            s,
            "trailer\n<< /Size {size} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out.extend_from_slice(s.as_bytes());
        self.out
    }
}

/// Writes the bookmark tree (headings nest by level) and returns the last object number used.
fn write_outline(w: &mut Writer, root: usize, entries: &[OutlineEntry], page_ids: &[usize]) -> usize {
    let n = entries.len();
    let id = |i: usize| root + 1 + i;
    // Parent of each entry: the nearest earlier entry with a lower level.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].level >= e.level) {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> { (0..n).filter(|&i| parent[i] == p).collect() };
    let mut descendants = vec![0usize; n];
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    let top = children(None);
    w.object(
        root,
        format!(
            "<< /Type /Outlines /First {} 0 R /Last {} 0 R /Count {n} >>",
            id(top[0]),
            id(*top.last().unwrap_or(&top[0]))
        )
        .as_bytes(),
    );
    for i in 0..n {
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = b"<< /Title ".to_vec();
        d.extend_from_slice(&text_string(&entries[i].title));
        let up = parent[i].map_or(root, id);
        let page = page_ids.get(entries[i].page).copied().unwrap_or(page_ids[0]);
        let mut rest = format!(
            " /Parent {up} 0 R /Dest [{page} 0 R /XYZ null {} null]",
            num(entries[i].y + 4.0)
        );
        if pos > 0 {
            let _ = write!(rest, " /Prev {} 0 R", id(siblings[pos - 1]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            let _ = write!(rest, " /Next {} 0 R", id(next));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            let _ = write!(
                rest,
                " /First {} 0 R /Last {} 0 R /Count {}",
                id(first),
                id(last),
                descendants[i]
            );
        }
        rest.push_str(" >>");
        d.extend_from_slice(rest.as_bytes());
        w.object(id(i), &d);
    }
    root + n
}

fn content_stream(ops: &[Op]) -> Vec<u8> {
    let mut s = Vec::with_capacity(ops.len() * 48);
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                font,
                size,
                color,
                text,
            } => {
                s.extend_from_slice(b"BT ");
                s.extend_from_slice(fill(*color).as_bytes());
                s.extend_from_slice(
                    format!(
                        " /{} {} Tf {} {} Td ",
                        font.resource(),
                        num(*size),
                        num(*x),
                        num(*y)
                    )
                    .as_bytes(),
                );
                s.extend_from_slice(&literal(text));
                s.extend_from_slice(b" Tj ET\n");
            }
            Op::Watermark {
                x,
                y,
                cos: c,
                sin: si,
                size,
                text,
            } => {
                s.extend_from_slice(
                    format!(
                        "q /GW gs {} BT /{} {} Tf {} {} {} {} {} {} Tm ",
                        fill(WATERMARK),
                        Font::Bold.resource(),
                        num(*size),
                        num4(*c),
                        num4(*si),
                        num4(-*si),
                        num4(*c),
                        num(*x),
                        num(*y)
                    )
                    .as_bytes(),
                );
                s.extend_from_slice(&literal(text));
                s.extend_from_slice(b" Tj ET Q\n");
            }
            Op::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                s.extend_from_slice(
                    format!(
                        "q {} {} w {} {} m {} {} l S Q\n",
                        stroke(*color),
                        num(*width),
                        num(*x1),
                        num(*y1),
                        num(*x2),
                        num(*y2)
                    )
                    .as_bytes(),
                );
            }
            Op::Rect {
                x,
                y,
                w,
                h,
                fill: f,
                stroke: st,
            } => {
                let path = format!("{} {} {} {} re", num(*x), num(*y), num(*w), num(*h));
                let mut cmd = String::from("q ");
                if let Some(c) = f {
                    let _ = write!(cmd, "{} ", fill(*c));
                }
                if let Some(c) = st {
                    let _ = write!(cmd, "{} 0.5 w ", stroke(*c));
                }
                let paint = match (f, st) {
                    (Some(_), Some(_)) => "B",
                    (Some(_), None) => "f",
                    (None, Some(_)) => "S",
                    (None, None) => "n",
                };
                let _ = writeln!(cmd, "{path} {paint} Q");
                s.extend_from_slice(cmd.as_bytes());
            }
        }
    }
    s
}

fn fill(c: Color) -> String {
    match c {
        Color::Gray(g) => format!("{} g", num(g)),
        Color::Rgb(r, g, b) => format!("{} {} {} rg", num(r), num(g), num(b)),
    }
}

fn stroke(c: Color) -> String {
    match c {
        Color::Gray(g) => format!("{} G", num(g)),
        Color::Rgb(r, g, b) => format!("{} {} {} RG", num(r), num(g), num(b)),
    }
}

/// A number with at most two decimals and no trailing zeros ("12.5", "-3", "0.07").
pub(crate) fn num(v: f32) -> String {
    trim(format!("{:.2}", v))
}

fn num4(v: f32) -> String {
    trim(format!("{:.4}", v))
}

fn trim(mut s: String) -> String {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// A PDF literal string of WinAnsi bytes: `(`, `)` and `\` escaped, anything outside printable
/// ASCII as a three-digit octal escape, so the file stays 7-bit after its header.
pub(crate) fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            0x20..=0x7E => out.push(b),
            _ => out.extend_from_slice(format!("\\{b:03o}").as_bytes()),
        }
    }
    out.push(b')');
    out
}

/// A PDF text string (Info, bookmarks): plain ASCII as a literal, anything else as UTF-16BE with a
/// byte-order mark, in hex.
pub(crate) fn text_string(text: &str) -> Vec<u8> {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return literal(clean.as_bytes());
    }
    let mut s = String::from("<FEFF");
    for unit in clean.encode_utf16() {
        let _ = write!(s, "{unit:04X}");
    }
    s.push('>');
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(595.28), "595.28");
        assert_eq!(num4(std::f32::consts::FRAC_1_SQRT_2), "0.7071");
    }

    #[test]
    fn literals_escape_delimiters_and_high_bytes() {
        assert_eq!(literal(b"a(b)c\\d"), b"(a\\(b\\)c\\\\d)".to_vec());
        assert_eq!(literal(b") Tj ET"), b"(\\) Tj ET)".to_vec());
        assert_eq!(literal(&[0xEB, b'\n']), b"(\\353\\012)".to_vec());
    }

    #[test]
    fn text_strings_are_ascii_literals_or_utf16_hex() {
        assert_eq!(text_string("Plan (v2)"), b"(Plan \\(v2\\))".to_vec());
        assert_eq!(text_string("één"), b"<FEFF00E900E9006E>".to_vec());
        assert_eq!(text_string("a\nb"), b"(a b)".to_vec());
    }
}
