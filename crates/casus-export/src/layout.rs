//! Lays a [`Document`] out on A4 pages: the page model (text, lines, boxes in points) that
//! `pdf.rs` hands to krilla, and the document's logical structure (headings, paragraphs, lists,
//! tables with header cells, in reading order) that becomes the PDF's tag tree. All decisions
//! about where things go live here.

use crate::font::Font;
use crate::text::{clean, longest_word, wrap, wrap_lines};
use crate::{Block, Document};

// A4 portrait in points (1 pt = 1/72 in); margins of 20 mm.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.69;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = PAGE_W - MARGIN;
const CONTENT_W: f32 = RIGHT - LEFT;
/// The running header sits in the top margin, the footer in the bottom margin.
const HEADER_BASELINE: f32 = PAGE_H - 30.0;
const HEADER_WATERMARK_BASELINE: f32 = PAGE_H - 40.0;
const HEADER_RULE: f32 = PAGE_H - 45.0;
const TOP: f32 = PAGE_H - MARGIN;
const BOTTOM: f32 = 64.0;
const FOOTER_RULE: f32 = 54.0;
const FOOTER_BASELINE: f32 = 43.0;
const FOOTER_SIZE: f32 = 8.0;
const FOOTER_LEADING: f32 = 9.5;
const FOOTER_MAX_LINES: usize = 3;

const BODY: f32 = 10.0;
const BODY_LEADING: f32 = 14.0;
const TABLE_SIZE: f32 = 9.0;
const TABLE_LEADING: f32 = 11.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
const BLOCK_GAP: f32 = 8.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Color {
    Gray(f32),
    Rgb(f32, f32, f32),
}

const BLACK: Color = Color::Gray(0.0);
const MUTED: Color = Color::Gray(0.3);
const HEADING: Color = Color::Rgb(0.08, 0.2, 0.4);
const MARKING: Color = Color::Rgb(0.75, 0.0, 0.0);
const RULE: Color = Color::Gray(0.6);
const GRID: Color = Color::Gray(0.55);
const HEADER_FILL: Color = Color::Gray(0.88);
const ZEBRA_FILL: Color = Color::Gray(0.965);
const NOTICE_FILL: Color = Color::Rgb(0.95, 0.96, 0.98);
pub(crate) const WATERMARK: Color = Color::Gray(0.5);

/// What a piece of text is for a screen reader: content of a structure element, or page furniture
/// that the tag tree leaves out (an artifact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The `n`-th piece of content of the document ([`Child::Content`] in the structure).
    Content(usize),
    /// The running header (organisation, marking, recipient).
    Header,
    /// The footer text.
    Footer,
    /// "Pagina N van M".
    PageNumber,
    /// A table's header row repeated on a page the table continues on.
    Repeated,
}

/// One drawing instruction, in PDF user space (origin bottom-left, y up). Lines and boxes are
/// decoration (artifacts in the tag tree).
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        font: Font,
        size: f32,
        color: Color,
        text: String,
        role: Role,
    },
    /// Text turned around its start point so that it runs along (`cos`, `sin`), drawn translucent.
    Watermark {
        x: f32,
        y: f32,
        cos: f32,
        sin: f32,
        size: f32,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Color,
    },
    /// A box with its bottom-left corner at (x, y).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<Color>,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub ops: Vec<Op>,
}

/// A heading, for the PDF's bookmarks.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// A structure element of the tag tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A heading, level 1 to 6 (the document title is level 1, the body's headings 2 to 4).
    Heading {
        level: u8,
        title: String,
    },
    Paragraph,
    /// A bulleted list, its items, and each item's bullet and text.
    List,
    ListItem,
    Label,
    ListBody,
    Table,
    Caption,
    TableHead,
    TableBody,
    Row,
    /// A header cell: for its column, or (`row`) for its row (the labels of key/value pairs).
    HeaderCell {
        row: bool,
    },
    Cell,
}

/// A child of a structure element, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Child {
    Element(usize),
    /// A piece of drawn text: [`Role::Content`] with this number.
    Content(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub kind: Kind,
    pub children: Vec<Child>,
}

/// The logical structure: `roots` in reading order, each element's children in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Structure {
    pub elements: Vec<Element>,
    pub roots: Vec<Child>,
    /// How many pieces of content there are ([`Role::Content`] numbers are `0..contents`).
    pub contents: usize,
}

impl Structure {
    /// Adds an element under `parent` (or at the top) and returns its number.
    fn add(&mut self, parent: Option<usize>, kind: Kind) -> usize {
        let id = self.elements.len();
        self.elements.push(Element {
            kind,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.elements[p].children.push(Child::Element(id)),
            None => self.roots.push(Child::Element(id)),
        }
        id
    }

    /// Numbers a new piece of content of `element`.
    fn content(&mut self, element: usize) -> usize {
        let n = self.contents;
        self.contents += 1;
        self.elements[element].children.push(Child::Content(n));
        n
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// The diagonal watermark ([`Op::Watermark`] lines), the same on every page. The PDF draws it
    /// as outlines (not text), so that text extraction reads only the plain copy in the header.
    pub watermark: Vec<Op>,
    pub structure: Structure,
}

/// Lays the document out. Always gives at least one page.
pub fn lay_out(doc: &Document) -> Laid {
    let mut l = Layout::new();
    l.title_block(doc);
    for (i, block) in doc.blocks.iter().enumerate() {
        l.block(block, doc.blocks.get(i + 1));
    }
    l.finish(doc)
}

/// A table cell, or any column of text placed side by side with others.
#[derive(Clone)]
struct Cell {
    /// Left edge and width of the cell box.
    x: f32,
    w: f32,
    /// Where the text starts.
    text_x: f32,
    lines: Vec<String>,
    font: Font,
    size: f32,
    color: Color,
    /// The structure element the text belongs to; `None` draws it as an artifact (a repeated
    /// table header).
    element: Option<usize>,
}

/// How a row of cells is drawn.
#[derive(Clone, Copy)]
struct RowStyle {
    leading: f32,
    pad_y: f32,
    fill: Option<Color>,
    grid: bool,
    /// A coloured bar on the left edge (notices).
    bar: Option<Color>,
}

impl RowStyle {
    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.leading + 2.0 * self.pad_y
    }
}

/// A row to repeat at the top of every page a table continues on.
struct Repeat<'a> {
    cells: &'a [Cell],
    style: RowStyle,
}

