//! The covenant engine: a data-sharing covenant as data, and [`evaluate`], which decides one request
//! to share (who gives what to whom, for which purpose, in which phase, on which legal basis).
//!
//! The grammar borrows from FHIR Consent provisions (a rule names actors, data classes, purposes and
//! a period, and permits or denies) and the decision from Cedar: **default deny** (nothing is allowed
//! unless a permit rule says so), **a forbid always wins** over any permit, and an organisation that
//! is not a party to the covenant gets nothing. Every verdict names the rules that decided it and the
//! covenant version, and explains itself in Dutch for coordinators and the privacy officer.
//!
//! The model covenant lives in `seeds/covenant/model-2017.toml`; `casus_app::covenant_file` parses and
//! validates such files into a [`Covenant`]. This module is pure: no I/O, no clock, no serde.
//!
//! Missing information never widens access: a request whose phase is not known does not match a
//! permit that is limited to certain phases, but does match a forbid that is; a request without a
//! legal basis matches a forbid that names bases (and a permit under its first basis).

// Note: the tidy test forbids the text "ring::" in this crate, which `String::new` would contain.
use std::fmt;

use chrono::{Days, Months, NaiveDate};

use crate::case::CaseState;
use crate::share::{DataCategory, LegalBasis, SharePurpose};
use crate::user::{code_enum, Organisation};

/// The built-in rule that lets an organisation receive its own data, whatever the covenant says.
pub const OWN_DATA_RULE: &str = "EIGEN";

code_enum!(
    /// How an organisation takes part in the case meeting (domain.md §a).
    PartyType {
        /// Standing member: municipality, police, public prosecutor.
        Core = "core", "kernpartij";
        /// Joins when relevant: Child Protection Board, probation service.
        Case = "case", "casuspartij";
        /// Invited per case: care, youth care, education, the care and safety house.
        External = "external", "externe casuspartner";
    }
);

code_enum!(
    /// What a rule does when it matches.
    Effect {
        Permit = "permit", "toestaan";
        Forbid = "forbid", "verbieden";
    }
);

code_enum!(
    /// Whether a rule was found in a source ([V]) or inferred ([I]); shown in every explanation.
    Status {
        Verified = "V", "geverifieerd in een bron";
        Inferred = "I", "afgeleid, niet geverifieerd in een bron";
    }
);

impl Status {
    /// `[V]` or `[I]`, as the explanations and the domain reference write it.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Verified => "[V]",
            Status::Inferred => "[I]",
        }
    }
}

code_enum!(
    /// Why a verdict came out the way it did.
    Decision {
        /// The provider or the recipient is not a party to the covenant.
        NotAParty = "not_a_party", "geen partij bij het convenant";
        /// Provider and recipient are the same organisation (built-in rule `EIGEN`).
        OwnData = "own_data", "eigen gegevens";
        /// A forbid rule matched.
        Forbidden = "forbidden", "verboden door een regel";
        /// A permit rule matched and no forbid did.
        Permitted = "permitted", "toegestaan door een regel";
        /// No rule matched: default deny.
        NoRule = "no_rule", "geen regel staat het toe";
    }
);

/// An organisation that signed the covenant, and how it takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Party {
    pub org: Organisation,
    pub kind: PartyType,
}

/// The providers or recipients a rule names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrgSet {
    /// Any party to the covenant (never an organisation that is not a party).
    Any,
    /// Only these organisations.
    Only(Vec<Organisation>),
}

impl OrgSet {
    /// Whether `org` is in the set. `Any` contains every organisation; [`evaluate`] has already
    /// refused organisations that are not a party.
    pub fn contains(&self, org: Organisation) -> bool {
        match self {
            OrgSet::Any => true,
            OrgSet::Only(orgs) => orgs.contains(&org),
        }
    }
}

impl fmt::Display for OrgSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrgSet::Any => f.write_str("*"),
            OrgSet::Only(orgs) => {
                let codes: Vec<&str> = orgs.iter().map(|o| o.code()).collect();
                f.write_str(&codes.join(", "))
            }
        }
    }
}

/// One provision of the covenant: "`providers` may (not) give `categories` to `recipients` for
/// `purposes` in `phases` on one of `bases`".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable id such as `POL-GEM-01`; named in verdicts and the audit log.
    pub id: String,
    pub effect: Effect,
    pub providers: OrgSet,
    pub recipients: OrgSet,
    pub categories: Vec<DataCategory>,
    pub purposes: Vec<SharePurpose>,
    /// The lifecycle phases in which the rule applies; `None` = any phase.
    pub phases: Option<Vec<CaseState>>,
    /// Permit: the request's basis must be one of these (never empty). Forbid: empty = any basis.
    pub bases: Vec<LegalBasis>,
    /// Conditions to observe when the rule allows a provision (Dutch).
    pub conditions: Vec<String>,
    /// What the rule says, in one Dutch sentence.
    pub text: String,
    pub status: Status,
}

impl Rule {
    /// Whether the rule matches the request on everything but the legal basis.
    pub fn matches_except_basis(&self, request: &Request) -> bool {
        self.providers.contains(request.provider)
            && self.recipients.contains(request.recipient)
            && self.categories.contains(&request.category)
            && self.purposes.contains(&request.purpose)
            && self.phase_matches(request.phase)
    }

    /// Whether the rule matches the request, legal basis included.
    pub fn applies_to(&self, request: &Request) -> bool {
        self.matches_except_basis(request) && self.basis_matches(request.basis)
    }

    fn phase_matches(&self, phase: Option<CaseState>) -> bool {
        match (&self.phases, phase) {
            (None, _) => true,
            (Some(phases), Some(phase)) => phases.contains(&phase),
            // Unknown phase: a phase-limited forbid applies, a phase-limited permit does not.
            (Some(_), None) => self.effect == Effect::Forbid,
        }
    }

    fn basis_matches(&self, basis: Option<LegalBasis>) -> bool {
        match (self.effect, basis) {
            (Effect::Forbid, _) if self.bases.is_empty() => true,
            // Unknown basis: a forbid that names bases applies anyway.
            (Effect::Forbid, None) => true,
            (Effect::Permit, None) => !self.bases.is_empty(),
            (_, Some(basis)) => self.bases.contains(&basis),
        }
    }

    fn reference(&self) -> String {
        format!("{} {} (“{}”)", self.id, self.status.label(), self.text)
    }
}

/// How long case data is kept after the case is closed: an ISO 8601 duration of years, months and
/// days (`P5Y`, `P18M`, `P1Y6M`, `P0D`). Never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Retention {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

/// Why a retention period could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RetentionError {
    #[error("empty retention period")]
    Empty,
    #[error("negative retention period")]
    Negative,
    #[error("not an ISO 8601 duration of years, months and days")]
    Malformed,
    #[error("a number in the retention period is too large")]
    TooLarge,
}

