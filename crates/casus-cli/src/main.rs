//! `casus`: the command-line door to Casusoverleg. It parses arguments, reads passphrases and JSON,
//! calls casus-app, and prints. It decides nothing: every rule lives in casus-app.
//!
//! Exit codes: 0 ok · 1 other error · 2 usage or invalid input · 3 wrong passphrase or locked ·
//! 4 refused by the access rules · 5 integrity failure.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casus_app::{AppError, ErrorCode, NewStore, NewUser, Session};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;
use zeroize::Zeroizing;

const EXIT_CODES: &str = "Exit codes:
  0  ok
  1  other error (store busy, not found, disk full, ...)
  2  usage error or invalid input (nothing was written)
  3  wrong passphrase, or locked after too many attempts
  4  refused by the access rules (the attempt is in the audit log)
  5  integrity failure (audit chain broken, data altered)

Passphrases come from --passphrase-file, the CASUS_PASSPHRASE variable, or a prompt
without echo when a terminal is attached. New passphrases: at least 14 characters;
use four or more random words.";

/// Casusoverleg: the encrypted case store for the PGA case meeting, from the command line.
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
    Init {
        #[arg(long)]
        admin: String,
        /// Organisation code of the administrator (gemeente, politie, om, rvdk, reclassering, zvh, ggz, jeugdzorg, onderwijs).
        #[arg(long)]
        org: String,
    },
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Create, list, show and edit cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Import cases from a JSON file: {"cases":[{"subject":{"name","born","bsn","address"},"notes"}]}.
    /// Everything is checked first; then all cases are written, or none. Prints the new ids.
    Import { file: PathBuf },
    /// Signals: add one to a case, or open a case with it.
    #[command(subcommand)]
    Signal(SignalCommand),
    /// Record a weighing (JSON on stdin) and move the case to its outcome:
    /// {"present":[{"name","org"}],"criteria":{"code":true},"outcome":"admit","rationale","next_review"}.
    Weigh { case: String },
    /// The case meeting: agenda, attendance per item, confidentiality, shares, agreements, minutes.
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// The plan of approach: show, revise (JSON on stdin), adopt in a meeting, overdue actions.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Export the plan of approach or a meeting's decision list for one recipient organisation: only
    /// what the covenant lets it receive; what was left out is listed. Never overwrites a file.
    #[command(subcommand)]
    Export(ExportCommand),
    /// The weighing checklist: show it, or set the municipality's own (TOML, see seeds/weighing/README.md).
    #[command(subcommand)]
    Criteria(CriteriaCommand),
    /// The covenant: check a share, explain a verdict, show, import a local variant, override.
    #[command(subcommand)]
    Covenant(CovenantCommand),
    /// Retention: cases due for destruction, and the two approvals that destroy one.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Access overview of a case for a data-subject request: what is held, shared with whom, seen by whom.
    Inzage { case: String },
    /// Verify or read the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Create the demo store (fictional people) at --store, if it does not exist yet.
    Demo,
    /// Measure unlock, open, search, save and audit verification on a temporary store of N fictional cases.
    Bench {
        #[arg(long, default_value_t = 10_000)]
        cases: u32,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account (administrators only).
    Add(UserAdd),
    /// Change your own passphrase (only your copy of the master key is re-wrapped).
    Passwd {
        /// File with the new passphrase (first line); otherwise CASUS_NEW_PASSPHRASE or a prompt.
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Remove an account (administrators only); rotates the master key.
    Remove { name: String },
    /// List accounts (administrators and the privacy officer).
    List,
}

#[derive(Args)]
struct UserAdd {
    #[arg(long)]
    name: String,
    /// coordinator, chair, weighing_member, partner_member, privacy_officer or admin.
    #[arg(long)]
    role: String,
    /// Organisation code.
    #[arg(long)]
    org: String,
    /// File with the new account's passphrase (first line); otherwise CASUS_NEW_PASSPHRASE or a prompt.
    #[arg(long)]
    new_passphrase_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Create a case from JSON on stdin: {"subject":{"name","born","bsn","address"},"notes"}. Prints the new id.
    New,
    /// List cases, or search them (name contains, BSN or date of birth equals).
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

#[derive(Subcommand)]
enum SignalCommand {
    /// Add a signal (JSON on stdin) to CASE, or open a new case with it when CASE is left out:
    /// {"subject":{...} (new case only),"source","received","reporter_role","category","basis","reliability","content"}.
    Add { case: Option<String> },
}

#[derive(Subcommand)]
enum MeetingCommand {
    /// Create a meeting from JSON on stdin: {"held_on","place","chair","minute_taker"}. Prints its id.
    New,
    /// Show the agenda; --add a case, or --propose every case that needs discussion.
    Agenda {
        id: String,
        #[arg(long)]
        add: Option<String>,
        #[arg(long)]
        propose: bool,
    },
    /// Register an attendee (JSON on stdin: {"name","org","role"}), or with --case and --attendee
    /// mark them present for that case's item (--leave: they leave the room for it).
    Attend {
        id: String,
        #[arg(long, requires = "attendee")]
        case: Option<String>,
        #[arg(long, requires = "case")]
        attendee: Option<String>,
        #[arg(long, requires = "attendee")]
        leave: bool,
    },
    /// Record that an attendee acknowledged the confidentiality text (shown with --text).
    Ack {
        id: String,
        attendee: Option<String>,
        #[arg(long)]
        text: bool,
    },
    /// Share information for a case's item (JSON: {"source","category","basis","content","to"?});
    /// checked against the covenant for everyone in the room.
    Share {
        id: String,
        #[arg(long)]
        case: String,
    },
    /// Record an agreement (JSON: {"kind","text","owner_org","owner_person","deadline"}); kinds: decision,
    /// action, case_lead, evaluation, scale, inform, judgement, addendum (after closing).
    Decide {
        id: String,
        #[arg(long)]
        case: String,
    },
    /// Read the decision list back and lock the minutes.
    Close { id: String },
    /// Show the meeting.
    Show { id: String },
}

#[derive(Subcommand)]
enum PlanCommand {
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

#[derive(Subcommand)]
enum ExportCommand {
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

#[derive(Subcommand)]
enum CriteriaCommand {
    /// Show the checklist in use.
    Show,
    /// Set the municipality's own checklist (coordinator, administrator); validated first.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum CovenantCommand {
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

#[derive(Subcommand)]
enum RetentionCommand {
    /// Cases whose retention has ended (--all: every closed case with its destruction date).
    Due {
        #[arg(long)]
        all: bool,
    },
    /// Approve destruction: first a coordinator or chair, then the privacy officer; the second destroys.
    Approve { case: String },
}

#[derive(Subcommand)]
enum AuditCommand {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    serde_json::to_string(&e).unwrap_or_default()
                );
            } else {
                let _ = writeln!(std::io::stderr(), "casus: {}", e.message);
            }
            ExitCode::from(e.code.exit_code())
        }
    }
}

fn default_store() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("casusoverleg").join("store.casus")
}

