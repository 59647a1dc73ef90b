//! Settings of a store that are policy, not personal data: for now the auto-lock time of the
//! window. Kept in `store_meta` in plain text (a number) with the signature of the administrator
//! who set it; changed by the administrator only, and every change is in the audit log.

use casus_domain::audit::{Event, Purpose};
use casus_store::meta;

use crate::error::AppError;
use crate::policy::Action;
use crate::session::{Audit, Session};

const IDLE_LOCK_META: &str = crate::keys::SIGNED_SETTINGS[0];
/// The range a municipality may choose: long enough to read, short enough for a meeting room.
pub const IDLE_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=30;

impl Session {
    /// The store's auto-lock time in minutes, when the administrator set one. A value not signed
    /// by an account that may change settings (edited outside the app) is an integrity error,
    /// never a longer lock time.
    pub fn idle_lock_minutes(&mut self) -> Result<Option<u32>, AppError> {
        let keys = &self.keys;
        let raw = self.store.read(|tx| -> Result<_, AppError> {
            let raw = meta::get(tx, IDLE_LOCK_META)?;
            if let Some(value) = &raw {
                if !keys.setting_verified(tx, IDLE_LOCK_META, value)? {
                    return Err(AppError::integrity(
                        "the auto-lock setting was changed outside the app",
                    ));
                }
            }
            Ok(raw)
        })?;
        Ok(raw
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| text.parse::<u32>().ok())
            .filter(|m| IDLE_LOCK_MINUTES.contains(m)))
    }

    /// Sets the auto-lock time for everyone who uses this store (administrator only).
    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<(), AppError> {
        let a = Audit::new(Event::SettingsUpdate, Purpose::Administration);
        if !self.may(Action::ChangeSettings) {
            return Err(self.deny(a, "only the administrator changes the store's settings"));
        }
        if !IDLE_LOCK_MINUTES.contains(&minutes) {
            return Err(AppError::invalid(format!(
                "minutes: choose {} to {}",
                IDLE_LOCK_MINUTES.start(),
                IDLE_LOCK_MINUTES.end()
            )));
        }
        self.write_logged(a, |tx, keys| {
            let value = minutes.to_string();
            meta::set(tx, IDLE_LOCK_META, value.as_bytes())?;
            keys.sign_setting(tx, IDLE_LOCK_META, value.as_bytes())
        })
    }
}
