//! Text for the PDF: Unicode → WinAnsi (CP1252) bytes, and greedy word-wrap with the AFM widths.

use crate::metrics::Font;

/// Encodes text as WinAnsi bytes for the standard-14 fonts.
///
/// Dutch letters survive (ë é ï ö ü, and the ligature ĳ becomes "ij"); typographic dashes and spaces
/// that WinAnsi lacks fall back to their plain forms; a decomposed accent (e + U+0308) is composed
/// where Latin-1 has the letter. Everything else outside WinAnsi becomes '?'. Line breaks and tabs
/// become spaces: callers split lines before encoding.
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            ' '..='~' => out.push(ch as u8),
            '\u{A0}'..='\u{FF}' if ch != '\u{AD}' => out.push(ch as u8),
            '\t' | '\n' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(b' '),
            // Soft hyphen, zero-width space and joiners, BOM, carriage return: invisible, dropped.
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => {}
            '\u{133}' => out.extend_from_slice(b"ij"),
            '\u{132}' => out.extend_from_slice(b"IJ"),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => out.push(b'-'),
            '\u{300}'..='\u{36F}' => compose_last(&mut out, ch),
            _ => out.push(winansi_high(ch).unwrap_or(b'?')),
        }
    }
    out
}

/// The WinAnsi code (0x80..=0x9F) of the characters that CP1252 puts where Latin-1 has controls.
fn winansi_high(ch: char) -> Option<u8> {
    Some(match ch {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Replaces the last byte by its accented form when a combining mark follows a base letter that
/// Latin-1 has with that accent; otherwise drops the mark (the base letter stays readable).
fn compose_last(out: &mut [u8], mark: char) {
    let (bases, composed): (&[u8], &str) = match mark {
        '\u{300}' => (b"AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        '\u{301}' => (b"AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
        '\u{302}' => (b"AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
        '\u{303}' => (b"ANOano", "ÃÑÕãñõ"),
        '\u{308}' => (b"AEIOUaeiouy", "ÄËÏÖÜäëïöüÿ"),
        '\u{327}' => (b"Cc", "Çç"),
        _ => return,
    };
    if let Some(last) = out.last_mut() {
        if let Some(i) = bases.iter().position(|b| b == last) {
            if let Some(c) = composed.chars().nth(i) {
                *last = c as u8;
            }
        }
    }
}

/// Greedy word-wrap of one line of encoded text (no line breaks inside) to `width` points.
///
/// Runs of spaces collapse to one. A word wider than the whole line is broken after its last '-' or
/// '/' that fits, else between characters. Empty text gives no lines.
pub fn wrap(text: &[u8], font: Font, size: f32, width: f32) -> Vec<Vec<u8>> {
    let space = font.text_width(b" ", size);
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut line_w = 0.0f32;
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
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
                    line.push(b' ');
                }
                line.extend_from_slice(word);
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
            lines.push(word[..cut].to_vec());
            word = &word[cut..];
            word_w = font.text_width(word, size);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where to cut a word that does not fit `width`: after the last '-' or '/' that fits, else after the
/// last character that fits; always at least one byte so wrapping makes progress.
fn break_point(word: &[u8], font: Font, size: f32, width: f32) -> usize {
    let mut w = 0.0;
    let mut fits = 0;
    let mut soft = None;
    for (i, &b) in word.iter().enumerate() {
        w += font.text_width(&[b], size);
        if w > width + 1e-3 {
            break;
        }
        fits = i + 1;
        if (b == b'-' || b == b'/') && i + 1 < word.len() {
            soft = Some(i + 1);
        }
    }
    soft.unwrap_or(fits).max(1)
}

/// Wraps text that may hold '\n' line breaks; an empty line between two breaks stays an empty line.
pub fn wrap_lines(text: &str, font: Font, size: f32, width: f32) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for piece in text.split('\n') {
        let wrapped = wrap(&encode(piece), font, size, width);
        if wrapped.is_empty() {
            out.push(Vec::new());
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
    encode(text)
        .split(|&b| b == b' ')
        .map(|w| font.text_width(w, size))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_letters_survive_and_ij_becomes_two_letters() {
        assert_eq!(
            encode("één café coördinator ĳs"),
            b"\xe9\xe9n caf\xe9 co\xf6rdinator ijs".to_vec()
        );
        assert_eq!(encode("Ĳssel"), b"IJssel".to_vec());
        assert_eq!(encode("ë ï ü ö á"), b"\xeb \xef \xfc \xf6 \xe1".to_vec());
    }

    #[test]
    fn winansi_specials_and_fallbacks() {
        assert_eq!(
            encode("€ – — … • ‘x’ “y”"),
            b"\x80 \x96 \x97 \x85 \x95 \x91x\x92 \x93y\x94".to_vec()
        );
        assert_eq!(encode("2 × 3 · 4"), b"2 \xd7 3 \xb7 4".to_vec());
        assert_eq!(encode("a\u{2011}b\u{202F}c"), b"a-b c".to_vec());
        assert_eq!(encode("soft\u{AD}hyphen\u{200B}"), b"softhyphen".to_vec());
    }

    #[test]
    fn outside_winansi_becomes_a_question_mark() {
        assert_eq!(encode("ł→€≤"), b"??\x80?".to_vec());
        assert_eq!(encode("日本"), b"??".to_vec());
        assert_eq!(encode("\u{1F600}"), b"?".to_vec());
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(encode("e\u{308}e\u{301}n"), b"\xeb\xe9n".to_vec());
        // No Latin-1 letter for this pair: the mark is dropped, the letter stays.
        assert_eq!(encode("z\u{308}"), b"z".to_vec());
        assert_eq!(encode("\u{308}"), b"".to_vec());
    }

    #[test]
    fn wrap_respects_the_width_and_keeps_every_word() {
        let text = "De gemeente coördineert de persoonsgerichte aanpak en bewaakt de afspraken \
                    die in het casusoverleg zijn gemaakt met alle ketenpartners samen.";
        for width in [40.0, 80.0, 150.0, 300.0, 1000.0] {
            let lines = wrap(&encode(text), Font::Regular, 10.0, width);
            for l in &lines {
                assert!(Font::Regular.text_width(l, 10.0) <= width + 1e-3 || !l.contains(&b' '));
            }
            let joined: Vec<u8> = lines.join(&b' ');
            let words: Vec<&[u8]> = joined.split(|&b| b == b' ').collect();
            if width >= 150.0 {
                assert_eq!(joined, encode(text), "width {width}");
            } else {
                assert!(!words.is_empty());
            }
        }
    }

    #[test]
    fn a_long_word_breaks_after_a_hyphen_or_between_letters() {
        let lines = wrap(b"aaaa-bbbbbbbbbb", Font::Regular, 10.0, 60.0);
        assert_eq!(lines[0], b"aaaa-".to_vec());
        let lines = wrap(b"mmmmmmmmmmmmmmmmmmmm", Font::Regular, 10.0, 25.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), b"mmmmmmmmmmmmmmmmmmmm".to_vec());
        // Even a width smaller than one glyph makes progress.
        assert_eq!(wrap(b"WW", Font::Regular, 10.0, 1.0).len(), 2);
    }

    #[test]
    fn line_breaks_are_kept_and_spaces_collapse() {
        let lines = wrap_lines("a  b\n\nc\n", Font::Regular, 10.0, 500.0);
        assert_eq!(lines, vec![b"a b".to_vec(), Vec::new(), b"c".to_vec()]);
        assert_eq!(wrap_lines("", Font::Regular, 10.0, 500.0), vec![Vec::<u8>::new()]);
    }
}