fn usage(message: impl Into<String>) -> AppError {
    AppError::invalid(message)
}

/// Reads a passphrase: file (first line), environment variable, or a prompt without echo.
fn read_secret(file: Option<&Path>, env: &str, prompt: &str) -> Result<Zeroizing<String>, AppError> {
    if let Some(file) = file {
        let text = Zeroizing::new(
            std::fs::read_to_string(file)
                .map_err(|e| usage(format!("cannot read the passphrase file: {e}")))?,
        );
        return Ok(Zeroizing::new(
            text.lines().next().unwrap_or_default().to_string(),
        ));
    }
    if let Ok(value) = std::env::var(env) {
        return Ok(Zeroizing::new(value));
    }
    if std::io::stdin().is_terminal() {
        return prompt_no_echo(prompt);
    }
    Err(usage(format!(
        "no passphrase: give --passphrase-file or set {env}"
    )))
}

fn prompt_no_echo(prompt: &str) -> Result<Zeroizing<String>, AppError> {
    eprint!("{prompt}: ");
    let _ = std::io::stderr().flush();
    let stty = |arg: &str| {
        std::process::Command::new("stty")
            .arg(arg)
            .stdin(std::process::Stdio::inherit())
            .status()
            .is_ok_and(|s| s.success())
    };
    let hidden = stty("-echo");
    let mut line = Zeroizing::new(String::new());
    let read = std::io::stdin().read_line(&mut line);
    if hidden {
        stty("echo");
    }
    eprintln!();
    read.map_err(|e| usage(format!("cannot read the passphrase: {e}")))?;
    Ok(Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_string()))
}

