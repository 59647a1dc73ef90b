//! Sessions: creating a store, unlocking it as one user, and the wrappers through which every
//! command touches the store — so that each change and each read of case content is audited in the
//! same transaction, and each refusal is audited too.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use casus_crypto::{derive_user_key, kek_for_user, random_bytes, SecretKey};
use casus_domain::audit::{AuditRecord, Checks, Event, Outcome, Purpose};
use casus_domain::user::{check_new_passphrase, AccountName, Organisation, Role};
use casus_domain::{CaseId, StoreId, UserId};
use casus_store::{audit, keyring, meta, pga, users, Store, Tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{Clock, SystemClock};
use crate::error::{AppError, ErrorCode};
use crate::ids::new_id;
use crate::index::Index;
use crate::keys::{self, name_lookup, open_transition, AccountKeys, Keys};
use crate::policy::{self, Action, Grant, KeyGroup};

/// Failed unlocks allowed before the backoff starts.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait the backoff imposes.
pub const MAX_BACKOFF_SECS: u64 = 300;
/// A signed head is written at least every this many entries.
pub const HEAD_EVERY: u64 = 1_000;

/// How long deriving a new user key should take on this machine; never below the 600,000-iteration
/// floor. `CASUS_KDF_TARGET_MS` overrides it (0 means: the floor).
fn kdf_iterations() -> u32 {
    let target_ms = std::env::var("CASUS_KDF_TARGET_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(500);
    casus_crypto::calibrate_iterations(Duration::from_millis(target_ms))
}

/// The wait after `failures` consecutive failed unlocks: none for the first three, then 5 s,
/// doubling, up to five minutes.
pub fn backoff_secs(failures: u32) -> u64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let steps = (failures - FREE_ATTEMPTS).min(16);
    (5u64 << steps).min(MAX_BACKOFF_SECS)
}

/// The signed-in user, as the UI and CLI see them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct UserView {
    pub id: String,
    pub name: String,
    pub role: String,
    pub org: String,
    /// What this user may do, from the policy table: the window shows only these (the core
    /// refuses the rest anyway).
    pub actions: Vec<crate::policy::Action>,
    /// The actions of `actions` this user may take only for their own organisation.
    pub own_organisation_only: Vec<crate::policy::Action>,
}

/// Who acts: the fields every audit entry carries.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    pub id: UserId,
    pub name: String,
    pub role: Role,
    pub org: Organisation,
}

/// What an audited operation is about.
#[derive(Debug, Clone)]
pub(crate) struct Audit {
    pub event: Event,
    pub case: Option<CaseId>,
    pub target_user: Option<UserId>,
    pub checks: Checks,
    pub purpose: Purpose,
    /// Details to seal into the entry (for example a search query).
    pub details: Option<Vec<u8>>,
}

impl Audit {
    pub fn new(event: Event, purpose: Purpose) -> Self {
        Audit {
            event,
            case: None,
            target_user: None,
            checks: Checks {
                authorised: Some(true),
                ..Checks::default()
            },
            purpose,
            details: None,
        }
    }

    pub fn case(mut self, case: CaseId) -> Self {
        self.case = Some(case);
        self
    }

    pub fn target(mut self, user: UserId) -> Self {
        self.target_user = Some(user);
        self
    }

    pub fn details(mut self, details: Vec<u8>) -> Self {
        self.details = Some(details);
        self
    }
}

/// A pseudonymous id for this workstation: a hash of the host name, never the name itself.
pub(crate) fn device_id() -> String {
    if let Ok(id) = std::env::var("CASUS_DEVICE") {
        let id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        if !id.is_empty() {
            return id;
        }
    }
    let host = std::fs::read_to_string("/etc/hostname")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .unwrap_or_default();
    let digest = casus_crypto::sha256_parts(&[b"casus-device/v1", host.trim().as_bytes()]);
    format!("dev-{}", casus_crypto::to_hex(&digest[..6]))
}

fn store_id(tx: &Tx) -> Result<StoreId, AppError> {
    let bytes = meta::require(tx, meta::STORE_ID)?;
    let arr: [u8; 16] = bytes
        .try_into()
        .map_err(|_| AppError::integrity("the store id is malformed"))?;
    Ok(StoreId::from_bytes(arr))
}

