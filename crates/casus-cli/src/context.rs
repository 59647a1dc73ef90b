//! What every command shares: the global options, unlocking as `--user`, reading JSON from stdin,
//! and the usual unlock–run–lock–print round.

use std::io::Read;
use std::path::PathBuf;

use casus_app::{AppError, Session};
use serde::Serialize;

use crate::output::print;
use crate::passphrase::read_secret;

/// The global options, resolved.
pub struct Ctx {
    pub store: PathBuf,
    pub user: Option<String>,
    pub passphrase_file: Option<PathBuf>,
    pub json: bool,
}

impl Ctx {
    pub fn unlock(&self) -> Result<Session, AppError> {
        let user = self
            .user
            .as_deref()
            .ok_or_else(|| usage("--user NAME is required for this command"))?;
        let pass = read_secret(
            self.passphrase_file.as_deref(),
            "CASUS_PASSPHRASE",
            "Wachtwoordzin",
        )?;
        let mut session = crate::output::busy("ontgrendelen (sleutel afleiden)", || {
            Session::unlock(&self.store, user, &pass)
        })?;
        session.set_witness_dir(casus_app::witness::default_dir());
        Ok(session)
    }
}

pub fn default_store() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("casusoverleg").join("store.casus")
}

pub fn usage(message: impl Into<String>) -> AppError {
    AppError::invalid(message)
}

pub fn read_stdin_json() -> Result<Vec<u8>, AppError> {
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

/// Unlocks, runs one command, locks, and prints the result.
pub fn with_session<T: Serialize>(
    ctx: &Ctx,
    f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    text: impl FnOnce(&T) -> String,
) -> Result<(), AppError> {
    let mut s = ctx.unlock()?;
    let result = f(&mut s);
    s.lock()?;
    print(ctx.json, &result?, text)
}
