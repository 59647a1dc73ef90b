//! The laid-out pages as a PDF, written by krilla: Noto Sans embedded as a subset, the tag tree from
//! the layout's structure (page furniture and decoration as artifacts), bookmarks for the headings,
//! and the metadata. krilla validates the file against PDF/A-2a and PDF/UA-1 and refuses to write
//! one that breaks them. The output depends only on the input: the date comes from the caller.

use std::num::NonZeroU16;
use std::sync::OnceLock;

use krilla::color::{luma, rgb};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Paint, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::SerializeSettings;

use crate::font::Font;
use crate::layout::{Child, Color, Kind, Laid, Op, OutlineEntry, Role, Structure, PAGE_H, PAGE_W, WATERMARK};
use crate::{Document, PdfError, Timestamp};

/// Opacity of the watermark, so that it never hides the text beneath it.
const WATERMARK_ALPHA: f32 = 0.22;
/// The title in the metadata when the document has none (PDF/UA requires one).
const UNTITLED: &str = "Document zonder titel";

/// The krilla font for a face, parsed once.
fn krilla_font(font: Font) -> krilla::text::Font {
    static FONTS: OnceLock<[krilla::text::Font; 2]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let load =
            |f: Font| krilla::text::Font::new(f.data().into(), 0).expect("the embedded Noto Sans font loads");
        [load(Font::Regular), load(Font::Bold)]
    });
    match font {
        Font::Regular => fonts[0].clone(),
        Font::Bold => fonts[1].clone(),
    }
}

/// Writes the laid-out document. `audit_head`, when given, is the Info entry `/Keywords` (and
/// `pdf:Keywords` in the XMP metadata), plain ASCII, where `casus audit verify --witness` reads it.
pub fn write(doc: &Document, audit_head: Option<&str>, laid: &Laid) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf17)
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Invalid(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        compress_content_streams: true,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let mut ids: Vec<Option<Identifier>> = vec![None; laid.structure.contents];

    let watermark = prepare_watermark(&laid.watermark)?;
    for page in &laid.pages {
        // Check every text before anything is drawn for it.
        let texts = page
            .ops
            .iter()
            .map(|op| match op {
                Op::Text { font, text, .. } => glyphs(*font, text).map(Some),
                _ => Ok(None),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid page size");
        let mut p = pdf.start_page_with(settings);
        let mut surface = p.surface();
        for (op, glyphs) in page.ops.iter().zip(texts) {
            draw(&mut surface, op, glyphs, &mut ids);
        }
        draw_watermark(&mut surface, &watermark);
        surface.finish();
        p.finish();
    }

    let mut tree = TagTree::new().with_lang(Some("nl".into()));
    for child in &laid.structure.roots {
        if let Some(node) = tag_node(&laid.structure, *child, &mut ids) {
            tree.push(node);
        }
    }
    pdf.set_tag_tree(tree);
    let title = doc.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = if title.is_empty() { UNTITLED.into() } else { title };
    // PDF/UA asks for bookmarks: the headings, or else the title alone.
    if laid.outline.is_empty() {
        let only = OutlineEntry {
            level: 1,
            title: title.clone(),
            page: 0,
            y: PAGE_H,
        };
        pdf.set_outline(outline(&[only]));
    } else {
        pdf.set_outline(outline(&laid.outline));
    }
    let mut metadata = Metadata::new()
        .title(title)
        .language("nl".into())
        .producer("Casusoverleg".into())
        .creation_date(date(doc.created));
    if let Some(head) = audit_head {
        metadata = metadata.keywords(vec![head.to_string()]);
    }
    pdf.set_metadata(metadata);
    pdf.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) => {
            // A missing glyph is caught before drawing; this is the safety net.
            for (error, _) in &errors {
                if let krilla::configure::ValidationError::ContainsNotDefGlyph(_, _, text) = error {
                    if let Some(ch) = text.chars().next() {
                        return PdfError::MissingGlyph { ch };
                    }
                }
            }
            PdfError::Invalid(format!("{errors:?}"))
        }
        other => PdfError::Invalid(other.to_string()),
    })
}

/// The glyphs of a text, one per character (the layout measured it the same way), each mapped
/// back to its character for text extraction.
fn glyphs(font: Font, text: &str) -> Result<Vec<KrillaGlyph>, PdfError> {
    text.char_indices()
        .map(|(i, ch)| {
            let g = font.glyph(ch).ok_or(PdfError::MissingGlyph { ch })?;
            Ok(KrillaGlyph::new(
                GlyphId::new(g.id),
                g.advance,
                0.0,
                0.0,
                0.0,
                i..i + ch.len_utf8(),
                None,
            ))
        })
        .collect()
}

fn paint(c: Color) -> Paint {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    match c {
        Color::Gray(g) => luma::Color::new(byte(g)).into(),
        Color::Rgb(r, g, b) => rgb::Color::new(byte(r), byte(g), byte(b)).into(),
    }
}

fn fill(c: Color) -> Fill {
    Fill {
        paint: paint(c),
        ..Fill::default()
    }
}

/// krilla's y axis points down from the top of the page; the layout's points up from the bottom.
fn flip(y: f32) -> f32 {
    PAGE_H - y
}

fn artifact(kind: ArtifactType) -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::with_kind(kind))
}