/// An unlocked store, for one user. Dropping it signs a head over what it logged and forgets the
/// keys.
pub struct Session {
    pub(crate) store: Store,
    pub(crate) keys: Keys,
    pub(crate) me: Actor,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) device: String,
    pub(crate) index: Option<Index>,
    pub(crate) covenant: crate::active_covenant::Active,
    /// A failure to inject inside a command (tests only: `inject_failure`).
    pub(crate) fail_at: Option<&'static str>,
    view: UserView,
    closed: bool,
    /// Where the witness of each signed head goes (`None`: nowhere); the doors set it.
    pub(crate) witness_dir: Option<std::path::PathBuf>,
    /// Per meeting, the agenda item the chair has on screen (`meeting_select`); the projector
    /// follows it. Held only while unlocked: a lock closes the projector anyway.
    pub(crate) current_items: std::collections::HashMap<casus_domain::MeetingId, casus_domain::AgendaItemId>,
}

/// The first account of a new store.
pub struct NewStore<'a> {
    pub admin_name: &'a str,
    pub org: &'a str,
    pub passphrase: &'a str,
}

impl Session {
    /// Creates a store at `path` with its first user, an administrator, and returns a session for
    /// them. Nothing is left behind if any step fails.
    pub fn init(path: &Path, new: NewStore, clock: Arc<dyn Clock>) -> Result<Session, AppError> {
        let name = AccountName::parse(new.admin_name)?;
        let org = Organisation::parse(new.org).ok_or_else(|| {
            AppError::invalid(format!(
                "org: unknown organisation; use one of {}",
                Organisation::codes()
            ))
        })?;
        check_new_passphrase(new.passphrase)?;
        if path.exists() {
            return Err(AppError::invalid(
                "a file already exists at --store; init never overwrites",
            ));
        }
        let result = Self::init_inner(path, &name, org, new.passphrase, clock);
        // Only what this call created is removed: the check above returned before touching an
        // existing file. (Regression: an early version deleted an existing store here.)
        if result.is_err() && path.exists() {
            // A half-made store is worth nothing: remove it so `init` can simply be run again.
            let _ = std::fs::remove_file(path);
            for suffix in ["-wal", "-shm"] {
                let mut p = path.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(std::path::PathBuf::from(p));
            }
        }
        result
    }

    fn init_inner(
        path: &Path,
        name: &AccountName,
        org: Organisation,
        passphrase: &str,
        clock: Arc<dyn Clock>,
    ) -> Result<Session, AppError> {
        let mut store = Store::create(path).map_err(|e| match e {
            casus_store::StoreError::Exists => {
                AppError::invalid("a file already exists at --store; init never overwrites")
            }
            other => other.into(),
        })?;
        let store_id = new_id(StoreId::from_bytes)?;
        let admin = Actor {
            id: new_id(UserId::from_bytes)?,
            name: name.as_str().to_string(),
            role: crate::policy::ADMINISTRATOR,
            org,
        };
        let device = device_id();
        let now = clock.now();
        let keys = store.write(|tx| -> Result<Keys, AppError> {
            meta::set(tx, meta::STORE_ID, store_id.as_bytes())?;
            meta::set(
                tx,
                meta::CREATED_AT,
                casus_domain::audit::format_time(&now).as_bytes(),
            )?;
            let at = casus_domain::audit::format_time(&now);
            let (own_secret, public, sign_public) = Keys::new_account_secret()?;
            insert_user_row(
                tx,
                store_id,
                &admin,
                name,
                passphrase,
                &now,
                &own_secret,
                (&public, &sign_public),
            )?;
            let account = AccountKeys {
                id: admin.id.to_string(),
                role: admin.role,
                org: admin.org,
                public,
                sign_public,
            };
            let keys = Keys::create_store(tx, store_id, account, own_secret, &at)?;
            keys.certify(tx, &keys.account)?;
            users::set_name_ct(tx, admin.id, &keys.seal_user_name(&admin.id, name.as_str())?)?;
            meta::set(tx, meta::AUDIT_PUBLIC_KEY, &keys.signing.public_key())?;
            let record = record_for(
                &admin,
                &device,
                now,
                Audit::new(Event::StoreInit, Purpose::Administration),
                None,
            );
            audit::append(tx, &store_id, &record)?;
            let record = record_for(
                &admin,
                &device,
                now,
                Audit::new(Event::UserCreate, Purpose::Administration).target(admin.id),
                None,
            );
            audit::append(tx, &store_id, &record)?;
            if crate::active_covenant::install_model_if_missing(tx, &admin.id, &at)? {
                let a = Audit::new(Event::CovenantImport, Purpose::Administration);
                audit::append(tx, &store_id, &record_for(&admin, &device, now, a, None))?;
            }
            Ok(keys)
        })?;
        let covenant = store.read(crate::active_covenant::load_active)?;
        let view = view_of(&admin);
        Ok(Session {
            store,
            keys,
            me: admin,
            clock,
            device,
            index: None,
            covenant,
            fail_at: None,
            view,
            closed: false,
            witness_dir: None,
            current_items: std::collections::HashMap::new(),
        })
    }

