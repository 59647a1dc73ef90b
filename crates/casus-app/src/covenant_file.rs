//! Covenant files: a covenant written as TOML (the model covenant in `seeds/covenant/`, or a
//! municipality's local variant) is read by serde into the typed [`CovenantDoc`] (every key known,
//! every value with its position) and then validated, field by field, into a
//! [`casus_domain::covenant::Covenant`].
//!
//! Nothing is written here: a caller imports a covenant only after [`parse_covenant`] returned `Ok`.
//! Every error names the file, the line and the field (`rule[3].recipients`, rules and parties counted
//! from 1) and says in Dutch what is wrong. Error messages repeat only keys and codes from the file,
//! never free text; a value that does not look like a code is not repeated at all.
//!
//! The format is documented for municipalities in `seeds/covenant/README.md`; keep the two in step.

use std::fmt;
use std::ops::Range;

use casus_domain::case::CaseState;
use casus_domain::covenant::{
    Covenant, Effect, OrgSet, Party, PartyType, Retention, Rule, Status, OWN_DATA_RULE,
};
use casus_domain::share::{DataCategory, LegalBasis, SharePurpose};
use casus_domain::user::Organisation;
use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::de::DeTable;
use toml::Spanned;

/// The file name the embedded model covenant is reported under.
pub const MODEL_COVENANT_FILE: &str = "model-2017.toml";

/// The NCTV model covenant 2017 as shipped (seeds/covenant/model-2017.toml).
pub const MODEL_COVENANT: &str = include_str!("../../../seeds/covenant/model-2017.toml");

/// Larger covenant files are refused unread.
pub const MAX_COVENANT_FILE_BYTES: usize = 1024 * 1024;

/// The keys of the file, of a `[[party]]` and of a `[[rule]]`, in the order of the structs below
/// (a test holds the two together and checks that the README documents each key).
#[cfg(test)]
const TOP_KEYS: &[&str] = &[
    "id",
    "version",
    "title",
    "based_on",
    "retention",
    "categories",
    "bases",
    "purposes",
    "party",
    "rule",
];
#[cfg(test)]
const PARTY_KEYS: &[&str] = &["org", "type"];
#[cfg(test)]
const RULE_KEYS: &[&str] = &[
    "id",
    "effect",
    "providers",
    "recipients",
    "categories",
    "purposes",
    "phases",
    "bases",
    "conditions",
    "text",
    "status",
];

type Text = Spanned<String>;
type Texts = Spanned<Vec<Text>>;

/// A covenant file as written. Every field is optional here so that a missing one is reported
/// with its own Dutch message; everything else about the shape is serde's job.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CovenantDoc {
    id: Option<Text>,
    version: Option<Text>,
    title: Option<Text>,
    based_on: Option<Text>,
    retention: Option<Text>,
    categories: Option<Texts>,
    bases: Option<Texts>,
    purposes: Option<Texts>,
    party: Option<Spanned<Vec<Spanned<PartyDoc>>>>,
    rule: Option<Spanned<Vec<Spanned<RuleDoc>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyDoc {
    org: Option<Text>,
    #[serde(rename = "type")]
    kind: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    id: Option<Text>,
    effect: Option<Text>,
    providers: Option<Spanned<Codes>>,
    recipients: Option<Spanned<Codes>>,
    categories: Option<Spanned<Codes>>,
    purposes: Option<Texts>,
    phases: Option<Spanned<Codes>>,
    bases: Option<Texts>,
    conditions: Option<Texts>,
    text: Option<Text>,
    status: Option<Text>,
}

/// A value that may be `"*"` (everything) or a list of codes.
enum Codes {
    Text(String),
    List(Vec<Text>),
}

impl<'de> Deserialize<'de> for Codes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodesVisitor;
        impl<'de> Visitor<'de> for CodesVisitor {
            type Value = Codes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"*\" or a list of codes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Codes, E> {
                Ok(Codes::Text(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Codes, A::Error> {
                let mut list = Vec::new();
                while let Some(item) = seq.next_element()? {
                    list.push(item);
                }
                Ok(Codes::List(list))
            }
        }
        deserializer.deserialize_any(CodesVisitor)
    }
}

/// A code list of the domain, as this format names an unknown code of it.
trait Code: Copy + PartialEq {
    const UNKNOWN: &'static str;
    fn parse(s: &str) -> Option<Self>;
    fn codes() -> String;
    fn code(self) -> &'static str;
}

macro_rules! codes {
    ($($t:ty => $unknown:literal),* $(,)?) => {$(
        impl Code for $t {
            const UNKNOWN: &'static str = $unknown;
            fn parse(s: &str) -> Option<Self> {
                <$t>::parse(s)
            }
            fn codes() -> String {
                <$t>::codes()
            }
            fn code(self) -> &'static str {
                <$t>::code(self)
            }
        }
    )*};
}

codes!(
    Organisation => "onbekende organisatie",
    PartyType => "onbekende soort partij",
    Effect => "onbekende werking",
    DataCategory => "onbekende categorie",
    LegalBasis => "onbekende grondslag",
    SharePurpose => "onbekend doel",
    CaseState => "onbekende fase",
    Status => "onbekende status",
);

/// Why a covenant file was refused: where (file, line, field) and what (Dutch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CovenantFileError {
    pub file: String,
    /// 1-based line in the file.
    pub line: usize,
    /// The field, e.g. `retention` or `rule[3].recipients`; empty for a TOML syntax error.
    pub field: String,
    pub message: String,
}

impl fmt::Display for CovenantFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}, regel {}: {}", self.file, self.line, self.message)
        } else {
            write!(
                f,
                "{}, regel {}, veld {}: {}",
                self.file, self.line, self.field, self.message
            )
        }
    }
}

impl std::error::Error for CovenantFileError {}

