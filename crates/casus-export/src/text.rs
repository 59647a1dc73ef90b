//! Text for the PDF: Unicode cleaned for drawing (NFC, one kind of space, no invisible or control
//! characters) and greedy word-wrap with the embedded font's advance widths.

use unicode_normalization::UnicodeNormalization;

use crate::font::Font;

/// Prepares one line of text for drawing: Unicode NFC (so "e" + U+0308 is the one letter "ë" the
/// font has), tabs, line breaks and typographic spaces become a plain space, and characters that
/// draw nothing (soft hyphen, zero-width space and joiners, byte-order mark, other control
/// characters) are dropped. Every other character is kept exactly: the PDF export refuses a
/// character the font lacks rather than replacing it. Letters are never changed in case.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.nfc() {
        match ch {
            '\t' | '\n' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Greedy word-wrap of one line of cleaned text (no line breaks inside) to `width` points.
///
/// Runs of spaces collapse to one. A word wider than the whole line is broken after its last '-' or
/// '/' that fits, else between characters. Empty text gives no lines.
pub fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let space = font.text_width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0f32;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        let mut word_w = font.text_width(word, size);
        loop {
            let needed = if line.is_empty() {
                word_w
            } else {
                line_w + space + word_w
            };
            if needed <= width + 1e-3 {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w = needed;
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
                continue;
            }
            // The word alone is wider than the line: break it.
            let cut = break_point(word, font, size, width);
            lines.push(word[..cut].to_string());
            word = &word[cut..];
            word_w = font.text_width(word, size);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where (a byte offset) to cut a word that does not fit `width`: after the last '-' or '/' that
/// fits, else after the last character that fits; always at least one character so wrapping makes
/// progress.
fn break_point(word: &str, font: Font, size: f32, width: f32) -> usize {
    let mut w = 0.0;
    let mut fits = 0;
    let mut soft = None;
    for (i, ch) in word.char_indices() {
        w += font.text_width(ch.encode_utf8(&mut [0; 4]), size);
        if w > width + 1e-3 {
            break;
        }
        let end = i + ch.len_utf8();
        fits = end;
        if (ch == '-' || ch == '/') && end < word.len() {
            soft = Some(end);
        }
    }
    let first = word.chars().next().map_or(0, char::len_utf8);
    soft.unwrap_or(fits).max(first)
}

/// Wraps text that may hold '\n' line breaks; an empty line between two breaks stays an empty line.
pub fn wrap_lines(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for piece in text.split('\n') {
        let wrapped = wrap(&clean(piece), font, size, width);
        if wrapped.is_empty() {
            out.push(String::new());
        } else {
            out.extend(wrapped);
        }
    }
    // A trailing line break adds nothing visible.
    while out.len() > 1 && out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Width of the widest unbreakable word (used as a column's minimum width).
pub fn longest_word(text: &str, font: Font, size: f32) -> f32 {
    clean(text)
        .split(' ')
        .map(|w| font.text_width(w, size))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_dutch_letters_stay_exactly_as_typed() {
        for name in [
            "Şükrü Yılmaz-Çelik",
            "İsmail Ağaoğlu",
            "Łukasz Wąs",
            "één café coördinator ĳs Ĳssel",
            "ʿAbd al-Ḥaṣan Ṣāliḥ",
        ] {
            assert_eq!(clean(name), name);
        }
        // Never upper-cased, never folded: i and ı, İ and I stay apart.
        assert_eq!(clean("ı i İ I"), "ı i İ I");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(clean("e\u{308}e\u{301}n"), "ëén");
        assert_eq!(clean("S\u{327}u\u{308}kru\u{308}"), "Şükrü");
        // No precomposed letter: the mark stays, after its letter.
        assert_eq!(clean("z\u{308}"), "z\u{308}");
    }

    #[test]
    fn spaces_are_plain_and_invisible_characters_are_dropped() {
        assert_eq!(clean("a\u{2011}b\u{202F}c\td"), "a\u{2011}b c d");
        assert_eq!(clean("soft\u{AD}hyphen\u{200B}\u{FEFF}"), "softhyphen");
        assert_eq!(clean("a\u{0}\u{7}\r\u{85}b"), "ab");
    }

    #[test]
    fn wrap_respects_the_width_and_keeps_every_word() {
        let text = "De gemeente coördineert de persoonsgerichte aanpak en bewaakt de afspraken \
                    die in het casusoverleg zijn gemaakt met Şükrü Yılmaz-Çelik samen.";
        for width in [40.0, 80.0, 150.0, 300.0, 1000.0] {
            let lines = wrap(text, Font::Regular, 10.0, width);
            for l in &lines {
                assert!(Font::Regular.text_width(l, 10.0) <= width + 1e-3 || !l.contains(' '));
            }
            let joined = lines.join(" ");
            if width >= 150.0 {
                assert_eq!(joined, text, "width {width}");
            } else {
                assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "width {width}");
            }
        }
    }

    #[test]
    fn a_long_word_breaks_after_a_hyphen_or_between_letters() {
        let lines = wrap("aaaa-bbbbbbbbbb", Font::Regular, 10.0, 60.0);
        assert_eq!(lines[0], "aaaa-");
        let lines = wrap("ŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁ", Font::Regular, 10.0, 25.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "ŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁ");
        // Even a width smaller than one glyph makes progress, and never splits a character.
        assert_eq!(wrap("ŞŞ", Font::Regular, 10.0, 1.0), vec!["Ş", "Ş"]);
    }

    #[test]
    fn line_breaks_are_kept_and_spaces_collapse() {
        let lines = wrap_lines("a  b\n\nc\n", Font::Regular, 10.0, 500.0);
        assert_eq!(lines, vec!["a b".to_string(), String::new(), "c".to_string()]);
        assert_eq!(wrap_lines("", Font::Regular, 10.0, 500.0), vec![String::new()]);
    }
}