impl RetentionError {
    /// The reason in Dutch, for the people who edit covenant files.
    pub const fn dutch(self) -> &'static str {
        match self {
            RetentionError::Empty => "de bewaartermijn is leeg",
            RetentionError::Negative => "een bewaartermijn kan niet negatief zijn",
            RetentionError::Malformed => {
                "geen geldige bewaartermijn; schrijf een ISO 8601-duur in jaren (Y), maanden (M) en \
                 dagen (D), bijvoorbeeld \"P5Y\", \"P18M\", \"P1Y6M\" of \"P0D\""
            }
            RetentionError::TooLarge => "een getal in de bewaartermijn is te groot",
        }
    }
}

impl Retention {
    pub const fn new(years: u32, months: u32, days: u32) -> Self {
        Self { years, months, days }
    }

    /// Reads `P[nY][nM][nD]` with at least one part, in that order, whole numbers only. Weeks and
    /// times of day are not accepted; a leading minus sign is refused as negative.
    pub fn parse(text: &str) -> Result<Self, RetentionError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RetentionError::Empty);
        }
        if text.starts_with('-') {
            return Err(RetentionError::Negative);
        }
        let body = text.strip_prefix('P').ok_or(RetentionError::Malformed)?;
        if body.is_empty() {
            return Err(RetentionError::Malformed);
        }
        let mut out = Retention::default();
        let mut digits: String = Default::default();
        // Units must come in the order Y, M, D; `next` is the lowest unit still allowed.
        let mut next = 0;
        for c in body.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let unit = match c {
                'Y' => 0,
                'M' => 1,
                'D' => 2,
                _ => return Err(RetentionError::Malformed),
            };
            if digits.is_empty() || unit < next {
                return Err(RetentionError::Malformed);
            }
            let n: u32 = digits.parse().map_err(|_| RetentionError::TooLarge)?;
            match unit {
                0 => out.years = n,
                1 => out.months = n,
                _ => out.days = n,
            }
            digits.clear();
            next = unit + 1;
        }
        if !digits.is_empty() {
            return Err(RetentionError::Malformed);
        }
        Ok(out)
    }

    /// The date `self` after `date`: first the years and months (a day that does not exist in the
    /// target month becomes the last day of that month, so 29 Feb + 1 year = 28 Feb), then the
    /// days. Saturates at the last date chrono can represent instead of overflowing.
    pub fn add_after(self, date: NaiveDate) -> NaiveDate {
        let months = u64::from(self.years) * 12 + u64::from(self.months);
        let with_months = u32::try_from(months)
            .ok()
            .and_then(|m| date.checked_add_months(Months::new(m)));
        with_months
            .and_then(|d| d.checked_add_days(Days::new(u64::from(self.days))))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether the period is zero (destroy at closure).
    pub const fn is_zero(self) -> bool {
        self.years == 0 && self.months == 0 && self.days == 0
    }

    /// In Dutch words: "5 jaar", "1 jaar en 6 maanden", "0 dagen".
    pub fn dutch(self) -> String {
        let mut parts = Vec::new();
        if self.years > 0 {
            parts.push(format!("{} jaar", self.years));
        }
        if self.months > 0 {
            let unit = if self.months == 1 { "maand" } else { "maanden" };
            parts.push(format!("{} {unit}", self.months));
        }
        if self.days > 0 || parts.is_empty() {
            let unit = if self.days == 1 { "dag" } else { "dagen" };
            parts.push(format!("{} {unit}", self.days));
        }
        join_dutch(&parts, "en")
    }
}

impl fmt::Display for Retention {
    /// The ISO 8601 form, as written in covenant files: `P5Y`, `P1Y6M`, `P0D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        if self.years > 0 {
            write!(f, "{}Y", self.years)?;
        }
        if self.months > 0 {
            write!(f, "{}M", self.months)?;
        }
        if self.days > 0 || self.is_zero() {
            write!(f, "{}D", self.days)?;
        }
        Ok(())
    }
}

/// A data-sharing covenant (the model covenant or a municipality's local variant), as validated data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covenant {
    /// Stable id, e.g. `nctv-model-2017`.
    pub id: String,
    /// Version of this text; a changed covenant gets a new version.
    pub version: String,
    pub title: String,
    /// For a local variant: the `id@version` it was derived from.
    pub based_on: Option<String>,
    /// How long case data is kept after closure.
    pub retention: Retention,
    pub parties: Vec<Party>,
    /// The data categories, legal bases and purposes the covenant knows; rules use only these.
    pub categories: Vec<DataCategory>,
    pub bases: Vec<LegalBasis>,
    pub purposes: Vec<SharePurpose>,
    /// In file order; the order decides which permit's basis is reported when none is given.
    pub rules: Vec<Rule>,
}

impl Covenant {
    /// `id@version`, as verdicts and the audit log name the covenant.
    pub fn label(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    pub fn is_party(&self, org: Organisation) -> bool {
        self.party(org).is_some()
    }

    pub fn party(&self, org: Organisation) -> Option<&Party> {
        self.parties.iter().find(|p| p.org == org)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The last day case data may be kept, for a case closed on `closed`.
    pub fn retention_end(&self, closed: NaiveDate) -> NaiveDate {
        self.retention.add_after(closed)
    }
}

/// A question to the covenant: may `provider` give data of `category` to `recipient`?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Request {
    pub provider: Organisation,
    pub recipient: Organisation,
    pub category: DataCategory,
    pub purpose: SharePurpose,
    /// The case's lifecycle state; `None` when not known (phase-limited permits then do not apply).
    pub phase: Option<CaseState>,
    /// The basis the provider invokes; `None` = "is there any basis?" (the verdict reports one).
    pub basis: Option<LegalBasis>,
}

impl Request {
    /// A request for the PGA purpose, phase and basis not given.
    pub const fn new(provider: Organisation, recipient: Organisation, category: DataCategory) -> Self {
        Self {
            provider,
            recipient,
            category,
            purpose: SharePurpose::Pga,
            phase: None,
            basis: None,
        }
    }

    pub const fn in_phase(mut self, phase: CaseState) -> Self {
        self.phase = Some(phase);
        self
    }

