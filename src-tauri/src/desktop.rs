//! The desktop's state: which store file this window works on, and the one open session.
//!
//! A [`Session`] holds the store open (and its keys in memory); only one process may hold a
//! store, so the session lives here exactly once, behind a mutex, and is locked (closed) on
//! `lock`, before a new unlock, and when the app exits. Nothing here decides access: an
//! empty session simply means every case command is refused.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use casus_app::{AppError, CaseSummary, ErrorCode, Session, UserView};
use serde::Serialize;

/// What the unlock screen needs before anyone has unlocked.
#[derive(Debug, Clone, Serialize)]
pub struct AppStatus {
    /// File name of the store (never the full path: that may contain a person's home folder).
    /// `None` when no store was chosen at start-up.
    pub store_path_name: Option<String>,
    pub locked: bool,
    pub user: Option<UserView>,
}

pub struct Desktop {
    store: Option<PathBuf>,
    session: Mutex<Option<Session>>,
}

impl Desktop {
    pub fn new(store: Option<PathBuf>) -> Self {
        Self {
            store,
            session: Mutex::new(None),
        }
    }

    pub fn status(&self) -> AppStatus {
        let session = self.session();
        AppStatus {
            store_path_name: self
                .store
                .as_deref()
                .and_then(Path::file_name)
                .map(|name| name.to_string_lossy().into_owned()),
            locked: session.is_none(),
            user: session.as_ref().map(|s| s.me().clone()),
        }
    }

    /// Opens the store as `user`. An earlier session is locked first, so a second unlock
    /// never finds its own process holding the store.
    pub fn unlock(&self, user: &str, passphrase: &str) -> Result<UserView, AppError> {
        let store = self.store.as_deref().ok_or_else(no_store)?;
        let mut session = self.session();
        if let Some(open) = session.take() {
            open.lock()?;
        }
        let opened = Session::unlock(store, user, passphrase)?;
        let me = opened.me().clone();
        *session = Some(opened);
        Ok(me)
    }

    /// Closes the session. Locking an already locked window is not an error.
    pub fn lock(&self) -> Result<(), AppError> {
        match self.session().take() {
            Some(open) => open.lock(),
            None => Ok(()),
        }
    }

    pub fn list_cases(&self, query: Option<&str>) -> Result<Vec<CaseSummary>, AppError> {
        self.session().as_mut().ok_or_else(locked)?.list_cases(query)
    }

    /// Called when the app exits: there is no one left to tell about a failure, and the
    /// session's `Drop` closes the store anyway, so the error is only noted on stderr.
    pub fn lock_on_exit(&self) {
        if let Err(error) = self.lock() {
            eprintln!("casus-desktop: locking on exit failed ({:?})", error.code);
        }
    }

    /// A panic while the lock was held cannot leave the `Option` half-written, so a
    /// poisoned lock is still safe to use.
    fn session(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn no_store() -> AppError {
    AppError::new(ErrorCode::NotFound, "no store file was chosen at start-up")
}

fn locked() -> AppError {
    AppError::forbidden("the window is locked")
}
