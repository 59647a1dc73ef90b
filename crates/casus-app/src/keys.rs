//! The keys of an unlocked session and the one place that knows which key and which AAD seal each
//! column. Dropping a `Keys` zeroizes every secret in it (the buffers zeroize on drop).
//!
//! Hierarchy: passphrase → user key → KEK (per user and store) → master key (one wrapped copy per
//! user) → subkeys for wrapping; random data keys per case and per store purpose, wrapped under the
//! master key's wrapping subkey.

use casus_crypto::{open, seal, unwrap_key, wrap_key, Aad, SecretKey, SigningKey};
use casus_domain::{CaseId, StoreId, UserId};
use casus_store::{meta, Tx};
use zeroize::Zeroizing;

use crate::error::AppError;

pub(crate) const PURPOSE_META: &str = "meta";
pub(crate) const PURPOSE_LOG: &str = "log";
pub(crate) const PURPOSE_LOOKUP: &str = "lookup";
pub(crate) const SIGNING_KEY_META: &str = "audit_signing_key_ct";

const DEK_WRAP: &str = "casus/dek-wrap/v1";
const MK_TRANSITION: &str = "casus/mk-transition/v1";

/// Where the master key is wrapped for a user.
pub(crate) fn mk_aad<'a>(store: StoreId, user: &UserId, version: u32, row: &'a mut String) -> Aad<'a> {
    *row = format!("{user}/v{version}");
    Aad {
        store,
        table: "users",
        column: "mk_wrapped",
        row: row.as_str(),
        case: None,
    }
}

pub(crate) fn wrap_master(
    kek: &SecretKey,
    store: StoreId,
    user: &UserId,
    version: u32,
    master: &SecretKey,
) -> Result<Vec<u8>, AppError> {
    let mut row = String::new();
    Ok(wrap_key(kek, &mk_aad(store, user, version, &mut row), master)?)
}

/// The account-lookup value: HMAC-SHA256 keyed with the store id over the lower-case name. It lets
/// the store find an account before unlock without keeping the name in the clear.
pub(crate) fn name_lookup(store: StoreId, lookup_form: &str) -> Vec<u8> {
    casus_crypto::hmac_sha256(store.as_bytes(), lookup_form.as_bytes()).to_vec()
}

/// The keys of an unlocked store.
pub(crate) struct Keys {
    pub store: StoreId,
    pub master: SecretKey,
    pub mk_version: u32,
    pub meta: SecretKey,
    pub log: SecretKey,
    pub lookup: SecretKey,
    pub signing: SigningKey,
}

impl Keys {
    /// Fresh keys for a new store.
    pub fn generate(store: StoreId) -> Result<Keys, AppError> {
        Ok(Keys {
            store,
            master: SecretKey::random()?,
            mk_version: 1,
            meta: SecretKey::random()?,
            log: SecretKey::random()?,
            lookup: SecretKey::random()?,
            signing: SigningKey::generate()?,
        })
    }

    /// Writes the store-wide keys, wrapped under the master key, and the sealed signing key.
    pub fn save_store_keys(&self, tx: &Tx) -> Result<(), AppError> {
        let wrap = self.master.subkey(DEK_WRAP);
        for (purpose, key) in [
            (PURPOSE_META, &self.meta),
            (PURPOSE_LOG, &self.log),
            (PURPOSE_LOOKUP, &self.lookup),
        ] {
            let row = format!("v{}", self.mk_version);
            let aad = Aad {
                store: self.store,
                table: "store_keys",
                column: purpose,
                row: &row,
                case: None,
            };
            meta::put_key(tx, purpose, &wrap_key(&wrap, &aad, key)?, self.mk_version)?;
        }
        let sealed = seal(&self.meta, &signing_aad(self.store), self.signing.pkcs8())?;
        meta::set(tx, SIGNING_KEY_META, &sealed)?;
        Ok(())
    }

    /// Loads the store-wide keys once the master key is known.
    pub fn load(tx: &Tx, store: StoreId, master: SecretKey, mk_version: u32) -> Result<Keys, AppError> {
        let wrap = master.subkey(DEK_WRAP);
        let mut found: [Option<SecretKey>; 3] = [None, None, None];
        for k in meta::keys(tx)? {
            let slot = match k.purpose.as_str() {
                PURPOSE_META => 0,
                PURPOSE_LOG => 1,
                PURPOSE_LOOKUP => 2,
                _ => continue,
            };
            let row = format!("v{}", k.mk_version);
            let aad = Aad {
                store,
                table: "store_keys",
                column: &k.purpose,
                row: &row,
                case: None,
            };
            found[slot] = Some(unwrap_key(&wrap, &aad, &k.wrapped)?);
        }
        let [Some(meta_key), Some(log), Some(lookup)] = found else {
            return Err(AppError::integrity("the store's keys are incomplete"));
        };
        let sealed = meta::require(tx, SIGNING_KEY_META)?;
        let pkcs8 = open(&meta_key, &signing_aad(store), &sealed)?;
        let signing = SigningKey::from_pkcs8(&pkcs8)?;
        Ok(Keys {
            store,
            master,
            mk_version,
            meta: meta_key,
            log,
            lookup,
            signing,
        })
    }

    /// Wraps a case's data key under the master key, bound to the case.
    pub fn wrap_case_key(&self, case: CaseId, key: &SecretKey) -> Result<Vec<u8>, AppError> {
        let row = format!("{case}/v{}", self.mk_version);
        let aad = Aad {
            store: self.store,
            table: "cases",
            column: "key_wrapped",
            row: &row,
            case: Some(case),
        };
        Ok(wrap_key(&self.master.subkey(DEK_WRAP), &aad, key)?)
    }