    /// Unlocks the store at `path` as `user`, with the system clock.
    pub fn unlock(path: &Path, user: &str, passphrase: &str) -> Result<Session, AppError> {
        Self::unlock_with(path, user, passphrase, Arc::new(SystemClock))
    }

    /// Unlocks the store at `path` as `user`. A wrong passphrase, an unknown account and a refusal
    /// during the backoff are each logged (before any key is known) and answered alike, so the
    /// answer does not tell whether an account exists.
    pub fn unlock_with(
        path: &Path,
        user: &str,
        passphrase: &str,
        clock: Arc<dyn Clock>,
    ) -> Result<Session, AppError> {
        let mut store = Store::open(path)?;
        let device = device_id();
        let name = AccountName::parse(user).map_err(|_| AppError::wrong_passphrase())?;
        if passphrase.chars().count() > casus_domain::limits::PASSPHRASE_MAX_CHARS {
            return Err(AppError::wrong_passphrase());
        }
        let now = clock.now();
        let (store_id, row) = store.read(|tx| -> Result<_, AppError> {
            let id = store_id(tx)?;
            Ok((id, users::by_lookup(tx, &name_lookup(id, &name.lookup_form()))?))
        })?;
        let Some(row) = row else {
            // Spend the same time as a real attempt (the store's own iteration count, and one
            // unwrap), then log an attempt on no known account.
            let iterations = store.read(|tx| -> Result<u32, AppError> { Ok(users::max_iterations(tx)?) })?;
            Keys::spend_like_an_unlock(store_id, passphrase, iterations);
            store.write(|tx| -> Result<(), AppError> {
                let mut a = Audit::new(Event::LoginFailed, Purpose::Authentication);
                a.checks.authorised = Some(false);
                audit::append(
                    tx,
                    &store_id,
                    &anonymous_record(&device, now, a, Outcome::Failure),
                )?;
                Ok(())
            })?;
            return Err(AppError::wrong_passphrase());
        };
        let user_id = UserId::parse(&row.id).map_err(|_| AppError::integrity("a user id is malformed"))?;
        let role = Role::parse(&row.role).ok_or_else(|| AppError::integrity("a user has an unknown role"))?;
        let org = Organisation::parse(&row.org)
            .ok_or_else(|| AppError::integrity("a user has an unknown organisation"))?;
        let actor = Actor {
            id: user_id,
            name: name.as_str().to_string(),
            role,
            org,
        };

        // The backoff: after three failures, wait before the next attempt is even tried.
        let wait = backoff_secs(row.failed_attempts);
        if wait > 0 {
            let last = row
                .last_failure_at
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc));
            // A clock that jumped backwards counts as "no time passed", never as a negative wait.
            let elapsed = last.map_or(i64::MAX, |l| (now - l).num_seconds().max(0));
            let elapsed = if last.is_some_and(|l| l > now) { 0 } else { elapsed };
            if (elapsed as u64) < wait {
                let remaining = wait - elapsed as u64;
                store.write(|tx| -> Result<(), AppError> {
                    let mut a = Audit::new(Event::LoginFailed, Purpose::Authentication).target(user_id);
                    a.checks.authorised = Some(false);
                    audit::append(
                        tx,
                        &store_id,
                        &record_for(&actor, &device, now, a, None).with_outcome(Outcome::Denied),
                    )?;
                    Ok(())
                })?;
                let mut err = AppError::new(
                    ErrorCode::Backoff,
                    format!("too many failed attempts; try again in {remaining} seconds"),
                );
                err.retry_after_secs = Some(remaining);
                return Err(err);
            }
        }

        let salt: [u8; 32] = row
            .kdf_salt
            .as_slice()
            .try_into()
            .map_err(|_| AppError::integrity("a user's salt is malformed"))?;
        let user_key = derive_user_key(passphrase, &salt, row.kdf_iterations);
        let kek = kek_for_user(&user_key, &store_id, &user_id);
        let bundle = store.read(|tx| -> Result<_, AppError> {
            Ok((keyring::bundle(tx, user_id)?, keyring::has_groups(tx)?))
        })?;
        let (bundle, upgraded) = bundle;
        // The account's own secret: under its KEK, or (right after the upgrade to the key model)
        // under the old master key, or, in a store not yet upgraded, the old master key itself.
        enum Opened {
            Own(SecretKey),
            Pending(SecretKey),
            Legacy(SecretKey),
        }
        let opened = match (&bundle.bundle_ct, &bundle.pending_ct, upgraded) {
            (Some(ct), _, _) => Keys::open_bundle(store_id, &kek, &row.id, ct).map(Opened::Own),
            (None, Some(_), true) | (None, _, false) => {
                keys::unwrap_master(&kek, store_id, &user_id, row.mk_version, &row.mk_wrapped).map(|m| {
                    if upgraded {
                        Opened::Pending(m)
                    } else {
                        Opened::Legacy(m)
                    }
                })
            }
            (None, None, true) => {
                // Withdrawn keys (a removal during the upgrade window). Spend the same time.
                return Err(AppError::integrity(
                    "this account holds no keys any more; the administrator must create it again",
                ));
            }
        };
        let opened = match opened {
            Ok(o) => o,
            Err(_) => {
                let at = casus_domain::audit::format_time(&now);
                store.write(|tx| -> Result<(), AppError> {
                    users::record_failure(tx, user_id, &at)?;
                    let mut a = Audit::new(Event::LoginFailed, Purpose::Authentication).target(user_id);
                    a.checks.authorised = Some(false);
                    audit::append(
                        tx,
                        &store_id,
                        &record_for(&actor, &device, now, a, None).with_outcome(Outcome::Failure),
                    )?;
                    Ok(())
                })?;
                return Err(AppError::wrong_passphrase());
            }
        };

        let account_row = keys::account_row(&row.id, &row.role, &row.org);
        let mut codes_sealed = 0;
        let (keys, covenant) = store.write(|tx| -> Result<_, AppError> {
            let at = casus_domain::audit::format_time(&now);
            let catch_up = |tx: &Tx, master: SecretKey| -> Result<SecretKey, AppError> {
                let current = current_mk_version(tx)?;
                let mut master = master;
                let mut version = row.mk_version;
                // Catch up with rotations made since this user last unlocked.
                while version < current {
                    let wrapped = meta::transition(tx, version)?
                        .ok_or_else(|| AppError::integrity("a master key transition is missing"))?;
                    master = open_transition(store_id, &master, version, &wrapped)?;
                    version += 1;
                }
                Ok(master)
            };
            // The account as its row and its stored public keys describe it.
            let account = || -> Result<AccountKeys, AppError> {
                let key = |k: &Option<Vec<u8>>| {
                    k.as_deref()
                        .and_then(|p| <[u8; 32]>::try_from(p).ok())
                        .ok_or_else(|| AppError::integrity(keys::ACCOUNT_EDITED))
                };
                Ok(AccountKeys {
                    id: row.id.clone(),
                    role,
                    org,
                    public: key(&bundle.box_public)?,
                    sign_public: key(&bundle.sign_public)?,
                })
            };
            let mut upgrade_entry = false;
            // Stores made before the covenant engine get the model covenant as their first version.
            let covenant_installed = crate::active_covenant::install_model_if_missing(tx, &actor.id, &at)?;
            let active = crate::active_covenant::load_active(tx)?;
            let mut keys = match opened {
                Opened::Own(secret) => Keys::load(tx, store_id, account()?, secret)?,
                Opened::Pending(master) => {
                    let master = catch_up(tx, master)?;
                    let pending = bundle.pending_ct.as_deref().unwrap_or_default();
                    let secret = keys::open_pending(store_id, &master, &account_row, pending)?;
                    keyring::seal_account(
                        tx,
                        user_id,
                        &Keys::seal_bundle(store_id, &kek, &row.id, &secret)?,
                    )?;
                    Keys::load(tx, store_id, account()?, secret)?
                }
                Opened::Legacy(master) => {
                    let master = catch_up(tx, master)?;
                    let legacy = keys::Legacy::load(tx, store_id, master)?;
                    let (keys, secret) =
                        Keys::upgrade(tx, store_id, &legacy, &active.covenant, (&row.id, role, org), &at)?;
                    keyring::seal_account(
                        tx,
                        user_id,
                        &Keys::seal_bundle(store_id, &kek, &row.id, &secret)?,
                    )?;
                    upgrade_entry = true;
                    keys
                }
            };
            if keyring::pending_accounts(tx)? == 0 {
                meta::prune_all_transitions(tx)?;
            }
            keys.ensure_own_groups(tx, &at)?;
            // Codes written before schema 7 are sealed by the first unlock after the upgrade.
            codes_sealed = keys.seal_plain_codes(tx)?;
            // Case numbers given by the schema 11 upgrade are bound into the sealed codes.
            keys.bind_case_numbers(tx)?;
            keys.convert_case_wraps(tx)?;
            let mut granted = keys.reconcile_grants(tx)? + keys.reconcile_case_keys(tx)?;
            // Item keys follow the covenant only when the active version is verified (the model
            // covenant, or signed by a certified account that may import one).
            if keys.covenant_verified(tx, crate::covenant_file::MODEL_COVENANT)? {
                // Shares of before schema 6 move to keys of their own first, so the requests
                // below also settle what they leave for organisations without a group yet.
                granted += keys.own_shares(tx, &active.covenant)?;
                granted += keys.own_decisions(tx, &active.covenant)?;
                granted += keys.process_key_requests(tx, &active.covenant)?;
            }
            users::reset_failures(tx, user_id)?;
            if upgrade_entry {
                let a = Audit::new(Event::KeyUpgrade, Purpose::Administration);
                audit::append(tx, &store_id, &record_for(&actor, &device, now, a, None))?;
            }
            audit::append(
                tx,
                &store_id,
                &record_for(
                    &actor,
                    &device,
                    now,
                    Audit::new(Event::Login, Purpose::Authentication),
                    None,
                ),
            )?;
            if granted > 0 {
                let a = Audit::new(Event::KeyGrant, Purpose::Administration);
                audit::append(tx, &store_id, &record_for(&actor, &device, now, a, None))?;
            }
            if covenant_installed {
                let a = Audit::new(Event::CovenantImport, Purpose::Administration);
                audit::append(tx, &store_id, &record_for(&actor, &device, now, a, None))?;
            }
            Ok((keys, active))
        })?;
        if codes_sealed > 0 {
            // The plain codes' old page images leave the WAL now, not at some later checkpoint.
            store.checkpoint_truncate()?;
        }
        let view = view_of(&actor);
        let mut session = Session {
            store,
            keys,
            me: actor,
            clock,
            device,
            index: None,
            covenant,
            fail_at: None,
            view,
            closed: false,
            witness_dir: None,
            current_items: std::collections::HashMap::new(),
        };
        if crate::policy::is_content_role(session.me.role) {
            session.index = Some(Index::build(&mut session.store, &session.keys)?);
        }
        Ok(session)
    }

    /// Brings one case's index entry up to date after a change (or drops it).
    pub(crate) fn refresh_index_case(&mut self, id: CaseId) -> Result<(), AppError> {
        if self.index.is_none() {
            return Ok(());
        }
        let entry = Index::refresh(&mut self.store, &self.keys, id)?;
        if let Some(index) = self.index.as_mut() {
            match entry {
                Some(e) => index.upsert(e),
                None => index.remove(id),
            }
        }
        Ok(())
    }

    /// Makes the next command that passes the named point fail inside its transaction (tests
    /// of rollback; the only point today is "rotation", inside a removal's key rotation).
    #[doc(hidden)]
    pub fn inject_failure(&mut self, point: &'static str) {
        self.fail_at = Some(point);
    }

    /// Loads the keys again from the file (after a rolled-back change that made keys in memory).
    pub(crate) fn reload_keys(&mut self) -> Result<(), AppError> {
        let fresh = {
            let keys = &self.keys;
            self.store.read(|tx| keys.reload(tx))?
        };
        self.keys = fresh;
        Ok(())
    }

    /// The key groups this session holds, by code, with their epochs (tests, and the threat
    /// model's claims made checkable).
    #[doc(hidden)]
    pub fn held_key_groups(&self) -> Vec<(String, Vec<u32>)> {
        self.keys
            .held_groups()
            .into_iter()
            .map(|(g, e)| (g.code(), e))
            .collect()
    }

    /// The cases whose key this session can open.
    #[doc(hidden)]
    pub fn openable_cases(&mut self) -> Result<Vec<String>, AppError> {
        let keys = &self.keys;
        let map = self.store.read(|tx| keys.all_case_keys(tx))?;
        let mut out: Vec<String> = map.keys().map(|c| c.to_string()).collect();
        out.sort();
        Ok(out)
    }

    /// The signed-in user.
    pub fn me(&self) -> &UserView {
        &self.view
    }

    /// Ends the session: logs the logout, signs a head over everything logged, and drops the keys.
    pub fn lock(mut self) -> Result<(), AppError> {
        self.close()
    }

    fn close(&mut self) -> Result<(), AppError> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        self.index = None;
        let a = Audit::new(Event::Logout, Purpose::Authentication);
        self.write_logged(a, |_, _| Ok(()))?;
        self.sign_head()
    }

    /// Signs a head over the newest entry, if it is not signed yet.
    pub(crate) fn sign_head(&mut self) -> Result<(), AppError> {
        let now = casus_domain::audit::format_time(&self.clock.now());
        let keys = &self.keys;
        let head = self
            .store
            .write(|tx| -> Result<_, AppError> { sign_head_in(tx, keys, &now) })?;
        self.witness(head);
        Ok(())
    }

    /// Records a newly signed (and committed) head in the witness folder; best effort.
    fn witness(&self, head: Option<audit::HeadRow>) {
        if let (Some(head), Some(dir)) = (head, &self.witness_dir) {
            let store_key = self.keys.signing.public_key();
            let w = crate::witness::WitnessHead {
                store: self.keys.store,
                seq: head.seq,
                public_key: head.key(&store_key).to_vec(),
                entry_hash: head.entry_hash,
                signed_at: head.signed_at,
                signer: head.signer,
                signature: head.signature,
            };
            let _ = crate::witness::record(dir, self.store.path(), &w);
        }
    }

    pub(crate) fn record(&self, a: Audit, details_ct: Option<Vec<u8>>) -> AuditRecord {
        record_for(&self.me, &self.device, self.clock.now(), a, details_ct)
    }

    /// Runs `f` in one write transaction and appends the audit entry in that same transaction: both
    /// commit, or neither does.
    pub(crate) fn write_logged<T>(
        &mut self,
        a: Audit,
        f: impl FnOnce(&Tx, &Keys) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let details = match &a.details {
            Some(plain) if a.event == Event::CaseSearch && a.case.is_none() => {
                Some(self.keys.seal_search(plain)?)
            }
            Some(plain) => Some(self.keys.seal_details(a.case, plain)?),
            None => None,
        };
        let record = self.record(a, details);
        let keys = &self.keys;
        let now = casus_domain::audit::format_time(&record.at);
        let mut head = None;
        let value = self.store.write(|tx| -> Result<T, AppError> {
            let value = f(tx, keys)?;
            let seq = audit::append(tx, &keys.store, &record)?;
            if seq % HEAD_EVERY == 0 {
                head = sign_head_in(tx, keys, &now)?;
            }
            Ok(value)
        })?;
        self.witness(head);
        Ok(value)
    }

    /// Logs a refusal in its own transaction and returns the error to give the caller.
    pub(crate) fn deny(&mut self, mut a: Audit, why: &str) -> AppError {
        a.checks.authorised = Some(false);
        let details = a.details.take();
        let record = self.record(a, None).with_outcome(Outcome::Denied);
        let _ = details;
        let keys = &self.keys;
        match self
            .store
            .write(|tx| -> Result<u64, AppError> { Ok(audit::append(tx, &keys.store, &record)?) })
        {
            Ok(_) => AppError::forbidden(why),
            Err(e) => e,
        }
    }

    /// Logs that an operation which was logged as begun did not complete (outcome `failure`), in its
    /// own transaction; best effort, the caller returns the original error.
    pub(crate) fn log_failure(&mut self, a: Audit) {
        let record = self.record(a, None).with_outcome(Outcome::Failure);
        let keys = &self.keys;
        let _ = self
            .store
            .write(|tx| -> Result<u64, AppError> { Ok(audit::append(tx, &keys.store, &record)?) });
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The store's path (for messages and tests).
    pub fn store_path(&self) -> &Path {
        self.store.path()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// Who signs audit heads, and with which key: for now the store-wide key, as signer `store`.
fn signer(keys: &Keys) -> (String, &casus_crypto::SigningKey) {
    // Each account signs with its own key (derived from its own secret, covered by its
    // certificate): a forged head names whose key it claims.
    (keys.account.id.clone(), keys.own_signer())
}

/// Signs a head over the newest entry unless it is signed already; returns the new head.
fn sign_head_in(tx: &Tx, keys: &Keys, now: &str) -> Result<Option<audit::HeadRow>, AppError> {
    let Some((seq, hash)) = audit::tail(tx)? else {
        return Ok(None);
    };
    if audit::last_head_seq(tx)? == Some(seq) {
        return Ok(None);
    }
    let (signer, key) = signer(keys);
    let message = audit::head_message(&keys.store, seq, &hash, now);
    let head = audit::HeadRow {
        seq,
        signature: key.sign(&message).to_vec(),
        entry_hash: hash,
        signed_at: now.to_string(),
        signer,
        public_key: Some(key.public_key().to_vec()),
    };
    audit::insert_head(tx, &head)?;
    Ok(Some(head))
}

pub(crate) fn current_mk_version(tx: &Tx) -> Result<u32, AppError> {
    let bytes = meta::require(tx, meta::MK_VERSION)?;
    let arr: [u8; 4] = bytes
        .try_into()
        .map_err(|_| AppError::integrity("the key version is malformed"))?;
    Ok(u32::from_be_bytes(arr))
}

fn view_of(actor: &Actor) -> UserView {
    UserView {
        id: actor.id.to_string(),
        name: actor.name.clone(),
        role: actor.role.code().to_string(),
        org: actor.org.code().to_string(),
        actions: crate::policy::actions_of(actor.role),
        own_organisation_only: crate::policy::own_organisation_actions_of(actor.role),
    }
}

pub(crate) fn record_for(
    actor: &Actor,
    device: &str,
    at: DateTime<Utc>,
    a: Audit,
    details_ct: Option<Vec<u8>>,
) -> AuditRecord {
    AuditRecord {
        at,
        user: Some(actor.id),
        role: Some(actor.role),
        org: Some(actor.org),
        on_behalf_of: None,
        device: device.to_string(),
        event: a.event,
        case: a.case,
        target_user: a.target_user,
        checks: a.checks,
        outcome: Outcome::Success,
        purpose: a.purpose,
        details: details_ct,
    }
}

fn anonymous_record(device: &str, at: DateTime<Utc>, a: Audit, outcome: Outcome) -> AuditRecord {
    AuditRecord {
        at,
        user: None,
        role: None,
        org: None,
        on_behalf_of: None,
        device: device.to_string(),
        event: a.event,
        case: None,
        target_user: None,
        checks: a.checks,
        outcome,
        purpose: a.purpose,
        details: None,
    }
}

trait WithOutcome {
    fn with_outcome(self, outcome: Outcome) -> Self;
}

impl WithOutcome for AuditRecord {
    fn with_outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
        self
    }
}

/// Inserts a user row: a fresh salt, the calibrated iteration count, the account's own secret
/// sealed under its KEK and its public key; the name is sealed by the caller.
#[allow(clippy::too_many_arguments)]
fn insert_user_row(
    tx: &Tx,
    store: StoreId,
    user: &Actor,
    name: &AccountName,
    passphrase: &str,
    now: &DateTime<Utc>,
    secret: &SecretKey,
    (public, sign_public): (&[u8; 32], &[u8; 32]),
) -> Result<(), AppError> {
    let lookup = name_lookup(store, &name.lookup_form());
    if users::by_lookup(tx, &lookup)?.is_some() {
        return Err(AppError::invalid(
            "name: an account with this name already exists",
        ));
    }
    let (salt, iterations, kek) = new_kek(store, &user.id, passphrase)?;
    users::insert(
        tx,
        &users::UserRow {
            id: user.id.to_string(),
            name_lookup: lookup,
            name_ct: Vec::new(),
            role: user.role.code().to_string(),
            org: user.org.code().to_string(),
            kdf_salt: salt.to_vec(),
            kdf_iterations: iterations,
            mk_wrapped: Vec::new(),
            mk_version: 0,
            failed_attempts: 0,
            last_failure_at: None,
            created_at: casus_domain::audit::format_time(now),
        },
    )?;
    keyring::set_public(tx, user.id, public)?;
    keyring::set_sign_public(tx, &user.id.to_string(), sign_public)?;
    keyring::seal_account(
        tx,
        user.id,
        &Keys::seal_bundle(store, &kek, &user.id.to_string(), secret)?,
    )?;
    Ok(())
}

/// Adds an account: its row, its certificate, and the keys it may hold that this session can
/// pass on. A group nobody holds yet is created for it; a group others hold reaches it at a
/// holder's next unlock. Returns the groups still pending.
pub(crate) fn insert_user(
    tx: &Tx,
    keys: &mut Keys,
    user: &Actor,
    name: &AccountName,
    passphrase: &str,
    now: &DateTime<Utc>,
) -> Result<Vec<KeyGroup>, AppError> {
    let (secret, public, sign_public) = Keys::new_account_secret()?;
    insert_user_row(
        tx,
        keys.store,
        user,
        name,
        passphrase,
        now,
        &secret,
        (&public, &sign_public),
    )?;
    users::set_name_ct(tx, user.id, &keys.seal_user_name(&user.id, name.as_str())?)?;
    let account = AccountKeys {
        id: user.id.to_string(),
        role: user.role,
        org: user.org,
        public,
        sign_public,
    };
    keys.certify(tx, &account)?;
    let at = casus_domain::audit::format_time(now);
    let mut pending = Vec::new();
    for group in crate::policy::key_groups_of(user.role, user.org) {
        if keys.holds(group) {
            continue;
        }
        if keyring::grant_count(tx, &group.code())? == 0 {
            keys.new_epoch(tx, group, Some(&account), &at)?;
        } else {
            pending.push(group);
        }
    }
    // Everything this session holds and the new account may hold.
    keys.reconcile_grants(tx)?;
    Ok(pending)
}

/// A fresh salt, the calibrated iteration count and the KEK they give for `passphrase`.
pub(crate) fn new_kek(
    store: StoreId,
    user: &UserId,
    passphrase: &str,
) -> Result<([u8; 32], u32, SecretKey), AppError> {
    let salt = random_bytes::<32>()?;
    let iterations = kdf_iterations();
    let kek = kek_for_user(&derive_user_key(passphrase, &salt, iterations), &store, user);
    Ok((salt, iterations, kek))
}

/// After an account is removed: a new epoch of every group it held (granted to everyone else
/// who may hold it), a new case-key epoch for every case its organisation takes part in, and the
/// audit signing key sealed under the new metadata epoch. One transaction with the removal.
/// Needs none of the old secrets, so the administrator can do it without holding content keys.
pub(crate) fn rotate_for_removal(
    tx: &Tx,
    keys: &mut Keys,
    held: &[KeyGroup],
    at: &str,
) -> Result<RotationReport, AppError> {
    let mut report = RotationReport {
        withdrawn_pending: keyring::withdraw_pending(tx)?,
        ..RotationReport::default()
    };
    let mut groups: Vec<KeyGroup> = held.to_vec();
    groups.push(KeyGroup::Meta);
    groups.sort();
    groups.dedup();
    // The certifying key first (metadata grants bind it), then everything else.
    groups.sort_by_key(|g| *g != KeyGroup::Accounts);
    for group in &groups {
        keys.new_epoch(tx, *group, None, at)?;
        report.groups += 1;
        if *group == KeyGroup::Accounts {
            for account in keys.certified_accounts(tx)? {
                keys.certify(tx, &account)?;
            }
        }
    }
    for group in &groups {
        if let KeyGroup::Org(org) = group {
            for case in keyring::cases_of_org(tx, org.code())? {
                let case = CaseId::parse(&case).map_err(|_| AppError::integrity("a case id is malformed"))?;
                keys.new_case_epoch(tx, case, None)?;
                report.cases += 1;
            }
        }
    }
    keys.reseal_signing_key(tx)?;
    Ok(report)
}

/// What a rotation did.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RotationReport {
    pub groups: usize,
    pub cases: usize,
    pub withdrawn_pending: usize,
}

