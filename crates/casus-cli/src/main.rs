//! `casus`: the command-line door to Casusoverleg. It parses arguments, reads passphrases and JSON,
//! calls casus-app, and prints. It decides nothing: every rule lives in casus-app.
//!
//! Exit codes: 0 ok · 1 other error · 2 usage or invalid input · 3 wrong passphrase or locked ·
//! 4 refused by the access rules · 5 integrity failure.
//!
//! One module per noun of the core, each with its clap subcommand enum and its `run`; `context`
//! (the global options and the unlock–run–lock round), `passphrase` and `output` are shared.

mod audit;
mod backup;
mod case;
mod context;
mod covenant;
mod dev;
mod export;
mod meeting;
mod output;
mod passphrase;
mod plan;
mod retention;
mod signal;
mod store;
mod user;
mod weighing;

use std::path::PathBuf;
use std::process::ExitCode;

use casus_app::AppError;
use clap::{Parser, Subcommand};

use crate::context::{default_store, Ctx};
use crate::output::EXIT_CODES;

#[derive(Parser)]
#[command(name = "casus", version, about, after_help = EXIT_CODES)]
struct Cli {
    /// The store file (default: the platform data folder, e.g. ~/.local/share/casusoverleg/store.casus).
    #[arg(long, global = true, env = "CASUS_STORE")]
    store: Option<PathBuf>,
    /// The account to act as.
    #[arg(long, global = true, env = "CASUS_USER")]
    user: Option<String>,
    /// Read the passphrase from this file (first line). Or set CASUS_PASSPHRASE.
    #[arg(long, global = true)]
    passphrase_file: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new store and its first administrator (the passphrase comes from --passphrase-file,
    /// CASUS_PASSPHRASE or a prompt).
    Init(store::Init),
    /// Manage accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Create, list, show and edit cases.
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// Import cases from a JSON file: {"cases":[{"subject":{"name","born","bsn","address"},"notes"}]}.
    /// Everything is checked first; then all cases are written, or none. Prints the new ids.
    Import { file: PathBuf },
    /// Signals: add one to a case, or open a case with it.
    #[command(subcommand)]
    Signal(signal::SignalCommand),
    /// Record a weighing (JSON on stdin) and move the case to its outcome:
    /// {"present":[{"name","org"}],"criteria":{"code":true},"outcome":"admit","rationale","next_review"}.
    Weigh { case: String },
    /// The case meeting: agenda, attendance per item, confidentiality, shares, agreements, minutes.
    #[command(subcommand)]
    Meeting(meeting::MeetingCommand),
    /// The plan of approach: show, revise (JSON on stdin), adopt in a meeting, overdue actions.
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Export the plan of approach or a meeting's decision list for one recipient organisation: only
    /// what the covenant lets it receive; what was left out is listed. Never overwrites a file.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The weighing checklist: show it, or set the municipality's own (TOML, see seeds/weighing/README.md).
    #[command(subcommand)]
    Criteria(weighing::CriteriaCommand),
    /// The covenant: check a share, explain a verdict, show, import a local variant, override.
    #[command(subcommand)]
    Covenant(covenant::CovenantCommand),
    /// Retention: cases due for destruction, and the two approvals that destroy one.
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// Access overview of a case for a data-subject request: what is held, shared with whom, seen by whom.
    Inzage { case: String },
    /// Verify or read the audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Write a verified backup of the whole store to FILE (never over an existing file): a consistent
    /// snapshot of the sealed store, checked (integrity, schema, audit chain, a test decryption with
    /// your keys), hashed and signed. Prints the audit head it holds. Coordinator or administrator.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Restore a backup as a new store at --store (never over an existing file). Needs no
    /// passphrase; the restored store opens with the same accounts. Damage: exit 5, nothing written.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Only check: restore into a temporary folder, report what it holds, and remove it.
        #[arg(long)]
        check: bool,
    },
    /// Create the demo store (fictional people) at --store, if it does not exist yet.
    Demo,
    /// Measure unlock, open, search, save and audit verification on a temporary store of N fictional cases.
    Bench {
        #[arg(long, default_value_t = 10_000)]
        cases: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => output::fail(json, &e),
    }
}

fn run(cli: Cli) -> Result<(), AppError> {
    let ctx = Ctx {
        store: cli.store.unwrap_or_else(default_store),
        user: cli.user,
        passphrase_file: cli.passphrase_file,
        json: cli.json,
    };
    match cli.command {
        Command::Init(args) => store::init(&ctx, args),
        Command::User(cmd) => user::run(&ctx, cmd),
        Command::Case(cmd) => case::run(&ctx, cmd),
        Command::Import { file } => case::import(&ctx, &file),
        Command::Signal(cmd) => signal::run(&ctx, cmd),
        Command::Weigh { case } => weighing::weigh(&ctx, &case),
        Command::Covenant(cmd) => covenant::run(&ctx, cmd),
        Command::Meeting(cmd) => meeting::run(&ctx, cmd),
        Command::Export(cmd) => export::run(&ctx, cmd),
        Command::Plan(cmd) => plan::run(&ctx, cmd),
        Command::Criteria(cmd) => weighing::criteria(&ctx, cmd),
        Command::Retention(cmd) => retention::run(&ctx, cmd),
        Command::Inzage { case } => retention::inzage(&ctx, &case),
        Command::Audit(cmd) => audit::run(&ctx, cmd),
        Command::Backup { out } => backup::backup(&ctx, &out),
        Command::Restore { file, check: false } => backup::restore(&ctx, &file),
        Command::Restore { file, check: true } => backup::check(&ctx, &file),
        Command::Demo => dev::demo(&ctx),
        Command::Bench { cases } => dev::bench(&ctx, cases),
    }
}