fn read_stdin_json() -> Result<Vec<u8>, AppError> {
    let mut buf = Vec::new();
    std::io::stdin()
        .take(casus_domain_limit() as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| usage(format!("cannot read standard input: {e}")))?;
    Ok(buf)
}

fn casus_domain_limit() -> usize {
    64 * 1024 * 1024
}

fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> Result<(), AppError> {
    let out = if json {
        serde_json::to_string_pretty(value).map_err(|_| AppError::internal("cannot encode the output"))?
    } else {
        text(value)
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}")
        .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot write the output: {e}")))
}

struct Ctx {
    store: PathBuf,
    user: Option<String>,
    passphrase_file: Option<PathBuf>,
    json: bool,
}

impl Ctx {
    fn unlock(&self) -> Result<Session, AppError> {
        let user = self
            .user
            .as_deref()
            .ok_or_else(|| usage("--user NAME is required for this command"))?;
        let pass = read_secret(
            self.passphrase_file.as_deref(),
            "CASUS_PASSPHRASE",
            "Wachtwoordzin",
        )?;
        Session::unlock(&self.store, user, &pass)
    }
}

fn new_secret(file: Option<&Path>) -> Result<Zeroizing<String>, AppError> {
    let first = read_secret(file, "CASUS_NEW_PASSPHRASE", "Nieuwe wachtwoordzin")?;
    if file.is_none() && std::env::var("CASUS_NEW_PASSPHRASE").is_err() && std::io::stdin().is_terminal() {
        let again = prompt_no_echo("Herhaal de nieuwe wachtwoordzin")?;
        if *again != *first {
            return Err(usage("the two passphrases differ"));
        }
    }
    Ok(first)
}

