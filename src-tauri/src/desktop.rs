//! The desktop's state: which store file this window works on, the one open session, and when
//! the person last touched the window.
//!
//! A [`Session`] holds the store open (and its keys in memory); only one process may hold a
//! store, so the session lives here exactly once, behind a mutex, and is locked (closed) on
//! `lock`, before a new unlock, after the idle limit, and when the app exits. Nothing here
//! decides access: an empty session simply means every case command is refused.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use casus_app::clock::SystemClock;
// What the unlock screen needs; declared in casus-app so the window's TypeScript is generated too.
pub use casus_app::ipc::AppStatus;
use casus_app::{AppError, ErrorCode, NewStore, Session, UserView, VerifyReport};

/// Minutes without any activity after which the window locks itself (design: 5).
pub const DEFAULT_IDLE_MINUTES: u64 = 5;

pub struct Desktop {
    store: Option<PathBuf>,
    export_dir: Option<PathBuf>,
    session: Mutex<Option<Session>>,
    last_activity: Mutex<Instant>,
    /// The limit in force: the machine's override, else the store's setting, else the default.
    idle_limit: Mutex<Duration>,
    /// Set from `CASUS_IDLE_LOCK_SECS`: the store's setting does not apply.
    idle_override: Option<Duration>,
    /// Where each signed audit head is witnessed (`casus_app::witness::default_dir()` unless set).
    witness_dir: Option<PathBuf>,
    /// When the watchdog next asks whether the daily backup is due.
    next_backup_check: Mutex<Instant>,
}

/// How often the watchdog asks the core whether the daily backup is due.
const BACKUP_CHECK_EVERY: Duration = Duration::from_secs(10 * 60);

impl Desktop {
    pub fn new(store: Option<PathBuf>) -> Self {
        Self::with_limits(store, None, None)
    }

    /// `idle_override`: a limit from the machine (environment) that wins over the store's.
    pub fn with_limits(
        store: Option<PathBuf>,
        export_dir: Option<PathBuf>,
        idle_override: Option<Duration>,
    ) -> Self {
        Self {
            store,
            export_dir,
            session: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            idle_limit: Mutex::new(idle_override.unwrap_or(Duration::from_secs(DEFAULT_IDLE_MINUTES * 60))),
            idle_override,
            witness_dir: casus_app::witness::default_dir(),
            next_backup_check: Mutex::new(Instant::now()),
        }
    }

