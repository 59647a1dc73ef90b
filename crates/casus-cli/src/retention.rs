//! `casus retention` and `casus inzage`: destruction after the retention period, and the access
//! overview for a data-subject request.

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{with_session, Ctx};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Cases whose retention has ended (--all: every closed case with its destruction date).
    Due {
        #[arg(long)]
        all: bool,
    },
    /// Approve destruction: first a coordinator or chair, then the privacy officer; the second destroys.
    Approve { case: String },
}

pub fn run(ctx: &Ctx, cmd: RetentionCommand) -> Result<(), AppError> {
    match cmd {
        RetentionCommand::Due { all } => with_session(
            ctx,
            |s| s.retention_due(all),
            |rows| {
                if rows.is_empty() {
                    return "no case is due for destruction".into();
                }
                rows.iter()
                    .map(|r| {
                        format!(
                            "{}  {:<18} closed {}  destroy after {}{}{}",
                            r.case_number,
                            r.state,
                            r.closed_on,
                            r.destroy_after,
                            if r.due { "  DUE" } else { "" },
                            r.first_approval_by
                                .as_ref()
                                .map(|b| format!("  (1st approval: {b})"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        RetentionCommand::Approve { case } => with_session(
            ctx,
            |s| {
                crate::output::busy("goedkeuren (bij de tweede goedkeuring: vernietigen)", || {
                    s.retention_approve(&case)
                })
            },
            |r| {
                match &r.certificate {
                None => format!("first approval recorded for case {}; the privacy officer gives the second", r.case_id),
                Some(c) => format!(
                    "case {} ({}) destroyed.\ncertificate: closed {}, retention ended {}, destroyed {}, approvers {} and {}, covenant {}, key fingerprint {}",
                    c.case_number, c.case_id, c.closed_on, c.destroy_after, c.destroyed_at, c.first_approver, c.second_approver, c.covenant, c.key_fingerprint
                ),
            }
            },
        ),
    }
}

/// `casus inzage CASE`: what is held, shared with whom, seen by whom.
pub fn inzage(ctx: &Ctx, case: &str) -> Result<(), AppError> {
    with_session(
        ctx,
        |s| s.inzage(case),
        |r| {
            let mut out = format!(
                "inzage case {} ({}, state {}, covenant {})\nHELD:\n",
                r.case_number, r.case_id, r.state, r.covenant
            );
            for h in &r.held {
                out += &format!(
                    "  {:<22} from {:<12} x{}{}\n",
                    h.category,
                    h.source,
                    h.count,
                    if h.weigh_before_release {
                        "  (police/OM: weigh before release)"
                    } else {
                        ""
                    }
                );
            }
            out += "SHARED WITH:\n";
            for sh in &r.shared_with {
                out += &format!(
                    "  {:<12} {:<22} from {:<12} basis {} rules {}{}\n",
                    sh.org,
                    sh.category,
                    sh.source,
                    sh.basis.as_deref().unwrap_or("-"),
                    sh.rules.join(","),
                    if sh.overridden { "  OVERRIDE" } else { "" }
                );
            }
            out += "ACCESSED BY:\n";
            for a in &r.accessed {
                out += &format!(
                    "  {}  {:<16} {:<16} {:<12} {:<18} {}\n",
                    a.at,
                    a.user.as_deref().unwrap_or("(verwijderd)"),
                    a.role,
                    a.org,
                    a.event,
                    a.outcome
                );
            }
            match &r.inform {
                Some(i) => {
                    out += &format!(
                        "INFORMED: {} — {} (review {})",
                        if i.informed { "yes" } else { "no" },
                        i.reason,
                        i.review.as_deref().unwrap_or("-")
                    )
                }
                None => out += "INFORMED: no decision recorded",
            }
            out
        },
    )
}
