//! The Casusoverleg desktop window: a thin door over `casus-app`.
//!
//! This crate owns the window, the choice of store file at start-up, the one open
//! [`casus_app::Session`] and the Tauri command adapters. It must never hold domain rules,
//! SQL, crypto or Dutch wording: those live in `casus-app` and below, and in `ui/`.
//! It is the only crate that names `tauri`.

mod commands;
pub mod desktop;
pub mod launch;

use tauri::{Manager, RunEvent, Runtime};

pub use desktop::{AppStatus, Desktop};

/// Adds the command handlers to a builder. Shared by [`run`] and the mock-runtime tests so
/// both expose exactly the same commands.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app_status,
        commands::unlock,
        commands::lock,
        commands::list_cases,
    ])
}

/// Starts the desktop app. Exits the process with a message on stderr if the window
/// system cannot be reached (for example when `DISPLAY` is not set).
pub fn run() {
    let choice = launch::StoreChoice::from_process();
    let app = app_builder(tauri::Builder::default())
        .setup(move |app| {
            let data_dir = app.path().data_dir().ok();
            let store = launch::resolve(&choice, data_dir.as_deref());
            app.manage(Desktop::new(store));
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"));
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            eprintln!("casus-desktop: the window could not be started: {error}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        // Close the store cleanly (the session writes its lock event) before the process ends.
        if let RunEvent::Exit = event {
            if let Some(desktop) = handle.try_state::<Desktop>() {
                desktop.lock_on_exit();
            }
        }
    });
}
