//! Parsing what people and scripts send: JSON read loosely into `serde_json::Value`, then walked by
//! hand into domain drafts so every error names its exact path (`cases[3].subject.born`), unknown
//! fields are refused, and no error ever repeats a value that was typed.

use casus_domain::case::CaseDraft;
use casus_domain::limits::JSON_INPUT_MAX_BYTES;
use serde_json::{Map, Value};

use crate::error::AppError;

/// Parses a JSON document, refusing oversized input. The error names line and column, never content.
pub fn parse_json(bytes: &[u8]) -> Result<Value, AppError> {
    if bytes.len() > JSON_INPUT_MAX_BYTES {
        return Err(AppError::invalid(format!(
            "the input is larger than {} MiB",
            JSON_INPUT_MAX_BYTES / (1024 * 1024)
        )));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        AppError::invalid(format!(
            "the input is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })
}

fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, AppError> {
    value
        .as_object()
        .ok_or_else(|| AppError::invalid(format!("{path}: must be an object")))
}

fn refuse_unknown(map: &Map<String, Value>, path: &str, known: &[&str]) -> Result<(), AppError> {
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            // A key is schema, not content; still, cap what is echoed.
            let shown: String = key.chars().take(40).collect();
            let at = if path.is_empty() {
                String::new()
            } else {
                format!("{path}: ")
            };
            return Err(AppError::invalid(format!(
                "{at}unknown field \"{shown}\"; expected one of {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// A string field: absent → None; present → must be a string (or null when `nullable`).
fn string_field(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    nullable: bool,
) -> Result<Option<Option<String>>, AppError> {
    match map.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(Value::Null) if nullable => Ok(Some(None)),
        Some(_) => Err(AppError::invalid(format!(
            "{}: must be a string{}",
            join(path, key),
            if nullable { " or null" } else { "" }
        ))),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A case as sent to `case new` or in an import: `{"subject": {"name", "born", "bsn", "address"},
/// "notes"}`. `name` and `born` are required.
pub fn case_draft(value: &Value, path: &str) -> Result<CaseDraft, AppError> {
    let patch = case_patch(value, path)?;
    let subject_path = join(path, "subject");
    Ok(CaseDraft {
        name: patch
            .name
            .ok_or_else(|| AppError::invalid(format!("{subject_path}.name: is required")))?,
        born: patch
            .born
            .ok_or_else(|| AppError::invalid(format!("{subject_path}.born: is required")))?,
        bsn: patch.bsn.flatten(),
        address: patch.address,
        notes: patch.notes,
    })
}

/// The fields of a case edit; each absent field stays as it is. `bsn: null` removes the BSN.
#[derive(Default)]
pub struct CasePatch {
    pub name: Option<String>,
    pub born: Option<String>,
    pub bsn: Option<Option<String>>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

pub fn case_patch(value: &Value, path: &str) -> Result<CasePatch, AppError> {
    let top = object(value, if path.is_empty() { "the input" } else { path })?;
    refuse_unknown(top, path, &["subject", "notes"])?;
    let mut patch = CasePatch {
        notes: string_field(top, "notes", path, false)?.flatten(),
        ..CasePatch::default()
    };
    if let Some(subject) = top.get("subject") {
        let sp = join(path, "subject");
        let s = object(subject, &sp)?;
        refuse_unknown(s, &sp, &["name", "born", "bsn", "address"])?;
        patch.name = string_field(s, "name", &sp, false)?.flatten();
        patch.born = string_field(s, "born", &sp, false)?.flatten();
        patch.bsn = string_field(s, "bsn", &sp, true)?;
        patch.address = string_field(s, "address", &sp, false)?.flatten();
    }
    Ok(patch)
}

/// An import file: `{"cases": [ … ]}`.
pub fn import_drafts(value: &Value) -> Result<Vec<CaseDraft>, AppError> {
    let top = object(value, "the import file")?;
    refuse_unknown(top, "", &["cases"])?;
    let cases = top
        .get("cases")
        .and_then(Value::as_array)
        .ok_or_else(|| AppError::invalid("cases: is required and must be a list"))?;
    if cases.len() > casus_domain::limits::IMPORT_MAX_CASES {
        return Err(AppError::invalid(format!(
            "cases: at most {} cases per import",
            casus_domain::limits::IMPORT_MAX_CASES
        )));
    }
    cases
        .iter()
        .enumerate()
        .map(|(i, c)| case_draft(c, &format!("cases[{i}]")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        let v = parse_json(json.as_bytes()).unwrap();
        case_draft(&v, "").err().map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn names_the_path_of_each_problem_without_the_value() {
        assert_eq!(
            err(r#"{"subject": {"name": "Geheime Naam"}}"#),
            "subject.born: is required"
        );
        assert_eq!(
            err(r#"{"subject": {"name": 5, "born": "2000-01-01"}}"#),
            "subject.name: must be a string"
        );
        assert!(
            err(r#"{"subject": {"name": "A", "born": "2000-01-01", "eye": "x"}}"#)
                .starts_with("subject: unknown field \"eye\"")
        );
        assert!(err(r#"{"subject": {}, "extra": 1}"#).starts_with("unknown field \"extra\""));
        let v = parse_json(
            br#"{"cases": [{"subject": {"name": "A", "born": "2000-01-01"}}, {"subject": {"name": "B"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            import_drafts(&v).err().unwrap().message,
            "cases[1].subject.born: is required"
        );
    }

    #[test]
    fn malformed_json_names_line_and_column_not_content() {
        let e = parse_json(b"{\"subject\": {\"name\": \"Geheime Naam\",,}}").unwrap_err();
        assert!(e.message.contains("line 1"), "{}", e.message);
        assert!(!e.message.contains("Geheime"), "{}", e.message);
    }

    #[test]
    fn a_null_bsn_in_a_patch_removes_it() {
        let v = parse_json(br#"{"subject": {"bsn": null}}"#).unwrap();
        assert_eq!(case_patch(&v, "").unwrap().bsn, Some(None));
    }
}
