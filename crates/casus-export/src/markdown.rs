//! The document as Markdown (CommonMark with GitHub tables), for screen readers and plain-text
//! mail: the marking and the watermark text first, then the title and the blocks.

use crate::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let marking = inline(&doc.marking);
    let org = inline(&doc.organisation);
    match (marking.is_empty(), org.is_empty()) {
        (false, false) => out.push_str(&format!("**{marking}** · {org}\n\n")),
        (false, true) => out.push_str(&format!("**{marking}**\n\n")),
        (true, false) => out.push_str(&format!("{org}\n\n")),
        (true, true) => {}
    }
    if let Some(w) = doc.watermark.as_deref().filter(|w| !w.trim().is_empty()) {
        out.push_str(&quote(w));
        out.push_str("\n\n");
    }
    out.push_str(&format!("# {}\n\n", inline(&doc.title)));
    if let Some(sub) = doc.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!("{}\n\n", lines(sub)));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from(level.clamp(&1, &3) + 1));
                out.push_str(&format!("{hashes} {}\n\n", inline(text)));
            }
            Block::Paragraph(text) => {
                if !text.trim().is_empty() {
                    out.push_str(&lines(text));
                    out.push_str("\n\n");
                }
            }
            Block::KeyValues(pairs) => {
                for (k, v) in pairs {
                    out.push_str(&format!("- **{}:** {}\n", inline(k), indented(v)));
                }
                out.push('\n');
            }
            Block::Table {
                caption,
                headers,
                rows,
                ..
            } => table(&mut out, caption.as_deref(), headers, rows),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", indented(item)));
                }
                out.push('\n');
            }
            Block::Notice(text) => {
                out.push_str(&quote(text));
                out.push_str("\n\n");
            }
            Block::PageBreak => {}
        }
    }
    if !doc.footer.trim().is_empty() {
        out.push_str(&format!("---\n\n{}\n", lines(&doc.footer)));
    }
    if let Some(head) = crate::head_line(doc) {
        out.push_str(&format!("\n`{head}`\n"));
    }
    out
}

fn table(out: &mut String, caption: Option<&str>, headers: &[String], rows: &[Vec<String>]) {
    let cols = rows
        .iter()
        .map(Vec::len)
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    if let Some(c) = caption.filter(|c| !c.trim().is_empty()) {
        out.push_str(&format!("**{}**\n\n", inline(c)));
    }
    if cols == 0 {
        return;
    }
    let row = |cells: &[String]| -> String {
        let mut s = String::from("|");
        for c in 0..cols {
            let text = cells.get(c).map(String::as_str).unwrap_or("");
            s.push(' ');
            s.push_str(&cell(text));
            s.push_str(" |");
        }
        s.push('\n');
        s
    };
    out.push_str(&row(headers));
    out.push('|');
    out.push_str(&" --- |".repeat(cols));
    out.push('\n');
    for r in rows {
        out.push_str(&row(r));
    }
    out.push('\n');
}

/// Text inside a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A block of text whose '\n' are hard line breaks (a backslash at the end of the line).
fn lines(text: &str) -> String {
    text.trim_end_matches('\n')
        .split('\n')
        .map(|l| start_of_line(&inline(l)))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Like [`lines`], for text inside a list item: continuation lines are indented.
fn indented(text: &str) -> String {
    lines(text).replace('\n', "\n  ")
}

fn quote(text: &str) -> String {
    text.trim_end_matches('\n')
        .split('\n')
        .map(|l| format!("> {}", start_of_line(&inline(l))))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Escapes what Markdown would read as markup inside a line: emphasis, code, links, raw HTML,
/// table pipes, strikethrough, entity references. Line breaks become spaces.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&")
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Escapes a line start that Markdown would read as a heading, list item, rule or quote.
fn start_of_line(line: &str) -> String {
    let first = line.chars().next();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        format!("\\{line}")
    } else if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            inline("a|b *c* _d_ <script> [x](y) `z` &amp; & ~~s~~"),
            "a\\|b \\*c\\* \\_d\\_ \\<script\\> \\[x\\](y) \\`z\\` \\&amp; & \\~\\~s\\~\\~"
        );
        assert_eq!(start_of_line("# kop"), "\\# kop");
        assert_eq!(start_of_line("- punt"), "\\- punt");
        assert_eq!(start_of_line("12. punt"), "12\\. punt");
        assert_eq!(start_of_line("12 punten"), "12 punten");
    }

    #[test]
    fn line_breaks_are_hard_breaks() {
        assert_eq!(lines("a\nb\n"), "a\\\nb");
        assert_eq!(cell("a\nb"), "a b");
    }
}
