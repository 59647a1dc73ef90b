//! What `casus` prints: the result as text or `--json` on stdout, an error on stderr, and the exit
//! code that belongs to it (`ErrorCode::exit_code`).

use std::io::Write;
use std::process::ExitCode;

use casus_app::{AppError, ErrorCode};
use serde::Serialize;

/// The end of `casus --help`: the documented exit codes, how a case is named and where
/// passphrases come from.
pub const EXIT_CODES: &str = "Exit codes:
  0  ok
  1  other error (store busy, not found, disk full, ...)
  2  usage error or invalid input (nothing was written)
  3  wrong passphrase, or locked after too many attempts
  4  refused by the access rules (the attempt is in the audit log)
  5  integrity failure (audit chain broken, data altered)

Wherever a command takes a case, give its number (2026-0042, or 2026-42) or its id
(32 hexadecimal characters).

Passphrases come from --passphrase-file, the CASUS_PASSPHRASE variable, or a prompt
without echo when a terminal is attached. New passphrases: at least 14 characters;
use four or more random words.";

/// Prints `value` as pretty JSON, or as the text `text` makes of it.
pub fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> Result<(), AppError> {
    let out = if json {
        serde_json::to_string_pretty(value).map_err(|_| AppError::internal("cannot encode the output"))?
    } else {
        text(value)
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}")
        .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot write the output: {e}")))
}

/// Reports an error on stderr (as JSON with `--json`) and returns its documented exit code.
pub fn fail(json: bool, e: &AppError) -> ExitCode {
    if json {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            serde_json::to_string(e).unwrap_or_default()
        );
    } else {
        let _ = writeln!(std::io::stderr(), "casus: {}", e.message);
    }
    ExitCode::from(e.code.exit_code())
}

/// Runs `work` and, when a person watches the terminal (stderr is a terminal), says what is going
/// on meanwhile: "Bezig: ontgrendelen (sleutel afleiden)…", cleared when done. Scripts and pipes
/// see nothing extra.
pub fn busy<T>(what: &str, work: impl FnOnce() -> T) -> T {
    use std::io::{IsTerminal, Write};
    let tty = std::io::stderr().is_terminal();
    if tty {
        let mut err = std::io::stderr();
        let _ = write!(err, "Bezig: {what}…");
        let _ = err.flush();
    }
    let out = work();
    if tty {
        // Back to the start of the line and clear it.
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
    out
}
