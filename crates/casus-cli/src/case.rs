//! `casus case` and `casus import`: create, list, show, edit and move cases.

use std::path::Path;

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{read_stdin_json, usage, with_session, Ctx};
use crate::output::print;

#[derive(Subcommand)]
pub enum CaseCommand {
    /// Create a case from JSON on stdin: {"subject":{"name","born","bsn","address"},"notes"}. Prints the new id.
    New,
    /// List cases, or search them (name contains, or BSN, date of birth or case number equals).
    List {
        #[arg(long)]
        query: Option<String>,
    },
    /// Show one case (the reading is logged first).
    Show { id: String },
    /// Edit a case from JSON on stdin; fields left out keep their value, "bsn": null removes the BSN.
    Edit { id: String },
    /// Move a case to another phase of the PGA (refused with the allowed phases if not possible).
    Transition {
        id: String,
        /// The state code, e.g. under_weighing, admitted, in_case_meeting, closed.
        #[arg(long)]
        to: String,
        /// Why (required).
        #[arg(long)]
        reason: String,
        /// Someone present at the decision, "Name (org)"; repeat for more.
        #[arg(long)]
        present: Vec<String>,
        /// Next review date, YYYY-MM-DD.
        #[arg(long)]
        next_review: Option<String>,
    },
    /// The decision history of a case.
    History { id: String },
    /// List, add or remove the organisations taking part in a case.
    Members {
        id: String,
        #[arg(long)]
        add: Option<String>,
        #[arg(long)]
        remove: Option<String>,
    },
    /// Record whether the person was informed that the case is discussed.
    Inform {
        id: String,
        /// yes or no
        #[arg(long)]
        informed: String,
        #[arg(long)]
        reason: String,
        /// Review date, YYYY-MM-DD.
        #[arg(long)]
        review: Option<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: CaseCommand) -> Result<(), AppError> {
    let json = ctx.json;
    match cmd {
        CaseCommand::New => {
            let input = read_stdin_json()?;
            let mut s = ctx.unlock()?;
            let id = s.case_new_json(&input)?;
            s.lock()?;
            print(json, &id, |id| id.clone())
        }
        CaseCommand::List { query } => {
            let mut s = ctx.unlock()?;
            let cases = s.list_cases(query.as_deref())?;
            let damaged = s.damaged_cases();
            s.lock()?;
            if !damaged.is_empty() {
                eprintln!(
                    "casus: warning: {} case(s) could not be opened and are left out (damaged or altered): {}",
                    damaged.len(),
                    damaged.join(", ")
                );
            }
            print(json, &cases, |cs| {
                cs.iter()
                    .map(|c| {
                        format!(
                            "{:<10} {:<32} {}  {:<20} {}",
                            c.number, c.name, c.born, c.state, c.id
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        CaseCommand::Show { id } => with_session(
            ctx,
            |s| s.show_case(&id),
            |c| {
                let mut out = format!(
                    "number:   {}\nid:       {}\nstate:    {}\nversion:  {}\n",
                    c.number, c.id, c.state, c.version
                );
                match &c.subject {
                    Some(p) => {
                        out += &format!(
                            "name:     {}\nborn:     {}\nbsn:      {}\naddress:  {}\n",
                            p.name,
                            p.born,
                            p.bsn.as_deref().unwrap_or("-"),
                            p.address
                        )
                    }
                    None => out += "subject:  (afgeschermd: not for your organisation under the covenant)\n",
                }
                out += &format!(
                    "members:  {}\ncreated:  {}\nupdated:  {}\ncovenant: {}\n",
                    c.members.join(", "),
                    c.created,
                    c.updated,
                    c.covenant
                );
                match &c.notes {
                    Some(n) => out += &format!("notes:\n{n}\n"),
                    None => out += "notes:    (afgeschermd)\n",
                }
                for i in &c.items {
                    out += &format!(
                        "item {}  {} from {} [{} / {}] received {} ({}){}\n  {}\n",
                        i.id,
                        i.kind,
                        i.source,
                        i.category,
                        i.basis,
                        i.received,
                        i.reliability,
                        if i.overridden { " OVERRIDE" } else { "" },
                        i.content
                    );
                }
                if !c.withheld.is_empty() {
                    out += &format!(
                        "weggelaten: {}\n",
                        c.withheld
                            .iter()
                            .map(|w| format!("{} x {} from {}", w.count, w.category, w.source))
                            .collect::<Vec<_>>()
                            .join("; ")
                    );
                }
                out.trim_end().to_string()
            },
        ),
        CaseCommand::Transition {
            id,
            to,
            reason,
            present,
            next_review,
        } => with_session(
            ctx,
            |s| s.case_transition(&id, &to, &reason, &present, next_review.as_deref()),
            |t| {
                format!(
                    "case {}: {} → {}{}",
                    t.case_id,
                    t.from,
                    t.to,
                    t.destroy_after
                        .as_ref()
                        .map(|d| format!(" (to be destroyed after {d})"))
                        .unwrap_or_default()
                )
            },
        ),
        CaseCommand::History { id } => with_session(
            ctx,
            |s| s.case_history(&id),
            |h| {
                h.iter()
                    .map(|e| {
                        format!(
                            "{:>3}  {}  {} → {}  by {}{}{}{}",
                            e.seq,
                            e.at,
                            e.from,
                            e.to,
                            e.by.as_deref().unwrap_or("(verwijderd)"),
                            e.reason
                                .as_ref()
                                .map(|r| format!("\n     reason: {r}"))
                                .unwrap_or_default(),
                            e.present
                                .as_ref()
                                .filter(|p| !p.is_empty())
                                .map(|p| format!("\n     present: {}", p.join("; ")))
                                .unwrap_or_default(),
                            e.next_review
                                .as_ref()
                                .map(|d| format!("\n     next review: {d}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        CaseCommand::Members { id, add, remove } => with_session(
            ctx,
            |s| s.case_members(&id, add.as_deref(), remove.as_deref()),
            |m| format!("case {}: {}", m.case_id, m.orgs.join(", ")),
        ),
        CaseCommand::Inform {
            id,
            informed,
            reason,
            review,
        } => {
            let informed = match informed.as_str() {
                "yes" | "ja" => true,
                "no" | "nee" => false,
                _ => return Err(usage("--informed takes yes or no")),
            };
            with_session(
                ctx,
                |s| {
                    s.case_inform(
                        &id,
                        casus_app::InformDecision {
                            informed,
                            reason: reason.clone(),
                            review: review.clone(),
                        },
                    )
                },
                |_| "inform decision recorded".to_string(),
            )
        }
        CaseCommand::Edit { id } => {
            let input = read_stdin_json()?;
            let mut s = ctx.unlock()?;
            let version = s.edit_case_json(&id, &input)?;
            s.lock()?;
            print(json, &version, |v| format!("case {id} saved (version {v})"))
        }
    }
}

/// `casus import FILE`: many cases at once, all or nothing.
pub fn import(ctx: &Ctx, file: &Path) -> Result<(), AppError> {
    let bytes = std::fs::read(file).map_err(|e| usage(format!("cannot read the import file: {e}")))?;
    let mut s = ctx.unlock()?;
    let ids = s.case_import_json(&bytes)?;
    s.lock()?;
    print(ctx.json, &ids, |ids| ids.join("\n"))
}
