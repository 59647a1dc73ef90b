//! The keys of an unlocked session and THE column table: the one place that knows which key and
//! which AAD seal each column. Every seal, open, wrap and unwrap in casus-app goes through a
//! [`Column`] here; `tests/tests/tidy.rs` fails when any other file builds an `Aad` or calls the
//! crypto crate's seal/open/wrap functions. Dropping a `Keys` zeroizes every secret in it.
//!
//! Hierarchy: passphrase → user key → KEK (per user and store) → master key (one wrapped copy per
//! user) → subkeys for wrapping; random data keys per case and per store purpose, wrapped under the
//! master key's wrapping subkey.

use casus_crypto::{open, seal, unwrap_key, wrap_key, Aad, SecretKey, SigningKey};
use casus_domain::{CaseId, StoreId, UserId};
use casus_store::{cases, meta, Tx};
use zeroize::Zeroizing;

use crate::error::AppError;

const DEK_WRAP: &str = "casus/dek-wrap/v1";
const MK_TRANSITION: &str = "casus/mk-transition/v1";

/// Which key seals or wraps a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// The user's key-encryption key (PBKDF2 → HKDF).
    UserKek,
    /// The master key's wrapping subkey.
    MasterWrap,
    /// The previous master key's transition subkey.
    MasterTransition,
    /// The case's own data key.
    Case,
    /// The store's meta key.
    Meta,
    /// The store's log key.
    Log,
}

/// What the AAD's `row` field holds for a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowKind {
    /// The case id (columns of the `cases` row).
    Case,
    /// The row's own id (an item, a transition, a meeting …).
    Own,
    /// `<user id>/v<master key version>`.
    UserVersion,
    /// `<case id>/v<master key version>`.
    CaseVersion,
    /// `v<master key version>`.
    Version,
    /// `<case id>/v<plan version>`.
    PlanVersion,
    /// Empty: one value per store or per entry.
    Empty,
}

/// One sealed or wrapped column: where it lives, under which key, how its AAD names the row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ColumnSpec {
    pub table: &'static str,
    pub column: &'static str,
    pub key: KeyKind,
    pub row: RowKind,
    /// Whether the AAD binds the case id.
    pub bound_to_case: bool,
}

/// Every sealed or wrapped column of the store. Closed: a new sealed column is a new variant here
/// and a row in `schema/README.md` (a test compares the two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    UserMasterKey,
    StoreKeyMeta,
    StoreKeyLog,
    StoreKeyLookup,
    SigningKey,
    MasterTransition,
    CaseKey,
    UserName,
    AuditDetails,
    MeetingDetails,
    AttendeeDetails,
    CaseSubject,
    CaseNotes,
    CaseInform,
    ItemContent,
    TransitionDetails,
    WeighingDetails,
    OverrideReason,
    ShareContent,
    DecisionDetails,
    PlanContent,
}