fn run(cli: Cli) -> Result<(), AppError> {
    let ctx = Ctx {
        store: cli.store.unwrap_or_else(default_store),
        user: cli.user,
        passphrase_file: cli.passphrase_file,
        json: cli.json,
    };
    let json = ctx.json;
    match cli.command {
        Command::Init { admin, org } => {
            if let Some(dir) = ctx.store.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot create the folder: {e}")))?;
            }
            let pass = new_secret(ctx.passphrase_file.as_deref())?;
            let session = Session::init(
                &ctx.store,
                NewStore {
                    admin_name: &admin,
                    org: &org,
                    passphrase: &pass,
                },
                std::sync::Arc::new(casus_app::clock::SystemClock),
            )?;
            let me = session.me().clone();
            session.lock()?;
            print(json, &me, |m| {
                format!(
                    "store created at {}; administrator {} ({})",
                    ctx.store.display(),
                    m.name,
                    m.id
                )
            })
        }
        Command::User(cmd) => run_user(&ctx, cmd),
        Command::Case(cmd) => run_case(&ctx, cmd),
        Command::Import { file } => {
            let bytes =
                std::fs::read(&file).map_err(|e| usage(format!("cannot read the import file: {e}")))?;
            let mut s = ctx.unlock()?;
            let ids = s.case_import_json(&bytes)?;
            s.lock()?;
            print(json, &ids, |ids| ids.join("\n"))
        }
        Command::Signal(SignalCommand::Add { case }) => {
            let input = read_stdin_json()?;
            with_session(
                &ctx,
                |s| s.signal_add_json(case.as_deref(), &input),
                |r| {
                    if r.new_case {
                        format!("new case {} with signal {}", r.case_id, r.item_id)
                    } else {
                        format!("signal {} added to case {}", r.item_id, r.case_id)
                    }
                },
            )
        }
        Command::Weigh { case } => {
            let input = read_stdin_json()?;
            with_session(
                &ctx,
                |s| s.weigh_json(&case, &input),
                |id| format!("weighing {id} recorded"),
            )
        }
        Command::Covenant(cmd) => run_covenant(&ctx, cmd),
        Command::Meeting(cmd) => run_meeting(&ctx, cmd),
        Command::Export(cmd) => {
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
                } => with_session(&ctx, |s| s.export_plan(&case, &recipient, &format, &out), text),
                ExportCommand::Minutes {
                    meeting,
                    recipient,
                    format,
                    out,
                } => with_session(
                    &ctx,
                    |s| s.export_minutes(&meeting, &recipient, &format, &out),
                    text,
                ),
            }
        }
        Command::Plan(cmd) => run_plan(&ctx, cmd),
        Command::Criteria(CriteriaCommand::Show) => with_session(
            &ctx,
            |s| s.weighing_criteria(),
            |cs| {
                cs.iter()
                    .map(|c| format!("{:<28} [{}] {}", c.code, c.status, c.question))
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        Command::Criteria(CriteriaCommand::Import { file }) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| usage(format!("cannot read the checklist: {e}")))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            with_session(
                &ctx,
                |s| s.weighing_criteria_import(&name, &text),
                |n| format!("checklist set: {n} criteria"),
            )
        }
        Command::Retention(RetentionCommand::Due { all }) => with_session(
            &ctx,
            |s| s.retention_due(all),
            |rows| {
                if rows.is_empty() {
                    return "no case is due for destruction".into();
                }
                rows.iter()
                    .map(|r| {
                        format!(
                            "{}  {:<18} closed {}  destroy after {}{}{}",
                            r.case_id,
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
        Command::Retention(RetentionCommand::Approve { case }) => with_session(
            &ctx,
            |s| s.retention_approve(&case),
            |r| {
                match &r.certificate {
                None => format!("first approval recorded for case {}; the privacy officer gives the second", r.case_id),
                Some(c) => format!(
                    "case {} destroyed.\ncertificate: closed {}, retention ended {}, destroyed {}, approvers {} and {}, covenant {}, key fingerprint {}",
                    c.case_id, c.closed_on, c.destroy_after, c.destroyed_at, c.first_approver, c.second_approver, c.covenant, c.key_fingerprint
                ),
            }
            },
        ),
        Command::Inzage { case } => with_session(
            &ctx,
            |s| s.inzage(&case),
            |r| {
                let mut out = format!(
                    "inzage case {} (state {}, covenant {})\nHELD:\n",
                    r.case_id, r.state, r.covenant
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
        ),
        Command::Audit(AuditCommand::Verify) => {
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
        Command::Audit(AuditCommand::Log { case, of_user }) => {
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
        Command::Demo => {
            casus_app::demo::ensure_demo_store(&ctx.store)?;
            print(json, &ctx.store.display().to_string(), |p| {
                format!(
                    "demo store ready at {p}; unlock as '{}' with passphrase '{}'",
                    casus_app::demo::DEMO_USER,
                    casus_app::demo::DEMO_PASSPHRASE
                )
            })
        }
        Command::Bench { cases } => {
            if cases == 0 {
                return Err(usage("--cases must be at least 1"));
            }
            let dir = std::env::temp_dir().join(format!("casus-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
            let result = casus_app::bench::run(&dir, cases);
            let _ = std::fs::remove_dir_all(&dir);
            let r = result?;
            print(json, &r, |r| {
                format!(
                    "casus bench: {} fictional cases ({})\n\
                     create (import)        {:>10.1} ms total\n\
                     unlock + index         {:>10.1} ms   (target <= 800 ms)\n\
                     open a case            {:>10.3} ms   (target <= 50 ms)\n\
                     search (with audit)    {:>10.3} ms   (target <= 10 ms)\n\
                     search (index only)    {:>10.3} ms\n\
                     save an edit           {:>10.3} ms\n\
                     same write, plain      {:>10.3} ms\n\
                     save/plain ratio       {:>10.2} x    (target <= 1.5)\n\
                     audit verify           {:>10.1} ms for {} entries = {:.0} entries/s (target >= 1,000,000)\n\
                     plan to PDF            {:>10.1} ms for {} pages (target <= 1,000 ms for 10 pages)",
                    r.cases,
                    r.kdf_iterations_note,
                    r.create_cases_ms,
                    r.unlock_ms,
                    r.open_case_ms,
                    r.search_ms,
                    r.search_index_only_ms,
                    r.save_edit_ms,
                    r.plain_rusqlite_write_ms,
                    r.save_edit_ratio,
                    r.audit_verify_ms,
                    r.audit_entries,
                    r.audit_verify_per_sec,
                    r.plan_pdf_ms,
                    r.plan_pdf_pages
                )
            })
        }
    }
}

/// Unlocks, runs one command, locks, and prints the result.
fn with_session<T: Serialize>(
    ctx: &Ctx,
    f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    text: impl FnOnce(&T) -> String,
) -> Result<(), AppError> {
    let mut s = ctx.unlock()?;
    let result = f(&mut s);
    s.lock()?;
    print(ctx.json, &result?, text)
}

fn meeting_text(m: &casus_app::meeting::MeetingView) -> String {
    let mut out = format!(
        "casusoverleg {} op {} ({}) — voorzitter {}, notulist {}, geheimhouding {}\n",
        m.id, m.held_on, m.status, m.chair, m.minute_taker, m.confidentiality_version
    );
    for a in &m.attendees {
        out += &format!(
            "  aanwezig: {} ({}, {}) {}{}\n",
            a.id,
            a.name,
            a.org,
            a.role,
            if a.acknowledged {
                " ✓ geheimhouding"
            } else {
                " — geheimhouding nog niet bevestigd"
            }
        );
    }
    for i in &m.items {
        out += &format!(
            "{}. casus {} [{}] — {} aanwezig\n",
            i.seq,
            i.case_id,
            i.reason,
            i.present.len()
        );
        for s in &i.shares {
            out += &format!(
                "   gedeeld door {} [{} / {}] met {}: {}\n",
                s.source,
                s.category,
                s.basis,
                s.allowed_to.join(", "),
                s.content
            );
        }
        for d in &i.decisions {
            out += &format!(
                "   {}. {}: {}{}{}\n",
                d.seq,
                d.kind,
                d.text,
                d.owner_org
                    .as_ref()
                    .map(|o| format!(" — {o} {}", d.owner_person))
                    .unwrap_or_default(),
                d.deadline
                    .as_ref()
                    .map(|x| format!(" (uiterlijk {x})"))
                    .unwrap_or_default()
            );
        }
    }
    if let Some(h) = &m.minutes_hash {
        out += &format!("verslag vastgesteld, sha256 {h}");
    }
    out.trim_end().to_string()
}

fn run_meeting(ctx: &Ctx, cmd: MeetingCommand) -> Result<(), AppError> {
    match cmd {
        MeetingCommand::New => {
            let input = read_stdin_json()?;
            with_session(ctx, |s| s.meeting_new_json(&input), |id| id.clone())
        }
        MeetingCommand::Agenda { id, add, propose } => with_session(
            ctx,
            |s| s.meeting_agenda(&id, add.as_deref(), propose),
            meeting_text,
        ),
        MeetingCommand::Attend {
            id,
            case: Some(case),
            attendee: Some(attendee),
            leave,
        } => with_session(
            ctx,
            |s| s.meeting_presence(&id, &case, &attendee, !leave),
            |_| {
                if leave {
                    "left the room for this item".to_string()
                } else {
                    "present for this item".to_string()
                }
            },
        ),
        MeetingCommand::Attend { id, .. } => {
            let input = read_stdin_json()?;
            with_session(ctx, |s| s.meeting_attend_json(&id, &input), |a| a.clone())
        }
        MeetingCommand::Ack { text: true, .. } => {
            print(ctx.json, &casus_app::meeting::CONFIDENTIALITY_TEXT, |t| {
                t.to_string()
            })
        }
        MeetingCommand::Ack {
            id,
            attendee: Some(attendee),
            ..
        } => with_session(
            ctx,
            |s| s.meeting_ack(&id, &attendee),
            |_| "confidentiality acknowledged".to_string(),
        ),
        MeetingCommand::Ack { .. } => Err(usage("give ATTENDEE, or --text to show the confidentiality text")),
        MeetingCommand::Share { id, case } => {
            let input = read_stdin_json()?;
            with_session(
                ctx,
                |s| s.meeting_share_json(&id, &case, &input),
                |v| {
                    format!(
                        "shared with {} (covenant {})",
                        v.allowed_to.join(", "),
                        v.covenant
                    )
                },
            )
        }
        MeetingCommand::Decide { id, case } => {
            let input = read_stdin_json()?;
            with_session(
                ctx,
                |s| s.meeting_decide_json(&id, &case, &input),
                |n| format!("agreement {n} recorded"),
            )
        }
        MeetingCommand::Close { id } => with_session(ctx, |s| s.meeting_close(&id), meeting_text),
        MeetingCommand::Show { id } => with_session(ctx, |s| s.meeting_show(&id), meeting_text),
    }
}

fn run_plan(ctx: &Ctx, cmd: PlanCommand) -> Result<(), AppError> {
    match cmd {
        PlanCommand::Show { case } => with_session(
            ctx,
            |s| s.plan_show(&case),
            |p| {
                let mut out = format!(
                    "plan van aanpak, casus {}, versie {}{}\n",
                    p.case_id,
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
                            o.case_id,
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

fn run_covenant(ctx: &Ctx, cmd: CovenantCommand) -> Result<(), AppError> {
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

fn run_user(ctx: &Ctx, cmd: UserCommand) -> Result<(), AppError> {
    let json = ctx.json;
    match cmd {
        UserCommand::Add(add) => {
            let mut s = ctx.unlock()?;
            let pass = new_secret(add.new_passphrase_file.as_deref())?;
            let id = s.add_user(NewUser {
                name: &add.name,
                role: &add.role,
                org: &add.org,
                passphrase: &pass,
            })?;
            s.lock()?;
            print(json, &id, |id| id.clone())
        }
        UserCommand::Passwd { new_passphrase_file } => {
            let mut s = ctx.unlock()?;
            let pass = new_secret(new_passphrase_file.as_deref())?;
            s.change_passphrase(&pass)?;
            s.lock()?;
            print(json, &"ok", |_| "passphrase changed".into())
        }
        UserCommand::Remove { name } => {
            let mut s = ctx.unlock()?;
            s.remove_user(&name)?;
            s.lock()?;
            print(json, &"ok", |_| "user removed; the master key was rotated".into())
        }
        UserCommand::List => {
            let mut s = ctx.unlock()?;
            let users = s.list_users()?;
            s.lock()?;
            print(json, &users, |us| {
                us.iter()
                    .map(|u| {
                        format!(
                            "{}  {:<20} {:<16} {:<12}{}",
                            u.id,
                            u.name,
                            u.role,
                            u.org,
                            if u.rotation_pending {
                                "  (sleutel wordt bij volgende login bijgewerkt)"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

fn run_case(ctx: &Ctx, cmd: CaseCommand) -> Result<(), AppError> {
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
                    .map(|c| format!("{}  {:<32} {}  {}", c.id, c.name, c.born, c.state))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        CaseCommand::Show { id } => with_session(
            ctx,
            |s| s.show_case(&id),
            |c| {
                let mut out = format!(
                    "id:       {}\nstate:    {}\nversion:  {}\n",
                    c.id, c.state, c.version
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
