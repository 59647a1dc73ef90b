//! Exports: the plan of approach and the minutes of a meeting, per recipient organisation, as PDF,
//! Markdown or HTML. Only what the covenant lets the recipient receive — and the exporting user's own
//! organisation too, so an export never carries what its maker may not see — goes in; what was left
//! out is listed by category and count. casus-export renders; this module decides the content, writes the
//! file atomically inside the chosen folder only, and records the audit event and the disclosure
//! (recipient, purpose, bases, categories, SHA-256 of the file).

use std::io::Write;
use std::path::{Path, PathBuf};

use casus_domain::audit::{Event, Purpose};
use casus_domain::case::CaseState;
use casus_domain::share::{DataCategory, LegalBasis};
use casus_domain::user::Organisation;
use casus_domain::CaseId;
use casus_export::{Block, Document};
use casus_store::meetings;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, ErrorCode};
use crate::ids::new_id;
use crate::policy::Action;
use crate::session::{Audit, Session};
use crate::visibility::{self, ItemMeta};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Markdown,
    Html,
}

impl Format {
    pub fn parse(code: &str) -> Option<Format> {
        match code {
            "pdf" => Some(Format::Pdf),
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    fn render(self, doc: &Document) -> Result<Vec<u8>, AppError> {
        Ok(match self {
            Format::Pdf => casus_export::render_pdf(doc).map_err(pdf_error)?,
            Format::Markdown => casus_export::render_markdown(doc).into_bytes(),
            Format::Html => casus_export::render_html(doc).into_bytes(),
        })
    }
}

/// A PDF that cannot be made. A character the embedded font lacks is the user's to fix (or to
/// export as HTML or Markdown, which carry any text), so it says which character, in Dutch, without
/// the text around it; anything else is a defect.
fn pdf_error(e: casus_export::PdfError) -> AppError {
    match e {
        casus_export::PdfError::MissingGlyph { ch } => AppError::invalid(format!(
            "pdf: het teken \u{2018}{ch}\u{2019} (U+{:04X}) staat niet in het lettertype van de PDF \
             (Noto Sans), dus de PDF kan het niet tonen. Kies HTML of Markdown, die elk teken bevatten, \
             of pas de tekst met dit teken aan en exporteer opnieuw.",
            u32::from(ch)
        )),
        casus_export::PdfError::Invalid(why) => AppError::new(
            ErrorCode::Internal,
            format!("pdf: the PDF/A-2 and PDF/UA-1 check refused the file ({why})"),
        ),
    }
}

/// The clock's time as the PDF's creation date (UTC).
fn timestamp(t: chrono::DateTime<chrono::Utc>) -> casus_export::Timestamp {
    use chrono::{Datelike, Timelike};
    let narrow = |v: u32| u8::try_from(v).unwrap_or(u8::MAX);
    casus_export::Timestamp {
        year: u16::try_from(t.year()).unwrap_or(0),
        month: narrow(t.month()),
        day: narrow(t.day()),
        hour: narrow(t.hour()),
        minute: narrow(t.minute()),
        second: narrow(t.second()),
    }
}

/// What an export did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct ExportResult {
    pub export_id: String,
    pub path: String,
    pub sha256: String,
    pub recipient: String,
    pub included: Vec<String>,
    pub withheld: Vec<String>,
    pub audit_head: String,
}

/// What an export would carry, shown before it is written ("voorbeeld").
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct ExportPreview {
    pub recipient: String,
    /// `category:source` pairs that go out.
    pub included: Vec<String>,
    /// `category:source:count` triples that are left out for this recipient.
    pub withheld: Vec<String>,
    /// The document as Markdown, exactly as the export would render it.
    pub markdown: String,
}

enum PlanExport {
    Written(ExportResult),
    Preview(ExportPreview),
}

/// Reserved file names on Windows, refused everywhere so a store can move between machines.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "lpt1", "lpt2", "lpt3",
];