impl Column {
    #[cfg(test)]
    pub const ALL: &'static [Column] = &[
        Column::UserMasterKey,
        Column::StoreKeyMeta,
        Column::StoreKeyLog,
        Column::StoreKeyLookup,
        Column::SigningKey,
        Column::MasterTransition,
        Column::CaseKey,
        Column::UserName,
        Column::AuditDetails,
        Column::MeetingDetails,
        Column::AttendeeDetails,
        Column::CaseSubject,
        Column::CaseNotes,
        Column::CaseInform,
        Column::ItemContent,
        Column::TransitionDetails,
        Column::WeighingDetails,
        Column::OverrideReason,
        Column::ShareContent,
        Column::DecisionDetails,
        Column::PlanContent,
    ];

    /// THE table. The strings are part of every stored AAD: changing one makes existing
    /// ciphertexts unreadable, so they never change.
    pub const fn spec(self) -> ColumnSpec {
        use KeyKind as K;
        use RowKind as R;
        let (table, column, key, row, bound_to_case) = match self {
            Column::UserMasterKey => ("users", "mk_wrapped", K::UserKek, R::UserVersion, false),
            Column::StoreKeyMeta => ("store_keys", "meta", K::MasterWrap, R::Version, false),
            Column::StoreKeyLog => ("store_keys", "log", K::MasterWrap, R::Version, false),
            Column::StoreKeyLookup => ("store_keys", "lookup", K::MasterWrap, R::Version, false),
            Column::SigningKey => ("store_meta", "audit_signing_key", K::Meta, R::Empty, false),
            Column::MasterTransition => (
                "mk_transitions",
                "next_wrapped",
                K::MasterTransition,
                R::Version,
                false,
            ),
            Column::CaseKey => ("cases", "key_wrapped", K::MasterWrap, R::CaseVersion, true),
            Column::UserName => ("users", "name_ct", K::Meta, R::Own, false),
            Column::AuditDetails => ("audit_log", "details_ct", K::Log, R::Empty, true),
            Column::MeetingDetails => ("meetings", "details_ct", K::Meta, R::Own, false),
            Column::AttendeeDetails => ("attendees", "details_ct", K::Meta, R::Own, false),
            Column::CaseSubject => ("cases", "subject_ct", K::Case, R::Case, true),
            Column::CaseNotes => ("cases", "notes_ct", K::Case, R::Case, true),
            Column::CaseInform => ("cases", "inform_ct", K::Case, R::Case, true),
            Column::ItemContent => ("items", "content_ct", K::Case, R::Own, true),
            Column::TransitionDetails => ("transitions", "details_ct", K::Case, R::Own, true),
            Column::WeighingDetails => ("weighings", "details_ct", K::Case, R::Own, true),
            Column::OverrideReason => ("overrides", "reason_ct", K::Case, R::Own, true),
            Column::ShareContent => ("shares", "content_ct", K::Case, R::Own, true),
            Column::DecisionDetails => ("decisions", "details_ct", K::Case, R::Own, true),
            Column::PlanContent => ("plans", "content_ct", K::Case, R::PlanVersion, true),
        };
        ColumnSpec {
            table,
            column,
            key,
            row,
            bound_to_case,
        }
    }

    /// The store-key purpose code in `store_keys.purpose` for the three store keys.
    const fn store_key_purpose(self) -> Option<&'static str> {
        match self {
            Column::StoreKeyMeta | Column::StoreKeyLog | Column::StoreKeyLookup => Some(self.spec().column),
            _ => None,
        }
    }
}

/// The AAD of one value: the column's table and column, the store, the row as its [`RowKind`]
/// says, and the case when the column is bound to one.
fn aad(store: StoreId, col: Column, row: &str, case: Option<CaseId>) -> Aad<'_> {
    let spec = col.spec();
    debug_assert_eq!(spec.bound_to_case, case.is_some(), "{col:?}: case binding");
    Aad {
        store,
        table: spec.table,
        column: spec.column,
        row,
        case,
    }
}

/// A case's data key together with the case it belongs to, so a value of one case can never be
/// sealed or opened with the AAD of another.
pub(crate) struct CaseKey {
    case: CaseId,
    key: SecretKey,
}

impl CaseKey {
    /// A fresh random key for a new case.
    pub fn random(case: CaseId) -> Result<CaseKey, AppError> {
        Ok(CaseKey {
            case,
            key: SecretKey::random()?,
        })
    }

    pub fn case(&self) -> CaseId {
        self.case
    }

    /// A short one-way fingerprint for destruction certificates.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint()
    }
}

/// A column of the `cases` row sealed under the case key (the AAD row is the case id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaseField {
    Subject,
    Notes,
    Inform,
}

impl CaseField {
    const fn column(self) -> Column {
        match self {
            CaseField::Subject => Column::CaseSubject,
            CaseField::Notes => Column::CaseNotes,
            CaseField::Inform => Column::CaseInform,
        }
    }
}

/// A column of another case-owned table sealed under the case key (the AAD row is the row's id,
/// or `<case>/v<version>` for a plan version).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaseRow {
    Item,
    Transition,
    Weighing,
    Override,
    Share,
    Decision,
}

impl CaseRow {
    const fn column(self) -> Column {
        match self {
            CaseRow::Item => Column::ItemContent,
            CaseRow::Transition => Column::TransitionDetails,
            CaseRow::Weighing => Column::WeighingDetails,
            CaseRow::Override => Column::OverrideReason,
            CaseRow::Share => Column::ShareContent,
            CaseRow::Decision => Column::DecisionDetails,
        }
    }
}