/// One step of the path to a value in a TOML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// What serde found wrong with the shape of a TOML file (a key or a type), with its position.
#[derive(Debug)]
pub(crate) struct Shape {
    pub path: Vec<Step>,
    pub span: Range<usize>,
    pub problem: Problem,
}

#[derive(Debug)]
pub(crate) enum Problem {
    /// A key the format does not know (the last step of the path); `allowed` lists the known ones.
    UnknownKey { allowed: String },
    /// A value of the wrong type; `found` names the type that was found, in Dutch.
    WrongType { found: &'static str },
    /// Anything else serde refused (never echoed: serde's messages may quote values).
    Invalid,
}

/// Why a TOML file could not be read into its type.
#[derive(Debug)]
pub(crate) enum TomlError {
    Syntax(toml::de::Error),
    Shape(Shape),
}

/// Reads TOML into a typed document: the syntax first (toml's own parser, which also finds
/// duplicate keys), then the shape, with serde_path_to_error for the path and toml for the span.
pub(crate) fn read_toml<T: DeserializeOwned>(text: &str) -> Result<T, TomlError> {
    let doc = DeTable::parse(text).map_err(TomlError::Syntax)?;
    serde_path_to_error::deserialize(toml::Deserializer::from(doc)).map_err(|e| {
        let path: Vec<Step> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
                // Spanned's own private keys are no part of the file.
                serde_path_to_error::Segment::Map { key } if !key.starts_with("$__") => {
                    Some(Step::Key(key.clone()))
                }
                _ => None,
            })
            .collect();
        let inner = e.into_inner();
        let span = inner.span().unwrap_or(0..0);
        let message = inner.message();
        let problem = if message.starts_with("unknown field `") {
            let allowed = message
                .rsplit_once(", expected ")
                .map(|(_, list)| {
                    list.trim_start_matches("one of ")
                        .replace("` or `", "`, `")
                        .replace('`', "")
                })
                .unwrap_or_default();
            Problem::UnknownKey { allowed }
        } else if let Some(found) = message.strip_prefix("invalid type: ") {
            // "invalid type: string \"Jan\", expected …": only the kind of value is kept.
            let kind = [
                ("string", "tekst"),
                ("integer", "een geheel getal"),
                ("floating point", "een getal"),
                ("boolean", "waar/onwaar"),
                ("sequence", "een lijst"),
                ("map", "een tabel"),
            ]
            .iter()
            .find(|(serde, _)| found.starts_with(serde))
            .map_or("iets anders", |(_, dutch)| *dutch);
            // A date or time is read through a map of toml's own; its text starts with a digit.
            let is_datetime = text
                .get(span.clone())
                .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_digit()));
            let found = if kind == "een tabel" && is_datetime {
                "een datum of tijd"
            } else {
                kind
            };
            Problem::WrongType { found }
        } else {
            Problem::Invalid
        };
        TomlError::Shape(Shape { path, span, problem })
    })
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// The embedded model covenant, parsed. It is checked by a test, so this cannot fail in a build
/// that passed its tests.
pub fn model_covenant() -> Covenant {
    match parse_covenant(MODEL_COVENANT_FILE, MODEL_COVENANT) {
        Ok(covenant) => covenant,
        Err(e) => panic!("the embedded model covenant is invalid: {e}"),
    }
}

/// Parses and validates a covenant file. `file_name` is only used in error messages.
pub fn parse_covenant(file_name: &str, text: &str) -> Result<Covenant, CovenantFileError> {
    let r = Reader {
        file: file_name,
        text,
    };
    if text.len() > MAX_COVENANT_FILE_BYTES {
        return Err(r.err(0..0, "", "het bestand is groter dan 1 MiB"));
    }
    let doc: CovenantDoc = read_toml(text).map_err(|e| match e {
        TomlError::Syntax(e) => r.syntax_error(&e),
        TomlError::Shape(shape) => r.shape_error(shape),
    })?;
    r.covenant(doc)
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
}

/// The start of a file: where a missing top-level field is reported.
const START: Range<usize> = 0..0;

