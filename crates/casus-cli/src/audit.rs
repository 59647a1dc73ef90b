//! `casus audit`: verify the hash-chained log (no passphrase needed), or read it.

use casus_app::audit_log::{AuditVerdict, WitnessSource};
use casus_app::AppError;
use clap::Subcommand;

use crate::context::Ctx;
use crate::output::print;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and the signed heads, and the log against this machine's witness of it
    /// (CASUS_WITNESS_DIR, else $XDG_STATE_HOME/casus/witness, else ~/.local/state/casus/witness);
    /// needs no passphrase. Exit 0 when intact, 5 when altered, truncated or re-signed.
    Verify {
        /// Check against the head in FILE instead: a witness file, or an export (PDF, HTML or
        /// Markdown) made by the app.
        #[arg(long, value_name = "FILE")]
        witness: Option<std::path::PathBuf>,
    },
    /// Who saw this case, or what did this user see. The privacy officer sees all; others only their own.
    Log {
        #[arg(long)]
        case: Option<String>,
        #[arg(long = "of-user")]
        of_user: Option<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<(), AppError> {
    let json = ctx.json;
    match cmd {
        AuditCommand::Verify { witness } => {
            let dir = casus_app::witness::default_dir();
            let source = match (&witness, &dir) {
                (Some(file), _) => WitnessSource::File(file),
                (None, Some(dir)) => WitnessSource::Folder(dir),
                (None, None) => WitnessSource::None,
            };
            let report = crate::output::busy("logboek controleren", || {
                casus_app::audit_log::verify_with_witness(&ctx.store, source)
            })?;
            print(json, &report, |r| {
                let against = match &r.witness {
                    Some(w) => format!("; checked against the {} at entry {} ({})", w.kind, w.seq, w.path),
                    None if witness.is_none() => "; no witness of this store on this machine".to_string(),
                    None => String::new(),
                };
                if r.intact {
                    format!(
                        "audit log intact: {} entries, {} signed heads (signed through entry {}), head {}{against}",
                        r.entries, r.signed_heads, r.signed_through, r.head
                    )
                } else {
                    let verdict = match r.verdict {
                        AuditVerdict::Truncated => "truncated",
                        AuditVerdict::ReSigned => "re-signed",
                        AuditVerdict::Altered | AuditVerdict::Intact => "NOT intact",
                    };
                    format!(
                        "audit log {verdict}: first bad entry {}: {}{against}",
                        r.first_bad_entry.unwrap_or_default(),
                        r.problem.clone().unwrap_or_default()
                    )
                }
            })?;
            if report.intact {
                Ok(())
            } else {
                // The report is printed already; exit with the integrity code and a short note.
                Err(AppError::integrity(match report.verdict {
                    AuditVerdict::Truncated => "the audit log was truncated",
                    AuditVerdict::ReSigned => "the audit log was re-signed with another key",
                    _ => "the audit log does not verify",
                }))
            }
        }
        AuditCommand::Log { case, of_user } => {
            let mut s = ctx.unlock()?;
            let entries = s.audit_log(case.as_deref(), of_user.as_deref())?;
            s.lock()?;
            print(json, &entries, |es| {
                es.iter()
                    .map(|e| {
                        format!(
                            "{:>6}  {}  {:<16} {:<16} {:<12} {}  {:<18} {:<8} case={} checks={}{}",
                            e.seq,
                            e.at,
                            e.user.as_deref().unwrap_or(if e.user_id.is_empty() {
                                "(onbekend)"
                            } else {
                                "(verwijderd)"
                            }),
                            e.role,
                            e.org,
                            e.action,
                            e.event,
                            e.outcome,
                            match (e.case_number.as_str(), e.case_id.as_str()) {
                                ("", "") => "-",
                                ("", id) => id,
                                (number, _) => number,
                            },
                            e.checks,
                            e.details
                                .as_ref()
                                .map(|d| format!(" details={d:?}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
