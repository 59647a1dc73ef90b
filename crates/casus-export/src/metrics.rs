//! Glyph widths of the standard-14 fonts Helvetica and Helvetica-Bold, in 1/1000 em, for the byte
//! codes of WinAnsiEncoding (Windows code page 1252) from 32 to 255.
//!
//! These are the published Adobe Font Metrics (AFM) advance widths (`WX`) of the Core 14 fonts, typed
//! in as data. Helvetica-Oblique has the same widths as Helvetica. The five codes that WinAnsi leaves
//! undefined (129, 141, 143, 144, 157) and DEL (127) hold 0 here: [`crate::text::encode`] never
//! produces them.

/// One of the three standard-14 fonts this crate uses (no embedding needed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Font {
    Regular,
    Bold,
    Oblique,
}

impl Font {
    /// The resource name in the page's font dictionary.
    pub(crate) fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Oblique => "F3",
        }
    }

    /// The PostScript name of the standard-14 font.
    pub(crate) fn base_font(self) -> &'static str {
        match self {
            Font::Regular => "Helvetica",
            Font::Bold => "Helvetica-Bold",
            Font::Oblique => "Helvetica-Oblique",
        }
    }

    pub(crate) const ALL: [Font; 3] = [Font::Regular, Font::Bold, Font::Oblique];

    /// Advance width of one WinAnsi byte, in 1/1000 em.
    pub fn width(self, byte: u8) -> u16 {
        if byte < 32 {
            return 0;
        }
        let table = match self {
            Font::Regular | Font::Oblique => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        };
        table[usize::from(byte - 32)]
    }

    /// Width of WinAnsi-encoded text at `size` points, in points.
    pub fn text_width(self, bytes: &[u8], size: f32) -> f32 {
        let units: u32 = bytes.iter().map(|&b| u32::from(self.width(b))).sum();
        units as f32 * size / 1000.0
    }
}

/// Helvetica (and Helvetica-Oblique), codes 32..=255, sixteen per row.
#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
    // 0x20  space ! " # $ % & ' ( ) * + , - . /
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30  0-9 : ; < = > ?
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 0x40  @ A-O
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    // 0x50  P-Z [ \ ] ^ _
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 0x60  ` a-o
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    // 0x70  p-z { | } ~ DEL
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    // 0x80  € - ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ - Ž -
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    // 0x90  - ‘ ’ “ ” • – — ˜ ™ š › œ - ž Ÿ
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    // 0xA0  nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ shy ® ¯
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xB0  ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0  À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xD0  Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0  à á â ã ä å æ ç è é ê ë ì í î ï
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xF0  ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold, codes 32..=255, sixteen per row.
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 224] = [
    // 0x20  space ! " # $ % & ' ( ) * + , - . /
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30  0-9 : ; < = > ?
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    // 0x40  @ A-O
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    // 0x50  P-Z [ \ ] ^ _
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    // 0x60  ` a-o
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    // 0x70  p-z { | } ~ DEL
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    // 0x80  € - ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ - Ž -
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    // 0x90  - ‘ ’ “ ” • – — ˜ ™ š › œ - ž Ÿ
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    // 0xA0  nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ shy ® ¯
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xB0  ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0  À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xD0  Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0  à á â ã ä å æ ç è é ê ë ì í î ï
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xF0  ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_widths() {
        assert_eq!(Font::Regular.width(b' '), 278);
        assert_eq!(Font::Regular.width(b'@'), 1015);
        assert_eq!(Font::Regular.width(b'i'), 222);
        assert_eq!(Font::Regular.width(b'W'), 944);
        assert_eq!(Font::Regular.width(0xEB), 556); // ë
        assert_eq!(Font::Regular.width(0xE7), 500); // ç
        assert_eq!(Font::Bold.width(b'@'), 975);
        assert_eq!(Font::Bold.width(b'i'), 278);
        assert_eq!(Font::Bold.width(0xE7), 556); // ç
        assert_eq!(Font::Bold.width(0xC4), 722); // Ä
        assert_eq!(Font::Oblique.width(b'm'), Font::Regular.width(b'm'));
    }

    #[test]
    fn every_defined_code_has_a_width_and_only_undefined_codes_are_zero() {
        for font in Font::ALL {
            for b in 32u8..=255 {
                let undefined = matches!(b, 127 | 129 | 141 | 143 | 144 | 157);
                assert_eq!(font.width(b) == 0, undefined, "{font:?} code {b}");
            }
        }
    }

    #[test]
    fn helvetica_string_width() {
        // "Helvetica" = H722 e556 l222 v500 e556 t278 i222 c500 a556 = 4112
        assert!((Font::Regular.text_width(b"Helvetica", 10.0) - 41.12).abs() < 1e-3);
    }
}
