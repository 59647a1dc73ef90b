//! `casus audit`: verify the hash-chained log (no passphrase needed), or read it.

use casus_app::AppError;
use clap::Subcommand;

use crate::context::Ctx;
use crate::output::print;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and the signed heads; needs no passphrase. Exit 0 when intact, 5 otherwise.
    Verify,
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
        AuditCommand::Verify => {
            let report = casus_app::audit_log::verify(&ctx.store)?;
            print(json, &report, |r| {
                if r.intact {
                    format!(
                        "audit log intact: {} entries, {} signed heads (signed through entry {}), head {}",
                        r.entries, r.signed_heads, r.signed_through, r.head
                    )
                } else {
                    format!(
                        "audit log NOT intact: first bad entry {}: {}",
                        r.first_bad_entry.unwrap_or_default(),
                        r.problem.clone().unwrap_or_default()
                    )
                }
            })?;
            if report.intact {
                Ok(())
            } else {
                // The report is printed already; exit with the integrity code and a short note.
                Err(AppError::integrity("the audit log does not verify"))
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
                            if e.case_id.is_empty() { "-" } else { &e.case_id },
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
