//! Typed requests: every command input is a Rust type that derives `Deserialize` with
//! `#[serde(deny_unknown_fields)]`, and [`parse`] is the one door from JSON bytes to such a type.
//! Its errors name the JSON path (`cases[3].subject.born`) and what is wrong in words of our own;
//! they never repeat a value that was typed (serde's own messages do, so they are reworded here).
//! Validation beyond shape (BSN 11-test, dates, codes, lengths) stays with the commands and the
//! domain drafts.

use casus_domain::case::CaseDraft;
use casus_domain::limits::JSON_INPUT_MAX_BYTES;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize};
use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::error::AppError;

/// Parses a JSON request into its type, refusing oversized input. A syntax error names line and
/// column; a shape error names the path; neither names content.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    if bytes.len() > JSON_INPUT_MAX_BYTES {
        return Err(AppError::invalid(format!(
            "the input is larger than {} MiB",
            JSON_INPUT_MAX_BYTES / (1024 * 1024)
        )));
    }
    // Syntax first, over the whole input, so that malformed JSON is always reported as such.
    serde_json::from_slice::<IgnoredAny>(bytes).map_err(|e| {
        AppError::invalid(format!(
            "the input is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    // Every request is an object (serde would also read a struct from a list of its fields).
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(AppError::invalid("the input: must be an object"));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = json_path(e.path());
        AppError::invalid(shape_error(&path, e.inner()))
    })
}

/// A text in Unicode NFC, the one form the store keeps: "Ş" typed as S and a combining cedilla is
/// stored as the single letter Ş, so exports, search and comparisons see one spelling. Never
/// changes case.
pub(crate) fn nfc_text(text: String) -> String {
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// Every text value of a form in NFC (see [`nfc_text`]); the form is unchanged when it already is.
/// For the forms that serialise symmetrically (all those with `Serialize` and `Deserialize`).
pub(crate) fn nfc<T: Serialize + DeserializeOwned>(form: T) -> Result<T, AppError> {
    fn walk(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) if !is_nfc(s) => {
                *s = s.nfc().collect();
                true
            }
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |changed, x| walk(x) | changed),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |changed, x| walk(x) | changed),
            _ => false,
        }
    }
    let mut value = serde_json::to_value(&form).map_err(|_| AppError::internal("cannot read the input"))?;
    if !walk(&mut value) {
        return Ok(form);
    }
    serde_json::from_value(value).map_err(|_| AppError::internal("cannot read the input"))
}

/// A case draft's texts (name, address, notes) in NFC (see [`nfc_text`]).
pub(crate) fn nfc_draft(draft: CaseDraft) -> CaseDraft {
    CaseDraft {
        name: nfc_text(draft.name),
        born: draft.born,
        bsn: draft.bsn,
        address: draft.address.map(nfc_text),
        notes: draft.notes.map(nfc_text),
    }
}

/// `cases[3].subject.born` from serde_path_to_error's path.
fn json_path(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&capped(key));
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    out
}

/// A key is schema, not content; still, cap what is echoed.
fn capped(key: &str) -> String {
    key.chars().take(40).collect()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The message of serde's error without serde_json's " at line L column C".
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// The text between the first backtick after `prefix` and the last occurrence of `end`.
fn quoted_after<'a>(message: &'a str, prefix: &str, ends: &[&str]) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    ends.iter()
        .filter_map(|end| rest.rfind(end).map(|i| &rest[..i]))
        .next()
        .or_else(|| rest.strip_suffix('`'))
}

/// Rewords one of serde's messages without the value it may quote.
fn shape_error(path: &str, e: &serde_json::Error) -> String {
    let message = bare_message(e);
    let at = |what: &str| {
        if path.is_empty() {
            format!("the input: {what}")
        } else {
            format!("{path}: {what}")
        }
    };
    if let Some(field) = quoted_after(&message, "missing field `", &[]) {
        return format!("{}: is required", join(path, &capped(field)));
    }
    if let Some(field) = quoted_after(&message, "duplicate field `", &[]) {
        return format!("{}: appears twice", join(path, &capped(field)));
    }
    if let Some(field) = quoted_after(
        &message,
        "unknown field `",
        &["`, expected", "`, there are no fields"],
    ) {
        let field = capped(field);
        // serde_path_to_error's path ends in the unknown key; the error belongs to its object.
        let holder = if path == field {
            ""
        } else {
            path.strip_suffix(&format!(".{field}")).unwrap_or(path)
        };
        let expected = match message.rsplit_once(", expected ") {
            Some((_, list)) => format!(
                "; expected one of {}",
                list.trim_start_matches("one of ")
                    .replace("` or `", "`, `")
                    .replace('`', "")
            ),
            None => String::new(),
        };
        let prefix = if holder.is_empty() {
            String::new()
        } else {
            format!("{holder}: ")
        };
        return format!("{prefix}unknown field \"{field}\"{expected}");
    }
    if message.starts_with("invalid type: ") {
        // "invalid type: string \"Jan\", expected a string": only the expectation (our schema) counts.
        let expected = message.rsplit_once(", expected ").map_or("", |(_, e)| e);
        return at(&expected_wording(expected));
    }
    if message.starts_with("invalid length ") {
        return at("has the wrong number of entries");
    }
    at("has an invalid value")
}