    /// The folder for the audit witness instead of the default one (`None`: write none).
    pub fn with_witness_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.witness_dir = dir;
        self
    }

    fn idle_limit(&self) -> Duration {
        *self.idle_limit.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// After unlocking: the store's own auto-lock time applies, unless the machine overrides it.
    fn adopt_store_idle_limit(&self, session: &mut Session) {
        if self.idle_override.is_some() {
            return;
        }
        let minutes = session
            .idle_lock_minutes()
            .ok()
            .flatten()
            .map_or(DEFAULT_IDLE_MINUTES, u64::from);
        *self.idle_limit.lock().unwrap_or_else(PoisonError::into_inner) = Duration::from_secs(minutes * 60);
    }

    /// The administrator sets the store's auto-lock time; it applies at once in this window.
    pub fn set_idle_lock_minutes(&self, minutes: u32) -> Result<(), AppError> {
        self.with(|s| s.set_idle_lock_minutes(minutes))?;
        if self.idle_override.is_none() {
            *self.idle_limit.lock().unwrap_or_else(PoisonError::into_inner) =
                Duration::from_secs(u64::from(minutes) * 60);
        }
        Ok(())
    }

    pub fn status(&self) -> AppStatus {
        let session = self.session();
        AppStatus {
            store_path_name: self
                .store
                .as_deref()
                .and_then(Path::file_name)
                .map(|name| name.to_string_lossy().into_owned()),
            store_exists: self.store.as_deref().is_some_and(Path::exists),
            locked: session.is_none(),
            user: session.as_ref().map(|s| s.me().clone()),
            idle_lock_secs: self.idle_limit().as_secs(),
            idle_lock_fixed: self.idle_override.is_some(),
        }
    }

    /// First run: creates the store with its administrator and opens a session for them. An
    /// existing store is never overwritten (the core refuses).
    pub fn create_store(&self, admin_name: &str, org: &str, passphrase: &str) -> Result<UserView, AppError> {
        let store = self.store.as_deref().ok_or_else(no_store)?;
        if let Some(folder) = store.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|_| AppError::new(ErrorCode::Io, "the store folder could not be created"))?;
        }
        let mut session = self.session();
        if let Some(open) = session.take() {
            open.lock()?;
        }
        let mut opened = Session::init(
            store,
            NewStore {
                admin_name,
                org,
                passphrase,
            },
            Arc::new(SystemClock),
        )?;
        opened.set_witness_dir(self.witness_dir.clone());
        self.adopt_store_idle_limit(&mut opened);
        let me = opened.me().clone();
        *session = Some(opened);
        self.touch();
        Ok(me)
    }

    /// Opens the store as `user`. An earlier session is locked first, so a second unlock
    /// never finds its own process holding the store.
    pub fn unlock(&self, user: &str, passphrase: &str) -> Result<UserView, AppError> {
        let store = self.store.as_deref().ok_or_else(no_store)?;
        let mut session = self.session();
        if let Some(open) = session.take() {
            open.lock()?;
        }
        let mut opened = Session::unlock(store, user, passphrase)?;
        opened.set_witness_dir(self.witness_dir.clone());
        self.adopt_store_idle_limit(&mut opened);
        let me = opened.me().clone();
        *session = Some(opened);
        self.touch();
        Ok(me)
    }

    /// Closes the session, after the automatic backup into the administrator's folder (when one
    /// is set and the user may back up; a failed backup is reported, never blocks the lock, and is
    /// in the log). Locking an already locked window is not an error.
    pub fn lock(&self) -> Result<(), AppError> {
        match self.session().take() {
            Some(mut open) => {
                if let Err(error) = open.auto_backup() {
                    eprintln!("casus-desktop: the backup on lock failed ({:?})", error.code);
                }
                open.lock()
            }
            None => Ok(()),
        }
    }

    /// The daily backup: at most every ten minutes the watchdog asks whether the newest successful
    /// backup is a day old, and if so makes one (without counting as the person's activity).
    pub fn backup_if_due(&self) {
        {
            let mut next = self
                .next_backup_check
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if Instant::now() < *next {
                return;
            }
            *next = Instant::now() + BACKUP_CHECK_EVERY;
        }
        let mut session = self.session();
        let Some(open) = session.as_mut() else {
            return;
        };
        match open.backup_due() {
            Ok(true) => {
                if let Err(error) = open.auto_backup() {
                    eprintln!("casus-desktop: the daily backup failed ({:?})", error.code);
                }
            }
            Ok(false) => {}
            Err(error) => eprintln!("casus-desktop: the backup check failed ({:?})", error.code),
        }
    }

    /// The person did something in the window (a key, a click): the idle clock restarts.
    pub fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
    }

    /// Locks the session when the window has been idle longer than the limit. Returns true
    /// when it locked something (the caller then reloads the page, dropping all shown data).
    pub fn lock_if_idle(&self) -> bool {
        let idle = self
            .last_activity
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .elapsed();
        if idle < self.idle_limit() || self.session().is_none() {
            return false;
        }
        if let Err(error) = self.lock() {
            eprintln!("casus-desktop: auto-lock failed ({:?})", error.code);
        }
        true
    }

    /// Runs one command on the open session without counting it as activity (a poll, or
    /// anything from the projector window). A locked window refuses; an idle window locks first
    /// (so a command cannot slip through after the idle limit before the watchdog ran).
    pub fn with<T>(&self, f: impl FnOnce(&mut Session) -> Result<T, AppError>) -> Result<T, AppError> {
        self.with_activity(false, f)
    }

    /// As [`Desktop::with`]; `activity` (the person's input in the main window, decided by
    /// `casus_app::ipc::touches_idle_clock`) restarts the idle clock after the idle check.
    pub fn with_activity<T>(
        &self,
        activity: bool,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.lock_if_idle();
        if activity {
            self.touch();
        }
        let mut session = self.session();
        let open = session.as_mut().ok_or_else(locked)?;
        f(open)
    }

    /// Checks the audit chain of the store, and against this machine's witness of it when there
    /// is one (no key needed; the window must be unlocked).
    pub fn audit_verify(&self) -> Result<VerifyReport, AppError> {
        self.with(|_| Ok(()))?;
        let store = self.store.as_deref().ok_or_else(no_store)?;
        let source = match self.witness_dir.as_deref() {
            Some(d) => casus_app::audit_log::WitnessSource::Folder(d),
            None => casus_app::audit_log::WitnessSource::None,
        };
        casus_app::audit_log::verify_with_witness(store, source)
    }

    /// The folder exports are written to; created (0700) when missing, tightened to 0700 if not.
    pub fn export_folder(&self) -> Result<PathBuf, AppError> {
        let folder = match &self.export_dir {
            Some(dir) => dir.clone(),
            None => self
                .store
                .as_deref()
                .and_then(Path::parent)
                .map(|p| p.join("exports"))
                .ok_or_else(no_store)?,
        };
        // 0700: exports are written 0600 into a folder only this user may list.
        casus_app::export::private_folder(&folder)
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
