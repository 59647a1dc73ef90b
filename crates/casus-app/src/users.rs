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
use crate::session::{insert_user, new_kek, rotate_for_removal, Actor, Audit, Session};

/// A user as listed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct UserSummary {
    pub id: String,
    pub name: String,
    pub role: String,
    pub org: String,
    pub created: String,
    pub failed_attempts: u32,
    /// True while this account waits for keys it may hold (a colleague holding them passes them
    /// on at their next unlock).
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
        let Session {
            store,
            keys,
            me,
            clock,
            device,
            ..
        } = self;
        let record = crate::session::record_for(me, device, clock.now(), a, None);
        store.write(|tx| -> Result<(), AppError> {
            insert_user(tx, keys, &actor, &name, new.passphrase, &now)?;
            casus_store::audit::append(tx, &keys.store, &record)?;
            Ok(())
        })?;
        Ok(id.to_string())
    }

    /// Lists accounts (admins and the privacy officer).
    pub fn list_users(&mut self) -> Result<Vec<UserSummary>, AppError> {
        let a = Audit::new(Event::UserList, Purpose::Administration);
        if !self.may(Action::ListUsers) {
            return Err(self.deny(a, "only an administrator or the privacy officer may list users"));
        }
        let (rows, grants, groups) = self.write_logged(a, |tx, _| {
            Ok((
                users::all(tx)?,
                casus_store::keyring::all_grants(tx)?,
                casus_store::keyring::groups(tx)?,
            ))
        })?;
        // The newest epoch of each group: an account lacking one it may hold waits for a holder.
        let mut newest: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for g in &groups {
            let e = newest.entry(g.grp.clone()).or_insert(g.epoch);
            *e = (*e).max(g.epoch);
        }
        let has: std::collections::HashSet<(String, u32, String)> =
            grants.into_iter().map(|g| (g.grp, g.epoch, g.user_id)).collect();
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
                    rotation_pending: match (Role::parse(&r.role), Organisation::parse(&r.org)) {
                        (Some(role), Some(org)) => crate::policy::key_groups_of(role, org).iter().any(|g| {
                            newest
                                .get(&g.code())
                                .is_none_or(|e| !has.contains(&(g.code(), *e, r.id.clone())))
                        }),
                        _ => true,
                    },
                })
            })
            .collect()
    }

    /// Changes the signed-in user's own passphrase: only their own secret is sealed again under
    /// the new KEK; no data is re-encrypted.
    pub fn change_passphrase(&mut self, new_passphrase: &str) -> Result<(), AppError> {
        check_new_passphrase(new_passphrase)?;
        let me = self.me.id;
        let a = Audit::new(Event::UserPasswd, Purpose::Authentication).target(me);
        self.write_logged(a, |tx, keys| {
            let (salt, iterations, kek) = new_kek(keys.store, &me, new_passphrase)?;
            users::set_master(tx, me, &salt, iterations, &[], 0)?;
            casus_store::keyring::seal_account(tx, me, &keys.seal_own_bundle(&kek)?)?;
            Ok(())
        })
    }

    /// Removes an account (admins only) and rotates every key it could unwrap: a new epoch of each
    /// of its groups and of the case keys of its organisation's cases, in the same transaction.
    /// The last administrator and oneself cannot be removed.
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
            fail_at: _,
            ..
        } = self;
        let remove = crate::session::record_for(me, device, clock.now(), a, None);
        let at = casus_domain::audit::format_time(&clock.now());
        let fail_at = self.fail_at.take();
        let rotate = crate::session::record_for(
            me,
            device,
            clock.now(),
            Audit::new(Event::KeyRotate, Purpose::Administration),
            None,
        );
        let result = store.write(|tx| -> Result<(), AppError> {
            let admin = crate::policy::ADMINISTRATOR.code();
            if row.role == admin && users::count_with_role(tx, admin)? <= 1 {
                return Err(AppError::invalid(
                    "name: the last administrator cannot be removed",
                ));
            }
            let held: Vec<crate::policy::KeyGroup> = casus_store::keyring::grants_of(tx, target_id)?
                .iter()
                .filter_map(|g| crate::policy::KeyGroup::parse(&g.grp))
                .collect();
            users::delete(tx, target_id)?;
            casus_store::audit::append(tx, &keys.store, &remove)?;
            let report = rotate_for_removal(tx, keys, &held, &at)?;
            let summary = format!(
                "key groups renewed: {}; cases re-keyed: {}; accounts whose pending keys were withdrawn: {}",
                report.groups, report.cases, report.withdrawn_pending
            );
            let mut rotate = rotate.clone();
            rotate.details = Some(keys.seal_details(None, summary.as_bytes())?);
            if fail_at == Some("rotation") {
                return Err(AppError::internal("injected failure inside the rotation"));
            }
            casus_store::audit::append(tx, &keys.store, &rotate)?;
            Ok(())
        });
        if let Err(e) = result {
            // The transaction rolled back: the keys in memory must match the file again (the
            // new epochs made in memory exist nowhere on disk).
            self.reload_keys()?;
            return Err(e);
        }
        Ok(())
    }
}