fn expected_wording(expected: &str) -> String {
    match expected {
        "a string" => "must be a string".into(),
        "a boolean" => "must be true or false".into(),
        "a sequence" => "must be a list".into(),
        "a map" => "must be an object".into(),
        e if e.starts_with("struct ") => "must be an object".into(),
        e if e.starts_with('u') || e.starts_with('i') => "must be a whole number".into(),
        _ => "has the wrong type".into(),
    }
}

/// For `Option<Option<T>>` fields where `null` means "remove": absent → `None`, `null` →
/// `Some(None)`, a value → `Some(Some(v))`. Use with `#[serde(default)]`.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A text field's length and emptiness, named by its field.
pub(crate) fn text(field: &str, value: &str, max: usize, required: bool) -> Result<(), AppError> {
    if value.chars().count() > max {
        return Err(AppError::invalid(format!(
            "{field}: is longer than {max} characters"
        )));
    }
    if required && value.trim().is_empty() {
        return Err(AppError::invalid(format!("{field}: is empty")));
    }
    Ok(())
}

/// A code field: at most 64 characters, not empty, and one of the known codes.
pub(crate) fn code<T>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<T, AppError> {
    text(field, value, 64, true)?;
    parse(value).ok_or_else(|| AppError::invalid(format!("{field}: unknown code; use one of {}", codes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
        flag: Option<bool>,
        count: Option<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    fn err(json: &str) -> String {
        parse::<Outer>(json.as_bytes()).unwrap_err().message
    }

    #[test]
    fn errors_name_the_path_and_never_the_value() {
        assert_eq!(
            err(r#"{"items": [{"name": "a"}, {"name": ["Geheim"]}]}"#),
            "items[1].name: must be a string"
        );
        assert_eq!(
            err(r#"{"items": [{"name": "a"}, {}]}"#),
            "items[1].name: is required"
        );
        assert_eq!(err(r#"{"flag": 1}"#), "flag: must be true or false");
        assert_eq!(
            err(r#"{"items": [], "count": -1}"#),
            "count: has an invalid value"
        );
        assert_eq!(err(r#"{"items": "Geheim"}"#), "items: must be a list");
        assert_eq!(err(r#"["Geheim"]"#), "the input: must be an object");
        assert_eq!(
            err(r#"{"items": [{"name": "a", "Geheim": 1}]}"#),
            "items[0]: unknown field \"Geheim\"; expected one of name"
        );
        assert_eq!(
            err(r#"{"items": [], "extra": "Geheim"}"#),
            "unknown field \"extra\"; expected one of items, flag, count"
        );
        let e = err(r#"{"items": [{"name": "a"}], "flag": "Geheime Naam"}"#);
        assert!(!e.contains("Geheim"), "{e}");
        let e = err(r#"{"items": [{"name": "a"}], "count": "Geheime Naam"}"#);
        assert!(!e.contains("Geheim"), "{e}");
    }

    #[test]
    fn malformed_json_names_line_and_column_not_content() {
        let e = err("{\"items\": [{\"name\": \"Geheime Naam\",,}]}");
        assert!(e.contains("not valid JSON (line 1"), "{e}");
        assert!(!e.contains("Geheim"), "{e}");
        // A syntax error after a shape error is still reported as a syntax error.
        assert!(err(r#"{"flag": 1, "#).contains("not valid JSON"));
    }

    #[test]
    fn oversized_input_is_refused_unread() {
        let big = vec![b' '; JSON_INPUT_MAX_BYTES + 1];
        assert!(parse::<Outer>(&big).unwrap_err().message.contains("larger than"));
    }
}