impl Reader<'_> {
    fn err(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> CovenantFileError {
        CovenantFileError {
            file: self.file.to_string(),
            line: line_of(self.text, span.start),
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn syntax_error(&self, e: &toml::de::Error) -> CovenantFileError {
        let span = e.span().unwrap_or(0..0);
        if e.message() == "duplicate key" {
            let key = self.text.get(span.clone()).unwrap_or("").trim().trim_matches('"');
            let field = if is_code_like(key) { key } else { "" };
            return self.err(span, field, "deze sleutel staat twee keer in dezelfde tabel");
        }
        self.err(
            span,
            "",
            format!(
                "geen geldige TOML ({}); controleer aanhalingstekens, haken en komma's",
                e.message()
            ),
        )
    }

    /// Words serde's finding the way this format speaks: the field as `rule[2].categories` (parties
    /// and rules counted from 1; an element of a list is reported as the list) and what was expected.
    fn shape_error(&self, shape: Shape) -> CovenantFileError {
        let mut field = String::new();
        let mut last_key = "";
        let mut at_element = false;
        for step in &shape.path {
            match step {
                Step::Key(k) => {
                    if !field.is_empty() {
                        field.push('.');
                    }
                    field.push_str(if is_code_like(k) { k } else { "?" });
                    last_key = k;
                    at_element = false;
                }
                Step::Index(i) if matches!(last_key, "party" | "rule") && !field.contains('.') => {
                    field.push_str(&format!("[{}]", i + 1));
                    at_element = true;
                }
                Step::Index(_) => at_element = true,
            }
        }
        let message = match shape.problem {
            Problem::UnknownKey { allowed } if is_code_like(last_key) => {
                format!("onbekende sleutel \"{last_key}\"; toegestaan zijn: {allowed}")
            }
            Problem::UnknownKey { allowed } => format!("onbekende sleutel; toegestaan zijn: {allowed}"),
            Problem::WrongType { found } => {
                let expected = match last_key {
                    "party" | "rule" => {
                        // A party or rule that is not a table is reported as the list.
                        if at_element {
                            field.truncate(field.find('[').unwrap_or(field.len()));
                        }
                        format!("een of meer tabellen [[{last_key}]]")
                    }
                    _ if at_element => "tekst tussen aanhalingstekens".to_string(),
                    "retention" => {
                        "een ISO 8601-duur als tekst, bijvoorbeeld retention = \"P5Y\"".to_string()
                    }
                    "conditions" => "een lijst met tekst".to_string(),
                    "categories" | "bases" | "purposes" | "phases" | "providers" | "recipients" => {
                        "een lijst met codes, zoals [\"a\", \"b\"]".to_string()
                    }
                    _ => "tekst tussen aanhalingstekens".to_string(),
                };
                format!("verwacht {expected}, niet {found}")
            }
            Problem::Invalid => "deze waarde kan hier niet staan".to_string(),
        };
        self.err(shape.span, &field, message)
    }

    fn required<'t, T>(
        &self,
        value: &'t Option<T>,
        path: &str,
        key: &str,
        at: &Range<usize>,
    ) -> Result<&'t T, CovenantFileError> {
        value.as_ref().ok_or_else(|| {
            self.err(
                at.clone(),
                &join_path(path, key),
                "ontbreekt; dit veld is verplicht",
            )
        })
    }

    fn covenant(&self, top: CovenantDoc) -> Result<Covenant, CovenantFileError> {
        let id = self.code_text(self.required(&top.id, "", "id", &START)?, "id")?;
        let version = self.code_text(self.required(&top.version, "", "version", &START)?, "version")?;
        let title = self.text_value(self.required(&top.title, "", "title", &START)?, "title")?;
        let based_on = match &top.based_on {
            None => None,
            Some(v) => {
                let ok = v
                    .get_ref()
                    .split_once('@')
                    .is_some_and(|(a, b)| is_code_like(a) && is_code_like(b));
                if !ok {
                    return Err(self.err(
                        v.span(),
                        "based_on",
                        "schrijf het convenant waarvan dit is afgeleid als \"id@versie\", bijvoorbeeld \
                         \"nctv-model-2017@2017.1\"",
                    ));
                }
                Some(v.get_ref().clone())
            }
        };
        let retention = self.required(&top.retention, "", "retention", &START)?;
        let retention = Retention::parse(retention.get_ref())
            .map_err(|e| self.err(retention.span(), "retention", e.dutch()))?;
        let categories = self.code_list::<DataCategory>(
            self.required(&top.categories, "", "categories", &START)?,
            "categories",
        )?;
        let bases = self.code_list::<LegalBasis>(self.required(&top.bases, "", "bases", &START)?, "bases")?;
        let purposes = self
            .code_list::<SharePurpose>(self.required(&top.purposes, "", "purposes", &START)?, "purposes")?;

        let mut covenant = Covenant {
            id,
            version,
            title,
            based_on,
            retention,
            parties: Vec::new(),
            categories,
            bases,
            purposes,
            rules: Vec::new(),
        };

        let parties = self.required(&top.party, "", "party", &START)?;
        if parties.get_ref().is_empty() {
            return Err(self.err(parties.span(), "party", "noem minstens één [[party]]"));
        }
        for (i, table) in parties.get_ref().iter().enumerate() {
            let path = format!("party[{}]", i + 1);
            let party = self.party(table.get_ref(), &table.span(), &path)?;
            if covenant.is_party(party.org) {
                let at = table.get_ref().org.as_ref().map_or(table.span(), Spanned::span);
                return Err(self.err(
                    at,
                    &format!("{path}.org"),
                    format!(
                        "organisatie \"{}\" staat al eerder als partij in het bestand",
                        party.org.code()
                    ),
                ));
            }
            covenant.parties.push(party);
        }

        let rules = self.required(&top.rule, "", "rule", &START)?;
        if rules.get_ref().is_empty() {
            return Err(self.err(rules.span(), "rule", "noem minstens één [[rule]]"));
        }
        let mut seen: Vec<(String, String)> = Vec::new();
        for (i, table) in rules.get_ref().iter().enumerate() {
            let path = format!("rule[{}]", i + 1);
            let rule = self.rule(&covenant, table.get_ref(), &table.span(), &path)?;
            let folded = rule.id.to_ascii_uppercase();
            if let Some((_, first)) = seen.iter().find(|(id, _)| *id == folded) {
                let at = table.get_ref().id.as_ref().map_or(table.span(), Spanned::span);
                return Err(self.err(
                    at,
                    &format!("{path}.id"),
                    format!("id \"{}\" is al gebruikt door {first}", rule.id),
                ));
            }
            seen.push((folded, path));
            covenant.rules.push(rule);
        }
        Ok(covenant)
    }

    fn party(&self, table: &PartyDoc, span: &Range<usize>, path: &str) -> Result<Party, CovenantFileError> {
        let org = self.code(
            self.required(&table.org, path, "org", span)?,
            &format!("{path}.org"),
        )?;
        let kind = self.code(
            self.required(&table.kind, path, "type", span)?,
            &format!("{path}.type"),
        )?;
        Ok(Party { org, kind })
    }

    fn rule(
        &self,
        covenant: &Covenant,
        table: &RuleDoc,
        span: &Range<usize>,
        path: &str,
    ) -> Result<Rule, CovenantFileError> {
        let field = |key: &str| format!("{path}.{key}");

        let f = field("id");
        let id_value = self.required(&table.id, path, "id", span)?;
        let id = self.code_text(id_value, &f)?;
        if id.eq_ignore_ascii_case(OWN_DATA_RULE) {
            return Err(self.err(
                id_value.span(),
                &f,
                format!(
                    "id \"{OWN_DATA_RULE}\" is gereserveerd voor de ingebouwde regel over eigen gegevens"
                ),
            ));
        }

        let effect: Effect = self.code(
            self.required(&table.effect, path, "effect", span)?,
            &field("effect"),
        )?;
        let providers = self.org_set(
            covenant,
            self.required(&table.providers, path, "providers", span)?,
            &field("providers"),
        )?;
        let recipients = self.org_set(
            covenant,
            self.required(&table.recipients, path, "recipients", span)?,
            &field("recipients"),
        )?;

        let f = field("categories");
        let categories =
            match self.star_or_list(self.required(&table.categories, path, "categories", span)?, &f)? {
                None => covenant.categories.clone(),
                Some(list) => {
                    let codes = self.code_list::<DataCategory>(&list, &f)?;
                    self.declared(&list, &f, &codes, &covenant.categories, "categorie", "categories")?;
                    codes
                }
            };

        let purposes = match &table.purposes {
            None => covenant.purposes.clone(),
            Some(list) => {
                let f = field("purposes");
                let codes = self.code_list::<SharePurpose>(list, &f)?;
                self.declared(list, &f, &codes, &covenant.purposes, "doel", "purposes")?;
                codes
            }
        };

        let f = field("phases");
        let phases = match &table.phases {
            None => None,
            Some(value) => match self.star_or_list(value, &f)? {
                None => None,
                Some(list) => Some(self.code_list::<CaseState>(&list, &f)?),
            },
        };

        let f = field("bases");
        let bases =
            match (&table.bases, effect) {
                (None, Effect::Forbid) => Vec::new(),
                (None, Effect::Permit) => return Err(self.err(
                    span.clone(),
                    &f,
                    "een regel met effect = \"permit\" moet de grondslag(en) noemen waaronder verstrekt mag \
                     worden",
                )),
                (Some(list), Effect::Forbid) if list.get_ref().is_empty() => Vec::new(),
                (Some(list), _) if list.get_ref().is_empty() => {
                    return Err(self.err(
                        list.span(),
                        &f,
                        "een regel met effect = \"permit\" moet minstens één grondslag noemen",
                    ))
                }
                (Some(list), _) => {
                    let codes = self.code_list::<LegalBasis>(list, &f)?;
                    self.declared(list, &f, &codes, &covenant.bases, "grondslag", "bases")?;
                    codes
                }
            };

        let conditions = match &table.conditions {
            None => Vec::new(),
            Some(list) => list
                .get_ref()
                .iter()
                .map(|item| self.text_value(item, &field("conditions")))
                .collect::<Result<_, _>>()?,
        };
        let text = self.text_value(self.required(&table.text, path, "text", span)?, &field("text"))?;
        let status = self.code::<Status>(
            self.required(&table.status, path, "status", span)?,
            &field("status"),
        )?;

        Ok(Rule {
            id,
            effect,
            providers,
            recipients,
            categories,
            purposes,
            phases,
            bases,
            conditions,
            text,
            status,
        })
    }

    // --- building blocks ---------------------------------------------------------------------

    /// Free text: any non-empty string. Never repeated in errors.
    fn text_value(&self, value: &Text, field: &str) -> Result<String, CovenantFileError> {
        let s = value.get_ref().trim();
        if s.is_empty() {
            return Err(self.err(value.span(), field, "mag niet leeg zijn"));
        }
        Ok(s.to_string())
    }

    /// An identifier such as a covenant id, version or rule id: letters, digits, `.`, `_`, `-`.
    fn code_text(&self, value: &Text, field: &str) -> Result<String, CovenantFileError> {
        let s = self.text_value(value, field)?;
        if !is_code_like(&s) {
            return Err(self.err(
                value.span(),
                field,
                "gebruik alleen letters, cijfers, punt, liggend streepje en koppelteken (hoogstens 64 tekens)",
            ));
        }
        Ok(s)
    }

    fn code<T: Code>(&self, value: &Text, field: &str) -> Result<T, CovenantFileError> {
        let s = value.get_ref();
        T::parse(s).ok_or_else(|| {
            let message = if is_code_like(s) {
                format!("{} \"{s}\"; bekend zijn: {}", T::UNKNOWN, T::codes())
            } else {
                format!("{}; bekend zijn: {}", T::UNKNOWN, T::codes())
            };
            self.err(value.span(), field, message)
        })
    }

    /// A non-empty list of codes without repeats.
    fn code_list<T: Code>(&self, list: &Texts, field: &str) -> Result<Vec<T>, CovenantFileError> {
        if list.get_ref().is_empty() {
            return Err(self.err(list.span(), field, "de lijst is leeg; noem minstens één code"));
        }
        let mut out = Vec::with_capacity(list.get_ref().len());
        for item in list.get_ref() {
            let code: T = self.code(item, field)?;
            if out.contains(&code) {
                return Err(self.err(
                    item.span(),
                    field,
                    format!("\"{}\" staat twee keer in de lijst", item.get_ref()),
                ));
            }
            out.push(code);
        }
        Ok(out)
    }

    /// Every code a rule uses must be declared at the top of the file.
    fn declared<T: Code>(
        &self,
        list: &Texts,
        field: &str,
        used: &[T],
        declared: &[T],
        what: &str,
        name: &str,
    ) -> Result<(), CovenantFileError> {
        for (item, t) in list.get_ref().iter().zip(used) {
            if !declared.contains(t) {
                return Err(self.err(
                    item.span(),
                    field,
                    format!(
                        "{what} \"{}\" staat niet in de lijst {name} bovenaan het bestand",
                        t.code()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// `"*"` → `None`; a list → the list; any other text is not a list of codes.
    fn star_or_list(&self, value: &Spanned<Codes>, field: &str) -> Result<Option<Texts>, CovenantFileError> {
        match value.get_ref() {
            Codes::Text(s) if s == "*" => Ok(None),
            Codes::Text(_) => Err(self.err(
                value.span(),
                field,
                "verwacht een lijst met codes, zoals [\"a\", \"b\"], niet tekst",
            )),
            Codes::List(list) => Ok(Some(Spanned::new(value.span(), list.clone()))),
        }
    }

    /// `"*"` (any party) or a non-empty list of organisations that are parties.
    fn org_set(
        &self,
        covenant: &Covenant,
        value: &Spanned<Codes>,
        field: &str,
    ) -> Result<OrgSet, CovenantFileError> {
        let list = match value.get_ref() {
            Codes::Text(s) if s == "*" => return Ok(OrgSet::Any),
            Codes::Text(_) => {
                return Err(self.err(
                    value.span(),
                    field,
                    "schrijf \"*\" (alle partijen) of een lijst met organisaties, zoals [\"politie\"]",
                ))
            }
            Codes::List(list) => Spanned::new(value.span(), list.clone()),
        };
        let orgs: Vec<Organisation> = self.code_list(&list, field)?;
        for (item, org) in list.get_ref().iter().zip(&orgs) {
            if !covenant.is_party(*org) {
                return Err(self.err(
                    item.span(),
                    field,
                    format!(
                        "organisatie \"{}\" is geen partij bij dit convenant; voeg haar toe onder [[party]] \
                         of haal haar hier weg",
                        org.code()
                    ),
                ));
            }
        }
        Ok(OrgSet::Only(orgs))
    }
}

/// Letters, digits, `.`, `_`, `-`; 1–64 characters. Only such values are repeated in errors.
fn is_code_like(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casus_domain::covenant::{evaluate, Request};

    /// A small valid file; tests break it one way at a time.
    const GOOD: &str = r#"id = "lokaal-test"
version = "2026.1"
title = "Testconvenant"
based_on = "nctv-model-2017@2017.1"
retention = "P5Y"
categories = ["identiteit", "politiegegevens", "gezondheid"]
bases = ["wpg_18_2", "pga_wet", "toestemming"]
purposes = ["pga"]

[[party]]
org = "gemeente"
type = "core"

[[party]]
org = "politie"
type = "core"

[[party]]
org = "ggz"
type = "external"

[[rule]]
id = "POL-GEM-01"
effect = "permit"
providers = ["politie"]
recipients = ["gemeente"]
categories = ["politiegegevens"]
phases = ["under_weighing", "in_case_meeting"]
bases = ["wpg_18_2"]
conditions = ["alleen voor zover noodzakelijk"]
text = "De politie verstrekt politiegegevens aan de gemeente."
status = "V"

[[rule]]
id = "GEM-ALLE-01"
effect = "permit"
providers = ["gemeente"]
recipients = "*"
categories = ["identiteit"]
bases = ["pga_wet"]
text = "De gemeente deelt identiteitsgegevens."
status = "I"

[[rule]]
id = "VERBOD-01"
effect = "forbid"
providers = "*"
recipients = ["gemeente"]
categories = "*"
phases = ["archived"]
text = "Niets uit het archief."
status = "I"
"#;

    fn parse(text: &str) -> Result<Covenant, CovenantFileError> {
        parse_covenant("lokaal.toml", text)
    }

    /// Replaces the first occurrence of `from` in GOOD and expects an error at `line` in `field`
    /// whose message contains `needle`.
    fn broken(from: &str, to: &str, line: usize, field: &str, needle: &str) -> CovenantFileError {
        assert!(GOOD.contains(from), "test fixture lacks {from:?}");
        let text = GOOD.replacen(from, to, 1);
        let e = parse(&text).expect_err(&format!("{from:?} -> {to:?} must be refused"));
        assert_eq!((e.line, e.field.as_str()), (line, field), "{e}");
        assert!(e.message.contains(needle), "{e}");
        assert_eq!(e.file, "lokaal.toml");
        e
    }

    fn line_of(needle: &str) -> usize {
        GOOD[..GOOD.find(needle).unwrap()].matches('\n').count() + 1
    }

    #[test]
    fn the_good_file_parses_into_the_domain() {
        let c = parse(GOOD).unwrap();
        assert_eq!(c.label(), "lokaal-test@2026.1");
        assert_eq!(c.based_on.as_deref(), Some("nctv-model-2017@2017.1"));
        assert_eq!(c.retention, Retention::new(5, 0, 0));
        assert_eq!(c.parties.len(), 3);
        assert_eq!(
            c.party(Organisation::Ggz).map(|p| p.kind),
            Some(PartyType::External)
        );
        assert_eq!(c.rules.len(), 3);
        let r = &c.rules[0];
        assert_eq!(r.providers, OrgSet::Only(vec![Organisation::Politie]));
        assert_eq!(
            r.phases,
            Some(vec![CaseState::UnderWeighing, CaseState::InCaseMeeting])
        );
        assert_eq!(
            r.purposes,
            [SharePurpose::Pga],
            "purposes default to the covenant's"
        );
        assert_eq!(r.status, Status::Verified);
        let r = &c.rules[1];
        assert_eq!(r.recipients, OrgSet::Any);
        assert_eq!(r.phases, None);
        let r = &c.rules[2];
        assert_eq!(r.effect, Effect::Forbid);
        assert!(r.bases.is_empty(), "a forbid without bases holds on any basis");
        assert_eq!(
            r.categories, c.categories,
            "\"*\" = every category of the covenant"
        );
    }

    #[test]
    fn the_embedded_model_covenant_parses() {
        let c = model_covenant();
        assert_eq!(c.label(), "nctv-model-2017@2017.1");
        assert_eq!(c.retention.to_string(), "P5Y");
        assert_eq!(c.parties.len(), 9);
        for (org, kind) in [
            (Organisation::Gemeente, PartyType::Core),
            (Organisation::Politie, PartyType::Core),
            (Organisation::Om, PartyType::Core),
            (Organisation::Rvdk, PartyType::Case),
            (Organisation::Reclassering, PartyType::Case),
            (Organisation::Zvh, PartyType::External),
            (Organisation::Ggz, PartyType::External),
            (Organisation::Jeugdzorg, PartyType::External),
            (Organisation::Onderwijs, PartyType::External),
        ] {
            assert_eq!(c.party(org).map(|p| p.kind), Some(kind), "{org}");
        }
        assert!(c.rules.iter().any(|r| r.effect == Effect::Forbid));
        assert!(c.rules.iter().all(|r| !r.text.is_empty()));
        let v = evaluate(
            &c,
            &Request::new(
                Organisation::Politie,
                Organisation::Gemeente,
                DataCategory::Politiegegevens,
            )
            .in_phase(CaseState::UnderWeighing),
        );
        assert!(v.allowed);
        assert_eq!(v.rules, ["POL-GEM-01"]);
        assert_eq!(v.covenant, "nctv-model-2017@2017.1");
    }

    #[test]
    fn display_names_file_line_and_field() {
        let line = line_of("recipients = [\"gemeente\"]");
        assert_eq!(line, 26);
        let e = broken(
            "recipients = [\"gemeente\"]",
            "recipients = [\"polite\"]",
            line,
            "rule[1].recipients",
            "",
        );
        assert_eq!(
            e.to_string(),
            "lokaal.toml, regel 26, veld rule[1].recipients: onbekende organisatie \"polite\"; bekend zijn: \
             gemeente, politie, om, rvdk, reclassering, zvh, ggz, jeugdzorg, onderwijs"
        );
        let e = parse("id = \"x\"\nversion = \n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.to_string()
                .starts_with("lokaal.toml, regel 2: geen geldige TOML"),
            "{e}"
        );
    }

    #[test]
    fn toml_syntax_errors_name_the_line() {
        let e = broken(
            "title = \"Testconvenant\"",
            "title = \"Testconvenant",
            3,
            "",
            "geen geldige TOML",
        );
        assert!(!e.message.contains("Testconvenant"));
        broken(
            "status = \"I\"\n\n[[rule]]\nid = \"VERBOD-01\"",
            "status = \"I\"\nstatus = \"I\"\n\n[[rule]]\nid = \"VERBOD-01\"",
            line_of("id = \"VERBOD-01\"") - 2,
            "status",
            "twee keer",
        );
    }

    #[test]
    fn unknown_codes_are_refused_with_line_and_field() {
        broken(
            "org = \"ggz\"",
            "org = \"ggzz\"",
            line_of("org = \"ggz\""),
            "party[3].org",
            "onbekende organisatie \"ggzz\"",
        );
        broken(
            "type = \"external\"",
            "type = \"extern\"",
            line_of("type = \"external\""),
            "party[3].type",
            "onbekende soort partij",
        );
        broken(
            "categories = [\"politiegegevens\"]",
            "categories = [\"politie\"]",
            line_of("categories = [\"politiegegevens\"]"),
            "rule[1].categories",
            "onbekende categorie \"politie\"",
        );
        broken(
            "bases = [\"wpg_18_2\"]\n",
            "bases = [\"wpg_18\"]\n",
            line_of("bases = [\"wpg_18_2\"]\n"),
            "rule[1].bases",
            "onbekende grondslag \"wpg_18\"",
        );
        broken(
            "purposes = [\"pga\"]",
            "purposes = [\"pga\", \"opsporing\"]",
            8,
            "purposes",
            "onbekend doel",
        );
        broken(
            "phases = [\"under_weighing\", \"in_case_meeting\"]",
            "phases = [\"under_weighing\",\n  \"in_meeting\"]",
            line_of("phases = [") + 1,
            "rule[1].phases",
            "onbekende fase \"in_meeting\"",
        );
        broken(
            "effect = \"forbid\"",
            "effect = \"deny\"",
            line_of("effect = \"forbid\""),
            "rule[3].effect",
            "onbekende werking",
        );
        broken(
            "status = \"V\"",
            "status = \"v\"",
            line_of("status = \"V\""),
            "rule[1].status",
            "onbekende status",
        );
        broken(
            "categories = [\"identiteit\", \"politiegegevens\", \"gezondheid\"]",
            "categories = [\"identiteit\", \"politiegegevens\", \"gezondheid\", \"bsn\"]",
            6,
            "categories",
            "onbekende categorie \"bsn\"",
        );
    }

    #[test]
    fn a_value_that_is_not_a_code_is_not_repeated() {
        let e = broken(
            "org = \"ggz\"",
            "org = \"Jan Jansen, Dorpsstraat 1\"",
            line_of("org = \"ggz\""),
            "party[3].org",
            "onbekende organisatie;",
        );
        assert!(!e.to_string().contains("Jansen"));
        let e = broken(
            "effect = \"forbid\"",
            "effect = \"verbied alles voor Piet\"",
            line_of("effect = \"forbid\""),
            "rule[3].effect",
            "onbekende werking",
        );
        assert!(!e.to_string().contains("Piet"));
        let e = broken(
            "text = \"Niets uit het archief.\"",
            "text = 42",
            line_of("text = \"Niets"),
            "rule[3].text",
            "verwacht tekst",
        );
        assert!(!e.to_string().contains("42"));
    }

    #[test]
    fn codes_must_be_declared_at_the_top() {
        broken(
            "categories = [\"identiteit\"]",
            "categories = [\"identiteit\", \"netwerk\"]",
            line_of("categories = [\"identiteit\"]"),
            "rule[2].categories",
            "categorie \"netwerk\" staat niet in de lijst categories",
        );
        broken(
            "bases = [\"pga_wet\"]",
            "bases = [\"pga_wet\", \"wjsg_39f\"]",
            line_of("bases = [\"pga_wet\"]"),
            "rule[2].bases",
            "grondslag \"wjsg_39f\" staat niet in de lijst bases",
        );
    }

    #[test]
    fn duplicates_are_refused() {
        broken(
            "id = \"GEM-ALLE-01\"",
            "id = \"pol-gem-01\"",
            line_of("id = \"GEM-ALLE-01\""),
            "rule[2].id",
            "al gebruikt door rule[1]",
        );
        broken(
            "org = \"ggz\"",
            "org = \"politie\"",
            line_of("org = \"ggz\""),
            "party[3].org",
            "staat al eerder als partij",
        );
        broken(
            "recipients = [\"gemeente\"]\ncategories = [\"politiegegevens\"]",
            "recipients = [\"gemeente\", \"gemeente\"]\ncategories = [\"politiegegevens\"]",
            line_of("recipients = [\"gemeente\"]\ncategories = [\"politiegegevens\"]"),
            "rule[1].recipients",
            "staat twee keer in de lijst",
        );
        broken(
            "id = \"VERBOD-01\"",
            "id = \"eigen\"",
            line_of("id = \"VERBOD-01\""),
            "rule[3].id",
            "gereserveerd",
        );
    }

    #[test]
    fn a_rule_may_name_only_parties() {
        broken(
            "recipients = [\"gemeente\"]\ncategories = [\"politiegegevens\"]",
            "recipients = [\"gemeente\",\n    \"om\"]\ncategories = [\"politiegegevens\"]",
            line_of("recipients = [\"gemeente\"]\ncategories = [\"politiegegevens\"]") + 1,
            "rule[1].recipients",
            "organisatie \"om\" is geen partij bij dit convenant",
        );
        broken(
            "providers = [\"politie\"]",
            "providers = [\"onderwijs\"]",
            line_of("providers = [\"politie\"]"),
            "rule[1].providers",
            "geen partij",
        );
        broken(
            "providers = \"*\"",
            "providers = \"alle\"",
            line_of("providers = \"*\""),
            "rule[3].providers",
            "schrijf \"*\"",
        );
    }

    #[test]
    fn empty_lists_and_missing_bases_are_refused() {
        broken(
            "categories = [\"politiegegevens\"]",
            "categories = []",
            line_of("categories = [\"politiegegevens\"]"),
            "rule[1].categories",
            "de lijst is leeg",
        );
        broken(
            "providers = [\"politie\"]",
            "providers = []",
            line_of("providers = [\"politie\"]"),
            "rule[1].providers",
            "leeg",
        );
        broken(
            "phases = [\"under_weighing\", \"in_case_meeting\"]",
            "phases = []",
            line_of("phases = ["),
            "rule[1].phases",
            "leeg",
        );
        // A permit with no basis: key missing (reported at the [[rule]] header) or empty list.
        broken(
            "bases = [\"pga_wet\"]\n",
            "",
            line_of("id = \"GEM-ALLE-01\"") - 1,
            "rule[2].bases",
            "moet de grondslag(en) noemen",
        );
        broken(
            "bases = [\"pga_wet\"]\n",
            "bases = []\n",
            line_of("bases = [\"pga_wet\"]\n"),
            "rule[2].bases",
            "minstens één grondslag",
        );
        // A forbid may name no basis at all.
        let text = GOOD.replacen(
            "phases = [\"archived\"]",
            "phases = [\"archived\"]\nbases = []",
            1,
        );
        assert!(parse(&text).unwrap().rules[2].bases.is_empty());
        broken(
            "conditions = [\"alleen voor zover noodzakelijk\"]",
            "conditions = [\"\"]",
            line_of("conditions"),
            "rule[1].conditions",
            "mag niet leeg zijn",
        );
        broken(
            "text = \"De gemeente deelt identiteitsgegevens.\"",
            "text = \"  \"",
            line_of("text = \"De gemeente"),
            "rule[2].text",
            "mag niet leeg zijn",
        );
    }

    #[test]
    fn retention_must_be_a_non_negative_iso_duration() {
        broken(
            "retention = \"P5Y\"",
            "retention = \"-P5Y\"",
            5,
            "retention",
            "niet negatief",
        );
        broken(
            "retention = \"P5Y\"",
            "retention = \"5 jaar\"",
            5,
            "retention",
            "ISO 8601",
        );
        broken(
            "retention = \"P5Y\"",
            "retention = \"P\"",
            5,
            "retention",
            "ISO 8601",
        );
        broken(
            "retention = \"P5Y\"",
            "retention = 5",
            5,
            "retention",
            "verwacht een ISO 8601-duur als tekst",
        );
        broken(
            "retention = \"P5Y\"",
            "retention = -5",
            5,
            "retention",
            "niet een geheel getal",
        );
        broken("retention = \"P5Y\"", "retention = \"\"", 5, "retention", "leeg");
        for ok in ["P0D", "P18M", "P1Y6M", "P10Y"] {
            let text = GOOD.replacen("\"P5Y\"", &format!("\"{ok}\""), 1);
            assert_eq!(parse(&text).unwrap().retention.to_string(), ok);
        }
    }

    #[test]
    fn missing_required_fields_are_refused() {
        broken("id = \"lokaal-test\"\n", "", 1, "id", "ontbreekt");
        broken("version = \"2026.1\"\n", "", 1, "version", "ontbreekt");
        broken("title = \"Testconvenant\"\n", "", 1, "title", "ontbreekt");
        broken("retention = \"P5Y\"\n", "", 1, "retention", "ontbreekt");
        broken("purposes = [\"pga\"]\n", "", 1, "purposes", "ontbreekt");
        broken(
            "status = \"I\"\n\n[[rule]]\nid = \"VERBOD-01\"",
            "\n[[rule]]\nid = \"VERBOD-01\"",
            line_of("id = \"GEM-ALLE-01\"") - 1,
            "rule[2].status",
            "ontbreekt",
        );
        broken(
            "type = \"external\"\n",
            "",
            line_of("type = \"external\"") - 2,
            "party[3].type",
            "ontbreekt",
        );
        broken(
            "text = \"Niets uit het archief.\"\n",
            "",
            line_of("id = \"VERBOD-01\"") - 1,
            "rule[3].text",
            "ontbreekt",
        );
        let e = parse("version = \"1\"\n").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (1, "id"));
        let e = parse(&GOOD.replacen("version = \"2026.1\"", "version = \"  \"", 1)).unwrap_err();
        assert_eq!(e.field, "version");
        let e = parse(&GOOD.replacen("version = \"2026.1\"", "version = \"2026 versie 1\"", 1)).unwrap_err();
        assert!(e.message.contains("alleen letters"), "{e}");
        // No parties or no rules at all.
        let cut = &GOOD[..GOOD.find("[[party]]").unwrap()];
        assert_eq!(parse(cut).unwrap_err().field, "party");
        let cut = &GOOD[..GOOD.find("[[rule]]").unwrap()];
        assert_eq!(parse(cut).unwrap_err().field, "rule");
    }

    #[test]
    fn unknown_keys_are_refused_with_their_line() {
        broken(
            "title = \"Testconvenant\"\n",
            "title = \"Testconvenant\"\ntitel = \"x\"\n",
            4,
            "titel",
            "onbekende sleutel \"titel\"",
        );
        broken(
            "recipients = [\"gemeente\"]\ncategories = [\"politiegegevens\"]",
            "recipient = [\"gemeente\"]\ncategories = [\"politiegegevens\"]",
            line_of("recipients = [\"gemeente\"]\ncategories"),
            "rule[1].recipient",
            "toegestaan zijn: id, effect, providers, recipients",
        );
        broken(
            "type = \"core\"\n",
            "type = \"core\"\nnaam = \"Politie\"\n",
            line_of("type = \"core\"") + 1,
            "party[1].naam",
            "onbekende sleutel",
        );
        broken(
            "purposes = [\"pga\"]\n",
            "purposes = [\"pga\"]\n\n[meta]\nauteur = \"x\"\n",
            10,
            "meta",
            "onbekende sleutel \"meta\"",
        );
        // A key that is not a code is not repeated.
        let e = parse(&GOOD.replacen(
            "title = \"Testconvenant\"\n",
            "title = \"Testconvenant\"\n\"Jan Jansen\" = 1\n",
            1,
        ))
        .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (4, "?"));
        assert!(!e.to_string().contains("Jansen"));
    }

    #[test]
    fn wrong_shapes_are_refused() {
        let top = &GOOD[..GOOD.find("[[party]]").unwrap()];
        let e = parse(&format!("{top}party = \"gemeente\"\n")).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (10, "party"));
        assert!(
            e.message.contains("verwacht een of meer tabellen [[party]]"),
            "{e}"
        );
        let e = parse(&format!("{top}[party]\norg = \"gemeente\"\n")).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (10, "party"));
        broken(
            "based_on = \"nctv-model-2017@2017.1\"",
            "based_on = \"het model\"",
            4,
            "based_on",
            "id@versie",
        );
        broken(
            "categories = [\"identiteit\"]",
            "categories = \"identiteit\"",
            line_of("categories = [\"identiteit\"]"),
            "rule[2].categories",
            "verwacht een lijst met codes",
        );
        broken(
            "conditions = [\"alleen voor zover noodzakelijk\"]",
            "conditions = \"alleen\"",
            line_of("conditions"),
            "rule[1].conditions",
            "verwacht een lijst met tekst",
        );
        let big = "#".repeat(MAX_COVENANT_FILE_BYTES + 1);
        assert!(parse(&big).unwrap_err().message.contains("1 MiB"));
    }

    #[test]
    fn the_readme_example_parses_and_the_readme_lists_every_code() {
        let readme = include_str!("../../../seeds/covenant/README.md");
        let start = readme.find("## Voorbeeld").expect("README has an example");
        let body = &readme[start..];
        let from = body.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let to = from + body[from..].find("```").expect("the block ends");
        let c = parse_covenant("README.md", &body[from..to]).unwrap();
        assert_eq!(c.rules.len(), 2);
        let mut codes: Vec<&str> = Vec::new();
        codes.extend(Organisation::ALL.iter().map(|c| c.code()));
        codes.extend(DataCategory::ALL.iter().map(|c| c.code()));
        codes.extend(LegalBasis::ALL.iter().map(|c| c.code()));
        codes.extend(SharePurpose::ALL.iter().map(|c| c.code()));
        codes.extend(CaseState::ALL.iter().map(|c| c.code()));
        for code in codes {
            assert!(
                readme.contains(&format!("`{code}`")),
                "README does not document `{code}`"
            );
        }
        for key in TOP_KEYS.iter().chain(PARTY_KEYS).chain(RULE_KEYS) {
            assert!(
                readme.contains(&format!("`{key}`")) || readme.contains(&format!("`[[{key}]]`")),
                "README does not document key {key}"
            );
        }
    }

    #[test]
    fn errors_repeat_only_codes_and_keys() {
        // Free-text fields (title, text, conditions) never appear in any error.
        let text = GOOD
            .replacen("title = \"Testconvenant\"", "title = \"GEHEIM-TITEL\"", 1)
            .replacen("categories = [\"identiteit\"]", "categories = [\"onbekend\"]", 1);
        let e = parse(&text).unwrap_err();
        assert!(!e.to_string().contains("GEHEIM-TITEL"));
    }

    #[test]
    fn the_documented_keys_are_the_keys_serde_reads() {
        let allowed = |text: &str| match read_toml::<CovenantDoc>(text) {
            Err(TomlError::Shape(Shape {
                problem: Problem::UnknownKey { allowed },
                ..
            })) => allowed,
            Err(e) => panic!("{e:?}"),
            Ok(_) => panic!("{text:?} must be refused"),
        };
        assert_eq!(allowed("zz = 1\n"), TOP_KEYS.join(", "));
        assert_eq!(allowed("[[party]]\nzz = 1\n"), PARTY_KEYS.join(", "));
        assert_eq!(allowed("[[rule]]\nzz = 1\n"), RULE_KEYS.join(", "));
    }
}
