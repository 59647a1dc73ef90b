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
                     audit verify           {:>10.1} ms for {} entries = {:.0} entries/s (target >= 1,000,000)",
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
                    r.audit_verify_per_sec
                )
            })
        }
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
        CaseCommand::Show { id } => {
            let mut s = ctx.unlock()?;
            let case = s.show_case(&id)?;
            s.lock()?;
            print(json, &case, |c| {
                format!(
                    "id:       {}\nstate:    {}\nversion:  {}\nname:     {}\nborn:     {}\nbsn:      {}\naddress:  {}\ncreated:  {}\nupdated:  {}\nnotes:\n{}",
                    c.id,
                    c.state,
                    c.version,
                    c.subject.name,
                    c.subject.born,
                    c.subject.bsn.as_deref().unwrap_or("-"),
                    c.subject.address,
                    c.created,
                    c.updated,
                    c.notes
                )
            })
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
