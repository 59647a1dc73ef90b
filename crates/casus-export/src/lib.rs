//! Exports for Casusoverleg, as pure rendering: a plan of approach, minutes or an inzage overview
//! arrives as a [`Document`] (title, municipality, marking, watermark, footer and a list of
//! [`Block`]s) and leaves as bytes — a PDF ([`render_pdf`]), Markdown ([`render_markdown`]) or a
//! self-contained HTML page ([`render_html`]) for screen readers.
//!
//! This crate owns the layout (A4, running header with the marking, page numbers, tables that repeat
//! their header row, a diagonal watermark) and a small PDF 1.7 writer that uses the standard-14
//! Helvetica fonts, so nothing is embedded and `pdftotext` reads the text back. It must never do I/O,
//! read a clock or draw a random number: the same `Document` always gives the same bytes. Deciding
//! what may be exported, writing the file and the audit record belong to casus-app. The caller also
//! decides what goes in the metadata: the PDF carries only the title and the producer name.

mod html;
mod layout;
mod markdown;
mod metrics;
mod pdf;
mod text;

/// A document to export. Every text is plain Unicode; the renderers escape it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The title on the first page and in the PDF metadata, e.g. "Plan van aanpak".
    pub title: String,
    /// A line under the title, e.g. the case id and version.
    pub subtitle: Option<String>,
    /// The municipality, shown in the running header of every page.
    pub organisation: String,
    /// The confidentiality marking, e.g. "VERTROUWELIJK", in the header of every page.
    pub marking: String,
    /// Who this copy is for, drawn diagonally in light grey across every page.
    pub watermark: Option<String>,
    /// The left footer on every page, e.g. the export id and the audit chain head.
    pub footer: String,
    /// A machine-readable line naming the audit head signed before this export, so the document
    /// can be checked against the store later (`casus audit verify --witness FILE`). Kept to plain
    /// ASCII letters, digits and ` =/._:-`. PDF: the Info key `/CasusAuditHead`; HTML: `<meta
    /// name="casus-audit-head">`; Markdown: the last line, as code.
    pub audit_head: Option<String>,
    pub blocks: Vec<Block>,
}

/// One piece of a document's body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading of level 1 to 3 (below the document title); other levels count as the nearest.
    Heading { level: u8, text: String },
    /// Running text; '\n' starts a new line.
    Paragraph(String),
    /// A two-column list of labels and values.
    KeyValues(Vec<(String, String)>),
    /// A table: cells wrap, the header row repeats on every page the table continues on. `widths`
    /// are relative column widths (columns still get room for their longest word).
    Table {
        caption: Option<String>,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Option<Vec<f32>>,
    },
    /// A bulleted list.
    List(Vec<String>),
    /// A boxed note, e.g. "Weggelaten: 2 × gezondheidsgegevens (ggz)".
    Notice(String),
    /// Starts a new page (in the PDF).
    PageBreak,
}

/// Renders the document as a PDF 1.7 file: A4 portrait, 20 mm margins, the organisation and the
/// marking in the header, the footer text and "Pagina N van M" in the footer, the watermark across
/// every page. Text outside Windows-1252 is shown as '?' ("ĳ" as "ij").
pub fn render_pdf(doc: &Document) -> Vec<u8> {
    pdf::write(&doc.title, head_line(doc).as_deref(), &layout::lay_out(doc))
}

/// Renders the document as Markdown: the marking and the watermark text first, then the title,
/// headings, paragraphs, lists and GitHub-style tables (with `|` escaped).
pub fn render_markdown(doc: &Document) -> String {
    markdown::render(doc)
}

/// Renders the document as one self-contained HTML5 page (`lang="nl"`, inline style only, no
/// scripts, no remote content) with the marking and the watermark text at the top.
pub fn render_html(doc: &Document) -> String {
    html::render(doc)
}

/// The audit head line as it is written: only plain ASCII letters, digits and ` =/._:-`, so it
/// needs no escaping in any format and reads back as written.
pub(crate) fn head_line(doc: &Document) -> Option<String> {
    let line: String = doc
        .audit_head
        .as_deref()?
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || " =/._:-".contains(*c))
        .collect();
    let line = line.trim().to_string();
    (!line.is_empty()).then_some(line)
}

/// How many pages [`render_pdf`] gives for this document.
pub fn pdf_page_count(doc: &Document) -> usize {
    layout::lay_out(doc).pages.len()
}