/// Splits `out` into a folder that must exist and a safe file name. Nothing is ever written
/// outside that folder: the name may not contain a path, start with a dot, or be a reserved name.
pub fn safe_target(out: &Path, format: Format) -> Result<(PathBuf, String), AppError> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| AppError::invalid("out: give a file name, e.g. plan-politie.pdf"))?;
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let stem = clean.split('.').next().unwrap_or("").to_ascii_lowercase();
    if clean.starts_with('.') || clean.is_empty() || RESERVED.contains(&stem.as_str()) || clean != name {
        return Err(AppError::invalid(format!(
            "out: the file name may use letters, digits, '.', '-' and '_' only and not start with a dot (e.g. {})",
            if clean.starts_with('.') || clean.is_empty() { format!("export.{}", format.code()) } else { clean }
        )));
    }
    if out
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(AppError::invalid(
            "out: '..' is not allowed; give the folder itself",
        ));
    }
    let meta = std::fs::metadata(&folder)
        .map_err(|_| AppError::new(ErrorCode::Io, "out: the folder does not exist; create it first"))?;
    if !meta.is_dir() {
        return Err(AppError::new(
            ErrorCode::Io,
            "out: the folder part is not a folder",
        ));
    }
    if folder.join(&name).exists() {
        return Err(AppError::invalid(
            "out: a file with this name already exists; an export never overwrites",
        ));
    }
    Ok((folder, name))
}

/// Makes `folder` (and any missing parent) a private folder for exports: created 0700, and an
/// existing folder tightened to 0700, so nobody but the user who exported can list or open the
/// files in it. Returns the folder. (On other systems the folder is only created.)
pub fn private_folder(folder: &Path) -> Result<PathBuf, AppError> {
    let io = |_| AppError::new(ErrorCode::Io, "the export folder could not be created");
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(folder).map_err(io)?;
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700)).map_err(|_| {
                AppError::new(
                    ErrorCode::Io,
                    "the export folder could not be made private (0700)",
                )
            })?;
        }
    }
    Ok(folder.to_path_buf())
}

