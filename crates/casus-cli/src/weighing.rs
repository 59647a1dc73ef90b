//! `casus weigh` and `casus criteria`: the weighing of a case and the checklist it answers.

use std::path::PathBuf;

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{read_stdin_json, usage, with_session, Ctx};

#[derive(Subcommand)]
pub enum CriteriaCommand {
    /// Show the checklist in use.
    Show,
    /// Set the municipality's own checklist (coordinator, administrator); validated first.
    Import { file: PathBuf },
}

/// `casus weigh CASE`: a weighing (JSON on stdin) and the move to its outcome.
pub fn weigh(ctx: &Ctx, case: &str) -> Result<(), AppError> {
    let input = read_stdin_json()?;
    with_session(
        ctx,
        |s| s.weigh_json(case, &input),
        |id| format!("weighing {id} recorded"),
    )
}

pub fn criteria(ctx: &Ctx, cmd: CriteriaCommand) -> Result<(), AppError> {
    match cmd {
        CriteriaCommand::Show => with_session(
            ctx,
            |s| s.weighing_criteria(),
            |cs| {
                cs.iter()
                    .map(|c| format!("{:<28} [{}] {}", c.code, c.status, c.question))
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        CriteriaCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| usage(format!("cannot read the checklist: {e}")))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            with_session(
                ctx,
                |s| s.weighing_criteria_import(&name, &text),
                |n| format!("checklist set: {n} criteria"),
            )
        }
    }
}