/// The policy table and need-to-know, as the unlocked user meets them.
impl Session {
    /// May the unlocked user take `action` at all?
    pub(crate) fn may(&self, action: Action) -> bool {
        policy::may(self.me.role, action)
    }

    /// May the unlocked user take `action` for any organisation?
    pub(crate) fn may_for_any(&self, action: Action) -> bool {
        policy::may_for_any(self.me.role, action)
    }

    /// How far the unlocked user may take `action`.
    pub(crate) fn grant(&self, action: Action) -> Grant {
        policy::grant(self.me.role, action)
    }

    /// Refuses (and logs) unless the user's organisation takes part in the case and the role may
    /// see cases at all.
    pub(crate) fn require_member(&mut self, case: CaseId, a: Audit) -> Result<(), AppError> {
        let member = self.may(Action::ReadCaseContent) && self.is_member(case)?;
        if member {
            return Ok(());
        }
        let mut a = a;
        a.checks.need_to_know = Some(false);
        Err(self.deny(a, "your organisation does not take part in this case"))
    }

    /// As `require_member`, but the privacy officer passes too (metadata commands).
    pub(crate) fn require_member_or_supervisor(&mut self, case: CaseId, a: Audit) -> Result<(), AppError> {
        if self.may(Action::SuperviseCases) {
            let exists = self
                .store
                .read(|tx| -> Result<bool, AppError> { Ok(casus_store::cases::exists(tx, case)?) })?;
            return if exists {
                Ok(())
            } else {
                Err(AppError::not_found("case"))
            };
        }
        self.require_member(case, a)
    }

    pub(crate) fn is_member(&mut self, case: CaseId) -> Result<bool, AppError> {
        let org = self.me.org.code();
        self.store
            .read(|tx| -> Result<bool, AppError> { Ok(pga::members(tx, case)?.iter().any(|m| m == org)) })
    }
}