    pub const fn with_basis(mut self, basis: LegalBasis) -> Self {
        self.basis = Some(basis);
        self
    }
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    pub decision: Decision,
    /// The rule ids that decided: the forbid(s) for a forbid, the permit(s) for an allow (or
    /// `EIGEN`), empty for default deny and for a non-party.
    pub rules: Vec<String>,
    /// `id@version` of the covenant that decided.
    pub covenant: String,
    /// The basis under which the provision is allowed.
    pub basis: Option<LegalBasis>,
    /// Plain Dutch: what was decided, by which rules, under which covenant version.
    pub explanation: String,
    /// Conditions to observe (Dutch), from the permits that allowed it.
    pub conditions: Vec<String>,
    /// On a deny for lack of a fitting basis: the bases under which it would be allowed.
    pub alternatives: Vec<LegalBasis>,
    /// Whether a deciding rule is inferred ([I]) rather than verified.
    pub inferred: bool,
}

/// Decides a request: non-party → deny; own data → allow (`EIGEN`); a matching forbid → deny
/// (forbid wins); a matching permit → allow; otherwise deny (default deny).
pub fn evaluate(covenant: &Covenant, request: &Request) -> Verdict {
    let label = covenant.label();
    let what = Subject::new(request);

    // 1. Only parties give or receive anything.
    let mut outsiders: Vec<Organisation> = Vec::new();
    for org in [request.provider, request.recipient] {
        if !covenant.is_party(org) && !outsiders.contains(&org) {
            outsiders.push(org);
        }
    }
    if !outsiders.is_empty() {
        let names: Vec<String> = outsiders.iter().map(|o| with_article(*o)).collect();
        let verb = if outsiders.len() == 1 { "is" } else { "zijn" };
        let explanation = format!(
            "Niet toegestaan: {} {verb} geen partij bij het convenant {label}. Alleen partijen mogen onder \
             dit convenant gegevens verstrekken of ontvangen; een organisatie die geen partij is, krijgt \
             niets.{}",
            join_dutch(&names, "en"),
            what.sensitivity(false),
        );
        return Verdict {
            allowed: false,
            decision: Decision::NotAParty,
            rules: Vec::new(),
            covenant: label,
            basis: None,
            explanation,
            conditions: Vec::new(),
            alternatives: Vec::new(),
            inferred: false,
        };
    }

    // 2. An organisation may always receive its own data.
    if request.provider == request.recipient {
        let explanation = format!(
            "Toegestaan: het gaat om eigen gegevens van {}. Een organisatie mag haar eigen gegevens altijd \
             ontvangen (ingebouwde regel {OWN_DATA_RULE} {}; convenant {label}).{}{}",
            with_article(request.provider),
            Status::Inferred.label(),
            what.sensitivity(true),
            INFERRED_NOTE,
        );
        return Verdict {
            allowed: true,
            decision: Decision::OwnData,
            rules: vec![OWN_DATA_RULE.to_string()],
            covenant: label,
            basis: request.basis,
            explanation,
            conditions: Vec::new(),
            alternatives: Vec::new(),
            inferred: true,
        };
    }

    // 3. A forbid always wins.
    let forbids: Vec<&Rule> = covenant
        .rules
        .iter()
        .filter(|r| r.effect == Effect::Forbid && r.applies_to(request))
        .collect();
    if !forbids.is_empty() {
        let inferred = forbids.iter().any(|r| r.status == Status::Inferred);
        let mut unknown: String = Default::default();
        if request.phase.is_none() && forbids.iter().any(|r| r.phases.is_some()) {
            unknown.push_str(
                " De fase van de casus is niet opgegeven; een verbod dat alleen in bepaalde fasen geldt, telt \
                 dan voor de zekerheid mee.",
            );
        }
        if request.basis.is_none() && forbids.iter().any(|r| !r.bases.is_empty()) {
            unknown.push_str(
                " De grondslag is niet opgegeven; een verbod dat alleen bij bepaalde grondslagen geldt, telt \
                 dan voor de zekerheid mee.",
            );
        }
        let explanation = format!(
            "Niet toegestaan: het convenant {label} verbiedt dat {} {} verstrekt aan {}{}{}. {}: {}. Een \
             verbod gaat altijd voor, ook als een andere regel het zou toestaan.{unknown}{}{}",
            with_article(request.provider),
            what.category_phrase(),
            with_article(request.recipient),
            what.phase_phrase(),
            what.basis_phrase(),
            deciding(forbids.len()),
            references(&forbids),
            what.sensitivity(false),
            if inferred { INFERRED_NOTE } else { "" },
        );
        return Verdict {
            allowed: false,
            decision: Decision::Forbidden,
            rules: forbids.iter().map(|r| r.id.clone()).collect(),
            covenant: label,
            basis: None,
            explanation,
            conditions: Vec::new(),
            alternatives: Vec::new(),
            inferred,
        };
    }

    // 4. A permit allows; without a given basis, the first matching permit's first basis is used.
    let candidates: Vec<&Rule> = covenant
        .rules
        .iter()
        .filter(|r| r.effect == Effect::Permit && r.matches_except_basis(request))
        .collect();
    let basis = match request.basis {
        Some(basis) => candidates
            .iter()
            .any(|r| r.bases.contains(&basis))
            .then_some(basis),
        None => candidates.iter().find_map(|r| r.bases.first().copied()),
    };
    if let Some(basis) = basis {
        let permits: Vec<&Rule> = candidates
            .iter()
            .copied()
            .filter(|r| r.bases.contains(&basis))
            .collect();
        let mut conditions: Vec<String> = Vec::new();
        for condition in permits.iter().flat_map(|r| r.conditions.iter()) {
            if !conditions.contains(condition) {
                conditions.push(condition.clone());
            }
        }
        let inferred = permits.iter().any(|r| r.status == Status::Inferred);
        let condition_text = if conditions.is_empty() {
            Default::default()
        } else {
            format!(" Voorwaarden: {}.", conditions.join("; "))
        };
        let explanation = format!(
            "Toegestaan: {} mag {} verstrekken aan {}{}{}, op grond van {}. {}: {} (convenant {label}).{}{}{}",
            with_article(request.provider),
            what.category_phrase(),
            with_article(request.recipient),
            what.purpose_phrase(),
            what.phase_phrase(),
            basis.dutch(),
            deciding(permits.len()),
            references(&permits),
            condition_text,
            what.sensitivity(true),
            if inferred { INFERRED_NOTE } else { "" },
        );
        return Verdict {
            allowed: true,
            decision: Decision::Permitted,
            rules: permits.iter().map(|r| r.id.clone()).collect(),
            covenant: label,
            basis: Some(basis),
            explanation,
            conditions,
            alternatives: Vec::new(),
            inferred,
        };
    }

    // 5. Default deny, with the bases that would have worked (a basis a forbid rules out is no
    //    alternative).
    let mut alternatives: Vec<LegalBasis> = Vec::new();
    let mut offering: Vec<&Rule> = Vec::new();
    for rule in &candidates {
        for basis in &rule.bases {
            let with_basis = Request {
                basis: Some(*basis),
                ..*request
            };
            let forbidden = covenant
                .rules
                .iter()
                .any(|r| r.effect == Effect::Forbid && r.applies_to(&with_basis));
            if forbidden {
                continue;
            }
            if !alternatives.contains(basis) {
                alternatives.push(*basis);
            }
            if !offering.iter().any(|r| r.id == rule.id) {
                offering.push(rule);
            }
        }
    }
    let mut explanation = format!(
        "Niet toegestaan: geen enkele regel van het convenant {label} staat toe dat {} {} verstrekt aan {}{}{}. \
         Wat het convenant niet uitdrukkelijk toestaat, is niet toegestaan.",
        with_article(request.provider),
        what.category_phrase(),
        with_article(request.recipient),
        what.phase_phrase(),
        what.basis_phrase(),
    );
    if !alternatives.is_empty() {
        let names: Vec<String> = alternatives.iter().map(|b| b.dutch().to_string()).collect();
        explanation.push_str(&format!(
            " Wel toegestaan met grondslag: {} ({}: {}).",
            join_dutch(&names, "of"),
            if offering.len() == 1 { "regel" } else { "regels" },
            offering
                .iter()
                .map(|r| format!("{} {}", r.id, r.status.label()))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    } else if request.phase.is_none()
        && covenant.rules.iter().any(|r| {
            r.effect == Effect::Permit
                && r.phases.is_some()
                && r.providers.contains(request.provider)
                && r.recipients.contains(request.recipient)
                && r.categories.contains(&request.category)
                && r.purposes.contains(&request.purpose)
        })
    {
        explanation.push_str(
            " De fase van de casus is niet opgegeven; regels die alleen in bepaalde fasen gelden, tellen dan \
             niet mee.",
        );
    }
    explanation.push_str(&what.sensitivity(false));
    Verdict {
        allowed: false,
        decision: Decision::NoRule,
        rules: Vec::new(),
        covenant: label,
        basis: None,
        explanation,
        conditions: Vec::new(),
        alternatives,
        inferred: false,
    }
}

/// The lifecycle phases in which the request (its own phase ignored) would be allowed, in lifecycle
/// order: for "in which phases may the police give this to the municipality?".
pub fn allowed_phases(covenant: &Covenant, request: &Request) -> Vec<CaseState> {
    CaseState::ALL
        .iter()
        .copied()
        .filter(|phase| {
            let in_phase = Request {
                phase: Some(*phase),
                ..*request
            };
            evaluate(covenant, &in_phase).allowed
        })
        .collect()
}

const INFERRED_NOTE: &str =
    " [I] betekent: deze regel is afgeleid en niet in een bron geverifieerd; laat hem \
                             bevestigen door de privacyfunctionaris of een jurist.";

/// The parts of a request that explanations put into words.
struct Subject {
    category: DataCategory,
    purpose: SharePurpose,
    phase: Option<CaseState>,
    basis: Option<LegalBasis>,
}

impl Subject {
    fn new(request: &Request) -> Self {
        Self {
            category: request.category,
            purpose: request.purpose,
            phase: request.phase,
            basis: request.basis,
        }
    }

    fn category_phrase(&self) -> String {
        format!("gegevens uit de categorie ‘{}’", self.category.dutch())
    }

    fn purpose_phrase(&self) -> String {
        format!(" voor het doel ‘{}’", self.purpose.dutch())
    }

    fn phase_phrase(&self) -> String {
        match self.phase {
            Some(phase) => format!(" in de fase ‘{}’", phase.dutch()),
            None => Default::default(),
        }
    }

    fn basis_phrase(&self) -> String {
        match self.basis {
            Some(basis) => format!(" op grond van {}", basis.dutch()),
            None => Default::default(),
        }
    }

    /// A sentence on special-category and criminal-law data; empty for other data.
    fn sensitivity(&self, allowed: bool) -> String {
        let mut out: String = Default::default();
        if self.category.is_special() {
            out.push_str(if allowed {
                " Let op: dit zijn bijzondere persoonsgegevens (AVG art. 9); deel alleen wat strikt \
                 noodzakelijk is."
            } else {
                " Het gaat om bijzondere persoonsgegevens (AVG art. 9)."
            });
        }
        if self.category.is_criminal() {
            if allowed {
                let secrecy = match self.category {
                    DataCategory::Politiegegevens => "Wpg art. 7 lid 2",
                    _ => "Wjsg art. 52",
                };
                out.push_str(&format!(
                    " Let op: dit zijn persoonsgegevens van strafrechtelijke aard (AVG art. 10); wie ze \
                     ontvangt, heeft een geheimhoudingsplicht ({secrecy})."
                ));
            } else {
                out.push_str(" Het gaat om persoonsgegevens van strafrechtelijke aard (AVG art. 10).");
            }
        }
        out
    }
}

fn deciding(count: usize) -> &'static str {
    if count == 1 {
        "Beslissende regel"
    } else {
        "Beslissende regels"
    }
}

fn references(rules: &[&Rule]) -> String {
    rules.iter().map(|r| r.reference()).collect::<Vec<_>>().join("; ")
}

/// The organisation's Dutch name with its article: "de politie", "het Openbaar Ministerie".
fn with_article(org: Organisation) -> String {
    let article = match org {
        Organisation::Om | Organisation::Zvh | Organisation::Onderwijs => "het",
        _ => "de",
    };
    format!("{article} {}", org.dutch())
}

/// "a", "a en b", "a, b en c" (or with "of").
fn join_dutch(items: &[String], last: &str) -> String {
    match items {
        [] => Default::default(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseState as P;
    use crate::share::{DataCategory as C, LegalBasis as B};
    use crate::user::Organisation as O;
    use proptest::prelude::*;

    const WEIGHING: &[CaseState] = &[P::SignalReceived, P::UnderWeighing, P::MoreInfoNeeded];
    const PGA: &[CaseState] = &[
        P::Admitted,
        P::InCaseMeeting,
        P::PlanAdopted,
        P::InExecution,
        P::UnderEvaluation,
        P::ScaledDown,
    ];

    fn rule(id: &str, effect: Effect, providers: OrgSet, recipients: OrgSet, categories: &[C]) -> Rule {
        Rule {
            id: id.to_string(),
            effect,
            providers,
            recipients,
            categories: categories.to_vec(),
            purposes: vec![SharePurpose::Pga],
            phases: None,
            bases: Vec::new(),
            conditions: Vec::new(),
            text: format!("regel {id}"),
            status: Status::Inferred,
        }
    }

    fn only(orgs: &[O]) -> OrgSet {
        OrgSet::Only(orgs.to_vec())
    }

    fn with(mut r: Rule, phases: Option<&[P]>, bases: &[B], status: Status) -> Rule {
        r.phases = phases.map(<[P]>::to_vec);
        r.bases = bases.to_vec();
        r.status = status;
        r
    }

    /// A small covenant shaped like the model covenant (the real seed is checked exhaustively in
    /// tests/tests/covenant_rules.rs). Onderwijs is deliberately not a party here.
    fn sample() -> Covenant {
        let active: Vec<P> = WEIGHING.iter().chain(PGA).copied().collect();
        let mut pol_gem = with(
            rule(
                "POL-GEM-01",
                Effect::Permit,
                only(&[O::Politie]),
                only(&[O::Gemeente]),
                &[C::Politiegegevens],
            ),
            Some(active.as_slice()),
            &[B::Wpg18_2],
            Status::Verified,
        );
        pol_gem.conditions = vec!["alleen voor zover noodzakelijk".to_string()];
        let mut pol_bgm = with(
            rule(
                "POL-BGM-01",
                Effect::Permit,
                only(&[O::Politie]),
                only(&[O::Gemeente]),
                &[C::Politiegegevens],
            ),
            None,
            &[B::Wpg16],
            Status::Verified,
        );
        pol_bgm.conditions = vec!["alleen aan de burgemeester".to_string()];
        Covenant {
            id: "test".to_string(),
            version: "1".to_string(),
            title: "Testconvenant".to_string(),
            based_on: None,
            retention: Retention::new(5, 0, 0),
            parties: vec![
                Party {
                    org: O::Gemeente,
                    kind: PartyType::Core,
                },
                Party {
                    org: O::Politie,
                    kind: PartyType::Core,
                },
                Party {
                    org: O::Om,
                    kind: PartyType::Core,
                },
                Party {
                    org: O::Rvdk,
                    kind: PartyType::Case,
                },
                Party {
                    org: O::Reclassering,
                    kind: PartyType::Case,
                },
                Party {
                    org: O::Ggz,
                    kind: PartyType::External,
                },
                Party {
                    org: O::Jeugdzorg,
                    kind: PartyType::External,
                },
            ],
            categories: C::ALL.to_vec(),
            bases: B::ALL.to_vec(),
            purposes: vec![SharePurpose::Pga],
            rules: vec![
                pol_gem,
                pol_bgm,
                with(
                    rule(
                        "POL-OVL-01",
                        Effect::Permit,
                        only(&[O::Politie]),
                        only(&[O::Om, O::Rvdk, O::Reclassering, O::Ggz]),
                        &[C::Politiegegevens],
                    ),
                    Some(PGA),
                    &[B::Wpg18_2],
                    Status::Inferred,
                ),
                with(
                    rule(
                        "GEM-ALLE-01",
                        Effect::Permit,
                        only(&[O::Gemeente]),
                        OrgSet::Any,
                        &[C::Identiteit, C::Signaal],
                    ),
                    Some(PGA),
                    &[B::PgaWet],
                    Status::Inferred,
                ),
                with(
                    rule(
                        "ZORG-OVL-01",
                        Effect::Permit,
                        only(&[O::Ggz, O::Jeugdzorg]),
                        OrgSet::Any,
                        &[C::Gezondheid],
                    ),
                    Some(PGA),
                    &[B::Toestemming, B::ConflictVanPlichten],
                    Status::Inferred,
                ),
                with(
                    rule(
                        "LEV-OVL-01",
                        Effect::Permit,
                        OrgSet::Any,
                        OrgSet::Any,
                        &[C::Levensovertuiging],
                    ),
                    Some(PGA),
                    &[B::PgaWet],
                    Status::Inferred,
                ),
                with(
                    rule(
                        "VERBOD-WEGING-01",
                        Effect::Forbid,
                        OrgSet::Any,
                        only(&[O::Rvdk, O::Reclassering, O::Ggz, O::Jeugdzorg]),
                        &[C::Politiegegevens, C::Strafvorderlijk, C::Justitieel],
                    ),
                    Some(WEIGHING),
                    &[],
                    Status::Inferred,
                ),
                with(
                    rule(
                        "VERBOD-JZ-01",
                        Effect::Forbid,
                        OrgSet::Any,
                        only(&[O::Jeugdzorg]),
                        &[C::Politiegegevens],
                    ),
                    None,
                    &[],
                    Status::Inferred,
                ),
            ],
        }
    }

    #[test]
    fn a_permit_allows_and_names_rule_version_basis_and_conditions() {
        let v = evaluate(
            &sample(),
            &Request::new(O::Politie, O::Gemeente, C::Politiegegevens)
                .in_phase(P::UnderWeighing)
                .with_basis(B::Wpg18_2),
        );
        assert!(v.allowed);
        assert_eq!(v.decision, Decision::Permitted);
        assert_eq!(v.rules, ["POL-GEM-01"]);
        assert_eq!(v.covenant, "test@1");
        assert_eq!(v.basis, Some(B::Wpg18_2));
        assert_eq!(v.conditions, ["alleen voor zover noodzakelijk"]);
        assert!(!v.inferred);
        assert!(
            v.explanation.starts_with("Toegestaan: de politie mag"),
            "{}",
            v.explanation
        );
        assert!(v.explanation.contains("POL-GEM-01 [V]"));
        assert!(v.explanation.contains("test@1"));
        assert!(
            v.explanation.contains("strafrechtelijke aard"),
            "criminal data is flagged"
        );
        assert!(!v.explanation.contains("[I] betekent"));
    }

    #[test]
    fn without_a_basis_the_first_permits_first_basis_is_reported() {
        let v = evaluate(
            &sample(),
            &Request::new(O::Politie, O::Gemeente, C::Politiegegevens).in_phase(P::InExecution),
        );
        assert!(v.allowed);
        assert_eq!(v.basis, Some(B::Wpg18_2));
        assert_eq!(
            v.rules,
            ["POL-GEM-01"],
            "only permits under the reported basis are named"
        );
        // A basis only the second permit has.
        let v = evaluate(
            &sample(),
            &Request::new(O::Politie, O::Gemeente, C::Politiegegevens)
                .in_phase(P::Closed)
                .with_basis(B::Wpg16),
        );
        assert!(v.allowed);
        assert_eq!(v.rules, ["POL-BGM-01"]);
        assert_eq!(v.conditions, ["alleen aan de burgemeester"]);
    }

    #[test]
    fn a_forbid_wins_over_a_permit() {
        let mut c = sample();
        // A broad permit that would otherwise allow police data to youth care.
        c.rules.push(with(
            rule(
                "BREED-01",
                Effect::Permit,
                OrgSet::Any,
                OrgSet::Any,
                &[C::Politiegegevens],
            ),
            None,
            &[B::Wpg18_2],
            Status::Inferred,
        ));
        let r = Request::new(O::Politie, O::Jeugdzorg, C::Politiegegevens)
            .in_phase(P::InCaseMeeting)
            .with_basis(B::Wpg18_2);
        let v = evaluate(&c, &r);
        assert!(!v.allowed);
        assert_eq!(v.decision, Decision::Forbidden);
        assert_eq!(v.rules, ["VERBOD-JZ-01"]);
        assert!(v.explanation.contains("verbiedt"));
        assert!(v.explanation.contains("VERBOD-JZ-01 [I]"));
        assert!(v.explanation.contains("[I] betekent"));
        assert!(v.conditions.is_empty() && v.alternatives.is_empty() && v.basis.is_none());
        // Both forbids are named when both match.
        let v = evaluate(&c, &r.in_phase(P::UnderWeighing));
        assert_eq!(v.rules, ["VERBOD-WEGING-01", "VERBOD-JZ-01"]);
        assert!(v.explanation.contains("Beslissende regels"));
    }

    #[test]
    fn nothing_matching_is_denied_by_default() {
        let v = evaluate(
            &sample(),
            &Request::new(O::Rvdk, O::Om, C::Netwerk).in_phase(P::InCaseMeeting),
        );
        assert!(!v.allowed);
        assert_eq!(v.decision, Decision::NoRule);
        assert!(v.rules.is_empty());
        assert!(v.alternatives.is_empty());
        assert!(v.explanation.contains("geen enkele regel"), "{}", v.explanation);
        assert!(v.explanation.contains("test@1"));
    }

    #[test]
    fn a_non_party_gets_nothing_and_gives_nothing() {
        let c = sample();
        let v = evaluate(
            &c,
            &Request::new(O::Gemeente, O::Onderwijs, C::Identiteit).in_phase(P::Admitted),
        );
        assert!(!v.allowed);
        assert_eq!(v.decision, Decision::NotAParty);
        assert!(v
            .explanation
            .contains("het onderwijs is geen partij bij het convenant test@1"));
        let v = evaluate(&c, &Request::new(O::Zvh, O::Gemeente, C::Besluit));
        assert!(!v.allowed);
        assert!(v
            .explanation
            .contains("het Zorg- en Veiligheidshuis is geen partij"));
        // Not even its own data: the covenant does not speak for non-parties.
        let v = evaluate(&c, &Request::new(O::Onderwijs, O::Onderwijs, C::Signaal));
        assert_eq!(v.decision, Decision::NotAParty);
        let v = evaluate(&c, &Request::new(O::Zvh, O::Onderwijs, C::Signaal));
        assert!(v
            .explanation
            .contains("het Zorg- en Veiligheidshuis en het onderwijs zijn geen partij"));
        assert!(!c.is_party(O::Onderwijs) && c.is_party(O::Ggz));
        assert_eq!(c.party(O::Rvdk).map(|p| p.kind), Some(PartyType::Case));
    }

    #[test]
    fn own_data_is_always_allowed_even_where_a_forbid_matches() {
        let mut c = sample();
        c.rules.push(with(
            rule("VERBOD-ALLES", Effect::Forbid, OrgSet::Any, OrgSet::Any, C::ALL),
            None,
            &[],
            Status::Inferred,
        ));
        let v = evaluate(
            &c,
            &Request::new(O::Ggz, O::Ggz, C::Gezondheid).in_phase(P::Archived),
        );
        assert!(v.allowed);
        assert_eq!(v.decision, Decision::OwnData);
        assert_eq!(v.rules, [OWN_DATA_RULE]);
        assert!(v.inferred);
        assert!(v.explanation.contains("EIGEN [I]"));
        assert!(
            v.explanation.contains("bijzondere persoonsgegevens"),
            "special data is flagged"
        );
    }

    #[test]
    fn a_phase_limited_permit_applies_only_in_its_phases() {
        let c = sample();
        let r = Request::new(O::Politie, O::Rvdk, C::Politiegegevens).with_basis(B::Wpg18_2);
        assert!(evaluate(&c, &r.in_phase(P::InCaseMeeting)).allowed);
        let v = evaluate(&c, &r.in_phase(P::Closed));
        assert!(!v.allowed);
        assert_eq!(v.decision, Decision::NoRule);
        // During weighing the forbid decides.
        let v = evaluate(&c, &r.in_phase(P::UnderWeighing));
        assert_eq!(v.rules, ["VERBOD-WEGING-01"]);
        // Phase unknown: the permit does not apply, and the forbid (limited to weighing) does.
        let v = evaluate(&c, &r);
        assert_eq!(v.decision, Decision::Forbidden);
        // Phase unknown and no forbid: default deny with a hint.
        let v = evaluate(&c, &Request::new(O::Gemeente, O::Rvdk, C::Signaal));
        assert_eq!(v.decision, Decision::NoRule);
        assert!(v.explanation.contains("fase van de casus is niet opgegeven"));
    }

    #[test]
    fn a_wrong_basis_is_denied_with_the_bases_that_would_allow() {
        let v = evaluate(
            &sample(),
            &Request::new(O::Ggz, O::Gemeente, C::Gezondheid)
                .in_phase(P::InCaseMeeting)
                .with_basis(B::PgaWet),
        );
        assert!(!v.allowed);
        assert_eq!(v.decision, Decision::NoRule);
        assert_eq!(v.alternatives, [B::Toestemming, B::ConflictVanPlichten]);
        assert!(
            v.explanation
                .contains("toegestaan met grondslag: toestemming van betrokkene of conflict van plichten"),
            "{}",
            v.explanation
        );
        assert!(v.explanation.contains("ZORG-OVL-01 [I]"));
        assert!(v.explanation.contains("bijzondere persoonsgegevens (AVG art. 9)"));
        // With one of them it is allowed.
        let v = evaluate(
            &sample(),
            &Request::new(O::Ggz, O::Gemeente, C::Gezondheid)
                .in_phase(P::InCaseMeeting)
                .with_basis(B::ConflictVanPlichten),
        );
        assert!(v.allowed);
        assert_eq!(v.basis, Some(B::ConflictVanPlichten));
    }

    #[test]
    fn a_forbid_limited_to_bases_applies_only_to_those_and_to_an_unknown_basis() {
        let mut c = sample();
        c.rules.push(with(
            rule(
                "VERBOD-TOESTEMMING",
                Effect::Forbid,
                OrgSet::Any,
                OrgSet::Any,
                &[C::Gezondheid],
            ),
            None,
            &[B::Toestemming],
            Status::Inferred,
        ));
        let r = Request::new(O::Ggz, O::Gemeente, C::Gezondheid).in_phase(P::InCaseMeeting);
        assert_eq!(
            evaluate(&c, &r.with_basis(B::Toestemming)).decision,
            Decision::Forbidden
        );
        assert!(evaluate(&c, &r.with_basis(B::ConflictVanPlichten)).allowed);
        assert_eq!(evaluate(&c, &r).decision, Decision::Forbidden);
    }

    #[test]
    fn a_basis_a_forbid_rules_out_is_not_offered_as_an_alternative() {
        // Found by proptest: a permit under conflict_van_plichten and a forbid under the same basis.
        let mut c = sample();
        c.rules.push(with(
            rule(
                "VERBOD-CVP",
                Effect::Forbid,
                OrgSet::Any,
                OrgSet::Any,
                &[C::Gezondheid],
            ),
            None,
            &[B::ConflictVanPlichten],
            Status::Inferred,
        ));
        let r = Request::new(O::Ggz, O::Rvdk, C::Gezondheid)
            .in_phase(P::InCaseMeeting)
            .with_basis(B::Wpg16);
        let v = evaluate(&c, &r);
        assert_eq!(v.decision, Decision::NoRule);
        assert_eq!(v.alternatives, [B::Toestemming]);
        assert!(evaluate(&c, &r.with_basis(B::Toestemming)).allowed);
        assert_eq!(
            evaluate(&c, &r.with_basis(B::ConflictVanPlichten)).rules,
            ["VERBOD-CVP"]
        );
    }

    #[test]
    fn an_unknown_phase_or_basis_lets_a_limited_forbid_count_and_says_so() {
        let c = sample();
        let v = evaluate(&c, &Request::new(O::Politie, O::Rvdk, C::Politiegegevens));
        assert_eq!(v.rules, ["VERBOD-WEGING-01"]);
        assert!(
            v.explanation.contains("fase van de casus is niet opgegeven"),
            "{}",
            v.explanation
        );
        let mut c = sample();
        c.rules.push(with(
            rule(
                "VERBOD-TOESTEMMING",
                Effect::Forbid,
                OrgSet::Any,
                OrgSet::Any,
                &[C::Gezondheid],
            ),
            None,
            &[B::Toestemming],
            Status::Inferred,
        ));
        let v = evaluate(
            &c,
            &Request::new(O::Ggz, O::Rvdk, C::Gezondheid).in_phase(P::Admitted),
        );
        assert!(
            v.explanation.contains("grondslag is niet opgegeven"),
            "{}",
            v.explanation
        );
    }

    #[test]
    fn allowed_phases_lists_where_a_request_is_allowed() {
        let c = sample();
        let r = Request::new(O::Politie, O::Rvdk, C::Politiegegevens).with_basis(B::Wpg18_2);
        assert_eq!(allowed_phases(&c, &r), PGA);
        let r = Request::new(O::Politie, O::Gemeente, C::Politiegegevens).with_basis(B::Wpg16);
        assert_eq!(allowed_phases(&c, &r), P::ALL, "POL-BGM-01 holds in every phase");
        assert_eq!(allowed_phases(&c, &Request::new(O::Rvdk, O::Om, C::Netwerk)), []);
    }

    #[test]
    fn explanations_read_as_dutch_sentences() {
        let v = evaluate(
            &sample(),
            &Request::new(O::Om, O::Gemeente, C::Levensovertuiging).in_phase(P::PlanAdopted),
        );
        assert!(v.allowed);
        assert!(
            v.explanation.starts_with(
                "Toegestaan: het Openbaar Ministerie mag gegevens uit de categorie ‘levensovertuiging / \
                 ideologie’ verstrekken aan de gemeente voor het doel ‘persoonsgerichte aanpak \
                 radicalisering’ in de fase ‘plan van aanpak vastgesteld’, op grond van Wet \
                 gegevensverwerking PGA / convenant."
            ),
            "{}",
            v.explanation
        );
        assert_eq!(join_dutch(&[], "en"), "");
        assert_eq!(
            join_dutch(&["a".into(), "b".into(), "c".into()], "of"),
            "a, b of c"
        );
    }

    #[test]
    fn retention_arithmetic() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let p = |s| Retention::parse(s).unwrap();
        assert_eq!(p("P1Y").add_after(d(2026, 2, 28)), d(2027, 2, 28));
        assert_eq!(p("P5Y").add_after(d(2026, 3, 1)), d(2031, 3, 1));
        // Leap days: 29 February plus a year is the last day of February.
        assert_eq!(p("P1Y").add_after(d(2024, 2, 29)), d(2025, 2, 28));
        assert_eq!(p("P4Y").add_after(d(2024, 2, 29)), d(2028, 2, 29));
        assert_eq!(p("P1D").add_after(d(2028, 2, 28)), d(2028, 2, 29));
        assert_eq!(p("P1Y1D").add_after(d(2027, 2, 28)), d(2028, 2, 29));
        assert_eq!(p("P18M").add_after(d(2026, 8, 31)), d(2028, 2, 29));
        assert_eq!(p("P1Y6M").add_after(d(2026, 8, 31)), d(2028, 2, 29));
        assert_eq!(p("P0D").add_after(d(2026, 12, 31)), d(2026, 12, 31));
        assert_eq!(p("P30D").add_after(d(2026, 12, 15)), d(2027, 1, 14));
        assert_eq!(
            Retention::new(u32::MAX, u32::MAX, u32::MAX).add_after(d(2026, 1, 1)),
            NaiveDate::MAX
        );
        assert_eq!(sample().retention_end(d(2026, 6, 30)), d(2031, 6, 30));
    }

    #[test]
    fn retention_parses_and_displays() {
        let p = Retention::parse;
        assert_eq!(p("P5Y"), Ok(Retention::new(5, 0, 0)));
        assert_eq!(p("P18M"), Ok(Retention::new(0, 18, 0)));
        assert_eq!(p("P0D"), Ok(Retention::new(0, 0, 0)));
        assert_eq!(p("P1Y6M"), Ok(Retention::new(1, 6, 0)));
        assert_eq!(p(" P1Y2M3D "), Ok(Retention::new(1, 2, 3)));
        assert_eq!(p(""), Err(RetentionError::Empty));
        assert_eq!(p("-P5Y"), Err(RetentionError::Negative));
        for bad in [
            "P", "5Y", "P5", "PY", "P5Y5Y", "P1M1Y", "P1.5Y", "P2W", "PT5H", "p5y", "P+5Y", "P 5Y",
        ] {
            assert_eq!(p(bad), Err(RetentionError::Malformed), "{bad}");
        }
        assert_eq!(p("P99999999999Y"), Err(RetentionError::TooLarge));
        for (text, dutch) in [
            ("P5Y", "5 jaar"),
            ("P1Y6M", "1 jaar en 6 maanden"),
            ("P0D", "0 dagen"),
            ("P1Y1M1D", "1 jaar, 1 maand en 1 dag"),
        ] {
            assert_eq!(p(text).unwrap().to_string(), text);
            assert_eq!(p(text).unwrap().dutch(), dutch);
        }
        assert!(RetentionError::Negative.dutch().contains("negatief"));
    }

    // --- properties -------------------------------------------------------------------------

    fn arb_request() -> impl Strategy<Value = Request> {
        (
            prop::sample::select(O::ALL),
            prop::sample::select(O::ALL),
            prop::sample::select(C::ALL),
            prop::option::of(prop::sample::select(P::ALL)),
            prop::option::of(prop::sample::select(B::ALL)),
        )
            .prop_map(|(provider, recipient, category, phase, basis)| Request {
                provider,
                recipient,
                category,
                purpose: SharePurpose::Pga,
                phase,
                basis,
            })
    }

    fn arb_orgset() -> impl Strategy<Value = OrgSet> {
        prop_oneof![
            1 => Just(OrgSet::Any),
            3 => prop::sample::subsequence(O::ALL, 1..=4).prop_map(OrgSet::Only),
        ]
    }

    fn arb_rule(effect: Effect) -> impl Strategy<Value = Rule> {
        (
            arb_orgset(),
            arb_orgset(),
            prop::sample::subsequence(C::ALL, 1..=4),
            prop::option::of(prop::sample::subsequence(P::ALL, 1..=6)),
            prop::sample::subsequence(B::ALL, if effect == Effect::Permit { 1..=3 } else { 0..=2 }),
            prop::bool::ANY,
        )
            .prop_map(
                move |(providers, recipients, categories, phases, bases, verified)| Rule {
                    id: Default::default(),
                    effect,
                    providers,
                    recipients,
                    categories,
                    purposes: vec![SharePurpose::Pga],
                    phases,
                    bases,
                    conditions: vec!["voorwaarde".to_string()],
                    text: "willekeurige regel".to_string(),
                    status: if verified {
                        Status::Verified
                    } else {
                        Status::Inferred
                    },
                },
            )
    }

    fn arb_covenant() -> impl Strategy<Value = Covenant> {
        let rule = prop_oneof![3 => arb_rule(Effect::Permit), 1 => arb_rule(Effect::Forbid)];
        (
            prop::sample::subsequence(O::ALL, 1..=O::ALL.len()),
            prop::collection::vec(rule, 0..12),
            prop::bool::ANY,
        )
            .prop_map(|(orgs, rules, use_sample)| {
                let mut c = sample();
                if !use_sample {
                    c.parties = orgs
                        .into_iter()
                        .map(|org| Party {
                            org,
                            kind: PartyType::External,
                        })
                        .collect();
                    c.rules.clear();
                }
                for (i, mut r) in rules.into_iter().enumerate() {
                    r.id = format!("X-{i}");
                    c.rules.push(r);
                }
                c
            })
    }

    /// Invariants every verdict keeps, whatever the covenant.
    fn check_verdict(c: &Covenant, r: &Request, v: &Verdict) -> Result<(), TestCaseError> {
        prop_assert_eq!(&v.covenant, &c.label());
        prop_assert!(v.explanation.contains(&c.label()));
        let effects: Vec<Option<Effect>> = v.rules.iter().map(|id| c.rule(id).map(|r| r.effect)).collect();
        if v.allowed {
            prop_assert!(!v.rules.is_empty(), "an allow names at least one rule");
            prop_assert!(v.alternatives.is_empty());
            if v.decision == Decision::OwnData {
                prop_assert_eq!(&v.rules, &vec![OWN_DATA_RULE.to_string()]);
            } else {
                prop_assert_eq!(v.decision, Decision::Permitted);
                prop_assert!(
                    effects.iter().all(|e| *e == Some(Effect::Permit)),
                    "only permits: {:?}",
                    v.rules
                );
                prop_assert!(v.basis.is_some());
                prop_assert!(r.basis.is_none() || r.basis == v.basis);
                for id in &v.rules {
                    let rule = c.rule(id).unwrap();
                    prop_assert!(rule.matches_except_basis(r) && rule.bases.contains(&v.basis.unwrap()));
                }
            }
            // No matching forbid stood in the way (own data aside).
            if v.decision == Decision::Permitted {
                prop_assert!(!c
                    .rules
                    .iter()
                    .any(|x| x.effect == Effect::Forbid && x.applies_to(r)));
            }
        } else {
            prop_assert!(v.conditions.is_empty() && v.basis.is_none());
            match v.decision {
                Decision::Forbidden => {
                    prop_assert!(!v.rules.is_empty());
                    prop_assert!(effects.iter().all(|e| *e == Some(Effect::Forbid)));
                }
                Decision::NoRule | Decision::NotAParty => prop_assert!(v.rules.is_empty()),
                other => prop_assert!(false, "deny with decision {:?}", other),
            }
            // Every alternative really would allow it.
            for b in &v.alternatives {
                let again = evaluate(
                    c,
                    &Request {
                        basis: Some(*b),
                        ..*r
                    },
                );
                prop_assert!(again.allowed, "alternative {:?} does not allow", b);
            }
        }
        let inferred_rule = v
            .rules
            .iter()
            .any(|id| id == OWN_DATA_RULE || c.rule(id).is_some_and(|x| x.status == Status::Inferred));
        prop_assert_eq!(v.inferred, inferred_rule);
        prop_assert_eq!(v.explanation.contains("[I] betekent"), inferred_rule);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn adding_a_forbid_never_turns_a_deny_into_an_allow(
            c in arb_covenant(),
            extra in arb_rule(Effect::Forbid),
            r in arb_request(),
        ) {
            let before = evaluate(&c, &r);
            let mut more = c.clone();
            more.rules.push(Rule { id: "EXTRA-VERBOD".to_string(), ..extra });
            let after = evaluate(&more, &r);
            prop_assert!(before.allowed || !after.allowed, "deny became allow: {:?} -> {:?}", before, after);
            // Forbids are monotone the other way too: a permit can only lose to the new forbid.
            if after.allowed {
                prop_assert_eq!(&before.rules, &after.rules);
            }
        }

        #[test]
        fn adding_a_permit_never_turns_an_allow_into_a_deny(
            c in arb_covenant(),
            extra in arb_rule(Effect::Permit),
            r in arb_request(),
        ) {
            let before = evaluate(&c, &r);
            let mut more = c.clone();
            more.rules.push(Rule { id: "EXTRA-TOESTAAN".to_string(), ..extra });
            prop_assert!(!before.allowed || evaluate(&more, &r).allowed);
        }

        #[test]
        fn an_allow_names_a_permit_and_no_forbid(c in arb_covenant(), r in arb_request()) {
            let v = evaluate(&c, &r);
            check_verdict(&c, &r, &v)?;
        }

        #[test]
        fn a_non_party_never_gets_anything(c in arb_covenant(), r in arb_request()) {
            if !c.is_party(r.provider) || !c.is_party(r.recipient) {
                let v = evaluate(&c, &r);
                prop_assert!(!v.allowed);
                prop_assert_eq!(v.decision, Decision::NotAParty);
            }
        }

        #[test]
        fn retention_never_ends_before_closure(y in 0u32..200, m in 0u32..600, d in 0u32..5000, day in 0i64..40_000) {
            let closed = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(day);
            let r = Retention::new(y, m, d);
            let end = r.add_after(closed);
            prop_assert!(end >= closed);
            prop_assert!(Retention::new(y + 1, m, d).add_after(closed) > end);
            prop_assert_eq!(Retention::parse(&r.to_string()), Ok(r));
        }
    }
}