/// Writes `bytes` to `folder/name` atomically: a temporary file in the same folder, synced, then
/// renamed into place. Returns the final path.
fn write_atomically(folder: &Path, name: &str, bytes: &[u8], export_id: &str) -> Result<PathBuf, AppError> {
    let io = |e: std::io::Error| {
        AppError::new(
            ErrorCode::Io,
            format!("the export could not be written: {}", e.kind()),
        )
    };
    let tmp = folder.join(format!(".casus-export-{export_id}.part"));
    let result = (|| -> Result<PathBuf, AppError> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        // Only the user who exported may read the file (the folder's other users may not).
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        drop(f);
        let target = folder.join(name);
        // A hard link fails when the name exists, so nothing can be overwritten between a check
        // and the move (a rename would replace a file created in between).
        if let Err(e) = std::fs::hard_link(&tmp, &target) {
            return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
                AppError::invalid("out: a file with this name already exists; an export never overwrites")
            } else {
                io(e)
            });
        }
        let _ = std::fs::remove_file(&tmp);
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        Ok(target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn org(code: &str) -> Result<Organisation, AppError> {
    Organisation::parse(code).ok_or_else(|| {
        AppError::invalid(format!(
            "for: unknown organisation; use one of {}",
            Organisation::codes()
        ))
    })
}

/// Tracks what went in and what was left out.
#[derive(Default)]
struct Ledger {
    included: Vec<(String, String)>,
    withheld: Vec<(String, String, u32)>,
}

impl Ledger {
    fn take(&mut self, allowed: bool, meta: ItemMeta) -> bool {
        let (c, s) = (meta.category.code().to_string(), meta.source.code().to_string());
        if allowed {
            if !self.included.contains(&(c.clone(), s.clone())) {
                self.included.push((c, s));
            }
        } else {
            match self.withheld.iter_mut().find(|w| w.0 == c && w.1 == s) {
                Some(w) => w.2 += 1,
                None => self.withheld.push((c, s, 1)),
            }
        }
        allowed
    }

    fn notice(&self) -> Option<Block> {
        if self.withheld.is_empty() {
            return None;
        }
        Some(Block::Notice(format!(
            "Weggelaten voor deze ontvanger (convenant): {}",
            self.withheld
                .iter()
                .map(|(c, s, n)| format!(
                    "{n} × {} ({})",
                    DataCategory::parse(c).map_or(c.as_str(), |d| d.dutch()),
                    Organisation::parse(s).map_or(s.as_str(), |o| o.dutch())
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )))
    }
}

fn municipal(category: DataCategory) -> ItemMeta {
    ItemMeta {
        source: Organisation::Gemeente,
        category,
        basis: LegalBasis::PgaWet,
    }
}

impl Session {
    fn export_preamble(&mut self, a: &Audit, recipient: Organisation) -> Result<(), AppError> {
        if !self.may(Action::ExportPlan) {
            return Err(self.deny(a.clone(), "your role does not export plans or minutes"));
        }
        if !self.may_for_any(Action::ExportPlan) && recipient != self.me.org {
            return Err(self.deny(a.clone(), "a partner exports only for its own organisation"));
        }
        if !self.covenant.covenant.is_party(recipient) {
            let err = self.deny(
                a.clone(),
                &format!(
                    "{} is not a party to the covenant and receives nothing",
                    recipient.code()
                ),
            );
            return Err(AppError::invalid(err.message));
        }
        Ok(())
    }

    /// Signs a head over the log (as before every export) and returns the chain head in hex and
    /// the line the document carries naming that signed head (store, seq, hash, key fingerprint),
    /// so the export proves the log reached it (`casus audit verify --witness FILE`).
    fn audit_head(&mut self) -> Result<(String, Option<String>), AppError> {
        self.sign_head()?;
        let head = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(casus_store::audit::last_head(tx)?) })?;
        let store_key = self.keys.signing.public_key();
        Ok(match head {
            Some(h) => {
                let stamp = crate::witness::HeadStamp {
                    store: self.keys.store,
                    seq: h.seq,
                    key_fingerprint: casus_store::audit::key_fingerprint(h.key(&store_key)),
                    entry_hash: h.entry_hash,
                };
                (casus_crypto::to_hex(&stamp.entry_hash), Some(stamp.line()))
            }
            None => (String::new(), None),
        })
    }

    /// The chain head in hex, without signing it (for a preview, which is no export).
    fn audit_tail(&mut self) -> Result<String, AppError> {
        let head = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(casus_store::audit::tail(tx)?) })?;
        Ok(head.map(|(_, h)| casus_crypto::to_hex(&h)).unwrap_or_default())
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_export(
        &mut self,
        a: Audit,
        doc: Document,
        format: Format,
        folder: &Path,
        name: &str,
        export_id: &str,
        kind: &str,
        case: Option<CaseId>,
        meeting: Option<&str>,
        cases: &[CaseId],
        recipient: Organisation,
        ledger: Ledger,
        head: String,
    ) -> Result<ExportResult, AppError> {
        let bytes = format.render(&doc)?;
        let sha = casus_crypto::to_hex(&casus_crypto::sha256(&bytes));
        let mut bases: Vec<String> = Vec::new();
        for (c, s) in &ledger.included {
            if let (Some(cat), Some(src)) = (DataCategory::parse(c), Organisation::parse(s)) {
                let v = visibility::verdict(
                    &self.covenant.covenant,
                    recipient,
                    municipal(cat),
                    CaseState::InCaseMeeting,
                );
                let basis = if src == Organisation::Gemeente {
                    v.basis
                } else {
                    None
                };
                if let Some(b) = basis {
                    if !bases.contains(&b.code().to_string()) {
                        bases.push(b.code().to_string());
                    }
                }
            }
        }
        // What went out and what was withheld repeat an item's categories: sealed (schema 9).
        let categories = ledger
            .included
            .iter()
            .map(|(c, s)| format!("{c}:{s}"))
            .collect::<Vec<_>>()
            .join(",");
        let withheld = ledger
            .withheld
            .iter()
            .map(|(c, s, n)| format!("{c}:{s}:{n}"))
            .collect::<Vec<_>>()
            .join(",");
        let row = meetings::DisclosureRow {
            id: export_id.to_string(),
            at: casus_domain::audit::format_time(&self.now()),
            user_id: self.me.id.to_string(),
            kind: kind.into(),
            case_id: case.map(|c| c.to_string()),
            meeting_id: meeting.map(str::to_string),
            recipient: recipient.code().into(),
            purpose: "pga".into(),
            bases: String::new(),
            categories: String::new(),
            withheld: String::new(),
            format: format.code().into(),
            sha256: sha.clone(),
            codes_ct: Some(self.keys.seal_codes_unbound(
                crate::keys::CodesTable::Disclosures,
                export_id,
                &[Some(&bases.join(",")), Some(&categories), Some(&withheld)],
            )?),
        };
        let details = format!("{kind} for {} sha256 {sha}", recipient.code()).into_bytes();
        // Log first: the export's audit entry and its disclosure record are committed before the
        // file exists, so a crash can leave a logged export without a file, never a file without
        // its entry.
        // One entry per case whose content goes into the file, each with its case id (so each
        // person's inzage lists the export), in the one transaction with the disclosure record.
        self.write_logged_for_cases(a.details(details), cases, |tx, _| {
            Ok(meetings::insert_disclosure(tx, &row)?)
        })?;
        let path = write_atomically(folder, name, &bytes, export_id)?;
        Ok(ExportResult {
            export_id: export_id.into(),
            path: path.display().to_string(),
            sha256: sha,
            recipient: recipient.code().into(),
            included: ledger
                .included
                .iter()
                .map(|(c, s)| format!("{c} ({s})"))
                .collect(),
            withheld: ledger
                .withheld
                .iter()
                .map(|(c, s, n)| format!("{n} × {c} ({s})"))
                .collect(),
            audit_head: head,
        })
    }

    fn document(
        &self,
        title: &str,
        subtitle: String,
        recipient: Organisation,
        export_id: &str,
        head: &str,
        municipality: &str,
    ) -> Document {
        let today = self.clock.today();
        Document {
            title: title.into(),
            subtitle: Some(subtitle),
            organisation: if municipality.trim().is_empty() {
                "Gemeente".into()
            } else {
                municipality.into()
            },
            marking: "VERTROUWELIJK".into(),
            watermark: Some(format!(
                "Voor: {} · {} · {today} · export {}",
                recipient.dutch(),
                self.me.name,
                &export_id[..8]
            )),
            footer: format!(
                "Export {} · logboek {}",
                &export_id[..8],
                head.get(..16).unwrap_or(head)
            ),
            audit_head: None,
            created: timestamp(self.now()),
            blocks: Vec::new(),
        }
    }

    /// Exports the current plan of a case for one recipient organisation.
    pub fn export_plan(
        &mut self,
        case: &str,
        for_org: &str,
        format: &str,
        out: &Path,
    ) -> Result<ExportResult, AppError> {
        match self.plan_export(case, for_org, format, Some(out))? {
            PlanExport::Written(done) => Ok(done),
            PlanExport::Preview(_) => Err(AppError::internal("an export was asked to write")),
        }
    }

    /// What an export of the plan for `for_org` would carry and leave out, and the document as
    /// Markdown, without writing a file. Logged as a read of the plan.
    pub fn export_plan_preview(&mut self, case: &str, for_org: &str) -> Result<ExportPreview, AppError> {
        match self.plan_export(case, for_org, "md", None)? {
            PlanExport::Preview(preview) => Ok(preview),
            PlanExport::Written(_) => Err(AppError::internal("a preview wrote a file")),
        }
    }

    fn plan_export(
        &mut self,
        case: &str,
        for_org: &str,
        format: &str,
        out: Option<&Path>,
    ) -> Result<PlanExport, AppError> {
        let case_id = self.case_ref(case)?;
        let a = if out.is_some() {
            Audit::new(Event::Export, Purpose::Pga).case(case_id)
        } else {
            Audit::new(Event::PlanRead, Purpose::Pga).case(case_id)
        };
        let recipient = org(for_org)?;
        let format = Format::parse(format).ok_or_else(|| AppError::invalid("format: use pdf, md or html"))?;
        self.export_preamble(&a, recipient)?;
        self.require_member(case_id, a.clone())?;
        // One read for the whole export: the case with its items, members, overrides and inform
        // decision, every plan version, the accounts that wrote them, the lifecycle.
        let my_org = self.me.org;
        let keys = &self.keys;
        let (rows, plans, accounts, life, meeting_dates) = self.store.read(|tx| -> Result<_, AppError> {
            let plans = meetings::plans(tx, case_id)?;
            // The date of each meeting that adopted a version, so the document names the meeting
            // by its date, not by an id.
            let mut meeting_dates = std::collections::HashMap::new();
            for p in &plans {
                if let Some(m) = p.adopted_in.as_deref() {
                    if let Some(row) = casus_domain::MeetingId::parse(m)
                        .ok()
                        .map(|id| meetings::meeting(tx, id))
                        .transpose()?
                        .flatten()
                    {
                        meeting_dates.insert(m.to_string(), row.held_on);
                    }
                }
            }
            Ok((
                crate::cases::read_case_rows(tx, keys, case_id, my_org)?,
                plans,
                casus_store::users::all(tx)?,
                crate::sealed::lifecycle(tx, keys, case_id)?,
                meeting_dates,
            ))
        })?;
        let number = rows.row.number.clone();
        if !rows.members.iter().any(|m| m == recipient.code()) {
            let err = self.deny(
                a,
                &format!("{} does not take part in this case", recipient.code()),
            );
            return Err(AppError::invalid(err.message));
        }
        let target = out.map(|out| safe_target(out, format)).transpose()?;
        // What the exporting user may see: an export never carries more than its maker's own view.
        let cut = self.cut_case(&rows, self.me.org)?;
        let phase = cut.phase;
        let (may_plan, may_analysis) = self.plan_cut(self.me.org, phase);
        if !may_plan {
            let mut a = a;
            a.checks.covenant = Some(false);
            return Err(self.deny(a, "the covenant does not let your organisation receive this plan"));
        }
        if plans.is_empty() {
            return Err(AppError::not_found("plan"));
        }
        let key = self.keys.open_case_key(case_id, &rows.key_rows)?;
        let plan = self.plan_view(
            (case_id, &number),
            crate::plan::open_plans(&self.keys, &key, plans)?,
            &accounts,
            may_analysis,
        )?;
        let inform = match &rows.inform {
            Some(ct) => Some(crate::sealed::open_inform(&self.keys, &key, ct)?),
            None => None,
        };
        let detail = self.open_case(&rows, cut)?;
        let export_id = new_id(casus_domain::ExportId::from_bytes)?.to_string();
        let (head, stamp) = if target.is_some() {
            self.audit_head()?
        } else {
            (self.audit_tail()?, None)
        };
        let cov = self.covenant.covenant.clone();
        let may = |cat: DataCategory| visibility::may_receive(&cov, recipient, municipal(cat), phase, false);
        let mut ledger = Ledger::default();
        let mut doc = self.document(
            "Plan van aanpak",
            format!(
                "Casus {} · versie {}{}",
                number,
                plan.version,
                plan.adopted_in
                    .as_ref()
                    .map_or(String::from(" (nog niet vastgesteld)"), |m| {
                        match meeting_dates.get(m) {
                            Some(date) => format!(
                                " · vastgesteld in het casusoverleg van {}",
                                dutch_date(Some(date))
                            ),
                            None => String::from(" · vastgesteld in een casusoverleg"),
                        }
                    })
            ),
            recipient,
            &export_id,
            &head,
            &plan.content.municipality,
        );
        doc.audit_head = stamp;
        let c = &plan.content;
        doc.blocks.push(Block::Heading {
            level: 1,
            text: "1. Kop".into(),
        });
        doc.blocks.push(Block::KeyValues(vec![
            ("Casusnummer".into(), number.clone()),
            (
                "Regievoerder".into(),
                if c.municipality.is_empty() {
                    "gemeente".into()
                } else {
                    c.municipality.clone()
                },
            ),
            (
                "Casusregisseur".into(),
                Some(
                    format!(
                        "{} {}",
                        c.case_lead_org.clone().unwrap_or_default(),
                        c.case_lead_person
                    )
                    .trim()
                    .to_string(),
                )
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| NOT_RECORDED.to_string()),
            ),
            ("Fase".into(), phase.dutch().into()),
            ("Convenant".into(), self.covenant.label()),
            ("Ontvanger".into(), recipient.dutch().into()),
        ]));
        doc.blocks.push(Block::Heading {
            level: 1,
            text: "2. Grondslag en opname".into(),
        });
        doc.blocks
            .push(Block::Paragraph(if c.legal_basis.trim().is_empty() {
                NOT_RECORDED_SENTENCE.into()
            } else {
                c.legal_basis.clone()
            }));
        doc.blocks.push(Block::Heading {
            level: 1,
            text: "3. Betrokkene".into(),
        });
        if ledger.take(
            may(DataCategory::Identiteit) && detail.subject.is_some(),
            municipal(DataCategory::Identiteit),
        ) {
            let s = detail.subject.clone();
            doc.blocks.push(Block::KeyValues(vec![
                (
                    "Naam".into(),
                    s.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                ),
                (
                    "Geboortedatum".into(),
                    dutch_date(s.as_ref().map(|s| s.born.as_str())),
                ),
                (
                    "Adres".into(),
                    s.as_ref()
                        .map(|s| s.address.clone())
                        .filter(|a| !a.trim().is_empty())
                        .unwrap_or_else(|| NOT_RECORDED.to_string()),
                ),
            ]));
        } else {
            doc.blocks.push(Block::Paragraph(
                "Identiteitsgegevens zijn voor deze ontvanger afgeschermd.".into(),
            ));
        }
        doc.blocks.push(Block::Heading {
            level: 1,
            text: "4. Beeldvorming en probleemanalyse".into(),
        });
        if ledger.take(
            may(DataCategory::Risicotaxatie),
            municipal(DataCategory::Risicotaxatie),
        ) {
            if !c.problem_analysis.is_empty() {
                doc.blocks.push(Block::Paragraph(c.problem_analysis.clone()));
            }
            if !c.risk_factors.is_empty() {
                doc.blocks.push(Block::Heading {
                    level: 2,
                    text: "Risicofactoren".into(),
                });
                doc.blocks.push(Block::List(c.risk_factors.clone()));
            }
            if !c.protective_factors.is_empty() {
                doc.blocks.push(Block::Heading {
                    level: 2,
                    text: "Beschermende factoren".into(),
                });
                doc.blocks.push(Block::List(c.protective_factors.clone()));
            }
        }
        doc.blocks.push(Block::Heading {
            level: 2,
            text: "Signalen en informatie van ketenpartners".into(),
        });
        let mut table = Vec::new();
        for item in &rows.items {
            let meta = crate::sealed::item_meta(item)?;
            let overridden = rows
                .overrides
                .iter()
                .any(|o| o.item_id == item.id && o.org == recipient.code());
            // Both must hold: the recipient may receive it, and so may the exporting user (an export
            // never carries what its maker may not see).
            let mine = detail.items.iter().find(|v| v.id == item.id);
            let allowed = visibility::may_receive(&cov, recipient, meta, phase, overridden) && mine.is_some();
            if ledger.take(allowed, meta) {
                if let Some(v) = mine {
                    table.push(vec![
                        dutch_date(v.received.get(..10)),
                        v.source.clone(),
                        v.category.clone(),
                        v.content.clone(),
                    ]);
                }
            }
        }
        if table.is_empty() {
            doc.blocks.push(Block::Paragraph(
                "Geen informatie die aan deze ontvanger mag worden verstrekt.".into(),
            ));
        } else {
            doc.blocks.push(Block::Table {
                caption: None,
                headers: ["Ontvangen", "Bron", "Categorie", "Inhoud"]
                    .map(String::from)
                    .to_vec(),
                rows: table,
                widths: Some(vec![1.0, 1.0, 1.3, 4.0]),
            });
        }
        doc.blocks.push(Block::Heading {
            level: 1,
            text: "5. Doelen per leefgebied".into(),
        });
        let interventions_ok = ledger.take(
            may(DataCategory::Interventie),
            municipal(DataCategory::Interventie),
        );
        if !interventions_ok {
            doc.blocks.push(Block::Paragraph(SHIELDED.into()));
        } else if c.goals.is_empty() {
            doc.blocks.push(Block::Paragraph(NOT_RECORDED_SENTENCE.into()));
        }
        if interventions_ok {
            for g in &c.goals {
                doc.blocks.push(Block::Heading {
                    level: 2,
                    text: format!("Doel {} — {}", g.id, g.domain.replace('_', " ")),
                });
                doc.blocks.push(Block::Paragraph(g.text.clone()));
            }
        }
        doc.blocks.push(Block::Heading {
            level: 1,
            text: "6. Interventies".into(),
        });
        if !interventions_ok {
            doc.blocks.push(Block::Paragraph(SHIELDED.into()));
        } else if c.interventions.is_empty() {
            doc.blocks.push(Block::Paragraph(NOT_RECORDED_SENTENCE.into()));
        } else {
            doc.blocks.push(Block::Table {
                caption: Some("Interventies".into()),
                headers: [
                    "Actie",
                    "Doel",
                    "Soort",
                    "Omschrijving",
                    "Eigenaar",
                    "Start",
                    "Deadline",
                    "Status",
                ]
                .map(String::from)
                .to_vec(),
                rows: c
                    .interventions
                    .iter()
                    .map(|i| {
                        // Dutch words and dates in the document, never a stored code.
                        vec![
                            i.id.clone(),
                            i.goal.clone(),
                            casus_domain::plan::InterventionKind::parse(&i.kind)
                                .map_or_else(|| i.kind.clone(), |k| k.dutch().to_string()),
                            i.description.clone(),
                            format!("{} {}", i.owner_org.clone().unwrap_or_default(), i.owner_person)
                                .trim()
                                .to_string(),
                            dutch_date(i.start.as_deref()),
                            dutch_date(i.deadline.as_deref()),
                            casus_domain::plan::InterventionStatus::parse(
                                i.status.as_deref().unwrap_or("planned"),
                            )
                            .map_or_else(|| NOT_RECORDED.to_string(), |s| s.dutch().to_string()),
                        ]
                    })
                    .collect(),
                widths: Some(vec![0.6, 0.5, 0.8, 2.4, 1.4, 0.9, 0.9, 0.7]),
            });
        }
        // The inform-the-person decision and the retention date belong to the plan (domain.md §g).
        let inform_line = match inform {
            Some(i) => format!(
                "{} — {}{}",
                if i.informed {
                    "geïnformeerd"
                } else {
                    "niet geïnformeerd"
                },
                i.reason,
                i.review
                    .map(|r| format!(" (heroverweging {})", dutch_date(Some(&r))))
                    .unwrap_or_default()
            ),
            None => "Nog geen besluit vastgelegd.".into(),
        };
        let retention_line = match life.and_then(|l| l.destroy_after) {
            Some(d) => format!("vernietiging na {}", dutch_date(Some(&d))),
            None => format!(
                "{} na afsluiting ({})",
                self.covenant.covenant.retention.dutch(),
                self.covenant.label()
            ),
        };
        // Sections 7 to 11 of domain.md §g are the municipality's decisions about the plan: one
        // verdict for all of them.
        let decisions_ok = ledger.take(may(DataCategory::Besluit), municipal(DataCategory::Besluit));
        let text_or = |t: &str| {
            if t.trim().is_empty() {
                NOT_RECORDED_SENTENCE.to_string()
            } else {
                t.to_string()
            }
        };
        for (title, body) in [
            ("7. Informatieafspraken", text_or(&c.information_agreements)),
            ("8. Informeren van de betrokkene", inform_line),
            (
                "9. Evaluatie",
                format!(
                    "Volgende evaluatie: {}.",
                    dutch_date(c.next_evaluation.as_deref())
                ),
            ),
            ("10. Afsluiting en nazorg", text_or(&c.closure_and_aftercare)),
            ("11. Bewaartermijn", retention_line),
        ] {
            doc.blocks.push(Block::Heading {
                level: 1,
                text: title.into(),
            });
            doc.blocks.push(Block::Paragraph(if decisions_ok {
                body
            } else {
                SHIELDED.into()
            }));
        }
        if let Some(n) = ledger.notice() {
            doc.blocks.push(n);
        }
        doc.blocks.push(Block::Paragraph(
            "Dit document is vertrouwelijk. Gebruik het alleen voor de persoonsgerichte aanpak; deel het niet verder dan uw eigen organisatie nodig heeft (Wpg art. 7 lid 2, Wjsg art. 52)."
                .into(),
        ));
        let Some((folder, name)) = target else {
            self.write_logged(a, |_, _| Ok(()))?;
            return Ok(PlanExport::Preview(ExportPreview {
                recipient: recipient.code().into(),
                included: ledger.included.iter().map(|(c, s)| format!("{c}:{s}")).collect(),
                withheld: ledger
                    .withheld
                    .iter()
                    .map(|(c, s, n)| format!("{c}:{s}:{n}"))
                    .collect(),
                markdown: casus_export::render_markdown(&doc),
            }));
        };
        self.finish_export(
            a,
            doc,
            format,
            &folder,
            &name,
            &export_id,
            "plan",
            Some(case_id),
            None,
            &[case_id],
            recipient,
            ledger,
            head,
        )
        .map(PlanExport::Written)
    }

    /// Exports the decision list of a meeting for one recipient: only the items of cases the
    /// recipient takes part in, and of those only what the covenant lets it receive.
    pub fn export_minutes(
        &mut self,
        meeting: &str,
        for_org: &str,
        format: &str,
        out: &Path,
    ) -> Result<ExportResult, AppError> {
        let a = Audit::new(Event::Export, Purpose::Pga);
        let recipient = org(for_org)?;
        let format = Format::parse(format).ok_or_else(|| AppError::invalid("format: use pdf, md or html"))?;
        self.export_preamble(&a, recipient)?;
        if !self.may(Action::ExportMinutes) {
            return Err(self.deny(a, "only a coordinator or the chair exports minutes"));
        }
        let (folder, name) = safe_target(out, format)?;
        // One read: the meeting with, per item, the case's members and phase. Opened for the
        // exporting user's organisation first (an export never carries more than its maker's
        // own view), then cut for the recipient below.
        let rows = self.read_meeting(crate::ids::parse_meeting_id(meeting)?)?;
        let viewer = self.viewer();
        let (view, facts) = self.open_meeting(rows, viewer)?;
        let export_id = new_id(casus_domain::ExportId::from_bytes)?.to_string();
        let (head, stamp) = self.audit_head()?;
        let cov = self.covenant.covenant.clone();
        let mut ledger = Ledger::default();
        let mut doc = self.document(
            "Besluitenlijst casusoverleg",
            format!(
                "Overleg van {} · {}",
                view.held_on,
                if view.status == "closed" {
                    "vastgesteld"
                } else {
                    "concept"
                }
            ),
            recipient,
            &export_id,
            &head,
            "",
        );
        doc.audit_head = stamp;
        doc.blocks.push(Block::KeyValues(vec![
            ("Datum".into(), view.held_on.clone()),
            ("Voorzitter".into(), view.chair.clone()),
            ("Notulist".into(), view.minute_taker.clone()),
            (
                "Geheimhouding".into(),
                format!(
                    "verklaring {} door alle aanwezigen bevestigd",
                    view.confidentiality_version
                ),
            ),
        ]));
        let mut skipped = 0;
        let mut cases = Vec::new();
        for (item, fact) in view.items.iter().zip(&facts) {
            let case_id = crate::ids::parse_case_id(&item.case_id)?;
            // Both must take part in the case: the recipient and the exporting user's organisation.
            if !fact.member || !fact.members.iter().any(|m| m == recipient.code()) {
                skipped += 1;
                continue;
            }
            let phase = fact.phase;
            cases.push(case_id);
            doc.blocks.push(Block::Heading {
                level: 1,
                text: format!("{}. Casus {}", item.seq, item.case_number),
            });
            for meta in &fact.hidden_shares {
                ledger.take(false, *meta);
            }
            let mut shares: Vec<Vec<String>> = Vec::new();
            for s in &item.shares {
                // A stored code that does not parse is damage, not a reason to guess.
                let meta = crate::meeting::item_meta_of(&s.source, &s.category, &s.basis)?;
                // Only what was given to the recipient (or came from it), and only while the
                // covenant lets it receive it in the case's phase.
                let given =
                    s.source == recipient.code() || s.allowed_to.iter().any(|o| o == recipient.code());
                let allowed = given && visibility::may_receive(&cov, recipient, meta, phase, false);
                if ledger.take(allowed, meta) {
                    shares.push(vec![s.source.clone(), s.category.clone(), s.content.clone()]);
                }
            }
            if !shares.is_empty() {
                doc.blocks.push(Block::Table {
                    caption: Some("Beeldvorming".into()),
                    headers: ["Bron", "Categorie", "Inhoud"].map(String::from).to_vec(),
                    rows: shares,
                    widths: Some(vec![1.0, 1.3, 4.5]),
                });
            }
            let decisions_allowed = fact.decisions_open
                && visibility::may_receive(&cov, recipient, municipal(DataCategory::Besluit), phase, false);
            if ledger.take(decisions_allowed, municipal(DataCategory::Besluit)) {
                doc.blocks.push(Block::Table {
                    caption: Some("Besluiten en acties".into()),
                    headers: ["Nr", "Soort", "Afspraak", "Eigenaar", "Deadline"]
                        .map(String::from)
                        .to_vec(),
                    rows: item
                        .decisions
                        .iter()
                        .map(|d| {
                            vec![
                                d.seq.to_string(),
                                d.kind.clone(),
                                d.text.clone(),
                                format!("{} {}", d.owner_org.clone().unwrap_or_default(), d.owner_person)
                                    .trim()
                                    .to_string(),
                                d.deadline.clone().unwrap_or_default(),
                            ]
                        })
                        .collect(),
                    widths: Some(vec![0.4, 0.9, 3.5, 1.6, 1.0]),
                });
            }
        }
        if skipped > 0 {
            doc.blocks.push(Block::Notice(format!(
                "Weggelaten: {skipped} agendapunt(en) over casussen waaraan deze ontvanger of uw organisatie niet deelneemt."
            )));
        }
        if let Some(n) = ledger.notice() {
            doc.blocks.push(n);
        }
        let mid = view.id.clone();
        self.finish_export(
            a,
            doc,
            format,
            &folder,
            &name,
            &export_id,
            "minutes",
            None,
            Some(&mid),
            &cases,
            recipient,
            ledger,
            head,
        )
    }
}

/// What a document says for a field left empty.
const NOT_RECORDED: &str = "niet vastgelegd";

/// A stored ISO date (YYYY-MM-DD) as Dutch readers write it (DD-MM-YYYY); an empty one says
/// "niet vastgelegd", and anything else is shown as stored.
/// Said in a section this recipient may not receive.
const SHIELDED: &str = "Afgeschermd voor deze ontvanger.";
/// Said in a section nothing was recorded in.
const NOT_RECORDED_SENTENCE: &str = "Niet vastgelegd.";

fn dutch_date(iso: Option<&str>) -> String {
    match iso.filter(|d| !d.is_empty()) {
        None => NOT_RECORDED.to_string(),
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_or_else(|_| d.to_string(), |date| date.format("%d-%m-%Y").to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_a_document_read_the_dutch_way_and_an_empty_one_says_so() {
        assert_eq!(dutch_date(Some("2027-01-15")), "15-01-2027");
        assert_eq!(dutch_date(Some("")), NOT_RECORDED);
        assert_eq!(dutch_date(None), NOT_RECORDED);
        assert_eq!(dutch_date(Some("15 januari")), "15 januari");
    }
}