struct Layout {
    pages: Vec<Page>,
    page: Page,
    outline: Vec<OutlineEntry>,
    structure: Structure,
    /// The tag level of the latest heading (the title is 1), so that no level is skipped on the
    /// way down.
    heading_tag: u8,
    /// Top of the free space on the current page.
    y: f32,
    /// Where the free space started on this page (below a repeated table header, if any).
    page_top: f32,
    /// Space owed after the previous block; dropped at the top of a page.
    gap: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: Vec::new(),
            page: Page::default(),
            outline: Vec::new(),
            structure: Structure::default(),
            heading_tag: 1,
            y: TOP,
            page_top: TOP,
            gap: 0.0,
        }
    }

    fn at_top(&self) -> bool {
        self.y >= self.page_top - 0.01
    }

    fn space(&self) -> f32 {
        self.y - BOTTOM
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = TOP;
        self.page_top = TOP;
        self.gap = 0.0;
    }

    /// Applies the space between blocks (at least `before`), unless at the top of a page.
    fn open_block(&mut self, before: f32) {
        let gap = self.gap.max(before);
        self.gap = 0.0;
        if !self.at_top() {
            self.y -= gap;
        }
    }

    /// Starts a new page unless `height` fits below the cursor (or we are already at the top).
    fn keep(&mut self, height: f32) {
        if height > self.space() && !self.at_top() {
            self.new_page();
        }
    }

    /// Draws a piece of text as content of `element`, or as a repeated header (an artifact).
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        baseline: f32,
        font: Font,
        size: f32,
        color: Color,
        text: String,
        element: Option<usize>,
    ) {
        if !text.is_empty() {
            let role = match element {
                Some(e) => Role::Content(self.structure.content(e)),
                None => Role::Repeated,
            };
            self.page.ops.push(Op::Text {
                x,
                y: baseline,
                font,
                size,
                color,
                text,
                role,
            });
        }
    }

    /// Places lines of one style, breaking pages between lines (never leaving one line alone at the
    /// bottom of a page when more follow).
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        lines: Vec<String>,
        x: f32,
        font: Font,
        size: f32,
        leading: f32,
        color: Color,
        element: usize,
    ) {
        let total = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let orphan = i == 0 && total > 1 && self.space() < 2.0 * leading;
            if (leading > self.space() || orphan) && !self.at_top() {
                self.new_page();
            }
            let base = baseline(self.y, leading, size);
            self.text(x, base, font, size, color, line, Some(element));
            self.y -= leading;
        }
    }

    fn title_block(&mut self, doc: &Document) {
        let title = wrap_lines(&doc.title, Font::Bold, 20.0, CONTENT_W);
        let h = self.structure.add(
            None,
            Kind::Heading {
                level: 1,
                title: one_line(&doc.title),
            },
        );
        self.lines(title, LEFT, Font::Bold, 20.0, 25.0, HEADING, h);
        if let Some(sub) = doc.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
            self.y -= 2.0;
            let sub = wrap_lines(sub, Font::Regular, 11.0, CONTENT_W);
            let p = self.structure.add(None, Kind::Paragraph);
            self.lines(sub, LEFT, Font::Regular, 11.0, 15.0, MUTED, p);
        }
        self.y -= 6.0;
        self.page.ops.push(Op::Line {
            x1: LEFT,
            y1: self.y,
            x2: RIGHT,
            y2: self.y,
            width: 0.8,
            color: HEADING,
        });
        self.gap = 14.0;
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text, next),
            Block::Paragraph(text) => {
                self.open_block(0.0);
                let lines = wrap_lines(text, Font::Regular, BODY, CONTENT_W);
                let p = self.structure.add(None, Kind::Paragraph);
                self.lines(lines, LEFT, Font::Regular, BODY, BODY_LEADING, BLACK, p);
                self.gap = BLOCK_GAP;
            }
            Block::KeyValues(pairs) => {
                self.open_block(0.0);
                // A two-column table for a screen reader: each label heads its row.
                let rows = key_value_rows(pairs);
                let table = (!rows.is_empty()).then(|| self.structure.add(None, Kind::Table));
                let body = table.map(|t| self.structure.add(Some(t), Kind::TableBody));
                for mut row in rows {
                    self.tag_row(&mut row, body, &[Kind::HeaderCell { row: true }, Kind::Cell]);
                    self.row(&row, KV_STYLE, None);
                }
                self.gap = BLOCK_GAP;
            }
            Block::Table {
                caption,
                headers,
                rows,
                widths,
            } => {
                self.open_block(2.0);
                self.table(caption.as_deref(), headers, rows, widths.as_deref());
                self.gap = BLOCK_GAP + 2.0;
            }
            Block::List(items) => {
                self.open_block(0.0);
                let rows = list_rows(items);
                let list = (!rows.is_empty()).then(|| self.structure.add(None, Kind::List));
                for mut row in rows {
                    let item = list.map(|l| self.structure.add(Some(l), Kind::ListItem));
                    if let Some(item) = item {
                        for (cell, kind) in row.iter_mut().zip([Kind::Label, Kind::ListBody]) {
                            cell.element = Some(self.structure.add(Some(item), kind));
                        }
                    }
                    self.row(&row, LIST_STYLE, None);
                }
                self.gap = BLOCK_GAP;
            }
            Block::Notice(text) => {
                self.open_block(2.0);
                let mut row = notice_row(text);
                let p = self.structure.add(None, Kind::Paragraph);
                for cell in &mut row {
                    cell.element = Some(p);
                }
                self.row(&row, NOTICE_STYLE, None);
                self.gap = BLOCK_GAP + 2.0;
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str, next: Option<&Block>) {
        let style = heading_style(level);
        let lines = wrap_lines(text, Font::Bold, style.size, CONTENT_W);
        let own = lines.len() as f32 * style.leading + style.after;
        self.open_block(style.before);
        // Keep the heading with the start of what follows it.
        self.keep(own + next.map_or(0.0, lead_height));
        let level = level.clamp(1, 3);
        self.outline.push(OutlineEntry {
            level,
            title: one_line(text),
            page: self.pages.len(),
            y: self.y,
        });
        // The document title is the one H1; the body's headings are H2 to H4, never more than one
        // level below the heading before (PDF/UA: no skipped levels), whatever their look.
        let tag = (level + 1).min(self.heading_tag + 1);
        self.heading_tag = tag;
        let h = self.structure.add(
            None,
            Kind::Heading {
                level: tag,
                title: one_line(text),
            },
        );
        self.lines(lines, LEFT, Font::Bold, style.size, style.leading, HEADING, h);
        self.y -= style.after;
    }

    /// Gives each cell of a row its element: a row element under `parent`, and a cell of `kinds`
    /// (by column) in it. Without a parent the row stays untagged.
    fn tag_row(&mut self, cells: &mut [Cell], parent: Option<usize>, kinds: &[Kind]) {
        let Some(parent) = parent else { return };
        let row = self.structure.add(Some(parent), Kind::Row);
        for (i, cell) in cells.iter_mut().enumerate() {
            let kind = kinds.get(i).or(kinds.last()).cloned().unwrap_or(Kind::Cell);
            cell.element = Some(self.structure.add(Some(row), kind));
        }
    }

    fn table(
        &mut self,
        caption: Option<&str>,
        headers: &[String],
        rows: &[Vec<String>],
        widths: Option<&[f32]>,
    ) {
        let t = TableGeometry::new(headers, rows, widths);
        if t.cols == 0 {
            if let Some(c) = caption {
                let p = self.structure.add(None, Kind::Paragraph);
                self.lines(
                    wrap_lines(c, Font::Bold, BODY, CONTENT_W),
                    LEFT,
                    Font::Bold,
                    BODY,
                    BODY_LEADING,
                    BLACK,
                    p,
                );
            }
            return;
        }
        let table = self.structure.add(None, Kind::Table);
        let caption_element = caption.map(|_| self.structure.add(Some(table), Kind::Caption));
        let mut header = (!headers.is_empty()).then(|| t.cells(headers, Font::Bold));
        // The repeated copy on later pages is untagged: a screen reader hears the header once.
        let repeated_header = header.clone();
        if let Some(h) = &mut header {
            let head = self.structure.add(Some(table), Kind::TableHead);
            self.tag_row(h, Some(head), &[Kind::HeaderCell { row: false }]);
        }
        let body_element = (!rows.is_empty()).then(|| self.structure.add(Some(table), Kind::TableBody));
        let header_style = RowStyle {
            fill: Some(HEADER_FILL),
            ..TABLE_STYLE
        };
        let header_h = header.as_ref().map_or(0.0, |h| header_style.height(max_lines(h)));
        let caption_lines = caption
            .map(|c| wrap_lines(c, Font::Bold, BODY, CONTENT_W))
            .unwrap_or_default();
        let mut body: Vec<Vec<Cell>> = rows.iter().map(|r| t.cells(r, Font::Regular)).collect();
        for row in &mut body {
            self.tag_row(row, body_element, &[Kind::Cell]);
        }
        let first_h = body.first().map_or(0.0, |r| TABLE_STYLE.height(max_lines(r)));
        let caption_h = caption_lines.len() as f32 * BODY_LEADING + 2.0;
        // Caption, header row and the first row start on the same page.
        self.keep(caption_h + header_h + first_h.min(TOP - BOTTOM - caption_h - header_h));
        if let (false, Some(c)) = (caption_lines.is_empty(), caption_element) {
            self.lines(caption_lines, LEFT, Font::Bold, BODY, BODY_LEADING, BLACK, c);
            self.y -= 2.0;
        }
        if let Some(h) = &header {
            self.draw_fragment(h, 0, max_lines(h), &header_style);
        }
        let repeat = repeated_header.as_ref().map(|h| Repeat {
            cells: h,
            style: header_style,
        });
        for (i, row) in body.iter().enumerate() {
            let style = if i % 2 == 1 {
                RowStyle {
                    fill: Some(ZEBRA_FILL),
                    ..TABLE_STYLE
                }
            } else {
                TABLE_STYLE
            };
            self.row(row, style, repeat.as_ref());
        }
    }

    /// Places a row of cells. A row that does not fit moves to a new page (below the repeated
    /// header); only a row taller than a whole page is split between its lines.
    fn row(&mut self, cells: &[Cell], style: RowStyle, repeat: Option<&Repeat<'_>>) {
        let n = max_lines(cells);
        let mut from = 0;
        loop {
            let rest = n - from;
            if style.height(rest) <= self.space() + 0.01 {
                self.draw_fragment(cells, from, rest, &style);
                return;
            }
            if !self.at_top() {
                self.continue_on_new_page(repeat);
                continue;
            }
            // Taller than a page: fill this one, continue on the next.
            let fit = ((self.space() - 2.0 * style.pad_y) / style.leading)
                .floor()
                .max(1.0) as usize;
            let fit = fit.min(rest);
            self.draw_fragment(cells, from, fit, &style);
            from += fit;
            if from >= n {
                return;
            }
            self.continue_on_new_page(repeat);
        }
    }

    fn continue_on_new_page(&mut self, repeat: Option<&Repeat<'_>>) {
        self.new_page();
        if let Some(h) = repeat {
            self.draw_fragment(h.cells, 0, max_lines(h.cells), &h.style);
            self.page_top = self.y;
        }
    }

    /// Draws lines `from..from + count` of every cell as one band at the cursor.
    fn draw_fragment(&mut self, cells: &[Cell], from: usize, count: usize, style: &RowStyle) {
        let h = style.height(count.max(1));
        let bottom = self.y - h;
        if let (Some(first), Some(last)) = (cells.first(), cells.last()) {
            let (x, w) = (first.x, last.x + last.w - first.x);
            if style.fill.is_some() {
                self.page.ops.push(Op::Rect {
                    x,
                    y: bottom,
                    w,
                    h,
                    fill: style.fill,
                    stroke: None,
                });
            }
            if let Some(bar) = style.bar {
                self.page.ops.push(Op::Rect {
                    x,
                    y: bottom,
                    w: 2.5,
                    h,
                    fill: Some(bar),
                    stroke: None,
                });
            }
        }
        for cell in cells {
            if let (0, Some(e), true) = (from, cell.element, cell.lines.iter().all(|l| l.is_empty())) {
                // An empty cell keeps its place in the table for a screen reader: empty content.
                let role = Role::Content(self.structure.content(e));
                self.page.ops.push(Op::Text {
                    x: cell.text_x,
                    y: self.y - style.pad_y,
                    font: cell.font,
                    size: cell.size,
                    color: cell.color,
                    text: String::new(),
                    role,
                });
            }
            for (i, line) in cell.lines.iter().skip(from).take(count).enumerate() {
                let top = self.y - style.pad_y - i as f32 * style.leading;
                let base = baseline(top, style.leading, cell.size);
                self.text(
                    cell.text_x,
                    base,
                    cell.font,
                    cell.size,
                    cell.color,
                    line.clone(),
                    cell.element,
                );
            }
            if style.grid {
                self.page.ops.push(Op::Rect {
                    x: cell.x,
                    y: bottom,
                    w: cell.w,
                    h,
                    fill: None,
                    stroke: Some(GRID),
                });
            }
        }
        self.y = bottom;
    }

    fn finish(mut self, doc: &Document) -> Laid {
        self.pages.push(std::mem::take(&mut self.page));
        let total = self.pages.len();
        let organisation = clean(&doc.organisation);
        let marking = clean(&doc.marking);
        let marking_w = Font::Bold.text_width(&marking, 9.0).min(CONTENT_W * 0.5);
        let marking = truncate(&marking, Font::Bold, 9.0, marking_w);
        let org = truncate(&organisation, Font::Regular, 9.0, CONTENT_W - marking_w - 12.0);
        let watermark = doc.watermark.as_deref().filter(|w| !w.trim().is_empty());
        let watermark_line = watermark.map(|w| truncate(&clean(w), Font::Regular, 8.0, CONTENT_W));
        for (i, page) in self.pages.iter_mut().enumerate() {
            let mut ops = Vec::with_capacity(page.ops.len() + 12);
            // Header: organisation left, marking right, a rule below.
            ops.push(Op::Text {
                x: LEFT,
                y: HEADER_BASELINE,
                font: Font::Regular,
                size: 9.0,
                color: MUTED,
                text: org.clone(),
                role: Role::Header,
            });
            let mw = Font::Bold.text_width(&marking, 9.0);
            ops.push(Op::Text {
                x: RIGHT - mw,
                y: HEADER_BASELINE,
                font: Font::Bold,
                size: 9.0,
                color: MARKING,
                text: marking.clone(),
                role: Role::Header,
            });
            // The watermark's text, readable and extractable, under the organisation.
            if let Some(line) = &watermark_line {
                ops.push(Op::Text {
                    x: LEFT,
                    y: HEADER_WATERMARK_BASELINE,
                    font: Font::Regular,
                    size: 8.0,
                    color: MUTED,
                    text: line.clone(),
                    role: Role::Header,
                });
            }
            ops.push(Op::Line {
                x1: LEFT,
                y1: HEADER_RULE,
                x2: RIGHT,
                y2: HEADER_RULE,
                width: 0.5,
                color: RULE,
            });
            ops.append(&mut page.ops);
            // Footer: a rule, the footer text left, the page number right.
            ops.push(Op::Line {
                x1: LEFT,
                y1: FOOTER_RULE,
                x2: RIGHT,
                y2: FOOTER_RULE,
                width: 0.5,
                color: RULE,
            });
            let number = format!("Pagina {} van {}", i + 1, total);
            let nw = Font::Regular.text_width(&number, FOOTER_SIZE);
            ops.push(Op::Text {
                x: RIGHT - nw,
                y: FOOTER_BASELINE,
                font: Font::Regular,
                size: FOOTER_SIZE,
                color: MUTED,
                text: number,
                role: Role::PageNumber,
            });
            for (j, line) in footer_lines(&doc.footer, CONTENT_W - nw - 16.0)
                .into_iter()
                .enumerate()
            {
                ops.push(Op::Text {
                    x: LEFT,
                    y: FOOTER_BASELINE - j as f32 * FOOTER_LEADING,
                    font: Font::Regular,
                    size: FOOTER_SIZE,
                    color: MUTED,
                    text: line,
                    role: Role::Footer,
                });
            }
            page.ops = ops;
        }
        Laid {
            pages: self.pages,
            outline: self.outline,
            watermark: watermark.map(watermark_ops).unwrap_or_default(),
            structure: self.structure,
        }
    }
}

