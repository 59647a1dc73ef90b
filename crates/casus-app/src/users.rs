//! User commands: add, list, change passphrase, remove (which rotates the master key).

use casus_domain::audit::{Event, Purpose};
use casus_domain::user::{check_new_passphrase, AccountName, Organisation, Role};
use casus_domain::UserId;
use casus_store::users;
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::ids::new_id;
use crate::keys::name_lookup;
use crate::policy::Action;
use crate::session::{insert_user, rotate_master, wrap_for_passphrase, Actor, Audit, Session};

/// A user as listed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct UserSummary {
    pub id: String,
    pub name: String,
    pub role: String,
    pub org: String,
    pub created: String,
    pub failed_attempts: u32,
    /// True while this user has not unlocked since the last key rotation.
    pub rotation_pending: bool,
}

/// A new account.
pub struct NewUser<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub org: &'a str,
    pub passphrase: &'a str,
}

impl Session {
    /// Adds an account (admins only). Returns its id.
    pub fn add_user(&mut self, new: NewUser) -> Result<String, AppError> {
        let id = new_id(UserId::from_bytes)?;
        let a = Audit::new(Event::UserCreate, Purpose::Administration).target(id);
        if !self.may(Action::ManageUsers) {
            return Err(self.deny(a, "only an administrator may add users"));
        }
        let name = AccountName::parse(new.name)?;
        let role = Role::parse(new.role)
            .ok_or_else(|| AppError::invalid(format!("role: unknown role; use one of {}", Role::codes())))?;
        let org = Organisation::parse(new.org).ok_or_else(|| {
            AppError::invalid(format!(
                "org: unknown organisation; use one of {}",
                Organisation::codes()
            ))
        })?;
        check_new_passphrase(new.passphrase)?;
        let actor = Actor {
            id,
            name: name.as_str().to_string(),
            role,
            org,
        };
        let now = self.now();
        self.write_logged(a, |tx, keys| {
            insert_user(tx, keys, &actor, &name, new.passphrase, &now)
        })?;
        Ok(id.to_string())
    }

    /// Lists accounts (admins and the privacy officer).
    pub fn list_users(&mut self) -> Result<Vec<UserSummary>, AppError> {
        let a = Audit::new(Event::UserList, Purpose::Administration);
        if !self.may(Action::ListUsers) {
            return Err(self.deny(a, "only an administrator or the privacy officer may list users"));
        }
        let rows = self.write_logged(a, |tx, _| Ok(users::all(tx)?))?;
        rows.iter()
            .map(|r| {
                let id = UserId::parse(&r.id).map_err(|_| AppError::integrity("a user id is malformed"))?;
                Ok(UserSummary {
                    id: r.id.clone(),
                    name: self.keys.open_user_name(&id, &r.name_ct)?,
                    role: r.role.clone(),
                    org: r.org.clone(),
                    created: r.created_at.clone(),
                    failed_attempts: r.failed_attempts,
                    rotation_pending: r.mk_version < self.keys.mk_version,
                })
            })
            .collect()
    }

    /// Changes the signed-in user's own passphrase: only their wrapped copy of the master key is
    /// re-wrapped; no data is re-encrypted.
    pub fn change_passphrase(&mut self, new_passphrase: &str) -> Result<(), AppError> {
        check_new_passphrase(new_passphrase)?;
        let me = self.me.id;
        let a = Audit::new(Event::UserPasswd, Purpose::Authentication).target(me);
        self.write_logged(a, |tx, keys| {
            let (salt, iterations, wrapped) = wrap_for_passphrase(keys, &me, new_passphrase)?;
            users::set_master(tx, me, &salt, iterations, &wrapped, keys.mk_version)?;
            casus_store::meta::prune_transitions(tx)?;
            Ok(())
        })
    }

    /// Removes an account (admins only) and rotates the master key, since the removed user may have
    /// held it. The last administrator and oneself cannot be removed.
    pub fn remove_user(&mut self, name: &str) -> Result<(), AppError> {
        let name = AccountName::parse(name)?;
        let lookup = name_lookup(self.keys.store, &name.lookup_form());
        let target = self
            .store
            .read(|tx| -> Result<_, AppError> { Ok(users::by_lookup(tx, &lookup)?) })?;
        let target_id = target.as_ref().and_then(|r| UserId::parse(&r.id).ok());
        let mut a = Audit::new(Event::UserRemove, Purpose::Administration);
        if let Some(id) = target_id {
            a = a.target(id);
        }
        if !self.may(Action::ManageUsers) {
            return Err(self.deny(a, "only an administrator may remove users"));
        }
        let (Some(row), Some(target_id)) = (target, target_id) else {
            return Err(AppError::not_found("user"));
        };
        if target_id == self.me.id {
            return Err(AppError::invalid("name: you cannot remove your own account"));
        }
        let Session {
            store,
            keys,
            me,
            clock,
            device,
            ..
        } = self;
        let remove = crate::session::record_for(me, device, clock.now(), a, None);
        let rotate = crate::session::record_for(
            me,
            device,
            clock.now(),
            Audit::new(Event::KeyRotate, Purpose::Administration),
            None,
        );
        store.write(|tx| -> Result<(), AppError> {
            let admin = crate::policy::ADMINISTRATOR.code();
            if row.role == admin && users::count_with_role(tx, admin)? <= 1 {
                return Err(AppError::invalid(
                    "name: the last administrator cannot be removed",
                ));
            }
            users::delete(tx, target_id)?;
            casus_store::audit::append(tx, &keys.store, &remove)?;
            rotate_master(tx, keys)?;
            // Users' names are sealed under the meta key, which rotation keeps: nothing else to redo.
            casus_store::audit::append(tx, &keys.store, &rotate)?;
            Ok(())
        })
    }
}
