//! `casus signal`: a signal for a case, or a new case opened with one.

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{read_stdin_json, with_session, Ctx};

#[derive(Subcommand)]
pub enum SignalCommand {
    /// Add a signal (JSON on stdin) to CASE, or open a new case with it when CASE is left out:
    /// {"subject":{...} (new case only),"source","received","reporter_role","category","basis","reliability","content"}.
    Add { case: Option<String> },
}

pub fn run(ctx: &Ctx, cmd: SignalCommand) -> Result<(), AppError> {
    match cmd {
        SignalCommand::Add { case } => {
            let input = read_stdin_json()?;
            with_session(
                ctx,
                |s| s.signal_add_json(case.as_deref(), &input),
                |r| {
                    if r.new_case {
                        format!(
                            "new case {} ({}) with signal {}",
                            r.case_number, r.case_id, r.item_id
                        )
                    } else {
                        format!(
                            "signal {} added to case {} ({})",
                            r.item_id, r.case_number, r.case_id
                        )
                    }
                },
            )
        }
    }
}
