//! Which store file the window opens, decided once at start-up from the command line and
//! the environment: `CASUS_STORE=PATH` wins; otherwise `--demo` or `CASUS_DEMO=1` picks the
//! demo store in the user's data folder (`$XDG_DATA_HOME/casusoverleg/demo.casus`), which is
//! created with fictional people on first run. With neither, the window opens the municipality's
//! own store in the same folder, and offers to set it up on first run.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The demo store's file name inside `<data dir>/casusoverleg/`.
pub const DEMO_FILE: &str = "demo.casus";
/// The store used when nothing is chosen: set up on first run from the window.
pub const OWN_FILE: &str = "casusoverleg.casus";
/// The folder under the platform data dir: a plain name rather than the bundle identifier, so
/// the README and other doors can point at the same demo store.
pub const DATA_FOLDER: &str = "casusoverleg";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreChoice {
    Path(PathBuf),
    Demo,
    Unset,
}

impl StoreChoice {
    pub fn from_process() -> Self {
        Self::from_parts(std::env::args_os().skip(1), |name| std::env::var_os(name))
    }

    /// Pure decision, so it can be tested without touching the real environment.
    pub fn from_parts(
        args: impl IntoIterator<Item = OsString>,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Self {
        if let Some(path) = env("CASUS_STORE").filter(|p| !p.is_empty()) {
            return Self::Path(PathBuf::from(path));
        }
        let demo_flag = args.into_iter().any(|a| a == "--demo");
        if demo_flag || env("CASUS_DEMO").is_some_and(|v| v == "1") {
            return Self::Demo;
        }
        Self::Unset
    }
}

/// Turns the choice into a store path, creating the demo store when needed. A demo store
/// that cannot be created still yields its path: unlocking then reports the real error to
/// the person at the screen instead of the app silently opening without a store.
pub fn resolve(choice: &StoreChoice, data_dir: Option<&Path>) -> Option<PathBuf> {
    match choice {
        StoreChoice::Path(path) => Some(path.clone()),
        // First run without a choice: the municipality's own store in the data folder; the window
        // offers to set it up when it does not exist yet.
        StoreChoice::Unset => Some(data_dir?.join(DATA_FOLDER).join(OWN_FILE)),
        StoreChoice::Demo => {
            let path = data_dir?.join(DATA_FOLDER).join(DEMO_FILE);
            if let Err(error) = casus_dev::demo::ensure_demo_store(&path) {
                eprintln!(
                    "casus-desktop: the demo store could not be prepared ({:?})",
                    error.code
                );
            }
            Some(path)
        }
    }
}

/// `CASUS_EXPORT_DIR`: where exports are written (default: `exports/` beside the store).
pub fn export_dir_from_env() -> Option<PathBuf> {
    std::env::var_os("CASUS_EXPORT_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `CASUS_IDLE_LOCK_SECS`: seconds of inactivity before the window locks itself, set by the
/// machine's administrator; it overrides the store's own setting. At least ten seconds so a typo
/// cannot make the app unusable; unset or unreadable means: use the store's setting.
pub fn idle_limit_from_env() -> Option<std::time::Duration> {
    idle_limit(std::env::var("CASUS_IDLE_LOCK_SECS").ok().as_deref())
}

fn idle_limit(value: Option<&str>) -> Option<std::time::Duration> {
    let secs = value.and_then(|v| v.trim().parse::<u64>().ok())?;
    Some(std::time::Duration::from_secs(secs.max(10)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(args: &[&str], env: &[(&str, &str)]) -> StoreChoice {
        let env: Vec<(String, OsString)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        StoreChoice::from_parts(args.iter().map(OsString::from), |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn explicit_store_wins_over_demo() {
        assert_eq!(
            choose(&["--demo"], &[("CASUS_STORE", "/x/a.casus"), ("CASUS_DEMO", "1")]),
            StoreChoice::Path("/x/a.casus".into()),
            "an explicit store path is the user's clearest wish"
        );
    }

    #[test]
    fn demo_flag_or_env_picks_demo() {
        assert_eq!(choose(&["--demo"], &[]), StoreChoice::Demo);
        assert_eq!(choose(&[], &[("CASUS_DEMO", "1")]), StoreChoice::Demo);
    }

    #[test]
    fn nothing_chosen_means_no_store() {
        assert_eq!(
            choose(&[], &[("CASUS_DEMO", "0"), ("CASUS_STORE", "")]),
            StoreChoice::Unset,
            "CASUS_DEMO=0 and an empty CASUS_STORE must not open anything"
        );
    }

    #[test]
    fn idle_limit_from_the_environment_has_a_floor() {
        assert_eq!(
            idle_limit(None),
            None,
            "unset: the store's setting (default five minutes) applies"
        );
        assert_eq!(idle_limit(Some("60")).map(|d| d.as_secs()), Some(60));
        assert_eq!(
            idle_limit(Some("1")).map(|d| d.as_secs()),
            Some(10),
            "a tiny value would lock during typing"
        );
        assert_eq!(
            idle_limit(Some("vijf")),
            None,
            "garbage falls back to the store's setting"
        );
    }

    #[test]
    fn nothing_chosen_opens_the_own_store_in_the_data_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = resolve(&StoreChoice::Unset, Some(dir.path())).expect("own store path");
        assert_eq!(path, dir.path().join("casusoverleg").join("casusoverleg.casus"));
        assert!(
            !path.exists(),
            "the own store is only made when the person sets it up"
        );
    }

    #[test]
    fn demo_store_lives_in_the_data_folder_and_is_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = resolve(&StoreChoice::Demo, Some(dir.path())).expect("demo path");
        assert_eq!(path, dir.path().join("casusoverleg").join("demo.casus"));
        assert!(path.exists(), "the demo store is created on first run");
    }
}