/// The baseline of text of `size` centred in a line box of height `leading` whose top is `top`:
/// Noto Sans's capitals (0.714 em) and the descenders of its lower case (about 0.24 em) are centred.
fn baseline(top: f32, leading: f32, size: f32) -> f32 {
    top - (leading - 0.954 * size) / 2.0 - 0.714 * size
}

/// Text on one line, for a heading's title and a bookmark.
fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn max_lines(cells: &[Cell]) -> usize {
    cells.iter().map(|c| c.lines.len()).max().unwrap_or(0).max(1)
}

struct HeadingStyle {
    size: f32,
    leading: f32,
    before: f32,
    after: f32,
}

fn heading_style(level: u8) -> HeadingStyle {
    match level {
        0 | 1 => HeadingStyle {
            size: 14.0,
            leading: 18.0,
            before: 16.0,
            after: 4.0,
        },
        2 => HeadingStyle {
            size: 12.0,
            leading: 16.0,
            before: 11.0,
            after: 3.0,
        },
        _ => HeadingStyle {
            size: 10.5,
            leading: 14.0,
            before: 8.0,
            after: 2.0,
        },
    }
}

/// The height of the first piece of a block that must not be separated from a heading above it.
fn lead_height(block: &Block) -> f32 {
    let cap = (TOP - BOTTOM) / 2.0;
    let h = match block {
        Block::Heading { level, text } => {
            let s = heading_style(*level);
            s.before + wrap_lines(text, Font::Bold, s.size, CONTENT_W).len() as f32 * s.leading
        }
        Block::Paragraph(text) => {
            wrap_lines(text, Font::Regular, BODY, CONTENT_W).len().min(2) as f32 * BODY_LEADING
        }
        Block::KeyValues(pairs) => key_value_rows(&pairs[..pairs.len().min(1)])
            .first()
            .map_or(0.0, |r| KV_STYLE.height(max_lines(r))),
        Block::List(items) => list_rows(&items[..items.len().min(1)])
            .first()
            .map_or(0.0, |r| LIST_STYLE.height(max_lines(r))),
        Block::Notice(text) => NOTICE_STYLE.height(max_lines(&notice_row(text))),
        Block::Table {
            caption,
            headers,
            rows,
            widths,
        } => {
            let t = TableGeometry::new(headers, rows, widths.as_deref());
            let caption = caption
                .as_deref()
                .map_or(0, |c| wrap_lines(c, Font::Bold, BODY, CONTENT_W).len());
            let header = if headers.is_empty() || t.cols == 0 {
                0.0
            } else {
                TABLE_STYLE.height(max_lines(&t.cells(headers, Font::Bold)))
            };
            let first = rows
                .first()
                .map_or(0.0, |r| TABLE_STYLE.height(max_lines(&t.cells(r, Font::Regular))));
            2.0 + caption as f32 * BODY_LEADING + header + first
        }
        Block::PageBreak => 0.0,
    };
    h.min(cap)
}

