//! Locking with the operating system: when the person locks their screen (Super+L, closing the
//! lid), the window locks too. Asked of systemd-logind, whose `LockedHint` GNOME, KDE and most
//! screen lockers set, through `loginctl` (no D-Bus library in the shell). Where it cannot be
//! asked — no logind, no session — only the idle limit applies.

use std::process::{Command, Stdio};

/// Whether the desktop session is locked now; `None` when logind cannot tell.
pub fn screen_locked() -> Option<bool> {
    let session = std::env::var("XDG_SESSION_ID")
        .ok()
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "self".to_string());
    let out = Command::new("loginctl")
        .args(["show-session", &session, "--property=LockedHint"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    parse_locked_hint(&String::from_utf8_lossy(&out.stdout))
}

fn parse_locked_hint(text: &str) -> Option<bool> {
    text.lines().find_map(|line| match line.trim() {
        "LockedHint=yes" => Some(true),
        "LockedHint=no" => Some(false),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_locked_hint;

    #[test]
    fn reads_logind_locked_hint() {
        assert_eq!(parse_locked_hint("LockedHint=yes\n"), Some(true));
        assert_eq!(parse_locked_hint("LockedHint=no\n"), Some(false));
        assert_eq!(
            parse_locked_hint(""),
            None,
            "no answer means: do not know, not unlocked"
        );
        assert_eq!(parse_locked_hint("Something=else\n"), None);
    }
}
