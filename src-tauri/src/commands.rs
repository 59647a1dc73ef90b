//! The Tauri commands: one-line adapters from IPC to [`Desktop`]. Each command has its own
//! `allow-*` permission (see `build.rs`) that `capabilities/main.json` grants by name.
//! No logic here: argument names are the IPC contract with `ui/src/lib/ipc/call.ts`.

use casus_app::{AppError, CaseSummary, UserView};
use tauri::State;
use zeroize::Zeroizing;

use crate::desktop::{AppStatus, Desktop};

#[tauri::command]
pub fn app_status(desktop: State<'_, Desktop>) -> AppStatus {
    desktop.status()
}

// `async` runs the command off the main thread: unlocking derives a key on purpose slowly.
#[tauri::command(async)]
pub fn unlock(
    desktop: State<'_, Desktop>,
    user: String,
    passphrase: Zeroizing<String>,
) -> Result<UserView, AppError> {
    desktop.unlock(&user, &passphrase)
}

#[tauri::command(async)]
pub fn lock(desktop: State<'_, Desktop>) -> Result<(), AppError> {
    desktop.lock()
}

#[tauri::command(async)]
pub fn list_cases(desktop: State<'_, Desktop>, query: Option<String>) -> Result<Vec<CaseSummary>, AppError> {
    desktop.list_cases(query.as_deref())
}