const KV_STYLE: RowStyle = RowStyle {
    leading: BODY_LEADING,
    pad_y: 1.0,
    fill: None,
    grid: false,
    bar: None,
};
const LIST_STYLE: RowStyle = RowStyle {
    leading: BODY_LEADING,
    pad_y: 1.0,
    fill: None,
    grid: false,
    bar: None,
};
const NOTICE_STYLE: RowStyle = RowStyle {
    leading: BODY_LEADING,
    pad_y: 6.0,
    fill: Some(NOTICE_FILL),
    grid: true,
    bar: Some(HEADING),
};
const TABLE_STYLE: RowStyle = RowStyle {
    leading: TABLE_LEADING,
    pad_y: CELL_PAD_Y,
    fill: None,
    grid: true,
    bar: None,
};

fn key_value_rows(pairs: &[(String, String)]) -> Vec<Vec<Cell>> {
    let widest = pairs
        .iter()
        .map(|(k, _)| Font::Bold.text_width(&clean(k), BODY))
        .fold(0.0, f32::max);
    let label_w = (widest + 14.0).clamp(60.0, CONTENT_W * 0.35);
    pairs
        .iter()
        .map(|(k, v)| {
            vec![
                Cell {
                    x: LEFT,
                    w: label_w,
                    text_x: LEFT,
                    lines: wrap_lines(k, Font::Bold, BODY, label_w - 10.0),
                    font: Font::Bold,
                    size: BODY,
                    color: BLACK,
                    element: None,
                },
                Cell {
                    x: LEFT + label_w,
                    w: CONTENT_W - label_w,
                    text_x: LEFT + label_w,
                    lines: wrap_lines(v, Font::Regular, BODY, CONTENT_W - label_w),
                    font: Font::Regular,
                    size: BODY,
                    color: BLACK,
                    element: None,
                },
            ]
        })
        .collect()
}

