//! `casus covenant`: check a share, explain a verdict, show, import a local variant, override.

use std::path::PathBuf;

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{usage, with_session, Ctx};
use crate::output::print;

#[derive(Subcommand)]
pub enum CovenantCommand {
    /// May FROM share CATEGORY with TO for PURPOSE? Exit 0 when allowed, 4 when denied.
    Check {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        category: String,
        #[arg(long, default_value = "pga")]
        purpose: String,
        #[arg(long)]
        phase: Option<String>,
        #[arg(long)]
        basis: Option<String>,
    },
    /// Why may (or may not) ORG or USER see ITEM of a case? ITEM is an item id, "subject" or "notes".
    Explain {
        #[arg(long)]
        case: String,
        #[arg(long)]
        item: String,
        #[arg(long, conflicts_with = "as_user")]
        org: Option<String>,
        #[arg(long = "as")]
        as_user: Option<String>,
    },
    /// Import a local covenant variant (TOML); validated first, nothing written on any error.
    Import { file: PathBuf },
    /// Show the active covenant, its rules and all versions.
    Show,
    /// As chair: release one ITEM to ORG despite a covenant deny, with a reason (flagged for the FG).
    Override {
        #[arg(long)]
        case: String,
        #[arg(long)]
        item: String,
        #[arg(long)]
        org: String,
        #[arg(long)]
        reason: String,
    },
    /// List every override (privacy officer, chair).
    Overrides,
}

pub fn run(ctx: &Ctx, cmd: CovenantCommand) -> Result<(), AppError> {
    let verdict_text = |v: &casus_app::VerdictView| {
        let mut out = format!(
            "{}: {}\n{}",
            if v.allowed { "TOEGESTAAN" } else { "GEWEIGERD" },
            if v.rules.is_empty() {
                "(geen regel)".to_string()
            } else {
                v.rules.join(", ")
            },
            v.explanation
        );
        for c in &v.conditions {
            out += &format!("\n  voorwaarde: {c}");
        }
        if !v.alternatives.is_empty() {
            out += &format!("\n  wel toegestaan met grondslag: {}", v.alternatives.join(", "));
        }
        if !v.allowed_phases.is_empty() {
            out += &format!(
                "\n  geen fase opgegeven; toegestaan in de fasen: {}",
                v.allowed_phases.join(", ")
            );
        }
        out + &format!("\n  convenant: {}", v.covenant)
    };
    match cmd {
        CovenantCommand::Check {
            from,
            to,
            category,
            purpose,
            phase,
            basis,
        } => {
            let mut s = ctx.unlock()?;
            let verdict = s.covenant_check(casus_app::CheckRequest {
                from: &from,
                to: &to,
                category: &category,
                purpose: &purpose,
                phase: phase.as_deref(),
                basis: basis.as_deref(),
            });
            s.lock()?;
            let verdict = verdict?;
            print(ctx.json, &verdict, verdict_text)?;
            if verdict.allowed {
                Ok(())
            } else {
                Err(AppError::forbidden("the covenant does not allow this share"))
            }
        }
        CovenantCommand::Explain {
            case,
            item,
            org,
            as_user,
        } => with_session(
            ctx,
            |s| s.covenant_explain(&case, &item, org.as_deref(), as_user.as_deref()),
            verdict_text,
        ),
        CovenantCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| usage(format!("cannot read the covenant file: {e}")))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            with_session(
                ctx,
                |s| s.covenant_import(&name, &text),
                |n| format!("covenant imported as version #{n} (now active)"),
            )
        }
        CovenantCommand::Show => with_session(
            ctx,
            |s| s.covenant_show(),
            |c| {
                let mut out = format!(
                    "{} — {}@{} (#{}), bewaartermijn {}\nparties: {}\n",
                    c.title,
                    c.id,
                    c.version,
                    c.version_no,
                    c.retention,
                    c.parties
                        .iter()
                        .map(|(o, k)| format!("{o} ({k})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                for r in &c.rules {
                    out += &format!("  {:<14} {:<7} [{}] {}\n", r.id, r.effect, r.status, r.text);
                }
                out += "versions:\n";
                for v in &c.versions {
                    out += &format!(
                        "  #{} {} {} {}{}\n",
                        v.version_no,
                        v.covenant,
                        v.file_name,
                        v.imported_at,
                        if v.active { " (active)" } else { "" }
                    );
                }
                out
            },
        ),
        CovenantCommand::Override {
            case,
            item,
            org,
            reason,
        } => with_session(
            ctx,
            |s| s.covenant_override(&case, &item, &org, &reason),
            |id| format!("override {id} recorded and flagged for the privacy officer"),
        ),
        CovenantCommand::Overrides => with_session(
            ctx,
            |s| s.covenant_overrides(),
            |rows| {
                rows.iter()
                    .map(|o| {
                        format!(
                            "{}  case {} item {} → {}  by {}  reason: {}",
                            o.at,
                            o.case_id,
                            o.item_id,
                            o.org,
                            o.by.as_deref().unwrap_or("(verwijderd)"),
                            o.reason
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
    }
}
