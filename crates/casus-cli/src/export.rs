//! `casus export`: the plan or a meeting's decision list for one recipient organisation.

use std::path::PathBuf;

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{with_session, Ctx};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The current plan of a case.
    Plan {
        #[arg(long)]
        case: String,
        /// The receiving organisation.
        #[arg(long = "for")]
        recipient: String,
        /// pdf, md or html
        #[arg(long, default_value = "pdf")]
        format: String,
        /// The file to write (its folder must exist; the name may use letters, digits, '.', '-', '_').
        #[arg(long)]
        out: PathBuf,
    },
    /// The decision list of a meeting.
    Minutes {
        #[arg(long)]
        meeting: String,
        #[arg(long = "for")]
        recipient: String,
        #[arg(long, default_value = "pdf")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(ctx: &Ctx, cmd: ExportCommand) -> Result<(), AppError> {
    let text = |r: &casus_app::export::ExportResult| {
        format!(
            "{} written for {} (export {}, sha256 {})\nincluded: {}\nweggelaten: {}",
            r.path,
            r.recipient,
            r.export_id,
            r.sha256,
            if r.included.is_empty() {
                "-".to_string()
            } else {
                r.included.join(", ")
            },
            if r.withheld.is_empty() {
                "-".to_string()
            } else {
                r.withheld.join(", ")
            }
        )
    };
    match cmd {
        ExportCommand::Plan {
            case,
            recipient,
            format,
            out,
        } => with_session(
            ctx,
            |s| crate::output::busy("exporteren", || s.export_plan(&case, &recipient, &format, &out)),
            text,
        ),
        ExportCommand::Minutes {
            meeting,
            recipient,
            format,
            out,
        } => with_session(
            ctx,
            |s| {
                crate::output::busy("exporteren", || {
                    s.export_minutes(&meeting, &recipient, &format, &out)
                })
            },
            text,
        ),
    }
}