fn list_rows(items: &[String]) -> Vec<Vec<Cell>> {
    const INDENT: f32 = 16.0;
    items
        .iter()
        .map(|item| {
            vec![
                Cell {
                    x: LEFT,
                    w: INDENT,
                    text_x: LEFT + 4.0,
                    lines: vec!["•".to_string()],
                    font: Font::Regular,
                    size: BODY,
                    color: BLACK,
                    element: None,
                },
                Cell {
                    x: LEFT + INDENT,
                    w: CONTENT_W - INDENT,
                    text_x: LEFT + INDENT,
                    lines: wrap_lines(item, Font::Regular, BODY, CONTENT_W - INDENT),
                    font: Font::Regular,
                    size: BODY,
                    color: BLACK,
                    element: None,
                },
            ]
        })
        .collect()
}

fn notice_row(text: &str) -> Vec<Cell> {
    const PAD: f32 = 10.0;
    vec![Cell {
        x: LEFT,
        w: CONTENT_W,
        text_x: LEFT + PAD,
        lines: wrap_lines(text, Font::Regular, BODY, CONTENT_W - 2.0 * PAD),
        font: Font::Regular,
        size: BODY,
        color: BLACK,
        element: None,
    }]
}

/// Column positions of one table.
struct TableGeometry {
    cols: usize,
    xs: Vec<f32>,
    ws: Vec<f32>,
}

