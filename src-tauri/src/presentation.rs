//! The projector window (*presentatievenster*): a second window that shows one agenda item as
//! `meeting_presentation` returns it — only what every organisation in the room may receive —
//! while the coordinator keeps meeting mode on their own screen. Its capability
//! (`capabilities/presentation.json`) grants it that one read and nothing else, so even a bug in
//! the page could not make the projector show a case. It closes whenever the session locks.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The label the capability file names.
pub const LABEL: &str = "presentation";

/// Ids are random hex (with dashes in some tables); anything else is refused before it gets near
/// the script that hands them to the page.
fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// Opens (or re-opens) the projector window on one agenda item.
pub fn open<R: Runtime>(app: &AppHandle<R>, meeting: &str, case: &str) -> Result<(), String> {
    if !plain_id(meeting) || !plain_id(case) {
        return Err("not an id".into());
    }
    close(app);
    let script = format!(
        "Object.defineProperty(window, '__casusPresentation', {{ value: Object.freeze({{ meeting: '{meeting}', case: '{case}' }}) }});"
    );
    WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("index.html".into()))
        .title("Casusoverleg — Presentatie")
        .inner_size(1280.0, 720.0)
        .content_protected(true)
        .initialization_script(&script)
        .build()
        .map(|window| crate::webview_settings(&window))
        .map_err(|e| e.to_string())
}

/// Closes the projector window, if it is open.
pub fn close<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(LABEL) {
        if let Err(error) = window.close() {
            eprintln!("casus-desktop: closing the presentation window failed: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_id;

    #[test]
    fn only_plain_ids_reach_the_window_script() {
        assert!(plain_id("0f3a9c2e5b7d4e1f8a6b3c2d1e0f9a8b"));
        assert!(!plain_id(""));
        assert!(
            !plain_id("x'); alert(1); ('"),
            "quotes would break out of the script"
        );
        assert!(!plain_id(&"a".repeat(65)));
    }
}
