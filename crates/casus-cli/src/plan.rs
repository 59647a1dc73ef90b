//! `casus plan`: the plan of approach — show, revise, adopt, overdue actions.

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{read_stdin_json, with_session, Ctx};

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Show the current plan of a case, its revisions and what still blocks adoption.
    Show { case: String },
    /// Save a new version of the plan from JSON on stdin.
    Revise { case: String },
    /// Adopt the newest version in an open meeting that has the case on its agenda.
    Adopt {
        case: String,
        #[arg(long)]
        meeting: String,
    },
    /// Open actions past their deadline.
    Overdue,
}

pub fn run(ctx: &Ctx, cmd: PlanCommand) -> Result<(), AppError> {
    match cmd {
        PlanCommand::Show { case } => with_session(
            ctx,
            |s| s.plan_show(&case),
            |p| {
                let mut out = format!(
                    "plan van aanpak, casus {}, versie {}{}\n",
                    p.case_number,
                    p.version,
                    p.adopted_in
                        .as_ref()
                        .map(|m| format!(" (vastgesteld in {m})"))
                        .unwrap_or_default()
                );
                for g in &p.content.goals {
                    out += &format!("doel {} [{}]: {}\n", g.id, g.domain, g.text);
                    for a in p.content.interventions.iter().filter(|a| a.goal == g.id) {
                        out += &format!(
                            "  actie {} [{}] {} — {} {} — uiterlijk {}\n",
                            a.id,
                            a.kind,
                            a.description,
                            a.owner_org.as_deref().unwrap_or("?"),
                            a.owner_person,
                            a.deadline.as_deref().unwrap_or("?")
                        );
                    }
                }
                for pr in &p.adoption_problems {
                    out += &format!("nog niet vast te stellen: {pr}\n");
                }
                for r in &p.revisions {
                    out += &format!(
                        "versie {} {} door {}: {}\n",
                        r.version,
                        r.at,
                        r.by.as_deref().unwrap_or("?"),
                        r.changes.join("; ")
                    );
                }
                out.trim_end().to_string()
            },
        ),
        PlanCommand::Revise { case } => {
            let input = read_stdin_json()?;
            with_session(
                ctx,
                |s| s.plan_revise_json(&case, &input),
                |v| format!("plan saved as version {v}"),
            )
        }
        PlanCommand::Adopt { case, meeting } => with_session(
            ctx,
            |s| s.plan_adopt(&case, &meeting),
            |v| format!("plan version {v} adopted"),
        ),
        PlanCommand::Overdue => with_session(
            ctx,
            |s| s.plan_overdue(),
            |rows| {
                if rows.is_empty() {
                    return "no overdue actions".into();
                }
                rows.iter()
                    .map(|o| {
                        format!(
                            "{}  case {} action {} — {} {} — {}",
                            o.deadline,
                            o.case_number,
                            o.action_id,
                            o.owner_org.as_deref().unwrap_or("?"),
                            o.owner_person,
                            o.description
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
    }
}