impl TableGeometry {
    fn new(headers: &[String], rows: &[Vec<String>], widths: Option<&[f32]>) -> Self {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([headers.len()])
            .max()
            .unwrap_or(0);
        // The widest unbreakable word of each column (capped), so that dates and ids stay whole.
        let mins: Vec<f32> = (0..cols)
            .map(|c| {
                let head = longest_word(cell(headers, c), Font::Bold, TABLE_SIZE);
                let body = rows
                    .iter()
                    .map(|r| longest_word(cell(r, c), Font::Regular, TABLE_SIZE));
                (body.fold(head, f32::max) + 2.0 * CELL_PAD_X + 0.5).min(CONTENT_W * 0.3)
            })
            .collect();
        let weights: Vec<f32> = match widths {
            Some(w) => (0..cols)
                .map(|c| {
                    w.get(c)
                        .copied()
                        .filter(|v| v.is_finite() && *v > 0.0)
                        .unwrap_or(1.0)
                })
                .collect(),
            None => (0..cols)
                .map(|c| {
                    let natural = rows
                        .iter()
                        .map(|r| Font::Regular.text_width(&clean(cell(r, c)), TABLE_SIZE))
                        .chain([Font::Bold.text_width(&clean(cell(headers, c)), TABLE_SIZE)])
                        .fold(0.0, f32::max);
                    (natural + 2.0 * CELL_PAD_X).clamp(20.0, CONTENT_W * 0.5)
                })
                .collect(),
        };
        let ws = fit_widths(&weights, &mins, CONTENT_W);
        let mut xs = Vec::with_capacity(cols);
        let mut x = LEFT;
        for w in &ws {
            xs.push(x);
            x += w;
        }
        TableGeometry { cols, xs, ws }
    }

    fn cells(&self, values: &[String], font: Font) -> Vec<Cell> {
        (0..self.cols)
            .map(|c| {
                let text = values.get(c).map(String::as_str).unwrap_or("");
                Cell {
                    x: self.xs[c],
                    w: self.ws[c],
                    text_x: self.xs[c] + CELL_PAD_X,
                    lines: wrap_lines(text, font, TABLE_SIZE, self.ws[c] - 2.0 * CELL_PAD_X),
                    font,
                    size: TABLE_SIZE,
                    color: BLACK,
                    element: None,
                }
            })
            .collect()
    }
}

fn cell(row: &[String], c: usize) -> &str {
    row.get(c).map(String::as_str).unwrap_or("")
}