    pub fn unwrap_case_key(
        &self,
        case: CaseId,
        wrapped: &[u8],
        mk_version: u32,
    ) -> Result<SecretKey, AppError> {
        if mk_version != self.mk_version {
            return Err(AppError::integrity(
                "a case key is wrapped under an old master key",
            ));
        }
        let row = format!("{case}/v{mk_version}");
        let aad = Aad {
            store: self.store,
            table: "cases",
            column: "key_wrapped",
            row: &row,
            case: Some(case),
        };
        Ok(unwrap_key(&self.master.subkey(DEK_WRAP), &aad, wrapped)?)
    }

    /// Seals a case column under the case's data key.
    pub fn seal_case(
        &self,
        case_key: &SecretKey,
        case: CaseId,
        column: &str,
        plain: &[u8],
    ) -> Result<Vec<u8>, AppError> {
        self.seal_case_row(case_key, case, "cases", column, &case.to_string(), plain)
    }

    pub fn open_case(
        &self,
        case_key: &SecretKey,
        case: CaseId,
        column: &str,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        self.open_case_row(case_key, case, "cases", column, &case.to_string(), sealed)
    }

    /// Seals a column of another case-owned table (items, transitions, weighings, overrides) under
    /// the case's key, bound to that table, column and row.
    pub fn seal_case_row(
        &self,
        case_key: &SecretKey,
        case: CaseId,
        table: &str,
        column: &str,
        row: &str,
        plain: &[u8],
    ) -> Result<Vec<u8>, AppError> {
        let aad = Aad {
            store: self.store,
            table,
            column,
            row,
            case: Some(case),
        };
        Ok(seal(case_key, &aad, plain)?)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn open_case_row(
        &self,
        case_key: &SecretKey,
        case: CaseId,
        table: &str,
        column: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let aad = Aad {
            store: self.store,
            table,
            column,
            row,
            case: Some(case),
        };
        Ok(open(case_key, &aad, sealed)?)
    }

    /// Seals store-wide text that is not about one case (meeting details, attendee names) under the
    /// meta key, bound to table, column and row.
    pub fn seal_meta_row(
        &self,
        table: &str,
        column: &str,
        row: &str,
        plain: &[u8],
    ) -> Result<Vec<u8>, AppError> {
        let aad = Aad {
            store: self.store,
            table,
            column,
            row,
            case: None,
        };
        Ok(seal(&self.meta, &aad, plain)?)
    }

    pub fn open_meta_row(
        &self,
        table: &str,
        column: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let aad = Aad {
            store: self.store,
            table,
            column,
            row,
            case: None,
        };
        Ok(open(&self.meta, &aad, sealed)?)
    }

    /// Seals an account name under the meta key.
    pub fn seal_user_name(&self, user: &UserId, name: &str) -> Result<Vec<u8>, AppError> {
        let row = user.to_string();
        let aad = Aad {
            store: self.store,
            table: "users",
            column: "name_ct",
            row: &row,
            case: None,
        };
        Ok(seal(&self.meta, &aad, name.as_bytes())?)
    }

    pub fn open_user_name(&self, user: &UserId, sealed: &[u8]) -> Result<String, AppError> {
        let row = user.to_string();
        let aad = Aad {
            store: self.store,
            table: "users",
            column: "name_ct",
            row: &row,
            case: None,
        };
        let plain = open(&self.meta, &aad, sealed)?;
        String::from_utf8(plain.to_vec()).map_err(|_| AppError::integrity("an account name is not text"))
    }

    /// Seals audit details (for example a search query) under the log key, bound to the case.
    pub fn seal_details(&self, case: Option<CaseId>, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let aad = Aad {
            store: self.store,
            table: "audit_log",
            column: "details_ct",
            row: "",
            case,
        };
        Ok(seal(&self.log, &aad, plain)?)
    }

    pub fn open_details(&self, case: Option<CaseId>, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let aad = Aad {
            store: self.store,
            table: "audit_log",
            column: "details_ct",
            row: "",
            case,
        };
        Ok(open(&self.log, &aad, sealed)?)
    }

    /// The blind index of a BSN: equal BSNs give equal values, and nothing else can be learnt
    /// without the lookup key.
    pub fn bsn_lookup(&self, bsn: &str) -> Vec<u8> {
        let mut message = b"bsn/v1/".to_vec();
        message.extend_from_slice(bsn.as_bytes());
        self.lookup.hmac(&message).to_vec()
    }

    /// Wraps the next master key under this one, for users who have not unlocked since a rotation.
    pub fn wrap_transition(&self, next: &SecretKey) -> Result<Vec<u8>, AppError> {
        let row = format!("v{}", self.mk_version);
        let aad = Aad {
            store: self.store,
            table: "mk_transitions",
            column: "next_wrapped",
            row: &row,
            case: None,
        };
        Ok(wrap_key(&self.master.subkey(MK_TRANSITION), &aad, next)?)
    }
}

/// Follows one transition from `master` (version `from`) to the next master key.
pub(crate) fn open_transition(
    store: StoreId,
    master: &SecretKey,
    from: u32,
    wrapped: &[u8],
) -> Result<SecretKey, AppError> {
    let row = format!("v{from}");
    let aad = Aad {
        store,
        table: "mk_transitions",
        column: "next_wrapped",
        row: &row,
        case: None,
    };
    Ok(unwrap_key(&master.subkey(MK_TRANSITION), &aad, wrapped)?)
}

fn signing_aad(store: StoreId) -> Aad<'static> {
    Aad {
        store,
        table: "store_meta",
        column: "audit_signing_key",
        row: "",
        case: None,
    }
}
