//! The Casusoverleg desktop window: a thin door over `casus-app`.
//!
//! This crate owns the window, the choice of store file at start-up, the one open
//! [`casus_app::Session`] and the Tauri command adapters. It must never hold domain rules,
//! SQL, crypto or Dutch wording: those live in `casus-app` and below, and in `ui/`.
//! It is the only crate that names `tauri`.

// A release build without `custom-protocol` would load the Vite dev URL (`http://localhost:5173`)
// with no CSP: whatever listens on that port would run inside the window with every command.
// Such a build cannot be made; `scripts/lib.sh` (`build_release`) builds the release window with
// `--features custom-protocol`.
#[cfg(all(not(debug_assertions), not(feature = "custom-protocol")))]
compile_error!(
    "a release build of casus-desktop needs `--features custom-protocol` (without it the window loads http://localhost:5173 with no CSP); build it with scripts/lib.sh build_release or `cargo build --release -p casus-desktop --features custom-protocol`"
);

mod commands;
pub mod desktop;
pub mod launch;
mod os_lock;
pub mod presentation;

use std::time::Duration;

use tauri::{AppHandle, Manager, RunEvent, Runtime};

pub use desktop::{AppStatus, Desktop};

/// Adds the command handlers to a builder. Shared by [`run`] and the mock-runtime tests so
/// both expose exactly the same commands.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    // The handler list is expanded from the command manifest (`commands::handler`).
    builder.invoke_handler(commands::handler())
}

/// Starts the desktop app. Exits the process with a message on stderr if the window
/// system cannot be reached (for example when `DISPLAY` is not set).
pub fn run() {
    let choice = launch::StoreChoice::from_process();
    let app = app_builder(tauri::Builder::default())
        .setup(move |app| {
            let data_dir = app.path().data_dir().ok();
            let store = launch::resolve(&choice, data_dir.as_deref());
            app.manage(Desktop::with_limits(
                store,
                launch::export_dir_from_env(),
                launch::idle_limit_from_env(),
            ));
            start_idle_watch(app.handle().clone());
            if let Some(window) = app.get_webview_window("main") {
                webview_settings(&window);
            }
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

/// A window's web view keeps no browser caches: the document-viewer cache model (one page,
/// nothing to keep for back/forward or other sites). Linux only; the other platforms' web views
/// (WebView2, WKWebView) keep their defaults. Accelerated compositing stays on: with it off
/// (`WEBKIT_DISABLE_COMPOSITING_MODE`, or the hardware-acceleration policy "never") the window
/// used about 90 MB less under Xvfb, but WebKitGTK 2.4x then stopped delivering animation frames
/// on the case list (the E2E's screenshots hung and the page went blank), so it is not worth it.
pub(crate) fn webview_settings<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let result = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(error) = result {
            eprintln!("casus-desktop: the web view settings could not be applied: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Checks every two seconds whether the window has been idle past the limit or the screen was
/// locked; if so the core drops its keys (the session is locked) and the page reloads, so
/// nothing stays on screen.
fn start_idle_watch<R: Runtime>(handle: AppHandle<R>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(2));
        let Some(desktop) = handle.try_state::<Desktop>() else {
            continue;
        };
        // The operating system's screen lock counts too (asked only while a session is open).
        let os_locked = !desktop.status().locked && os_lock::screen_locked() == Some(true);
        if os_locked {
            if let Err(error) = desktop.lock() {
                eprintln!("casus-desktop: locking with the screen failed ({:?})", error.code);
            }
        }
        let locked = os_locked || desktop.lock_if_idle();
        if !locked {
            desktop.backup_if_due();
        }
        if locked {
            presentation::close(&handle);
            if let Some(window) = handle.get_webview_window("main") {
                if let Err(error) = window.eval("window.location.reload()") {
                    eprintln!("casus-desktop: reloading after auto-lock failed: {error}");
                }
            }
        }
    });
}
