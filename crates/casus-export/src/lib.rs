//! Exports for Casusoverleg, as pure rendering: a plan of approach, minutes or an inzage overview
//! arrives as a [`Document`] (title, municipality, marking, watermark, footer and a list of
//! [`Block`]s) and leaves as bytes — a PDF ([`render_pdf`]), Markdown ([`render_markdown`]) or a
//! self-contained HTML page ([`render_html`]) for screen readers.
//!
//! This crate owns the layout (A4, running header with the marking, page numbers, tables that repeat
//! their header row, a diagonal watermark) and hands the laid-out pages to krilla, which writes a
//! tagged PDF (PDF/UA-1) that is also PDF/A-2a, with Noto Sans embedded as a subset. It must never do
//! I/O, read a clock or draw a random number: the same `Document` always gives the same bytes.
//! Deciding what may be exported, writing the file and the audit record belong to casus-app. The
//! caller also decides what goes in the metadata: the PDF carries the title, the language (`nl`),
//! the producer name, the date the caller gives and, when given, the audit head line.

mod font;
mod html;
mod layout;
mod markdown;
mod pdf;
mod text;

use std::fmt;

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
    /// When the document was made (UTC). PDF/A requires a creation date; the caller passes its
    /// clock's time, so this crate never reads one.
    pub created: Timestamp,
    pub blocks: Vec<Block>,
}

/// A moment in UTC, to the second. Out-of-range fields are clamped when written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// Why [`render_pdf`] made no PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// The text holds a character that the embedded font (Noto Sans) has no glyph for, e.g. a
    /// Chinese character or an emoji. The PDF would show an empty box, so none is made.
    MissingGlyph { ch: char },
    /// krilla refused the document, e.g. a PDF/A-2 or PDF/UA-1 rule it breaks. A defect in this
    /// crate, not in the input; the text is krilla's description.
    Invalid(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::MissingGlyph { ch } => {
                write!(f, "the font has no glyph for {ch:?} (U+{:04X})", u32::from(*ch))
            }
            PdfError::Invalid(why) => write!(f, "the PDF does not validate: {why}"),
        }
    }
}

impl std::error::Error for PdfError {}

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

/// Renders the document as a PDF 1.7 file that conforms to PDF/A-2a and PDF/UA-1 (krilla checks
/// both and refuses the export otherwise): A4 portrait, 20 mm margins, the organisation and the
/// marking in the header, the footer text and "Pagina N van M" in the footer, the watermark across
/// every page, Noto Sans embedded as a subset. Every text is drawn exactly as given (after Unicode
/// NFC); a character the font lacks is [`PdfError::MissingGlyph`].
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, PdfError> {
    pdf::write(doc, head_line(doc).as_deref(), &layout::lay_out(doc))
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

/// Whether the PDF can show this character: the embedded font has it in regular and bold. (Line
/// breaks, tabs and invisible characters are always fine: the PDF leaves them out or shows a space.)
pub fn has_glyph(ch: char) -> bool {
    font::Font::Regular.glyph(ch).is_some() && font::Font::Bold.glyph(ch).is_some()
}

/// How many pages [`render_pdf`] gives for this document.
pub fn pdf_page_count(doc: &Document) -> usize {
    layout::lay_out(doc).pages.len()
}