fn draw(
    surface: &mut Surface<'_>,
    op: &Op,
    glyphs: Option<Vec<KrillaGlyph>>,
    ids: &mut [Option<Identifier>],
) {
    match op {
        Op::Text {
            x,
            y,
            font,
            size,
            color,
            text,
            role,
        } => {
            let Some(glyphs) = glyphs else { return };
            let tag = match role {
                Role::Content(_) => ContentTag::Span(SpanTag::empty()),
                Role::Header => artifact(ArtifactType::Header),
                Role::Footer => artifact(ArtifactType::Footer),
                Role::PageNumber => artifact(ArtifactType::PageNumber),
                Role::Repeated => artifact(ArtifactType::PaginationOther),
            };
            let id = surface.start_tagged(tag);
            // An empty table cell is marked content with nothing drawn.
            if !glyphs.is_empty() {
                surface.set_fill(Some(fill(*color)));
                surface.draw_glyphs(
                    Point::from_xy(*x, flip(*y)),
                    &glyphs,
                    krilla_font(*font),
                    text,
                    *size,
                    false,
                );
            }
            surface.end_tagged();
            if let Role::Content(n) = role {
                if let Some(slot) = ids.get_mut(*n) {
                    *slot = Some(id);
                }
            }
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, flip(*y1));
            pb.line_to(*x2, flip(*y2));
            if let Some(path) = pb.finish() {
                surface.start_tagged(artifact(ArtifactType::Layout));
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: paint(*color),
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
                surface.end_tagged();
            }
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            fill: f,
            stroke,
        } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, flip(*y + *h), *w, *h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.start_tagged(artifact(ArtifactType::Layout));
                surface.set_fill(f.map(fill));
                surface.set_stroke(stroke.map(|c| Stroke {
                    paint: paint(c),
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
                surface.end_tagged();
            }
        }
        // Drawn once per page by `draw_watermark`.
        Op::Watermark { .. } => {}
    }
}

/// A watermark line with its glyphs: (x, y, cos, sin, size, glyphs, text).
type WatermarkLine<'a> = (f32, f32, f32, f32, f32, Vec<KrillaGlyph>, &'a str);

fn prepare_watermark(ops: &[Op]) -> Result<Vec<WatermarkLine<'_>>, PdfError> {
    ops.iter()
        .filter_map(|op| match op {
            Op::Watermark {
                x,
                y,
                cos,
                sin,
                size,
                text,
            } => Some(glyphs(Font::Bold, text).map(|g| (*x, *y, *cos, *sin, *size, g, text.as_str()))),
            _ => None,
        })
        .collect()
}

/// The watermark, translucent along the diagonal, drawn as glyph outlines: it is seen but it is
/// not text, so text extraction and screen readers get only the plain copy in the header.
fn draw_watermark(surface: &mut Surface<'_>, lines: &[WatermarkLine<'_>]) {
    if lines.is_empty() {
        return;
    }
    surface.start_tagged(artifact(ArtifactType::Watermark));
    surface.push_opacity(NormalizedF32::new(WATERMARK_ALPHA).unwrap_or(NormalizedF32::ONE));
    surface.set_fill(Some(fill(WATERMARK)));
    surface.set_stroke(None);
    for (x, y, cos, sin, size, glyphs, text) in lines {
        // Turn the text counter-clockwise around its start (krilla's y axis points down).
        surface.push_transform(&Transform::from_row(*cos, -*sin, *sin, *cos, *x, flip(*y)));
        surface.draw_glyphs(
            Point::from_xy(0.0, 0.0),
            glyphs,
            krilla_font(Font::Bold),
            text,
            *size,
            true,
        );
        surface.pop();
    }
    surface.pop();
    surface.end_tagged();
}

/// The tag tree node of a structure element (or a piece of its content).
fn tag_node(structure: &Structure, child: Child, ids: &mut [Option<Identifier>]) -> Option<Node> {
    match child {
        Child::Content(n) => ids.get_mut(n).and_then(Option::take).map(Node::from),
        Child::Element(e) => {
            let element = &structure.elements[e];
            let children: Vec<Node> = element
                .children
                .iter()
                .filter_map(|c| tag_node(structure, *c, ids))
                .collect();
            if children.is_empty() {
                return None;
            }
            Some(TagGroup::with_children(tag_kind(&element.kind), children).into())
        }
    }
}

fn tag_kind(kind: &Kind) -> TagKind {
    match kind {
        Kind::Heading { level, title } => Tag::Hn(
            NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Kind::Paragraph => Tag::P.into(),
        Kind::List => Tag::L(ListNumbering::Disc).into(),
        Kind::ListItem => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::ListBody => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Caption => Tag::Caption.into(),
        Kind::TableHead => Tag::THead.into(),
        Kind::TableBody => Tag::TBody.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell { row } => Tag::TH(if *row {
            TableHeaderScope::Row
        } else {
            TableHeaderScope::Column
        })
        .into(),
        Kind::Cell => Tag::TD.into(),
    }
}

/// The bookmarks: headings nest by level.
fn outline(entries: &[OutlineEntry]) -> Outline {
    let n = entries.len();
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
    fn node(i: usize, entries: &[OutlineEntry], parent: &[Option<usize>]) -> OutlineNode {
        let e = &entries[i];
        let dest = XyzDestination::new(e.page, Point::from_xy(0.0, flip(e.y + 4.0).max(0.0)));
        let mut out = OutlineNode::new(e.title.clone(), dest);
        for child in (0..entries.len()).filter(|&c| parent[c] == Some(i)) {
            out.push_child(node(child, entries, parent));
        }
        out
    }
    let mut outline = Outline::new();
    for top in (0..n).filter(|&i| parent[i].is_none()) {
        outline.push_child(node(top, entries, &parent));
    }
    outline
}

fn date(t: Timestamp) -> DateTime {
    DateTime::new(t.year)
        .month(t.month)
        .day(t.day)
        .hour(t.hour)
        .minute(t.minute)
        .second(t.second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}