/// Shares `total` out in proportion to `weights`, but gives every column at least its minimum
/// (taking the difference from the others in proportion). When the minimums alone exceed the total,
/// the largest give way first, down to an equal share; below that all shrink together.
pub(crate) fn fit_widths(weights: &[f32], mins: &[f32], total: f32) -> Vec<f32> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let min_sum: f32 = mins.iter().sum();
    if min_sum >= total {
        let fair = total / n as f32;
        let capped = |cap: f32| mins.iter().map(|m| m.min(cap)).sum::<f32>();
        if capped(fair) > total {
            return mins.iter().map(|m| m.min(fair) * total / capped(fair)).collect();
        }
        // The cap at which the capped minimums fill the width exactly (bisection on a monotone sum).
        let (mut lo, mut hi) = (fair, mins.iter().copied().fold(fair, f32::max));
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if capped(mid) > total {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let widths: Vec<f32> = mins.iter().map(|m| m.min(lo)).collect();
        let sum: f32 = widths.iter().sum();
        return widths.iter().map(|w| w * total / sum).collect();
    }
    let mut fixed = vec![false; n];
    loop {
        let fixed_sum: f32 = (0..n).filter(|&i| fixed[i]).map(|i| mins[i]).sum();
        let free_weight: f32 = (0..n).filter(|&i| !fixed[i]).map(|i| weights[i]).sum();
        let widths: Vec<f32> = (0..n)
            .map(|i| {
                if fixed[i] {
                    mins[i]
                } else {
                    (total - fixed_sum) * weights[i] / free_weight
                }
            })
            .collect();
        let mut changed = false;
        for i in 0..n {
            if !fixed[i] && widths[i] < mins[i] {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
}

/// Cuts text to `width`, ending in '…' when something was cut.
fn truncate(text: &str, font: Font, size: f32, width: f32) -> String {
    if font.text_width(text, size) <= width {
        return text.to_string();
    }
    let ellipsis = font.text_width("…", size);
    let mut out = String::new();
    let mut w = 0.0;
    for ch in text.chars() {
        let cw = font.text_width(ch.encode_utf8(&mut [0; 4]), size);
        if w + cw + ellipsis > width {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

fn footer_lines(footer: &str, width: f32) -> Vec<String> {
    let mut lines = wrap(&clean(footer), Font::Regular, FOOTER_SIZE, width);
    if lines.len() > FOOTER_MAX_LINES {
        let rest = lines.split_off(FOOTER_MAX_LINES - 1).join(" ");
        lines.push(truncate(&rest, Font::Regular, FOOTER_SIZE, width));
    }
    lines
}

/// The watermark: across the page along its diagonal, as large as fits (at most 40 pt); a text too
/// long for one line at 14 pt is wrapped into several parallel lines.
fn watermark_ops(text: &str) -> Vec<Op> {
    const MAX: f32 = 40.0;
    const MIN: f32 = 14.0;
    let line = clean(text);
    // Only +, *, / and sqrt (exactly rounded everywhere), so the line do not depend on the
    // platform's libm.
    let (dx, dy) = (PAGE_W - 2.0 * MARGIN, PAGE_H - 2.0 * MARGIN);
    let length = (dx * dx + dy * dy).sqrt();
    let (cos, sin) = (dx / length, dy / length);
    let diagonal = length * 0.9;
    let at_one = Font::Bold.text_width(&line, 1.0).max(0.001);
    let (size, lines) = if at_one * MIN <= diagonal {
        ((diagonal / at_one).min(MAX), vec![line])
    } else {
        (MIN, wrap(&line, Font::Bold, MIN, diagonal))
    };
    let (cx, cy) = (PAGE_W / 2.0, PAGE_H / 2.0);
    let leading = size * 1.3;
    let n = lines.len() as f32;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let w = Font::Bold.text_width(&line, size);
            // Offset of this line from the centre, perpendicular to the text direction.
            let off = ((n - 1.0) / 2.0 - i as f32) * leading - size * 0.35;
            let x = cx - cos * w / 2.0 - sin * off;
            let y = cy - sin * w / 2.0 + cos * off;
            Op::Watermark {
                x,
                y,
                cos,
                sin,
                size,
                text: line,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_weights_and_respect_minimums() {
        let w = fit_widths(&[1.0, 1.0], &[0.0, 0.0], 100.0);
        assert_eq!(w, vec![50.0, 50.0]);
        let w = fit_widths(&[1.0, 9.0], &[30.0, 0.0], 100.0);
        assert!((w[0] - 30.0).abs() < 1e-3 && (w[1] - 70.0).abs() < 1e-3, "{w:?}");
        let w = fit_widths(&[1.0, 1.0], &[80.0, 80.0], 100.0);
        assert!((w[0] - 50.0).abs() < 1e-3, "{w:?}");
        // Too little room: the widest minimum gives way, the small ones stay whole.
        let w = fit_widths(&[1.0, 1.0, 1.0], &[20.0, 20.0, 200.0], 100.0);
        assert!((w[0] - 20.0).abs() < 1e-2 && (w[2] - 60.0).abs() < 1e-2, "{w:?}");
        // ... but not below an equal share.
        let w = fit_widths(&[1.0, 1.0, 1.0], &[45.0, 45.0, 200.0], 100.0);
        assert!(w.iter().all(|x| (x - 100.0 / 3.0).abs() < 1e-2), "{w:?}");
        let sum: f32 = fit_widths(&[0.6, 0.5, 0.8, 2.4, 1.4, 0.9, 0.9, 0.7], &[20.0; 8], 480.0)
            .iter()
            .sum();
        assert!((sum - 480.0).abs() < 1e-2);
    }

    #[test]
    fn truncation_adds_an_ellipsis_only_when_needed() {
        assert_eq!(truncate("kort", Font::Regular, 9.0, 100.0), "kort");
        let cut = truncate("een heel lange naam van een gemeente", Font::Regular, 9.0, 50.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(Font::Regular.text_width(&cut, 9.0) <= 50.0);
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            title: "T".into(),
            subtitle: None,
            organisation: "Gemeente".into(),
            marking: "VERTROUWELIJK".into(),
            watermark: None,
            footer: "f".into(),
            audit_head: None,
            created: crate::Timestamp::default(),
            blocks,
        }
    }

    fn texts(page: &Page) -> Vec<(f32, String)> {
        page.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { y, text, .. } => Some((*y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn nothing_is_drawn_below_the_bottom_margin_or_above_the_top() {
        let rows: Vec<Vec<String>> = (0..200)
            .map(|i| vec![format!("r{i}"), "x ".repeat(i % 40)])
            .collect();
        let laid = lay_out(&doc(vec![
            Block::Paragraph("woord ".repeat(900)),
            Block::Table {
                caption: None,
                headers: vec!["A".into(), "B".into()],
                rows,
                widths: None,
            },
        ]));
        assert!(laid.pages.len() > 3);
        for page in &laid.pages {
            for (y, t) in texts(page) {
                let furniture =
                    t.starts_with("Pagina") || t == "Gemeente" || t == "VERTROUWELIJK" || t == "f";
                if !furniture {
                    assert!((BOTTOM..=TOP).contains(&y), "{t} at {y}");
                }
            }
        }
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_bottom_of_a_page() {
        // Fill the first page to just above the bottom, then a heading and a paragraph.
        let mut blocks = Vec::new();
        for _ in 0..47 {
            blocks.push(Block::Paragraph("regel".into()));
        }
        blocks.push(Block::Heading {
            level: 1,
            text: "Kop onderaan".into(),
        });
        blocks.push(Block::Paragraph("tekst ".repeat(200)));
        let laid = lay_out(&doc(blocks));
        let page_of = |needle: &str| {
            laid.pages
                .iter()
                .position(|p| texts(p).iter().any(|(_, t)| t == needle))
        };
        let heading = page_of("Kop onderaan").unwrap();
        let body = laid
            .pages
            .iter()
            .position(|p| texts(p).iter().any(|(_, t)| t.starts_with("tekst")))
            .unwrap();
        assert_eq!(heading, body, "the heading moved with its paragraph");
    }

    #[test]
    fn the_structure_reads_in_layout_order_and_repeated_headers_are_artifacts() {
        let rows: Vec<Vec<String>> = (0..80).map(|i| vec![format!("r{i}"), "x".into()]).collect();
        let laid = lay_out(&doc(vec![
            Block::Heading {
                level: 1,
                text: "Kop".into(),
            },
            Block::Paragraph("een twee".into()),
            Block::List(vec!["a".into(), "b".into()]),
            Block::Table {
                caption: Some("Tabel".into()),
                headers: vec!["H1".into(), "H2".into()],
                rows: rows.clone(),
                widths: None,
            },
            Block::KeyValues(vec![("k".into(), "v".into())]),
        ]));
        assert!(laid.pages.len() >= 2);
        let mut text_of = vec![String::new(); laid.structure.contents];
        let mut repeated = Vec::new();
        for page in &laid.pages {
            for op in &page.ops {
                if let Op::Text { text, role, .. } = op {
                    match role {
                        Role::Content(n) => text_of[*n] = text.clone(),
                        Role::Repeated => repeated.push(text.clone()),
                        _ => {}
                    }
                }
            }
        }
        // Depth first through the tree: every piece of content once, in the order it was laid out.
        fn walk(s: &Structure, c: Child, out: &mut Vec<usize>) {
            match c {
                Child::Content(n) => out.push(n),
                Child::Element(e) => s.elements[e].children.iter().for_each(|c| walk(s, *c, out)),
            }
        }
        let mut order = Vec::new();
        for c in &laid.structure.roots {
            walk(&laid.structure, *c, &mut order);
        }
        assert_eq!(order, (0..laid.structure.contents).collect::<Vec<_>>());
        let mut expected: Vec<String> = ["T", "Kop", "een twee", "•", "a", "•", "b", "Tabel", "H1", "H2"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        expected.extend(rows.into_iter().flatten());
        expected.extend(["k".to_string(), "v".to_string()]);
        assert_eq!(text_of, expected);
        // The header row on later pages is drawn, but as an artifact.
        assert_eq!(repeated.len(), 2 * (laid.pages.len() - 1), "{repeated:?}");
        let kinds: Vec<&Kind> = laid
            .structure
            .roots
            .iter()
            .map(|c| match c {
                Child::Element(e) => &laid.structure.elements[*e].kind,
                Child::Content(_) => panic!("content at the top"),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                &Kind::Heading {
                    level: 1,
                    title: "T".into()
                },
                &Kind::Heading {
                    level: 2,
                    title: "Kop".into()
                },
                &Kind::Paragraph,
                &Kind::List,
                &Kind::Table,
                &Kind::Table,
            ]
        );
    }

    #[test]
    fn heading_tags_never_skip_a_level_on_the_way_down() {
        let heading = |level: u8, text: &str| Block::Heading {
            level,
            text: text.into(),
        };
        let laid = lay_out(&doc(vec![
            heading(3, "a"),
            heading(1, "b"),
            heading(3, "c"),
            heading(2, "d"),
            heading(3, "e"),
            heading(1, "f"),
        ]));
        let levels: Vec<u8> = laid
            .structure
            .elements
            .iter()
            .filter_map(|e| match &e.kind {
                Kind::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect();
        // The title, then: 3 -> H2 (not H4), 1 -> H2, 3 -> H3, 2 -> H3, 3 -> H4, 1 -> H2.
        assert_eq!(levels, vec![1, 2, 2, 3, 3, 4, 2]);
        // The bookmarks keep the document's own levels.
        let outline: Vec<u8> = laid.outline.iter().map(|o| o.level).collect();
        assert_eq!(outline, vec![3, 1, 3, 2, 3, 1]);
    }

    #[test]
    fn an_empty_cell_keeps_its_place_in_the_structure() {
        let laid = lay_out(&doc(vec![Block::Table {
            caption: None,
            headers: vec!["A".into(), "".into(), "C".into()],
            rows: vec![
                vec!["1".into(), "".into()],
                vec!["".into(), "2".into(), "3".into()],
            ],
            widths: None,
        }]));
        let cells = laid
            .structure
            .elements
            .iter()
            .filter(|e| matches!(e.kind, Kind::Cell | Kind::HeaderCell { .. }))
            .collect::<Vec<_>>();
        assert_eq!(cells.len(), 9);
        assert!(
            cells.iter().all(|c| c.children.len() == 1),
            "each cell has content"
        );
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_others_move_whole() {
        let tall = "regel\n".repeat(120);
        let laid = lay_out(&doc(vec![Block::Table {
            caption: None,
            headers: vec!["Kop".into()],
            rows: vec![vec!["kort".into()], vec![tall]],
            widths: None,
        }]));
        assert!(laid.pages.len() >= 2);
        for page in &laid.pages {
            assert_eq!(
                texts(page).iter().filter(|(_, t)| t == "Kop").count(),
                1,
                "header on every page"
            );
        }
    }
}