/// A store-wide row sealed under the meta key (not about one case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MetaRow {
    Meeting,
    Attendee,
}

impl MetaRow {
    const fn column(self) -> Column {
        match self {
            MetaRow::Meeting => Column::MeetingDetails,
            MetaRow::Attendee => Column::AttendeeDetails,
        }
    }
}

/// Wraps the master key for a user under their KEK.
pub(crate) fn wrap_master(
    kek: &SecretKey,
    store: StoreId,
    user: &UserId,
    version: u32,
    master: &SecretKey,
) -> Result<Vec<u8>, AppError> {
    let row = format!("{user}/v{version}");
    Ok(wrap_key(
        kek,
        &aad(store, Column::UserMasterKey, &row, None),
        master,
    )?)
}

/// Unwraps a user's copy of the master key; fails on a wrong passphrase (or a tampered row).
pub(crate) fn unwrap_master(
    kek: &SecretKey,
    store: StoreId,
    user: &UserId,
    version: u32,
    wrapped: &[u8],
) -> Result<SecretKey, casus_crypto::CryptoError> {
    let row = format!("{user}/v{version}");
    unwrap_key(kek, &aad(store, Column::UserMasterKey, &row, None), wrapped)
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

const STORE_KEYS: [Column; 3] = [Column::StoreKeyMeta, Column::StoreKeyLog, Column::StoreKeyLookup];
const SIGNING_KEY_META: &str = "audit_signing_key_ct";

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

    fn store_key(&self, col: Column) -> &SecretKey {
        match col {
            Column::StoreKeyMeta => &self.meta,
            Column::StoreKeyLog => &self.log,
            _ => &self.lookup,
        }
    }

    /// Writes the store-wide keys, wrapped under the master key, and the sealed signing key.
    pub fn save_store_keys(&self, tx: &Tx) -> Result<(), AppError> {
        let wrap = self.master.subkey(DEK_WRAP);
        let row = format!("v{}", self.mk_version);
        for col in STORE_KEYS {
            let purpose = col.store_key_purpose().unwrap_or_default();
            let wrapped = wrap_key(&wrap, &aad(self.store, col, &row, None), self.store_key(col))?;
            meta::put_key(tx, purpose, &wrapped, self.mk_version)?;
        }
        let sealed = seal(
            &self.meta,
            &aad(self.store, Column::SigningKey, "", None),
            self.signing.pkcs8(),
        )?;
        meta::set(tx, SIGNING_KEY_META, &sealed)?;
        Ok(())
    }

    /// Loads the store-wide keys once the master key is known.
    pub fn load(tx: &Tx, store: StoreId, master: SecretKey, mk_version: u32) -> Result<Keys, AppError> {
        let wrap = master.subkey(DEK_WRAP);
        let mut found: [Option<SecretKey>; 3] = [None, None, None];
        for k in meta::keys(tx)? {
            let Some(slot) = STORE_KEYS
                .iter()
                .position(|c| c.store_key_purpose() == Some(k.purpose.as_str()))
            else {
                continue;
            };
            let row = format!("v{}", k.mk_version);
            found[slot] = Some(unwrap_key(
                &wrap,
                &aad(store, STORE_KEYS[slot], &row, None),
                &k.wrapped,
            )?);
        }
        let [Some(meta_key), Some(log), Some(lookup)] = found else {
            return Err(AppError::integrity("the store's keys are incomplete"));
        };
        let sealed = meta::require(tx, SIGNING_KEY_META)?;
        let pkcs8 = open(&meta_key, &aad(store, Column::SigningKey, "", None), &sealed)?;
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
    pub fn wrap_case_key(&self, key: &CaseKey) -> Result<Vec<u8>, AppError> {
        let row = format!("{}/v{}", key.case, self.mk_version);
        let aad = aad(self.store, Column::CaseKey, &row, Some(key.case));
        Ok(wrap_key(&self.master.subkey(DEK_WRAP), &aad, &key.key)?)
    }

    pub fn unwrap_case_key(
        &self,
        case: CaseId,
        wrapped: &[u8],
        mk_version: u32,
    ) -> Result<CaseKey, AppError> {
        if mk_version != self.mk_version {
            return Err(AppError::integrity(
                "a case key is wrapped under an old master key",
            ));
        }
        let row = format!("{case}/v{mk_version}");
        let aad = aad(self.store, Column::CaseKey, &row, Some(case));
        Ok(CaseKey {
            case,
            key: unwrap_key(&self.master.subkey(DEK_WRAP), &aad, wrapped)?,
        })
    }

    /// The data key of a case in the store.
    pub fn case_key(&self, tx: &Tx, case: CaseId) -> Result<CaseKey, AppError> {
        let row = cases::get(tx, case)?.ok_or_else(|| AppError::not_found("case"))?;
        self.unwrap_case_key(case, &row.key_wrapped, row.mk_version)
    }

    /// Seals a column of the case's own row.
    pub fn seal_field(&self, key: &CaseKey, field: CaseField, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let row = key.case.to_string();
        Ok(seal(
            &key.key,
            &aad(self.store, field.column(), &row, Some(key.case)),
            plain,
        )?)
    }

    pub fn open_field(
        &self,
        key: &CaseKey,
        field: CaseField,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let row = key.case.to_string();
        Ok(open(
            &key.key,
            &aad(self.store, field.column(), &row, Some(key.case)),
            sealed,
        )?)
    }

    /// Seals a column of a case-owned row (items, transitions, weighings, overrides, shares,
    /// decisions) under the case's key, bound to that table, column and row id.
    pub fn seal_row(
        &self,
        key: &CaseKey,
        col: CaseRow,
        row: &str,
        plain: &[u8],
    ) -> Result<Vec<u8>, AppError> {
        Ok(seal(
            &key.key,
            &aad(self.store, col.column(), row, Some(key.case)),
            plain,
        )?)
    }

    pub fn open_row(
        &self,
        key: &CaseKey,
        col: CaseRow,
        row: &str,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        Ok(open(
            &key.key,
            &aad(self.store, col.column(), row, Some(key.case)),
            sealed,
        )?)
    }

    /// Seals one version of a case's plan of approach.
    pub fn seal_plan(&self, key: &CaseKey, version: u32, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let row = format!("{}/v{version}", key.case);
        Ok(seal(
            &key.key,
            &aad(self.store, Column::PlanContent, &row, Some(key.case)),
            plain,
        )?)
    }

    pub fn open_plan(
        &self,
        key: &CaseKey,
        version: u32,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let row = format!("{}/v{version}", key.case);
        Ok(open(
            &key.key,
            &aad(self.store, Column::PlanContent, &row, Some(key.case)),
            sealed,
        )?)
    }

    /// Seals store-wide text that is not about one case (meeting details, attendee names) under the
    /// meta key, bound to table, column and row.
    pub fn seal_meta(&self, col: MetaRow, row: &str, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        Ok(seal(
            &self.meta,
            &aad(self.store, col.column(), row, None),
            plain,
        )?)
    }

    pub fn open_meta(&self, col: MetaRow, row: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        Ok(open(
            &self.meta,
            &aad(self.store, col.column(), row, None),
            sealed,
        )?)
    }

    /// Seals an account name under the meta key.
    pub fn seal_user_name(&self, user: &UserId, name: &str) -> Result<Vec<u8>, AppError> {
        let row = user.to_string();
        Ok(seal(
            &self.meta,
            &aad(self.store, Column::UserName, &row, None),
            name.as_bytes(),
        )?)
    }

    pub fn open_user_name(&self, user: &UserId, sealed: &[u8]) -> Result<String, AppError> {
        let row = user.to_string();
        let plain = open(&self.meta, &aad(self.store, Column::UserName, &row, None), sealed)?;
        String::from_utf8(plain.to_vec()).map_err(|_| AppError::integrity("an account name is not text"))
    }

    /// Seals audit details (for example a search query) under the log key, bound to the case.
    pub fn seal_details(&self, case: Option<CaseId>, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        Ok(seal(&self.log, &details_aad(self.store, case), plain)?)
    }

    pub fn open_details(&self, case: Option<CaseId>, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        Ok(open(&self.log, &details_aad(self.store, case), sealed)?)
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
        let aad = aad(self.store, Column::MasterTransition, &row, None);
        Ok(wrap_key(&self.master.subkey(MK_TRANSITION), &aad, next)?)
    }
}

/// Audit details are bound to their case when they have one; store-wide details (a search, a
/// destruction certificate) are not. The one column whose case binding is optional.
fn details_aad(store: StoreId, case: Option<CaseId>) -> Aad<'static> {
    let spec = Column::AuditDetails.spec();
    Aad {
        store,
        table: spec.table,
        column: spec.column,
        row: "",
        case,
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
    let aad = aad(store, Column::MasterTransition, &row, None);
    Ok(unwrap_key(&master.subkey(MK_TRANSITION), &aad, wrapped)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_named_once() {
        let mut seen = std::collections::HashSet::new();
        for col in Column::ALL {
            let s = col.spec();
            assert!(
                seen.insert((s.table, s.column)),
                "{col:?} repeats {}.{}",
                s.table,
                s.column
            );
        }
        assert_eq!(seen.len(), Column::ALL.len());
    }

    #[test]
    fn case_content_is_sealed_under_the_case_key_and_bound_to_the_case() {
        for col in Column::ALL {
            let s = col.spec();
            if s.key == KeyKind::Case {
                assert!(s.bound_to_case, "{col:?} must bind its case");
            }
        }
        for f in [CaseField::Subject, CaseField::Notes, CaseField::Inform] {
            assert_eq!(f.column().spec().key, KeyKind::Case);
            assert_eq!(f.column().spec().row, RowKind::Case);
        }
        for r in [
            CaseRow::Item,
            CaseRow::Transition,
            CaseRow::Weighing,
            CaseRow::Override,
            CaseRow::Share,
            CaseRow::Decision,
        ] {
            assert_eq!(r.column().spec().key, KeyKind::Case);
            assert_eq!(r.column().spec().row, RowKind::Own);
        }
        for m in [MetaRow::Meeting, MetaRow::Attendee] {
            assert_eq!(m.column().spec().key, KeyKind::Meta);
        }
    }

    #[test]
    fn a_value_sealed_for_one_case_does_not_open_for_another() {
        let store = StoreId::from_bytes([7; 16]);
        let keys = Keys::generate(store).unwrap();
        let a = CaseKey::random(CaseId::from_bytes([1; 16])).unwrap();
        let ct = keys.seal_row(&a, CaseRow::Item, "x", b"geheim").unwrap();
        assert_eq!(&**keys.open_row(&a, CaseRow::Item, "x", &ct).unwrap(), b"geheim");
        assert!(
            keys.open_row(&a, CaseRow::Share, "x", &ct).is_err(),
            "another column"
        );
        assert!(keys.open_row(&a, CaseRow::Item, "y", &ct).is_err(), "another row");
        let parent = SecretKey::random().unwrap();
        let a = CaseKey {
            case: CaseId::from_bytes([1; 16]),
            key: parent.subkey("same"),
        };
        let b = CaseKey {
            case: CaseId::from_bytes([2; 16]),
            key: parent.subkey("same"),
        };
        let ct = keys.seal_row(&a, CaseRow::Item, "x", b"geheim").unwrap();
        assert!(
            keys.open_row(&b, CaseRow::Item, "x", &ct).is_err(),
            "another case, same key bytes"
        );
    }

    /// Every column of the table is documented in schema/README.md, and the README names no
    /// `*_ct` column the table does not know.
    #[test]
    fn schema_readme_lists_every_sealed_column() {
        let readme = include_str!("../../../schema/README.md");
        for col in Column::ALL {
            let s = col.spec();
            let column = match s.table {
                "store_keys" => "wrapped",
                "store_meta" => "audit_signing_key_ct",
                _ => s.column,
            };
            let documented = readme.lines().any(|l| {
                l.starts_with('|')
                    && l.contains(&format!("`{}`", s.table))
                    && l.contains(&format!("`{column}`"))
            });
            assert!(documented, "schema/README.md has no row for {}.{column}", s.table);
        }
    }
}
