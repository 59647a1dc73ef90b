//! The embedded font, Noto Sans Regular and Bold (SIL Open Font License 1.1, see
//! `fonts/README.md`): its glyphs and advance widths, read with skrifa, so that the layout measures
//! text with exactly the widths the PDF draws it with.

use std::sync::OnceLock;

use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// One of the two faces this crate uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Font {
    Regular,
    Bold,
}

/// A face's character map and advance widths, parsed once.
struct Face {
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    /// 1 / units per em, to turn font units into em.
    per_unit: f32,
}

impl Face {
    fn parse(data: &'static [u8]) -> Face {
        // The files are part of the crate and checked by the tests; a broken one is a build defect.
        let font = FontRef::new(data).expect("the embedded Noto Sans font parses");
        let upem = font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em;
        Face {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            per_unit: 1.0 / f32::from(upem.max(1)),
        }
    }
}

/// A glyph of the font: its id and its advance width in em.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Glyph {
    pub id: u32,
    pub advance: f32,
}

impl Font {
    /// The font file, for embedding.
    pub(crate) fn data(self) -> &'static [u8] {
        match self {
            Font::Regular => REGULAR,
            Font::Bold => BOLD,
        }
    }

    fn face(self) -> &'static Face {
        static FACES: OnceLock<[Face; 2]> = OnceLock::new();
        let faces = FACES.get_or_init(|| [Face::parse(REGULAR), Face::parse(BOLD)]);
        match self {
            Font::Regular => &faces[0],
            Font::Bold => &faces[1],
        }
    }

    /// The glyph for a character, or `None` when the font lacks it.
    pub(crate) fn glyph(self, ch: char) -> Option<Glyph> {
        let face = self.face();
        let id = face.charmap.map(ch)?;
        if id.to_u32() == 0 {
            return None;
        }
        let advance = face.metrics.advance_width(id).unwrap_or(0.0) * face.per_unit;
        Some(Glyph {
            id: id.to_u32(),
            advance,
        })
    }

    /// Width of a text at `size` points. A character the font lacks counts as half an em (the PDF
    /// export refuses such text anyway, see [`crate::PdfError::MissingGlyph`]).
    pub(crate) fn text_width(self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.glyph(c).map_or(0.5, |g| g.advance))
            .sum::<f32>()
            * size
    }

    /// The first character of `text` that this font has no glyph for.
    #[cfg(test)]
    pub(crate) fn first_missing(self, text: &str) -> Option<char> {
        text.chars().find(|&c| self.glyph(c).is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_the_letters_of_the_names_in_the_issue() {
        for font in [Font::Regular, Font::Bold] {
            for text in [
                "Şükrü Yılmaz-Çelik",
                "İsmail Ağaoğlu",
                "Łukasz Wąs",
                "ʿ ḥ ṣ ā ĳ Ĳ € … • – — “ ” ‘ ’ ë é ï ö ü",
            ] {
                assert_eq!(font.first_missing(text), None, "{font:?}: {text}");
            }
            for lacking in ['日', '本', '\u{1F600}', '\u{E000}'] {
                assert!(font.glyph(lacking).is_none(), "{font:?} has {lacking}");
            }
        }
    }

    #[test]
    fn widths_come_from_the_font_and_bold_is_wider() {
        let regular = Font::Regular.text_width("Casusoverleg", 10.0);
        let bold = Font::Bold.text_width("Casusoverleg", 10.0);
        assert!(regular > 40.0 && regular < 80.0, "{regular}");
        assert!(bold > regular, "{bold} <= {regular}");
        assert_eq!(Font::Regular.text_width("", 10.0), 0.0);
        // A space is narrower than an 'm'.
        assert!(Font::Regular.text_width(" ", 10.0) < Font::Regular.text_width("m", 10.0));
    }
}
