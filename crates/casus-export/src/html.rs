//! The document as one self-contained HTML5 page: `lang="nl"`, an inline style sheet, no scripts,
//! no remote content (a Content-Security-Policy says so too), every text HTML-escaped. Headings,
//! lists, definition lists and tables with `<caption>` and `<th scope="col">` for screen readers.

use crate::{Block, Document};

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.5;color:#111;\
max-width:52rem;margin:0 auto;padding:1.5rem}\
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;border-bottom:1px solid #999;\
padding-bottom:.5rem;margin-bottom:1rem}\
.marking{color:#a00000;font-weight:700;letter-spacing:.05em;margin:0}\
.organisation{margin:0;color:#333}\
.watermark{flex-basis:100%;margin:0;padding:.25rem .5rem;border:1px dashed #888;color:#444;background:#f6f6f6}\
h1,h2,h3,h4{color:#14335f;line-height:1.25}\
.subtitle{color:#444;margin-top:-.5rem}\
table{border-collapse:collapse;width:100%;margin:1rem 0}\
caption{text-align:left;font-weight:700;padding-bottom:.25rem}\
th,td{border:1px solid #888;padding:.25rem .4rem;text-align:left;vertical-align:top}\
thead th{background:#e0e0e0}\
tbody tr:nth-child(even){background:#f5f5f5}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:700}dd{margin:0}\
.notice{border:1px solid #999;border-left:4px solid #14335f;background:#f2f4f9;padding:.5rem .75rem;margin:1rem 0}\
.notice p{margin:0}\
footer{border-top:1px solid #999;margin-top:2rem;padding-top:.5rem;color:#333;font-size:.9rem}\
@media print{body{max-width:none;padding:0}.pagebreak{break-after:page}}";

pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    if let Some(head) = crate::head_line(doc) {
        out.push_str(&format!(
            "<meta name=\"casus-audit-head\" content=\"{}\">\n",
            esc(&head)
        ));
    }
    out.push_str(&format!("<title>{}</title>\n", esc(&one_line(&doc.title))));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n<header>\n"));
    if !doc.marking.trim().is_empty() {
        out.push_str(&format!(
            "<p class=\"marking\">{}</p>\n",
            esc(&one_line(&doc.marking))
        ));
    }
    if !doc.organisation.trim().is_empty() {
        out.push_str(&format!(
            "<p class=\"organisation\">{}</p>\n",
            esc(&one_line(&doc.organisation))
        ));
    }
    if let Some(w) = doc.watermark.as_deref().filter(|w| !w.trim().is_empty()) {
        out.push_str(&format!("<p class=\"watermark\">{}</p>\n", text(w)));
    }
    out.push_str("</header>\n<main>\n");
    out.push_str(&format!("<h1>{}</h1>\n", esc(&one_line(&doc.title))));
    if let Some(sub) = doc.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", text(sub)));
    }
    for block in &doc.blocks {
        block_html(&mut out, block);
    }
    out.push_str("</main>\n");
    if !doc.footer.trim().is_empty() {
        out.push_str(&format!("<footer>\n<p>{}</p>\n</footer>\n", text(&doc.footer)));
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text: t } => {
            let h = level.clamp(&1, &3) + 1;
            out.push_str(&format!("<h{h}>{}</h{h}>\n", esc(&one_line(t))));
        }
        Block::Paragraph(t) => {
            if !t.trim().is_empty() {
                out.push_str(&format!("<p>{}</p>\n", text(t)));
            }
        }
        Block::KeyValues(pairs) => {
            out.push_str("<dl>\n");
            for (k, v) in pairs {
                out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", text(k), text(v)));
            }
            out.push_str("</dl>\n");
        }
        Block::Table {
            caption,
            headers,
            rows,
            widths,
        } => {
            let cols = rows
                .iter()
                .map(Vec::len)
                .chain([headers.len()])
                .max()
                .unwrap_or(0);
            out.push_str("<table>\n");
            if let Some(c) = caption.as_deref().filter(|c| !c.trim().is_empty()) {
                out.push_str(&format!("<caption>{}</caption>\n", text(c)));
            }
            if let Some(w) = widths.as_deref() {
                let w: Vec<f32> = (0..cols)
                    .map(|c| {
                        w.get(c)
                            .copied()
                            .filter(|v| v.is_finite() && *v > 0.0)
                            .unwrap_or(1.0)
                    })
                    .collect();
                let total: f32 = w.iter().sum();
                out.push_str("<colgroup>");
                for v in &w {
                    out.push_str(&format!("<col style=\"width:{:.1}%\">", v / total * 100.0));
                }
                out.push_str("</colgroup>\n");
            }
            if !headers.is_empty() {
                out.push_str("<thead><tr>");
                for c in 0..cols {
                    let h = headers.get(c).map(String::as_str).unwrap_or("");
                    out.push_str(&format!("<th scope=\"col\">{}</th>", text(h)));
                }
                out.push_str("</tr></thead>\n");
            }
            out.push_str("<tbody>\n");
            for r in rows {
                out.push_str("<tr>");
                for c in 0..cols {
                    let v = r.get(c).map(String::as_str).unwrap_or("");
                    out.push_str(&format!("<td>{}</td>", text(v)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", text(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Notice(t) => {
            out.push_str(&format!(
                "<div class=\"notice\" role=\"note\"><p>{}</p></div>\n",
                text(t)
            ));
        }
        Block::PageBreak => out.push_str("<div class=\"pagebreak\" aria-hidden=\"true\"></div>\n"),
    }
}

/// Escaped text whose line breaks are kept as `<br>`.
fn text(t: &str) -> String {
    t.trim_end_matches('\n')
        .split('\n')
        .map(esc)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn one_line(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes the five characters that are markup in HTML text and attribute values.
fn esc(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(text("a\nb<"), "a<br>b&lt;");
    }
}
