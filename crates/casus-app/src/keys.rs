//! The keys of an unlocked session and THE column table: the one place that knows which key and
//! which AAD seal each column. Every seal, open, wrap and unwrap in casus-app goes through a
//! [`Column`] here; `tests/tests/tidy.rs` fails when any other file builds an `Aad` or calls the
//! crypto crate's seal/open/wrap functions. Dropping a `Keys` zeroizes every secret in it.
//!
//! Hierarchy (the key model; docs/THREAT-MODEL.md): passphrase → user key → KEK (per user and
//! store) → the account's own X25519 secret (`users.bundle_ct`) → the key groups the policy lets
//! this account hold (`key_grants`, each sealed to the account's public key and bound to its id,
//! role and organisation) → for an organisation's group: the case keys of the cases it takes part
//! in (`case_keys`, one per case-key epoch, sealed to the organisation's group). Anyone may seal *to*
//! a group or an account (its public key is in the clear); only holders open.
//!
//! The old model (one master key every account unwrapped) is read only to upgrade a store.

use std::collections::HashMap;

use casus_crypto::{
    open, open_bytes_from, open_from, seal, seal_bytes_to, seal_to, unwrap_key, wrap_key, Aad, BoxSecret,
    SecretKey, SigningKey,
};
use casus_domain::user::{Organisation, Role};
use casus_domain::{CaseId, StoreId, UserId};
use casus_store::{keyring, meta, Tx};
use zeroize::Zeroizing;

use crate::error::AppError;
use crate::policy::{self, KeyGroup};
use crate::visibility::{may_ever_receive, ItemMeta, DECISIONS};
use casus_domain::covenant::Covenant;

const DEK_WRAP: &str = "casus/dek-wrap/v1";
const MK_TRANSITION: &str = "casus/mk-transition/v1";
const PENDING_WRAP: &str = "casus/pending-wrap/v1";
/// The subkey of an organisation's group epoch that wraps case keys symmetrically.
const CASE_WRAP: &str = "casus/case-wrap/v1";

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
    /// The item's own key.
    Item,
    /// The share's own key.
    Share,
    /// The decision's own key.
    Decision,
    /// The store's meta key.
    Meta,
    /// Sealed to an account's X25519 public key (a key grant).
    AccountBox,
    /// Sealed to an organisation group's X25519 public key (a case-key wrap).
    OrgBox,
    /// Sealed to the log group's public key: anyone writes, only its holders read.
    LogBox,
    /// The old master key's pending subkey (upgrade only).
    MasterPending,
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
    /// `<group>/<epoch>/<user>/<role>/<organisation>[/<pin>]`: a grant bound to its holder.
    Grant,
    /// `<case>/<epoch>/<organisation>/<organisation epoch>`.
    CaseWrap,
    /// `<user>/<role>/<organisation>`.
    Account,
    /// `<item>/<source>/<category>/<basis>`: the item's metadata bound to its content.
    Item,
    /// `<item or share>/<organisation>/<organisation epoch>`.
    ItemWrap,
    /// `<share>/<source>/<category>/<basis>/<recipients>`: a share's metadata and recipients bound
    /// to its content.
    Share,
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
    ShareOwnContent,
    DecisionDetails,
    PlanContent,
    UserBundle,
    UserPending,
    KeyGrant,
    CaseKeyWrap,
    ItemKeyWrap,
    ShareKeyWrap,
    ItemCodes,
    ShareCodes,
    WeighingCodes,
    DecisionCodes,
    AgendaCodes,
    CaseCodes,
    TransitionCodes,
    AttendeeCodes,
    DisclosureCodes,
    DecisionOwnDetails,
    DecisionKeyWrap,
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
        Column::ShareOwnContent,
        Column::DecisionDetails,
        Column::PlanContent,
        Column::UserBundle,
        Column::UserPending,
        Column::KeyGrant,
        Column::CaseKeyWrap,
        Column::ItemKeyWrap,
        Column::ShareKeyWrap,
        Column::ItemCodes,
        Column::ShareCodes,
        Column::WeighingCodes,
        Column::DecisionCodes,
        Column::AgendaCodes,
        Column::CaseCodes,
        Column::TransitionCodes,
        Column::AttendeeCodes,
        Column::DisclosureCodes,
        Column::DecisionOwnDetails,
        Column::DecisionKeyWrap,
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
            Column::AuditDetails => ("audit_log", "details_ct", K::LogBox, R::Empty, true),
            Column::MeetingDetails => ("meetings", "details_ct", K::Meta, R::Own, false),
            Column::AttendeeDetails => ("attendees", "details_ct", K::Meta, R::Own, false),
            Column::CaseSubject => ("cases", "subject_ct", K::Case, R::Case, true),
            Column::CaseNotes => ("cases", "notes_ct", K::Case, R::Case, true),
            Column::CaseInform => ("cases", "inform_ct", K::Case, R::Case, true),
            Column::ItemContent => ("items", "content_ct", K::Item, R::Item, true),
            Column::TransitionDetails => ("transitions", "details_ct", K::Case, R::Own, true),
            Column::WeighingDetails => ("weighings", "details_ct", K::Case, R::Own, true),
            Column::OverrideReason => ("overrides", "reason_ct", K::Case, R::Own, true),
            // Shares written before schema 6, until a holder of the case key moves them.
            Column::ShareContent => ("shares", "content_ct", K::Case, R::Own, true),
            // The same stored column once a share has its own key (`own_key = 1`); the AAD names
            // it apart, so neither kind of ciphertext opens as the other.
            Column::ShareOwnContent => ("shares", "content_ct:share_key", K::Share, R::Share, true),
            Column::DecisionDetails => ("decisions", "details_ct", K::Case, R::Own, true),
            Column::PlanContent => ("plans", "content_ct", K::Case, R::PlanVersion, true),
            Column::UserBundle => ("users", "bundle_ct", K::UserKek, R::Own, false),
            Column::UserPending => ("users", "pending_ct", K::MasterPending, R::Account, false),
            Column::KeyGrant => ("key_grants", "wrapped", K::AccountBox, R::Grant, false),
            Column::CaseKeyWrap => ("case_keys", "wrapped", K::OrgBox, R::CaseWrap, true),
            Column::ItemKeyWrap => ("item_keys", "wrapped", K::OrgBox, R::ItemWrap, true),
            Column::ShareKeyWrap => ("share_keys", "wrapped", K::OrgBox, R::ItemWrap, true),
            Column::ItemCodes => ("items", "codes_ct", K::Meta, R::Own, true),
            Column::ShareCodes => ("shares", "codes_ct", K::Meta, R::Own, true),
            Column::WeighingCodes => ("weighings", "codes_ct", K::Meta, R::Own, true),
            Column::DecisionCodes => ("decisions", "codes_ct", K::Meta, R::Own, true),
            Column::AgendaCodes => ("agenda_items", "codes_ct", K::Meta, R::Own, true),
            Column::CaseCodes => ("cases", "codes_ct", K::Meta, R::Case, true),
            Column::TransitionCodes => ("transitions", "codes_ct", K::Meta, R::Own, true),
            Column::AttendeeCodes => ("attendees", "codes_ct", K::Meta, R::Own, false),
            Column::DisclosureCodes => ("disclosures", "codes_ct", K::Meta, R::Own, false),
            // The same stored column once a decision has its own key (`own_key = 1`).
            Column::DecisionOwnDetails => ("decisions", "details_ct:decision_key", K::Decision, R::Own, true),
            Column::DecisionKeyWrap => ("decision_keys", "wrapped", K::OrgBox, R::ItemWrap, true),
        };
        ColumnSpec {
            table,
            column,
            key,
            row,
            bound_to_case,
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
/// sealed or opened with the AAD of another. A case has one key per epoch (a new epoch when an
/// organisation leaves it or an account of a member organisation is removed); new values are
/// sealed under the newest, older values open under the epoch that sealed them.
pub(crate) struct CaseKey {
    case: CaseId,
    /// Newest first; never empty.
    epochs: Vec<(u32, SecretKey)>,
}

impl CaseKey {
    /// A fresh random key for a new case (epoch 1).
    pub fn random(case: CaseId) -> Result<CaseKey, AppError> {
        Ok(CaseKey {
            case,
            epochs: vec![(1, SecretKey::random()?)],
        })
    }

    pub fn case(&self) -> CaseId {
        self.case
    }

    fn newest(&self) -> &SecretKey {
        &self.epochs[0].1
    }

    fn seal(&self, aad: &Aad, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        Ok(seal(self.newest(), aad, plain)?)
    }

    fn open(&self, aad: &Aad, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let mut last = casus_crypto::CryptoError::Open;
        for (_, key) in &self.epochs {
            match open(key, aad, sealed) {
                Ok(plain) => return Ok(plain),
                Err(e) => last = e,
            }
        }
        Err(last.into())
    }
}

/// An item's metadata in the covenant's terms; a stored code that does not parse is an integrity
/// error.
pub(crate) fn item_meta(row: &casus_store::pga::ItemRow) -> Result<ItemMeta, AppError> {
    use casus_domain::share::{DataCategory, LegalBasis};
    Ok(ItemMeta {
        source: Organisation::parse(&row.source_org)
            .ok_or_else(|| AppError::integrity("an item has an unknown source"))?,
        category: DataCategory::parse(&row.category)
            .ok_or_else(|| AppError::integrity("an item has an unknown category"))?,
        basis: LegalBasis::parse(&row.basis)
            .ok_or_else(|| AppError::integrity("an item has an unknown basis"))?,
    })
}

/// An item's or a share's metadata from its stored codes; a code that does not parse is an
/// integrity error.
pub(crate) fn item_meta_of(
    source: &str,
    category: &str,
    basis: &str,
) -> Result<crate::visibility::ItemMeta, AppError> {
    Ok(crate::visibility::ItemMeta {
        source: Organisation::parse(source).ok_or_else(|| AppError::integrity("unknown organisation"))?,
        category: casus_domain::share::DataCategory::parse(category)
            .ok_or_else(|| AppError::integrity("unknown category"))?,
        basis: casus_domain::share::LegalBasis::parse(basis)
            .ok_or_else(|| AppError::integrity("unknown basis"))?,
    })
}

pub(crate) use keyring::Entry;

/// An entry's own key — an item's or a share's; its content is sealed under it, never under the
/// case key — paired with the entry and its case.
pub(crate) struct EntryKey {
    kind: Entry,
    id: String,
    case: CaseId,
    key: SecretKey,
}

impl EntryKey {
    /// A fresh random key for a new item or share.
    pub fn random(kind: Entry, case: CaseId, id: &str) -> Result<EntryKey, AppError> {
        Ok(EntryKey {
            kind,
            id: id.to_string(),
            case,
            key: SecretKey::random()?,
        })
    }
}

/// The column an entry's content is sealed in and the column of its key wraps.
const fn entry_columns(kind: Entry) -> (Column, Column) {
    match kind {
        Entry::Item => (Column::ItemContent, Column::ItemKeyWrap),
        Entry::Share => (Column::ShareOwnContent, Column::ShareKeyWrap),
        Entry::Decision => (Column::DecisionOwnDetails, Column::DecisionKeyWrap),
    }
}

/// A share as the covenant and its keys see it: what it is (source, category, basis) and to whom
/// it was given (the recipients as stored, in the order the covenant allowed them).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ShareMeta<'a> {
    pub meta: ItemMeta,
    pub allowed_to: &'a str,
}

impl ShareMeta<'_> {
    /// The recipients as organisations; an unknown code is an integrity error.
    fn recipients(&self) -> Result<Vec<Organisation>, AppError> {
        self.allowed_to
            .split(',')
            .filter(|o| !o.is_empty())
            .map(|o| {
                Organisation::parse(o)
                    .ok_or_else(|| AppError::integrity("a share names an unknown recipient"))
            })
            .collect()
    }
}

/// The AAD row of a share's content under its own key: its id, metadata and recipients, so a
/// share whose source, category, basis or recipients were edited outside the app no longer opens.
fn share_row(id: &str, share: ShareMeta) -> String {
    format!(
        "{id}/{}/{}/{}/{}",
        share.meta.source.code(),
        share.meta.category.code(),
        share.meta.basis.code(),
        share.allowed_to
    )
}

/// The AAD row of an item's content: its id and the metadata that decides who receives it, so an
/// item whose source, category or basis was edited outside the app no longer opens.
fn item_row(id: &str, meta: ItemMeta) -> String {
    format!(
        "{id}/{}/{}/{}",
        meta.source.code(),
        meta.category.code(),
        meta.basis.code()
    )
}

/// One item or share of a case with the organisations that should hold its key, for
/// [`Keys::reconcile_case_items`].
struct Audience {
    id: String,
    /// Its content's AAD row (binds the metadata that decided the audience).
    row: String,
    content_ct: Vec<u8>,
    audience: Vec<Organisation>,
    /// Who supplied it: its wrap is never withdrawn (an organisation may always receive its own
    /// data, and may be the only one left to pass the key on).
    source: Organisation,
}

const CODES_EDITED: &str = "the codes of a row were changed outside the app";
const CASE_NUMBER_EDITED: &str = "a case number was changed outside the app";

/// The column that holds a table's sealed codes (schema 7).
const fn codes_column(table: CodesTable) -> Column {
    match table {
        CodesTable::Items => Column::ItemCodes,
        CodesTable::Shares => Column::ShareCodes,
        CodesTable::Weighings => Column::WeighingCodes,
        CodesTable::Decisions => Column::DecisionCodes,
        CodesTable::AgendaItems => Column::AgendaCodes,
        CodesTable::Cases => Column::CaseCodes,
        CodesTable::Transitions => Column::TransitionCodes,
        CodesTable::Attendees => Column::AttendeeCodes,
        CodesTable::Disclosures => Column::DisclosureCodes,
    }
}

pub(crate) use casus_store::codes::CodesTable;

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
    Transition,
    Weighing,
    Override,
    Share,
    Decision,
}

impl CaseRow {
    const fn column(self) -> Column {
        match self {
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

// ---- the old model, read only to upgrade a store ------------------------------------------------

/// Unwraps a user's copy of the old master key; fails on a wrong passphrase (or a tampered row).
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

/// Follows one transition from `master` (version `from`) to the next master key (old model).
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

/// What the old master key unlocked: the store keys and the case keys.
pub(crate) struct Legacy {
    pub master: SecretKey,
    pub meta: SecretKey,
    pub log: SecretKey,
    pub lookup: SecretKey,
}

impl Legacy {
    /// Loads the old store keys once the master key is known.
    pub fn load(tx: &Tx, store: StoreId, master: SecretKey) -> Result<Legacy, AppError> {
        const STORE_KEYS: [Column; 3] = [Column::StoreKeyMeta, Column::StoreKeyLog, Column::StoreKeyLookup];
        let wrap = master.subkey(DEK_WRAP);
        let mut found: [Option<SecretKey>; 3] = [None, None, None];
        for k in meta::keys(tx)? {
            let Some(slot) = STORE_KEYS.iter().position(|c| c.spec().column == k.purpose) else {
                continue;
            };
            let row = format!("v{}", k.mk_version);
            found[slot] = Some(unwrap_key(
                &wrap,
                &aad(store, STORE_KEYS[slot], &row, None),
                &k.wrapped,
            )?);
        }
        let [Some(meta), Some(log), Some(lookup)] = found else {
            return Err(AppError::integrity("the store's keys are incomplete"));
        };
        Ok(Legacy {
            master,
            meta,
            log,
            lookup,
        })
    }

    /// A case key wrapped under the old master key.
    pub fn case_key(
        &self,
        store: StoreId,
        case: CaseId,
        wrapped: &[u8],
        version: u32,
    ) -> Result<CaseKey, AppError> {
        let row = format!("{case}/v{version}");
        let aad = aad(store, Column::CaseKey, &row, Some(case));
        Ok(CaseKey {
            case,
            epochs: vec![(1, unwrap_key(&self.master.subkey(DEK_WRAP), &aad, wrapped)?)],
        })
    }

    /// Seals an account's new secret under the old master key, for its first unlock after the
    /// upgrade (bound to its id, role and organisation).
    pub fn seal_pending(
        &self,
        store: StoreId,
        account: &str,
        secret: &SecretKey,
    ) -> Result<Vec<u8>, AppError> {
        Ok(wrap_key(
            &self.master.subkey(PENDING_WRAP),
            &aad(store, Column::UserPending, account, None),
            secret,
        )?)
    }
}

/// Opens an account's pending secret with the old master key.
pub(crate) fn open_pending(
    store: StoreId,
    master: &SecretKey,
    account: &str,
    sealed: &[u8],
) -> Result<SecretKey, AppError> {
    unwrap_key(
        &master.subkey(PENDING_WRAP),
        &aad(store, Column::UserPending, account, None),
        sealed,
    )
    .map_err(|_| AppError::integrity(ACCOUNT_EDITED))
}

/// The account-lookup value: HMAC-SHA256 keyed with the store id over the lower-case name. It lets
/// the store find an account before unlock without keeping the name in the clear.
pub(crate) fn name_lookup(store: StoreId, lookup_form: &str) -> Vec<u8> {
    casus_crypto::hmac_sha256(store.as_bytes(), lookup_form.as_bytes()).to_vec()
}

// ---- the key model ------------------------------------------------------------------------------

/// The store settings (`store_meta` keys) that decide access and are signed by who wrote them.
pub(crate) const SIGNED_SETTINGS: &[&str] = &["idle_lock_minutes"];

/// The message of every integrity error about an account's keys: an edit outside the app.
pub(crate) const ACCOUNT_EDITED: &str =
    "this account's keys do not match its role or organisation: the store was changed outside the app";

/// The AAD row of an account: `<user>/<role>/<organisation>`.
pub(crate) fn account_row(user: &str, role: &str, org: &str) -> String {
    format!("{user}/{role}/{org}")
}

/// The AAD row of a grant. A metadata grant also binds the administrators' certifying key, so a
/// swapped certifying key makes every metadata grant fail.
fn grant_row(group: KeyGroup, epoch: u32, account: &str, pin: Option<&[u8]>) -> String {
    let mut row = format!("{}/{epoch}/{account}", group.code());
    if let Some(pin) = pin {
        row.push('/');
        row.push_str(&casus_crypto::to_hex(pin));
    }
    row
}

fn entry_wrap_row(entry: &str, org: &str, org_epoch: u32) -> String {
    format!("{entry}/{org}/{org_epoch}")
}

fn case_wrap_row(case: CaseId, epoch: u32, org: &str, org_epoch: u32) -> String {
    format!("{case}/{epoch}/{org}/{org_epoch}")
}

/// The bytes an account certificate signs.
fn cert_message(
    store: StoreId,
    user: &str,
    role: &str,
    org: &str,
    public: &[u8],
    sign_public: &[u8],
) -> Vec<u8> {
    let mut m = b"casus-account/v1".to_vec();
    m.extend_from_slice(store.as_bytes());
    for part in [
        user.as_bytes(),
        role.as_bytes(),
        org.as_bytes(),
        public,
        sign_public,
    ] {
        m.extend_from_slice(&(part.len() as u32).to_be_bytes());
        m.extend_from_slice(part);
    }
    m
}

/// The bytes a membership row's signature covers.
fn member_message(store: StoreId, case: &str, org: &str) -> Vec<u8> {
    signed_message(b"casus-member/v1", store, &[case.as_bytes(), org.as_bytes()])
}

fn override_message(store: StoreId, case: &str, item: &str, org: &str) -> Vec<u8> {
    signed_message(
        b"casus-override/v1",
        store,
        &[case.as_bytes(), item.as_bytes(), org.as_bytes()],
    )
}

fn covenant_message(store: StoreId, version_no: u32, text: &str) -> Vec<u8> {
    let digest = casus_crypto::sha256(text.as_bytes());
    signed_message(b"casus-covenant/v1", store, &[&version_no.to_be_bytes(), &digest])
}

fn signed_message(label: &[u8], store: StoreId, parts: &[&[u8]]) -> Vec<u8> {
    let mut m = label.to_vec();
    m.extend_from_slice(store.as_bytes());
    for part in parts {
        m.extend_from_slice(&(part.len() as u32).to_be_bytes());
        m.extend_from_slice(part);
    }
    m
}

/// One epoch of a group this session holds.
pub(crate) struct HeldEpoch {
    pub epoch: u32,
    pub secret: SecretKey,
}

impl HeldEpoch {
    fn random(epoch: u32) -> Result<HeldEpoch, AppError> {
        Ok(HeldEpoch {
            epoch,
            secret: SecretKey::random()?,
        })
    }

    fn boxed(&self) -> BoxSecret {
        BoxSecret::from_key(&self.secret)
    }

    /// The public half stored in `key_groups.public`: X25519 for every group, Ed25519 (verify
    /// key) for the accounts group.
    fn public(&self, group: KeyGroup) -> Result<Vec<u8>, AppError> {
        Ok(match group {
            KeyGroup::Accounts => SigningKey::from_secret(&self.secret)?.public_key().to_vec(),
            _ => self.boxed().public().to_vec(),
        })
    }
}

/// An account as the key model sees it.
#[derive(Clone, Debug)]
pub(crate) struct AccountKeys {
    pub id: String,
    pub role: Role,
    pub org: Organisation,
    pub public: [u8; 32],
    /// The account's Ed25519 verify key (its signing key derives from its own secret).
    pub sign_public: [u8; 32],
}

impl AccountKeys {
    fn row(&self) -> String {
        account_row(&self.id, self.role.code(), self.org.code())
    }
}

/// The keys of an unlocked session: the account's own secret and the group epochs it holds.
pub(crate) struct Keys {
    pub store: StoreId,
    pub account: AccountKeys,
    own: BoxSecret,
    own_secret: SecretKey,
    /// The account's own signing key: signs the rows it writes that decide access.
    own_signer: SigningKey,
    held: HashMap<KeyGroup, Vec<HeldEpoch>>,
    /// The newest epoch and public half of every group in the store.
    publics: HashMap<KeyGroup, (u32, Vec<u8>)>,
    /// Every accounts-group verify key by epoch (certificates may predate a rotation).
    verify_keys: Vec<(u32, Vec<u8>)>,
    pub signing: SigningKey,
}

const SIGNING_KEY_META: &str = "audit_signing_key_ct";

impl Keys {
    /// The account's own key pair from its stored secret.
    fn own_pair(secret: &SecretKey) -> BoxSecret {
        BoxSecret::from_key(secret)
    }

    /// Creates a new store's keys for its first account (an administrator): a fresh account
    /// secret, the metadata and accounts groups, and the audit signing key. Returns the keys and
    /// the account's secret (to be sealed under its KEK by the caller).
    pub fn create_store(
        tx: &Tx,
        store: StoreId,
        account: AccountKeys,
        own_secret: SecretKey,
        at: &str,
    ) -> Result<Keys, AppError> {
        let own = Self::own_pair(&own_secret);
        let (role, org) = (account.role, account.org);
        let mut keys = Keys {
            store,
            account,
            own,
            own_signer: SigningKey::from_secret(&own_secret)?,
            own_secret,
            held: HashMap::new(),
            publics: HashMap::new(),
            verify_keys: Vec::new(),
            signing: SigningKey::generate()?,
        };
        // The certifying key first: metadata grants bind it.
        for group in [KeyGroup::Accounts, KeyGroup::Meta] {
            if policy::holds(role, org, group) {
                keys.new_epoch(tx, group, None, at)?;
            }
        }
        let sealed = keys.seal_meta_raw(Column::SigningKey, "", keys.signing.pkcs8())?;
        meta::set(tx, SIGNING_KEY_META, &sealed)?;
        Ok(keys)
    }

    /// Loads an account's keys: its secret (already opened by the caller), then every grant,
    /// each checked against the account's role and organisation and the group's public half.
    pub fn load(
        tx: &Tx,
        store: StoreId,
        account: AccountKeys,
        own_secret: SecretKey,
    ) -> Result<Keys, AppError> {
        let own = Self::own_pair(&own_secret);
        let own_signer = SigningKey::from_secret(&own_secret)?;
        if own.public() != account.public || own_signer.public_key() != account.sign_public {
            return Err(AppError::integrity(ACCOUNT_EDITED));
        }
        let mut keys = Keys {
            store,
            account,
            own,
            own_signer,
            own_secret,
            held: HashMap::new(),
            publics: HashMap::new(),
            verify_keys: Vec::new(),
            signing: SigningKey::generate()?,
        };
        let mut stored: HashMap<(KeyGroup, u32), Vec<u8>> = HashMap::new();
        for g in keyring::groups(tx)? {
            let group = KeyGroup::parse(&g.grp).ok_or_else(|| AppError::integrity("an unknown key group"))?;
            if group == KeyGroup::Accounts {
                keys.verify_keys.push((g.epoch, g.public.clone()));
            }
            let newest = keys.publics.entry(group).or_insert((g.epoch, g.public.clone()));
            if g.epoch >= newest.0 {
                *newest = (g.epoch, g.public.clone());
            }
            stored.insert((group, g.epoch), g.public);
        }
        keys.verify_keys.sort_by_key(|(e, _)| std::cmp::Reverse(*e));
        let me = keys.account.row();
        let uid =
            UserId::parse(&keys.account.id).map_err(|_| AppError::integrity("a user id is malformed"))?;
        for grant in keyring::grants_of(tx, uid)? {
            let group =
                KeyGroup::parse(&grant.grp).ok_or_else(|| AppError::integrity("an unknown key group"))?;
            if !policy::holds(keys.account.role, keys.account.org, group) {
                // Never more than the policy: a grant this role may not hold is ignored.
                continue;
            }
            let secret = keys.open_grant(group, grant.epoch, &me, &grant.wrapped)?;
            let held = HeldEpoch {
                epoch: grant.epoch,
                secret,
            };
            if stored.get(&(group, grant.epoch)) != Some(&held.public(group)?) {
                return Err(AppError::integrity(
                    "a key group's public key was changed outside the app",
                ));
            }
            keys.held.entry(group).or_default().push(held);
        }
        for epochs in keys.held.values_mut() {
            epochs.sort_by_key(|e| std::cmp::Reverse(e.epoch));
        }
        if !keys.held.contains_key(&KeyGroup::Meta) {
            return Err(AppError::integrity(ACCOUNT_EDITED));
        }
        let sealed = meta::require(tx, SIGNING_KEY_META)?;
        let pkcs8 = keys.open_meta_raw(Column::SigningKey, "", &sealed)?;
        keys.signing = SigningKey::from_pkcs8(&pkcs8)?;
        Ok(keys)
    }

    /// The same account's keys, loaded again from the file.
    pub fn reload(&self, tx: &Tx) -> Result<Keys, AppError> {
        Keys::load(tx, self.store, self.account.clone(), self.own_secret.duplicate())
    }

    fn open_grant(
        &self,
        group: KeyGroup,
        epoch: u32,
        me: &str,
        wrapped: &[u8],
    ) -> Result<SecretKey, AppError> {
        let pins: Vec<Option<&[u8]>> = if group == KeyGroup::Meta {
            self.verify_keys.iter().map(|(_, k)| Some(k.as_slice())).collect()
        } else {
            vec![None]
        };
        for pin in pins {
            let row = grant_row(group, epoch, me, pin);
            if let Ok(secret) = open_from(&self.own, &aad(self.store, Column::KeyGrant, &row, None), wrapped)
            {
                return Ok(secret);
            }
        }
        Err(AppError::integrity(ACCOUNT_EDITED))
    }

    /// This account's own signing key (audit heads, the rows it writes that decide access).
    pub fn own_signer(&self) -> &SigningKey {
        &self.own_signer
    }

    /// Whether this session holds any epoch of `group`.
    pub fn holds(&self, group: KeyGroup) -> bool {
        self.held.contains_key(&group)
    }

    /// The groups this session holds, with their epochs (for tests and the threat model).
    pub fn held_groups(&self) -> Vec<(KeyGroup, Vec<u32>)> {
        let mut out: Vec<_> = self
            .held
            .iter()
            .map(|(g, e)| (*g, e.iter().map(|h| h.epoch).collect()))
            .collect();
        out.sort();
        out
    }

    fn newest(&self, group: KeyGroup) -> Option<&HeldEpoch> {
        self.held.get(&group).and_then(|e| e.first())
    }

    /// Creates the next epoch of `group`, grants it to every certified account the policy lets
    /// hold it (and `extra`, an account being created), and holds it if this account may.
    pub fn new_epoch(
        &mut self,
        tx: &Tx,
        group: KeyGroup,
        extra: Option<&AccountKeys>,
        at: &str,
    ) -> Result<u32, AppError> {
        let epoch = self.publics.get(&group).map_or(1, |(e, _)| e + 1);
        let held = HeldEpoch::random(epoch)?;
        let public = held.public(group)?;
        keyring::insert_group(tx, &group.code(), epoch, &public, at)?;
        self.publics.insert(group, (epoch, public.clone()));
        if group == KeyGroup::Accounts {
            self.verify_keys.insert(0, (epoch, public));
        }
        let mut holders = self.certified_accounts(tx)?;
        if let Some(extra) = extra {
            holders.retain(|a| a.id != extra.id);
            holders.push(extra.clone());
        }
        if !holders.iter().any(|a| a.id == self.account.id) {
            holders.push(self.account.clone());
        }
        for account in holders.iter().filter(|a| policy::holds(a.role, a.org, group)) {
            self.put_grant(tx, group, &held, account)?;
        }
        if policy::holds(self.account.role, self.account.org, group) {
            self.held.entry(group).or_default().insert(0, held);
        }
        Ok(epoch)
    }

    fn put_grant(
        &self,
        tx: &Tx,
        group: KeyGroup,
        held: &HeldEpoch,
        to: &AccountKeys,
    ) -> Result<(), AppError> {
        let pin = if group == KeyGroup::Meta {
            Some(
                self.verify_keys
                    .first()
                    .map(|(_, k)| k.clone())
                    .ok_or_else(|| AppError::integrity("the store has no accounts key"))?,
            )
        } else {
            None
        };
        let row = grant_row(group, held.epoch, &to.row(), pin.as_deref());
        let wrapped = seal_to(
            &to.public,
            &aad(self.store, Column::KeyGrant, &row, None),
            &held.secret,
        )?;
        let uid = UserId::parse(&to.id).map_err(|_| AppError::integrity("a user id is malformed"))?;
        keyring::put_grant(tx, &group.code(), held.epoch, uid, &wrapped)?;
        Ok(())
    }

    /// Certifies an account (administrators: the accounts group) so that other holders will
    /// pass it their keys.
    pub fn certify(&self, tx: &Tx, account: &AccountKeys) -> Result<(), AppError> {
        let held = self
            .newest(KeyGroup::Accounts)
            .ok_or_else(|| AppError::forbidden("only an administrator certifies accounts"))?;
        let signer = SigningKey::from_secret(&held.secret)?;
        let message = cert_message(
            self.store,
            &account.id,
            account.role.code(),
            account.org.code(),
            &account.public,
            &account.sign_public,
        );
        keyring::set_cert(tx, &account.id, &signer.sign(&message))?;
        Ok(())
    }

    /// Every account whose certificate verifies under an accounts key: the only accounts keys are
    /// ever granted to. A row pasted in or edited with sqlite3 is left out.
    pub fn certified_accounts(&self, tx: &Tx) -> Result<Vec<AccountKeys>, AppError> {
        let mut out = Vec::new();
        for a in keyring::accounts(tx)? {
            let (Some(public), Some(cert), Some(sign_public)) = (
                a.box_public.as_deref(),
                a.cert.as_deref(),
                a.sign_public.as_deref(),
            ) else {
                continue;
            };
            let message = cert_message(self.store, &a.id, &a.role, &a.org, public, sign_public);
            let valid = self
                .verify_keys
                .iter()
                .any(|(_, k)| casus_crypto::verify_signature(k, &message, cert));
            let (Some(role), Some(org), Ok(public), Ok(sign_public)) = (
                Role::parse(&a.role),
                Organisation::parse(&a.org),
                <[u8; 32]>::try_from(public),
                <[u8; 32]>::try_from(sign_public),
            ) else {
                continue;
            };
            if valid {
                out.push(AccountKeys {
                    id: a.id,
                    role,
                    org,
                    public,
                    sign_public,
                });
            }
        }
        Ok(out)
    }

    /// Passes every group epoch this session holds to every certified account that may hold it
    /// and lacks it (a new account, a colleague after a rotation). Returns how many grants it
    /// wrote.
    pub fn reconcile_grants(&self, tx: &Tx) -> Result<usize, AppError> {
        let have: std::collections::HashSet<(String, u32, String)> = keyring::all_grants(tx)?
            .into_iter()
            .map(|g| (g.grp, g.epoch, g.user_id))
            .collect();
        let accounts = self.certified_accounts(tx)?;
        let mut written = 0;
        for (group, epochs) in &self.held {
            for held in epochs {
                for account in accounts.iter().filter(|a| policy::holds(a.role, a.org, *group)) {
                    if !have.contains(&(group.code(), held.epoch, account.id.clone())) {
                        self.put_grant(tx, *group, held, account)?;
                        written += 1;
                    }
                }
            }
        }
        Ok(written)
    }

    /// Signs a membership row this session wrote, so other holders will pass keys on for it.
    pub fn sign_member(&self, tx: &Tx, case: CaseId, org: Organisation) -> Result<(), AppError> {
        let sig = self
            .own_signer
            .sign(&member_message(self.store, &case.to_string(), org.code()));
        keyring::set_member_sig(tx, case, org.code(), &sig, &self.account.id)?;
        Ok(())
    }

    /// The memberships signed by a certified account that the policy lets add that
    /// organisation: the only ones keys are passed on for. A row inserted with sqlite3 is not.
    pub fn verified_members(&self, tx: &Tx) -> Result<std::collections::HashSet<(String, String)>, AppError> {
        self.verified_members_in(tx, None)
    }

    /// As [`Keys::verified_members`], for one case only (or the whole store).
    pub fn verified_members_in(
        &self,
        tx: &Tx,
        case: Option<CaseId>,
    ) -> Result<std::collections::HashSet<(String, String)>, AppError> {
        use crate::policy::Action;
        let signers: HashMap<String, AccountKeys> = self
            .certified_accounts(tx)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let mut out = std::collections::HashSet::new();
        let rows = match case {
            Some(c) => keyring::member_rows_of(tx, c)?,
            None => keyring::member_rows(tx)?,
        };
        for m in rows {
            let (Some(sig), Some(by)) = (m.sig.as_deref(), m.signed_by.as_deref()) else {
                continue;
            };
            let Some(signer) = signers.get(by) else {
                continue;
            };
            let allowed = policy::may_for_any(signer.role, Action::ChangeMembers)
                || policy::may(signer.role, Action::WriteCases)
                || policy::may(signer.role, Action::Weigh)
                || (policy::may(signer.role, Action::AddInformation) && signer.org.code() == m.org);
            if allowed
                && casus_crypto::verify_signature(
                    &signer.sign_public,
                    &member_message(self.store, &m.case_id, &m.org),
                    sig,
                )
            {
                out.insert((m.case_id, m.org));
            }
        }
        Ok(out)
    }

    /// Wraps the keys of cases this session can open for member organisations that lack a wrap
    /// of the case's newest epoch under their newest group epoch. Returns how many it wrote.
    pub fn reconcile_case_keys(&self, tx: &Tx) -> Result<usize, AppError> {
        if !self.holds(KeyGroup::Org(self.account.org)) {
            return Ok(0);
        }
        let mut written = 0;
        // Only memberships of organisations that have a group can be served; their signatures are
        // checked per case (most unlocks find nothing missing and verify nothing).
        let mut verified_by_case: HashMap<String, std::collections::HashSet<(String, String)>> =
            HashMap::new();
        for (case_code, org_code) in keyring::missing_case_wraps(tx)? {
            let (Ok(case), Some(org)) = (CaseId::parse(&case_code), Organisation::parse(&org_code)) else {
                return Err(AppError::integrity("a case member is malformed"));
            };
            if !self.publics.contains_key(&KeyGroup::Org(org)) {
                continue;
            }
            let verified = match verified_by_case.get(&case_code) {
                Some(v) => v,
                None => {
                    let v = self.verified_members_in(tx, Some(case))?;
                    verified_by_case.entry(case_code.clone()).or_insert(v)
                }
            };
            if !verified.contains(&(case_code.clone(), org_code.clone())) {
                continue;
            }
            let Ok(key) = self.case_key(tx, case) else {
                continue;
            };
            if self.seal_case_key_to(tx, &key, org)? {
                written += 1;
            }
        }
        Ok(written)
    }

    /// Seals every epoch of `key` to `org`'s newest group epoch. `false` when the organisation has
    /// no group yet (its first account will get the wrap from a colleague's next unlock).
    pub fn seal_case_key_to(&self, tx: &Tx, key: &CaseKey, org: Organisation) -> Result<bool, AppError> {
        let Some((org_epoch, public)) = self.publics.get(&KeyGroup::Org(org)) else {
            return Ok(false);
        };
        let public: [u8; 32] = public
            .as_slice()
            .try_into()
            .map_err(|_| AppError::integrity("a key group's public key is malformed"))?;
        // A holder of the organisation's group wraps symmetrically (fast to open at every
        // unlock); anyone else seals to its public key (a box), which a holder converts later.
        let held = self
            .held
            .get(&KeyGroup::Org(org))
            .and_then(|h| h.iter().find(|e| e.epoch == *org_epoch));
        for (epoch, secret) in &key.epochs {
            let row = case_wrap_row(key.case, *epoch, org.code(), *org_epoch);
            let aad = aad(self.store, Column::CaseKeyWrap, &row, Some(key.case));
            let wrapped = match held {
                Some(group) => wrap_key(&group.secret.subkey(CASE_WRAP), &aad, secret)?,
                None => seal_to(&public, &aad, secret)?,
            };
            keyring::put_case_key(
                tx,
                &keyring::CaseKeyRow {
                    case_id: key.case.to_string(),
                    epoch: *epoch,
                    org: org.code().to_string(),
                    org_epoch: *org_epoch,
                    wrapped,
                },
            )?;
        }
        Ok(true)
    }

    /// Adds an organisation to a case: signs the membership, passes it the case key and the keys
    /// of the items the covenant lets it receive that this session holds (the others reach it at
    /// a holder's next unlock, through a key request).
    pub fn add_member(
        &self,
        tx: &Tx,
        covenant: &Covenant,
        key: &CaseKey,
        org: Organisation,
        at: &str,
        by: UserId,
    ) -> Result<bool, AppError> {
        // The keys agree with the covenant: a non-party is never a member, so holds no case key.
        if !covenant.is_party(org) {
            return Err(AppError::invalid(format!(
                "org: {} is not a party to the covenant",
                org.code()
            )));
        }
        let added = casus_store::pga::add_member(tx, key.case, org.code(), at, by)?;
        self.sign_member(tx, key.case, org)?;
        self.seal_case_key_to(tx, key, org)?;
        let verified = self.verified_members_in(tx, Some(key.case))?;
        if !self.reconcile_case_items(tx, covenant, key.case, &verified)? {
            keyring::request_keys(tx, key.case, org.code())?;
        }
        Ok(added)
    }

    /// Adds an organisation to a case whose key this session loads itself.
    pub fn add_member_to(
        &self,
        tx: &Tx,
        covenant: &Covenant,
        case: CaseId,
        org: Organisation,
        at: &str,
        by: UserId,
    ) -> Result<bool, AppError> {
        let key = self.case_key(tx, case)?;
        self.add_member(tx, covenant, &key, org, at, by)
    }

    /// A new epoch of a case's key, sealed to every member organisation; the leaving
    /// organisation's wraps go, except those of the items and shares it supplied itself: an
    /// organisation may always receive its own data, and an item only it held would otherwise be
    /// lost for everyone (nobody could pass it on to a member that joins later). What is written
    /// afterwards opens only for the members. Needs no old key: the administrator re-keys cases
    /// after removing an account.
    pub fn new_case_epoch(
        &self,
        tx: &Tx,
        case: CaseId,
        leaving: Option<Organisation>,
    ) -> Result<(), AppError> {
        if let Some(org) = leaving {
            keyring::delete_case_keys_of(tx, case, org.code())?;
            let own = self.own_entries(tx, case, org)?;
            for kind in [Entry::Item, Entry::Share, Entry::Decision] {
                for (id, holder) in keyring::entry_key_holders(tx, kind, case)? {
                    if holder == org.code() && !own.contains(&(kind, id.clone())) {
                        keyring::delete_entry_key(tx, kind, &id, &holder)?;
                    }
                }
            }
        }
        let epoch = keyring::newest_case_epoch(tx, case)? + 1;
        let key = CaseKey {
            case,
            epochs: vec![(epoch, SecretKey::random()?)],
        };
        for member in casus_store::pga::members(tx, case)? {
            let org = Organisation::parse(&member)
                .ok_or_else(|| AppError::integrity("a case member is malformed"))?;
            self.seal_case_key_to(tx, &key, org)?;
        }
        Ok(())
    }

    /// The items and shares of a case whose source is `org` (a row whose codes do not open is
    /// nobody's: it reads as an integrity error).
    fn own_entries(
        &self,
        tx: &Tx,
        case: CaseId,
        org: Organisation,
    ) -> Result<std::collections::HashSet<(Entry, String)>, AppError> {
        let mut own = std::collections::HashSet::new();
        for mut item in casus_store::pga::items(tx, case)? {
            if self.unseal_item(&mut item).is_ok() && item.source_org == org.code() {
                own.insert((Entry::Item, item.id));
            }
        }
        for mut share in casus_store::meetings::shares_of_case(tx, case)? {
            if self.unseal_share(&mut share).is_ok() && share.source_org == org.code() {
                own.insert((Entry::Share, share.id));
            }
        }
        if org == DECISIONS.source {
            for d in casus_store::meetings::decisions_of_case(tx, case)? {
                own.insert((Entry::Decision, d.id));
            }
        }
        Ok(own)
    }

    /// Writes a new case's key for its member organisations.
    pub fn store_new_case_key(&self, tx: &Tx, key: &CaseKey) -> Result<(), AppError> {
        for member in casus_store::pga::members(tx, key.case)? {
            let org = Organisation::parse(&member)
                .ok_or_else(|| AppError::integrity("a case member is malformed"))?;
            self.seal_case_key_to(tx, key, org)?;
        }
        Ok(())
    }

    /// The case key from wraps read earlier in the same action (one read per action).
    pub fn open_case_key(&self, case: CaseId, rows: &[keyring::CaseKeyRow]) -> Result<CaseKey, AppError> {
        self.open_case_rows(case, rows)
    }

    fn open_case_rows(&self, case: CaseId, rows: &[keyring::CaseKeyRow]) -> Result<CaseKey, AppError> {
        let org = self.account.org;
        let held = self.held.get(&KeyGroup::Org(org));
        let mut epochs = Vec::new();
        for r in rows {
            let Some(group) = held.and_then(|h| h.iter().find(|e| e.epoch == r.org_epoch)) else {
                continue;
            };
            let row = case_wrap_row(case, r.epoch, org.code(), r.org_epoch);
            let aad = aad(self.store, Column::CaseKeyWrap, &row, Some(case));
            let opened = if casus_crypto::is_box(&r.wrapped) {
                open_from(&group.boxed(), &aad, &r.wrapped)
            } else {
                unwrap_key(&group.secret.subkey(CASE_WRAP), &aad, &r.wrapped)
            };
            let secret = opened.map_err(|_| AppError::integrity("a case key was changed outside the app"))?;
            if !epochs.iter().any(|(e, _)| *e == r.epoch) {
                epochs.push((r.epoch, secret));
            }
        }
        if epochs.is_empty() {
            return Err(if held.is_none() {
                AppError::forbidden(
                    "your organisation's key has not reached this account yet; it arrives when a colleague of your organisation unlocks",
                )
            } else {
                AppError::forbidden("your organisation holds no key for this case")
            });
        }
        epochs.sort_by_key(|(e, _)| std::cmp::Reverse(*e));
        Ok(CaseKey { case, epochs })
    }

    /// The data key of a case, as this account's organisation holds it.
    pub fn case_key(&self, tx: &Tx, case: CaseId) -> Result<CaseKey, AppError> {
        let rows = keyring::case_keys_for(tx, case, self.account.org.code())?;
        if rows.is_empty() && !casus_store::cases::exists(tx, case)? {
            return Err(AppError::not_found("case"));
        }
        self.open_case_rows(case, &rows)
    }

    /// Re-wraps, symmetrically, the case keys that were sealed to this organisation's public key
    /// (by another organisation or the administrator's rotation), so later unlocks skip the key
    /// agreement. Returns how many it converted.
    pub fn convert_case_wraps(&self, tx: &Tx) -> Result<usize, AppError> {
        let org = self.account.org;
        let Some(held) = self.held.get(&KeyGroup::Org(org)) else {
            return Ok(0);
        };
        let mut converted = 0;
        for r in keyring::case_keys_of_org(tx, org.code())? {
            if !casus_crypto::is_box(&r.wrapped) {
                continue;
            }
            let Some(group) = held.iter().find(|e| e.epoch == r.org_epoch) else {
                continue;
            };
            let case =
                CaseId::parse(&r.case_id).map_err(|_| AppError::integrity("a case id is malformed"))?;
            let row = case_wrap_row(case, r.epoch, org.code(), r.org_epoch);
            let aad = aad(self.store, Column::CaseKeyWrap, &row, Some(case));
            // A damaged wrap stays as it is (opening the case reports it); the rest go on.
            let Ok(secret) = open_from(&group.boxed(), &aad, &r.wrapped) else {
                continue;
            };
            let wrapped = wrap_key(&group.secret.subkey(CASE_WRAP), &aad, &secret)?;
            keyring::put_case_key(tx, &keyring::CaseKeyRow { wrapped, ..r })?;
            converted += 1;
        }
        Ok(converted)
    }

    /// Every case key this account's organisation holds (for building the index).
    pub fn all_case_keys(&self, tx: &Tx) -> Result<HashMap<CaseId, CaseKey>, AppError> {
        let mut by_case: HashMap<String, Vec<keyring::CaseKeyRow>> = HashMap::new();
        for r in keyring::case_keys_of_org(tx, self.account.org.code())? {
            by_case.entry(r.case_id.clone()).or_default().push(r);
        }
        let mut out = HashMap::with_capacity(by_case.len());
        for (case, rows) in by_case {
            let case = CaseId::parse(&case).map_err(|_| AppError::integrity("a case id is malformed"))?;
            if let Ok(key) = self.open_case_rows(case, &rows) {
                out.insert(case, key);
            }
        }
        Ok(out)
    }

    /// A one-way fingerprint of a case's key material as stored (for destruction certificates;
    /// computable without holding the key).
    pub fn case_key_fingerprint(&self, tx: &Tx, case: CaseId) -> Result<String, AppError> {
        let rows = keyring::case_keys_of_case(tx, case)?;
        let mut parts: Vec<&[u8]> = vec![b"casus-case-key-fingerprint/v2"];
        for r in &rows {
            parts.push(&r.wrapped);
        }
        Ok(casus_crypto::to_hex(&casus_crypto::sha256_parts(&parts)[..8]))
    }

    // ---- item keys: sealed to exactly the organisations the covenant lets receive the item ----

    /// Signs an override row this session wrote.
    pub fn sign_override(
        &self,
        tx: &Tx,
        case: CaseId,
        item: &str,
        org: Organisation,
    ) -> Result<(), AppError> {
        let sig = self
            .own_signer
            .sign(&override_message(self.store, &case.to_string(), item, org.code()));
        keyring::set_override_sig(tx, item, org.code(), &sig, &self.account.id)?;
        Ok(())
    }

    /// Signs a store setting this session wrote (`store_meta` key `<name>/sig`: the signer's id,
    /// a zero byte, the signature).
    pub fn sign_setting(&self, tx: &Tx, name: &str, value: &[u8]) -> Result<(), AppError> {
        let sig = self.own_signer.sign(&signed_message(
            b"casus-setting/v1",
            self.store,
            &[name.as_bytes(), value],
        ));
        let mut stored = self.account.id.as_bytes().to_vec();
        stored.push(0);
        stored.extend_from_slice(&sig);
        meta::set(tx, &format!("{name}/sig"), &stored)?;
        Ok(())
    }

    /// Whether a store setting was written by a certified account that may change settings.
    pub fn setting_verified(&self, tx: &Tx, name: &str, value: &[u8]) -> Result<bool, AppError> {
        let Some(stored) = meta::get(tx, &format!("{name}/sig"))? else {
            return Ok(false);
        };
        let Some(split) = stored.iter().position(|b| *b == 0) else {
            return Ok(false);
        };
        let (by, sig) = (
            String::from_utf8_lossy(&stored[..split]).into_owned(),
            &stored[split + 1..],
        );
        let message = signed_message(b"casus-setting/v1", self.store, &[name.as_bytes(), value]);
        Ok(self.certified_accounts(tx)?.iter().any(|a| {
            a.id == by
                && policy::may(a.role, policy::Action::ChangeSettings)
                && casus_crypto::verify_signature(&a.sign_public, &message, sig)
        }))
    }

    /// Signs a covenant version this session imported.
    pub fn sign_covenant(&self, tx: &Tx, version_no: u32, text: &str) -> Result<(), AppError> {
        let sig = self
            .own_signer
            .sign(&covenant_message(self.store, version_no, text));
        keyring::set_covenant_sig(tx, version_no, &sig, &self.account.id)?;
        Ok(())
    }

    /// Whether the active covenant was imported by a certified account that may import one (or
    /// is the embedded model covenant, `model`): only then are keys passed on by its rules.
    pub fn covenant_verified(&self, tx: &Tx, model: &str) -> Result<bool, AppError> {
        let Some((version_no, text, sig, by)) = keyring::active_covenant_signature(tx)? else {
            return Ok(false);
        };
        if text == model {
            return Ok(true);
        }
        let (Some(sig), Some(by)) = (sig, by) else {
            return Ok(false);
        };
        Ok(self.certified_accounts(tx)?.iter().any(|a| {
            a.id == by
                && policy::may(a.role, policy::Action::ImportCovenant)
                && casus_crypto::verify_signature(
                    &a.sign_public,
                    &covenant_message(self.store, version_no, &text),
                    &sig,
                )
        }))
    }

    /// The organisations whose key an item should be sealed to: the verified members that may
    /// ever receive it under the covenant, and those a signed override released it to.
    fn item_audience(
        &self,
        covenant: &Covenant,
        meta: ItemMeta,
        members: &[Organisation],
        released: &[Organisation],
    ) -> Vec<Organisation> {
        members
            .iter()
            .copied()
            .filter(|o| may_ever_receive(covenant, *o, meta) || released.contains(o))
            .collect()
    }

    /// The verified members of one case.
    fn verified_members_of(
        &self,
        tx: &Tx,
        case: CaseId,
        verified: &std::collections::HashSet<(String, String)>,
    ) -> Result<Vec<Organisation>, AppError> {
        let id = case.to_string();
        Ok(casus_store::pga::members(tx, case)?
            .into_iter()
            .filter(|o| verified.contains(&(id.clone(), o.clone())))
            .filter_map(|o| Organisation::parse(&o))
            .collect())
    }

    /// The signed overrides of one case, by item: the organisations each was released to.
    fn verified_overrides_of(
        &self,
        tx: &Tx,
        case: CaseId,
    ) -> Result<HashMap<String, Vec<Organisation>>, AppError> {
        let signers: HashMap<String, AccountKeys> = self
            .certified_accounts(tx)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let mut out: HashMap<String, Vec<Organisation>> = HashMap::new();
        for o in keyring::signed_overrides(tx, case)? {
            let (Some(sig), Some(by)) = (o.sig.as_deref(), o.signed_by.as_deref()) else {
                continue;
            };
            let Some(signer) = signers.get(by) else {
                continue;
            };
            let ok = policy::may(signer.role, policy::Action::OverrideCovenant)
                && casus_crypto::verify_signature(
                    &signer.sign_public,
                    &override_message(self.store, &o.case_id, &o.item_id, &o.org),
                    sig,
                );
            if let (true, Some(org)) = (ok, Organisation::parse(&o.org)) {
                out.entry(o.item_id).or_default().push(org);
            }
        }
        Ok(out)
    }

    /// Seals an entry's key to one organisation's newest group epoch (`false`: no group yet).
    fn wrap_entry_key(&self, tx: &Tx, key: &EntryKey, org: Organisation) -> Result<bool, AppError> {
        let Some((org_epoch, public)) = self.publics.get(&KeyGroup::Org(org)) else {
            return Ok(false);
        };
        let public: [u8; 32] = public
            .as_slice()
            .try_into()
            .map_err(|_| AppError::integrity("a key group's public key is malformed"))?;
        let row = entry_wrap_row(&key.id, org.code(), *org_epoch);
        let wrapped = seal_to(
            &public,
            &aad(self.store, entry_columns(key.kind).1, &row, Some(key.case)),
            &key.key,
        )?;
        keyring::put_entry_key(
            tx,
            key.kind,
            &keyring::EntryKeyRow {
                entry_id: key.id.clone(),
                case_id: key.case.to_string(),
                org: org.code().to_string(),
                org_epoch: *org_epoch,
                wrapped,
            },
        )?;
        Ok(true)
    }

    /// Seals a new entry's key to its audience (after its row is written); organisations without
    /// a key group yet get it at a holder's unlock, through a key request.
    fn grant_new_entry(&self, tx: &Tx, key: &EntryKey, audience: &[Organisation]) -> Result<(), AppError> {
        for org in audience {
            if !self.wrap_entry_key(tx, key, *org)? {
                keyring::request_keys(tx, key.case, org.code())?;
            }
        }
        Ok(())
    }

    /// Seals a new item's key to its audience (after its row is written).
    pub fn grant_new_item(
        &self,
        tx: &Tx,
        covenant: &Covenant,
        key: &EntryKey,
        meta: ItemMeta,
    ) -> Result<(), AppError> {
        let verified = self.verified_members_in(tx, Some(key.case))?;
        let members = self.verified_members_of(tx, key.case, &verified)?;
        self.grant_new_entry(tx, key, &self.item_audience(covenant, meta, &members, &[]))
    }

    /// The organisations whose key a share should be sealed to: its source and the recipients it
    /// was given to, as far as they take part in the case (verified) and may ever receive it
    /// under the covenant. Nobody else, not even another member organisation, holds its key.
    fn share_audience(
        &self,
        covenant: &Covenant,
        share: ShareMeta,
        members: &[Organisation],
    ) -> Result<Vec<Organisation>, AppError> {
        let recipients = share.recipients()?;
        Ok(members
            .iter()
            .copied()
            .filter(|o| *o == share.meta.source || recipients.contains(o))
            .filter(|o| may_ever_receive(covenant, *o, share.meta))
            .collect())
    }

    /// Seals a new share's key to its audience (after its row is written).
    pub fn grant_new_share(
        &self,
        tx: &Tx,
        covenant: &Covenant,
        key: &EntryKey,
        share: ShareMeta,
    ) -> Result<(), AppError> {
        let verified = self.verified_members_in(tx, Some(key.case))?;
        let members = self.verified_members_of(tx, key.case, &verified)?;
        self.grant_new_entry(tx, key, &self.share_audience(covenant, share, &members)?)
    }

    /// The organisations whose key a decision should be sealed to: the verified members that may
    /// ever receive the municipality's decisions under the covenant.
    fn decision_audience(&self, covenant: &Covenant, members: &[Organisation]) -> Vec<Organisation> {
        members
            .iter()
            .copied()
            .filter(|o| may_ever_receive(covenant, *o, DECISIONS))
            .collect()
    }

    /// Seals a new decision's key to its audience (after its row is written).
    pub fn grant_new_decision(&self, tx: &Tx, covenant: &Covenant, key: &EntryKey) -> Result<(), AppError> {
        let verified = self.verified_members_in(tx, Some(key.case))?;
        let members = self.verified_members_of(tx, key.case, &verified)?;
        self.grant_new_entry(tx, key, &self.decision_audience(covenant, &members))
    }

    /// Seals a decision's details under its own key, bound to its id and case.
    pub fn seal_decision(&self, key: &EntryKey, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        self.seal_entry(key, &key.id, plain)
    }

    /// Opens a decision's details with its key.
    pub fn open_decision(&self, key: &EntryKey, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        self.open_entry(key, &key.id, sealed)
    }

    fn seal_entry(&self, key: &EntryKey, row: &str, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        Ok(seal(
            &key.key,
            &aad(self.store, entry_columns(key.kind).0, row, Some(key.case)),
            plain,
        )?)
    }

    fn open_entry(&self, key: &EntryKey, row: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        Ok(open(
            &key.key,
            &aad(self.store, entry_columns(key.kind).0, row, Some(key.case)),
            sealed,
        )?)
    }

    /// Seals an item's content under its own key, bound to its id and metadata.
    pub fn seal_item(&self, key: &EntryKey, meta: ItemMeta, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        self.seal_entry(key, &item_row(&key.id, meta), plain)
    }

    /// Opens an item's content with its key; fails if the item's metadata was edited.
    pub fn open_item(
        &self,
        key: &EntryKey,
        meta: ItemMeta,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        self.open_entry(key, &item_row(&key.id, meta), sealed)
    }

    /// Seals a share's content under its own key, bound to its id, metadata and recipients.
    pub fn seal_share(&self, key: &EntryKey, share: ShareMeta, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        self.seal_entry(key, &share_row(&key.id, share), plain)
    }

    /// Opens a share's content with its key; fails if its metadata or recipients were edited.
    pub fn open_share(
        &self,
        key: &EntryKey,
        share: ShareMeta,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        self.open_entry(key, &share_row(&key.id, share), sealed)
    }

    /// The keys of one kind this account's organisation holds in one case, from wraps read earlier.
    pub fn open_entry_keys(
        &self,
        kind: Entry,
        case: CaseId,
        rows: &[keyring::EntryKeyRow],
    ) -> Result<HashMap<String, EntryKey>, AppError> {
        let org = self.account.org;
        let held = self.held.get(&KeyGroup::Org(org));
        let mut out = HashMap::new();
        for r in rows.iter().filter(|r| r.org == org.code()) {
            let Some(group) = held.and_then(|h| h.iter().find(|e| e.epoch == r.org_epoch)) else {
                continue;
            };
            let row = entry_wrap_row(&r.entry_id, org.code(), r.org_epoch);
            let key = open_from(
                &group.boxed(),
                &aad(self.store, entry_columns(kind).1, &row, Some(case)),
                &r.wrapped,
            )
            .map_err(|_| AppError::integrity("an item, share or decision key was changed outside the app"))?;
            out.insert(
                r.entry_id.clone(),
                EntryKey {
                    kind,
                    id: r.entry_id.clone(),
                    case,
                    key,
                },
            );
        }
        Ok(out)
    }

    /// Loads and opens this account's keys of one kind in one case.
    pub fn entry_keys(
        &self,
        tx: &Tx,
        kind: Entry,
        case: CaseId,
    ) -> Result<HashMap<String, EntryKey>, AppError> {
        let rows = keyring::entry_keys_for(tx, kind, case, self.account.org.code())?;
        self.open_entry_keys(kind, case, &rows)
    }

    /// Brings the item and share keys of one case in line with the verified members, the signed
    /// overrides and the verified covenant: wraps the keys this session holds for organisations
    /// that may receive them and lack them; drops wraps of organisations that may no longer (no
    /// key needed for that). Returns whether nothing is missing any more.
    pub fn reconcile_case_items(
        &self,
        tx: &Tx,
        covenant: &Covenant,
        case: CaseId,
        verified: &std::collections::HashSet<(String, String)>,
    ) -> Result<bool, AppError> {
        let members = self.verified_members_of(tx, case, verified)?;
        let released = self.verified_overrides_of(tx, case)?;
        let empty = Vec::new();
        let mut items = Vec::new();
        // An item whose codes do not open or parse was damaged outside the app: no key moves for
        // it, and it reads as an integrity error, but it keeps nobody from unlocking.
        for mut item in casus_store::pga::items(tx, case)? {
            if self.unseal_item(&mut item).is_err() {
                continue;
            }
            let Ok(meta) = item_meta(&item) else {
                continue;
            };
            let audience =
                self.item_audience(covenant, meta, &members, released.get(&item.id).unwrap_or(&empty));
            items.push(Audience {
                source: meta.source,
                row: item_row(&item.id, meta),
                id: item.id,
                content_ct: item.content_ct,
                audience,
            });
        }
        let mut shares = Vec::new();
        // Shares still under the case key have no keys of their own yet (see `own_shares`). A
        // share whose stored codes do not parse was damaged outside the app: no key moves for it
        // and it reads as an integrity error, but it keeps nobody from unlocking.
        for mut s in casus_store::meetings::shares_of_case(tx, case)?
            .into_iter()
            .filter(|s| s.own_key)
        {
            if self.unseal_share(&mut s).is_err() {
                continue;
            }
            let Ok(meta) = item_meta_of(&s.source_org, &s.category, &s.basis) else {
                continue;
            };
            let share = ShareMeta {
                meta,
                allowed_to: &s.allowed_to,
            };
            let Ok(audience) = self.share_audience(covenant, share, &members) else {
                continue;
            };
            shares.push(Audience {
                source: meta.source,
                row: share_row(&s.id, share),
                audience,
                id: s.id,
                content_ct: s.content_ct,
            });
        }
        // Decisions still under the case key have no keys of their own yet (see `own_decisions`).
        let audience = self.decision_audience(covenant, &members);
        let decisions = casus_store::meetings::decisions_of_case(tx, case)?
            .into_iter()
            .filter(|d| d.own_key)
            .map(|d| Audience {
                source: DECISIONS.source,
                row: d.id.clone(),
                id: d.id,
                content_ct: d.details_ct,
                audience: audience.clone(),
            })
            .collect();
        let items_done = self.reconcile_entries(tx, Entry::Item, case, items)?;
        let shares_done = self.reconcile_entries(tx, Entry::Share, case, shares)?;
        let decisions_done = self.reconcile_entries(tx, Entry::Decision, case, decisions)?;
        Ok(items_done && shares_done && decisions_done)
    }

    /// See [`Keys::reconcile_case_items`], for the entries of one kind.
    fn reconcile_entries(
        &self,
        tx: &Tx,
        kind: Entry,
        case: CaseId,
        entries: Vec<Audience>,
    ) -> Result<bool, AppError> {
        // A wrap changed outside the app makes this organisation's keys of the case count as not
        // held here: nothing is passed on from this session, and nobody is kept from unlocking
        // (reading the case reports the damage).
        let mine = self.entry_keys(tx, kind, case).unwrap_or_default();
        let holders: std::collections::HashSet<(String, String)> =
            keyring::entry_key_holders(tx, kind, case)?.into_iter().collect();
        let mut complete = true;
        for e in entries {
            // Metadata edited outside the app must not widen who gets the key: a holder passes it
            // on only when the content opens under the metadata as stored (the AAD binds it).
            let key = mine.get(&e.id);
            if let Some(key) = key {
                if self.open_entry(key, &e.row, &e.content_ct).is_err() {
                    complete = false;
                    continue;
                }
            }
            for org in &e.audience {
                if holders.contains(&(e.id.clone(), org.code().to_string())) {
                    continue;
                }
                match key {
                    Some(key) if self.wrap_entry_key(tx, key, *org)? => {}
                    _ => complete = false,
                }
            }
            for (held, org) in holders.iter().filter(|(i, _)| *i == e.id) {
                if *org != e.source.code() && !e.audience.iter().any(|o| o.code() == org) {
                    keyring::delete_entry_key(tx, kind, held, org)?;
                }
            }
        }
        Ok(complete)
    }

    /// Moves the decisions written before schema 10 (sealed under their case's key) to keys of
    /// their own, for every case whose key this session holds; as [`Keys::own_shares`].
    pub fn own_decisions(&self, tx: &Tx, covenant: &Covenant) -> Result<usize, AppError> {
        let legacy = casus_store::meetings::decisions_under_case_key(tx)?;
        let mut case_keys = HashMap::new();
        let mut moved = 0;
        for d in legacy {
            let Some((case, plain)) = self.open_legacy(
                tx,
                &mut case_keys,
                &d.case_id,
                CaseRow::Decision,
                &d.id,
                &d.details_ct,
            ) else {
                continue;
            };
            let key = EntryKey::random(Entry::Decision, case, &d.id)?;
            casus_store::meetings::set_decision_own_key(tx, &d.id, &self.seal_decision(&key, &plain)?)?;
            self.grant_new_decision(tx, covenant, &key)?;
            moved += 1;
        }
        Ok(moved)
    }

    /// Opens a row still sealed under its case's key (a share or decision of an older store), with
    /// the case keys this session holds, each loaded once (`cache`). `None`: the case id is
    /// malformed, this session holds no key to the case, or the value does not open.
    fn open_legacy(
        &self,
        tx: &Tx,
        cache: &mut HashMap<String, Option<CaseKey>>,
        case: &str,
        col: CaseRow,
        row: &str,
        sealed: &[u8],
    ) -> Option<(CaseId, Zeroizing<Vec<u8>>)> {
        let id = CaseId::parse(case).ok()?;
        let key = cache
            .entry(case.to_string())
            .or_insert_with(|| self.case_key(tx, id).ok())
            .as_ref()?;
        Some((id, self.open_row(key, col, row, sealed).ok()?))
    }

    /// Moves the shares written before schema 6 (sealed under their case's key, so every member
    /// organisation could open them) to keys of their own, for every case whose key this session
    /// holds. A share whose content does not open (edited outside the app) is left as it is: it
    /// reads as an integrity error. Returns how many moved.
    pub fn own_shares(&self, tx: &Tx, covenant: &Covenant) -> Result<usize, AppError> {
        let legacy = casus_store::meetings::shares_under_case_key(tx)?;
        if legacy.is_empty() {
            return Ok(0);
        }
        let mut case_keys = HashMap::new();
        let mut moved = 0;
        for mut s in legacy {
            if self.unseal_share(&mut s).is_err() {
                continue;
            }
            let Some((case, plain)) = self.open_legacy(
                tx,
                &mut case_keys,
                &s.case_id,
                CaseRow::Share,
                &s.id,
                &s.content_ct,
            ) else {
                continue;
            };
            let Ok(meta) = item_meta_of(&s.source_org, &s.category, &s.basis) else {
                continue;
            };
            let share = ShareMeta {
                meta,
                allowed_to: &s.allowed_to,
            };
            if share.recipients().is_err() {
                continue;
            }
            let key = EntryKey::random(Entry::Share, case, &s.id)?;
            casus_store::meetings::set_share_own_key(tx, &s.id, &self.seal_share(&key, share, &plain)?)?;
            self.grant_new_share(tx, covenant, &key, share)?;
            moved += 1;
        }
        Ok(moved)
    }

    /// Works through the key requests: every case this session can help with. Returns how many
    /// requests were settled.
    pub fn process_key_requests(&self, tx: &Tx, covenant: &Covenant) -> Result<usize, AppError> {
        let requests = keyring::key_requests(tx)?;
        if requests.is_empty() {
            return Ok(0);
        }
        let verified = self.verified_members(tx)?;
        let mut settled = 0;
        let mut done: HashMap<String, bool> = HashMap::new();
        for (case, org) in requests {
            let Ok(id) = CaseId::parse(&case) else {
                keyring::drop_key_request(tx, &case, &org)?;
                continue;
            };
            let complete = match done.get(&case) {
                Some(c) => *c,
                None => {
                    let c = self.reconcile_case_items(tx, covenant, id, &verified)?;
                    done.insert(case.clone(), c);
                    c
                }
            };
            if complete {
                keyring::drop_key_request(tx, &case, &org)?;
                settled += 1;
            }
        }
        Ok(settled)
    }

    // ---- sealing under the held keys ---------------------------------------------------------

    /// Seals a column of the case's own row.
    pub fn seal_field(&self, key: &CaseKey, field: CaseField, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let row = key.case.to_string();
        key.seal(&aad(self.store, field.column(), &row, Some(key.case)), plain)
    }

    pub fn open_field(
        &self,
        key: &CaseKey,
        field: CaseField,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let row = key.case.to_string();
        key.open(&aad(self.store, field.column(), &row, Some(key.case)), sealed)
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
        key.seal(&aad(self.store, col.column(), row, Some(key.case)), plain)
    }

    pub fn open_row(
        &self,
        key: &CaseKey,
        col: CaseRow,
        row: &str,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        key.open(&aad(self.store, col.column(), row, Some(key.case)), sealed)
    }

    /// Seals one version of a case's plan of approach.
    pub fn seal_plan(&self, key: &CaseKey, version: u32, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let row = format!("{}/v{version}", key.case);
        key.seal(&aad(self.store, Column::PlanContent, &row, Some(key.case)), plain)
    }

    pub fn open_plan(
        &self,
        key: &CaseKey,
        version: u32,
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let row = format!("{}/v{version}", key.case);
        key.open(
            &aad(self.store, Column::PlanContent, &row, Some(key.case)),
            sealed,
        )
    }

    fn seal_meta_raw(&self, col: Column, row: &str, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let held = self
            .newest(KeyGroup::Meta)
            .ok_or_else(|| AppError::integrity(ACCOUNT_EDITED))?;
        Ok(seal(&held.secret, &aad(self.store, col, row, None), plain)?)
    }

    fn open_meta_raw(&self, col: Column, row: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let mut last = casus_crypto::CryptoError::Open;
        for held in self.held.get(&KeyGroup::Meta).into_iter().flatten() {
            match open(&held.secret, &aad(self.store, col, row, None), sealed) {
                Ok(plain) => return Ok(plain),
                Err(e) => last = e,
            }
        }
        Err(last.into())
    }

    /// Seals store-wide text that is not about one case (meeting details, attendee names) under the
    /// meta key, bound to table, column and row.
    pub fn seal_meta(&self, col: MetaRow, row: &str, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        self.seal_meta_raw(col.column(), row, plain)
    }

    pub fn open_meta(&self, col: MetaRow, row: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        self.open_meta_raw(col.column(), row, sealed)
    }

    /// Seals a row's codes (schema 7) under the meta key, bound to its table, row and case: the
    /// values of [`CodesTable::columns`], in that order.
    pub fn seal_codes(
        &self,
        table: CodesTable,
        case: CaseId,
        row: &str,
        values: &[Option<&str>],
    ) -> Result<Vec<u8>, AppError> {
        self.seal_codes_of(table, Some(case), row, values)
    }

    /// [`Keys::seal_codes`] for a row of a table that belongs to no one case (attendees,
    /// disclosure records): bound to its table and row only.
    pub fn seal_codes_unbound(
        &self,
        table: CodesTable,
        row: &str,
        values: &[Option<&str>],
    ) -> Result<Vec<u8>, AppError> {
        self.seal_codes_of(table, None, row, values)
    }

    fn seal_codes_of(
        &self,
        table: CodesTable,
        case: Option<CaseId>,
        row: &str,
        values: &[Option<&str>],
    ) -> Result<Vec<u8>, AppError> {
        let map: serde_json::Map<String, serde_json::Value> = table
            .sealed_names()
            .zip(values)
            .map(|(c, v)| (c.to_string(), v.map_or(serde_json::Value::Null, |v| v.into())))
            .collect();
        let plain = serde_json::to_vec(&map).map_err(|_| AppError::internal("encoding failed"))?;
        let held = self
            .newest(KeyGroup::Meta)
            .ok_or_else(|| AppError::integrity(ACCOUNT_EDITED))?;
        Ok(seal(
            &held.secret,
            &aad(self.store, codes_column(table), row, case),
            &plain,
        )?)
    }

    /// Opens a row's sealed codes: the values of [`CodesTable::sealed_names`], in that order (a
    /// name the row was sealed without is `None`).
    pub fn open_codes(
        &self,
        table: CodesTable,
        case: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<Vec<Option<String>>, AppError> {
        let case = CaseId::parse(case).map_err(|_| AppError::integrity(CODES_EDITED))?;
        self.open_codes_of(table, Some(case), row, sealed)
    }

    fn open_codes_of(
        &self,
        table: CodesTable,
        case: Option<CaseId>,
        row: &str,
        sealed: &[u8],
    ) -> Result<Vec<Option<String>>, AppError> {
        let aad = aad(self.store, codes_column(table), row, case);
        let plain = self
            .held
            .get(&KeyGroup::Meta)
            .into_iter()
            .flatten()
            .find_map(|held| open(&held.secret, &aad, sealed).ok())
            .ok_or_else(|| AppError::integrity(CODES_EDITED))?;
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&plain).map_err(|_| AppError::integrity(CODES_EDITED))?;
        // A moved column must be in the sealed map; a bound one is absent from rows sealed before
        // it was bound.
        let moved = table.columns().iter().map(|(c, _)| (*c, true));
        let bound = table.bound().iter().map(|c| (*c, false));
        moved
            .chain(bound)
            .map(|(c, required)| match map.get(c) {
                Some(serde_json::Value::String(v)) => Ok(Some(v.clone())),
                Some(serde_json::Value::Null) => Ok(None),
                None if !required => Ok(None),
                _ => Err(AppError::integrity(CODES_EDITED)),
            })
            .collect()
    }

    /// Fills an item row's codes from its sealed value (a row of before schema 7 keeps its plain
    /// codes until the unlock that seals them).
    pub fn unseal_item(&self, row: &mut casus_store::pga::ItemRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let mut v = self
                .open_codes(CodesTable::Items, &row.case_id, &row.id, ct)?
                .into_iter();
            let mut next = || v.next().flatten().unwrap_or_default();
            row.kind = next();
            row.source_org = next();
            row.category = next();
            row.basis = next();
            row.reliability = next();
        }
        Ok(())
    }

    /// As [`Keys::unseal_item`], for a share.
    pub fn unseal_share(&self, row: &mut casus_store::meetings::ShareRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let mut v = self
                .open_codes(CodesTable::Shares, &row.case_id, &row.id, ct)?
                .into_iter();
            let mut next = || v.next().flatten().unwrap_or_default();
            row.source_org = next();
            row.category = next();
            row.basis = next();
            row.allowed_to = next();
            row.denied_to = next();
        }
        Ok(())
    }

    /// As [`Keys::unseal_item`], for a weighing.
    pub fn unseal_weighing(&self, row: &mut casus_store::pga::WeighingRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let v = self.open_codes(CodesTable::Weighings, &row.case_id, &row.id, ct)?;
            row.outcome = v.into_iter().next().flatten().unwrap_or_default();
        }
        Ok(())
    }

    /// As [`Keys::unseal_item`], for a decision.
    pub fn unseal_decision(&self, row: &mut casus_store::meetings::DecisionRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let mut v = self
                .open_codes(CodesTable::Decisions, &row.case_id, &row.id, ct)?
                .into_iter();
            row.kind = v.next().flatten().unwrap_or_default();
            row.owner_org = v.next().flatten();
        }
        Ok(())
    }

    /// As [`Keys::unseal_item`], for a meeting's attendee.
    pub fn unseal_attendee(&self, row: &mut casus_store::meetings::AttendeeRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let v = self.open_codes_of(CodesTable::Attendees, None, &row.id, ct)?;
            row.org = v.into_iter().next().flatten().unwrap_or_default();
        }
        Ok(())
    }

    /// As [`Keys::unseal_item`], for an agenda item.
    pub fn unseal_agenda(&self, row: &mut casus_store::meetings::ItemRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let v = self.open_codes(CodesTable::AgendaItems, &row.case_id, &row.id, ct)?;
            row.reason = v.into_iter().next().flatten().unwrap_or_default();
        }
        Ok(())
    }

    /// A case's state sealed for its own row (schema 8), with its number (schema 11), so that the
    /// plain number column cannot be edited outside the app unnoticed.
    pub fn seal_state(&self, case: CaseId, state: &str, number: &str) -> Result<Vec<u8>, AppError> {
        self.seal_codes(
            CodesTable::Cases,
            case,
            &case.to_string(),
            &[Some(state), Some(number)],
        )
    }

    /// The state of a case's row: opened from its sealed value, or the plain column of a row of
    /// before schema 8. When the sealed value carries the case number (schema 11), it must equal
    /// the plain `number` column: a number edited outside the app is an integrity error.
    pub fn open_state(
        &self,
        case: &str,
        plain: &str,
        codes_ct: Option<&[u8]>,
        number: &str,
    ) -> Result<String, AppError> {
        match codes_ct {
            Some(ct) => {
                let mut v = self.open_codes(CodesTable::Cases, case, case, ct)?.into_iter();
                let state = v.next().flatten().unwrap_or_default();
                match v.next().flatten() {
                    Some(sealed) if sealed != number => Err(AppError::integrity(CASE_NUMBER_EDITED)),
                    _ => Ok(state),
                }
            }
            None => Ok(plain.to_string()),
        }
    }

    /// Binds the number of every case of before schema 11 into its sealed codes (any account holds
    /// the meta key, so the first unlock after the upgrade does it for the whole store). Returns
    /// how many rows it bound.
    pub fn bind_case_numbers(&self, tx: &Tx) -> Result<usize, AppError> {
        let rows = casus_store::cases::unbound_numbers(tx)?;
        let mut bound = 0;
        for (id, number, codes_ct) in rows {
            let Ok(case) = CaseId::parse(&id) else { continue };
            let Some(ct) = codes_ct else {
                // Still plain (before schema 8): `seal_plain_codes` seals it first, on this unlock.
                continue;
            };
            // A damaged row must not block the unlock: it is left as it is, and opening that case
            // reports it.
            let Ok(opened) = self.open_codes(CodesTable::Cases, &id, &id, &ct) else {
                continue;
            };
            let mut v = opened.into_iter();
            let state = v.next().flatten().unwrap_or_default();
            if v.next().flatten().is_some_and(|sealed| sealed != number) {
                continue;
            }
            let sealed = self.seal_state(case, &state, &number)?;
            casus_store::cases::bind_number(tx, &id, &sealed)?;
            bound += 1;
        }
        Ok(bound)
    }

    /// As [`Keys::unseal_item`], for a transition.
    pub fn unseal_transition(&self, row: &mut casus_store::pga::TransitionRow) -> Result<(), AppError> {
        if let Some(ct) = &row.codes_ct {
            let mut v = self
                .open_codes(CodesTable::Transitions, &row.case_id, &row.id, ct)?
                .into_iter();
            row.from_state = v.next().flatten().unwrap_or_default();
            row.to_state = v.next().flatten().unwrap_or_default();
        }
        Ok(())
    }

    /// Seals the plain codes of every row written before schema 7 (any account holds the meta
    /// key, so the first unlock after the upgrade does it for the whole store). Returns how many
    /// rows it sealed.
    pub fn seal_plain_codes(&self, tx: &Tx) -> Result<usize, AppError> {
        let mut sealed = 0;
        for table in CodesTable::ALL {
            for row in casus_store::codes::plain_codes(tx, table)? {
                let case = match row.case_id.as_deref().map(CaseId::parse) {
                    Some(Ok(case)) => Some(case),
                    Some(Err(_)) => continue,
                    None => None,
                };
                let values: Vec<Option<&str>> = row.values.iter().map(|v| v.as_deref()).collect();
                let ct = self.seal_codes_of(table, case, &row.id, &values)?;
                casus_store::codes::seal_codes(tx, table, &row.id, &ct)?;
                sealed += 1;
            }
        }
        Ok(sealed)
    }

    /// Seals an account name under the meta key.
    pub fn seal_user_name(&self, user: &UserId, name: &str) -> Result<Vec<u8>, AppError> {
        self.seal_meta_raw(Column::UserName, &user.to_string(), name.as_bytes())
    }

    pub fn open_user_name(&self, user: &UserId, sealed: &[u8]) -> Result<String, AppError> {
        let plain = self.open_meta_raw(Column::UserName, &user.to_string(), sealed)?;
        String::from_utf8(plain.to_vec()).map_err(|_| AppError::integrity("an account name is not text"))
    }

    /// Seals audit details (for example a search query) to the log group: anyone writes them, only
    /// the log's holders (the privacy officer) read them. Before the store has a log group (no
    /// privacy officer yet) they are sealed under the metadata key.
    pub fn seal_details(&self, case: Option<CaseId>, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let aad = details_aad(self.store, case);
        match self.publics.get(&KeyGroup::Log) {
            Some((_, public)) => {
                let public: [u8; 32] = public
                    .as_slice()
                    .try_into()
                    .map_err(|_| AppError::integrity("a key group's public key is malformed"))?;
                Ok(seal_bytes_to(&public, &aad, plain)?)
            }
            None => {
                let held = self
                    .newest(KeyGroup::Meta)
                    .ok_or_else(|| AppError::integrity(ACCOUNT_EDITED))?;
                Ok(seal(&held.secret, &aad, plain)?)
            }
        }
    }

    /// Seals a search query to the search group (write-only, like other details; destroyed with
    /// every case destruction). Before the store has one, as other details.
    pub fn seal_search(&self, plain: &[u8]) -> Result<Vec<u8>, AppError> {
        let Some((_, public)) = self.publics.get(&KeyGroup::Search) else {
            return self.seal_details(None, plain);
        };
        let public: [u8; 32] = public
            .as_slice()
            .try_into()
            .map_err(|_| AppError::integrity("a key group's public key is malformed"))?;
        Ok(seal_bytes_to(&public, &details_aad(self.store, None), plain)?)
    }

    /// A new epoch of `group`, granted to every certified account that may hold it, and every
    /// older epoch destroyed (its grants and its row): what was sealed to them opens for nobody
    /// any more. The session reloads its keys afterwards.
    pub fn renew_and_destroy_older(&self, tx: &Tx, group: KeyGroup, at: &str) -> Result<(), AppError> {
        let code = group.code();
        let newest = keyring::groups(tx)?
            .into_iter()
            .filter(|g| g.grp == code)
            .map(|g| g.epoch)
            .max()
            .unwrap_or(0);
        let held = HeldEpoch::random(newest + 1)?;
        keyring::insert_group(tx, &code, held.epoch, &held.public(group)?, at)?;
        for account in self
            .certified_accounts(tx)?
            .iter()
            .filter(|a| policy::holds(a.role, a.org, group))
        {
            self.put_grant(tx, group, &held, account)?;
        }
        keyring::destroy_epochs_before(tx, &code, held.epoch)?;
        Ok(())
    }

    pub fn open_details(&self, case: Option<CaseId>, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AppError> {
        let aad = details_aad(self.store, case);
        if casus_crypto::is_box(sealed) {
            let log = self.held.get(&KeyGroup::Log).into_iter().flatten();
            let search = self.held.get(&KeyGroup::Search).into_iter().flatten();
            for held in log.chain(search) {
                if let Ok(plain) = open_bytes_from(&held.boxed(), &aad, sealed) {
                    return Ok(plain);
                }
            }
            return Err(casus_crypto::CryptoError::Open.into());
        }
        // Details from before the key model (the old log key is log epoch 1's secret) or from
        // before the store had a log group (the metadata key).
        for group in [KeyGroup::Log, KeyGroup::Meta] {
            for held in self.held.get(&group).into_iter().flatten() {
                if let Ok(plain) = open(&held.secret, &aad, sealed) {
                    return Ok(plain);
                }
            }
        }
        Err(casus_crypto::CryptoError::Open.into())
    }

    /// The blind index of a BSN under the newest lookup epoch this session holds: equal BSNs give
    /// equal values, and nothing else can be learnt without the lookup key.
    pub fn bsn_lookup(&self, bsn: &str) -> Result<Vec<u8>, AppError> {
        let held = self.newest(KeyGroup::Lookup).ok_or_else(|| {
            AppError::forbidden(
                "this account's keys have not all arrived yet; they arrive when a colleague unlocks",
            )
        })?;
        Ok(bsn_hmac(&held.secret, bsn))
    }

    /// The blind index of a BSN under every lookup epoch held (a case made before a rotation
    /// carries an older one).
    pub fn bsn_lookups(&self, bsn: &str) -> Vec<Vec<u8>> {
        self.held
            .get(&KeyGroup::Lookup)
            .into_iter()
            .flatten()
            .map(|h| bsn_hmac(&h.secret, bsn))
            .collect()
    }

    /// Creates the groups this account may hold and the store has none of yet (the first content
    /// account creates the lookup group, the first privacy officer the log group, the first
    /// account of an organisation that organisation's group).
    pub fn ensure_own_groups(&mut self, tx: &Tx, at: &str) -> Result<usize, AppError> {
        let mut made = 0;
        for group in policy::key_groups_of(self.account.role, self.account.org) {
            if !self.publics.contains_key(&group) {
                self.new_epoch(tx, group, None, at)?;
                made += 1;
            }
        }
        Ok(made)
    }

    /// Seals the audit signing key under the newest metadata epoch (after a rotation).
    pub fn reseal_signing_key(&self, tx: &Tx) -> Result<(), AppError> {
        let sealed = self.seal_meta_raw(Column::SigningKey, "", self.signing.pkcs8())?;
        meta::set(tx, SIGNING_KEY_META, &sealed)?;
        Ok(())
    }

    /// This account's own secret, sealed under a (new) KEK: a passphrase change.
    pub fn seal_own_bundle(&self, kek: &SecretKey) -> Result<Vec<u8>, AppError> {
        Self::seal_bundle(self.store, kek, &self.account.id, &self.own_secret)
    }

    /// The account's own secret sealed under its KEK.
    pub fn seal_bundle(
        store: StoreId,
        kek: &SecretKey,
        user: &str,
        secret: &SecretKey,
    ) -> Result<Vec<u8>, AppError> {
        Ok(wrap_key(
            kek,
            &aad(store, Column::UserBundle, user, None),
            secret,
        )?)
    }

    /// Opens an account's own secret; fails on a wrong passphrase.
    pub fn open_bundle(
        store: StoreId,
        kek: &SecretKey,
        user: &str,
        sealed: &[u8],
    ) -> Result<SecretKey, casus_crypto::CryptoError> {
        unwrap_key(kek, &aad(store, Column::UserBundle, user, None), sealed)
    }

    /// Costs what a real unlock costs (the key derivation at `iterations` and one unwrap), for
    /// an unknown account name, so timing does not tell which names exist.
    pub fn spend_like_an_unlock(store: StoreId, passphrase: &str, iterations: u32) {
        let user_key = casus_crypto::derive_user_key(passphrase, &[0u8; 32], iterations);
        let kek = casus_crypto::kek_for_user(&user_key, &store, &UserId::from_bytes([0; 16]));
        let _ = Self::open_bundle(store, &kek, "", &[1u8; 61]);
    }

    /// A fresh account secret (to seal under the account's KEK) with its X25519 public key and
    /// its Ed25519 verify key.
    pub fn new_account_secret() -> Result<(SecretKey, [u8; 32], [u8; 32]), AppError> {
        let secret = SecretKey::random()?;
        let public = Self::own_pair(&secret).public();
        let sign_public = SigningKey::from_secret(&secret)?.public_key();
        Ok((secret, public, sign_public))
    }

    /// Builds the key model from the old master key's keys (the upgrade): groups whose first
    /// epochs are the old store keys (so every old ciphertext still opens), organisation groups,
    /// the case keys sealed to their members, and a key pair for every other account, sealed
    /// under the old master key until that account's first unlock.
    pub fn upgrade(
        tx: &Tx,
        store: StoreId,
        legacy: &Legacy,
        covenant: &Covenant,
        me: (&str, Role, Organisation),
        at: &str,
    ) -> Result<(Keys, SecretKey), AppError> {
        let own_secret = SecretKey::random()?;
        let own = Self::own_pair(&own_secret);
        let sealed = meta::require(tx, SIGNING_KEY_META)?;
        let pkcs8 = open(&legacy.meta, &aad(store, Column::SigningKey, "", None), &sealed)?;
        let mut keys = Keys {
            store,
            account: AccountKeys {
                id: me.0.to_string(),
                role: me.1,
                org: me.2,
                public: own.public(),
                sign_public: SigningKey::from_secret(&own_secret)?.public_key(),
            },
            own,
            own_signer: SigningKey::from_secret(&own_secret)?,
            own_secret: own_secret.duplicate(),
            held: HashMap::new(),
            publics: HashMap::new(),
            verify_keys: Vec::new(),
            signing: SigningKey::from_pkcs8(&pkcs8)?,
        };
        // Every account gets a key pair now; the others' secrets wait under the old master key.
        let mut accounts = Vec::new();
        for a in keyring::accounts(tx)? {
            let role =
                Role::parse(&a.role).ok_or_else(|| AppError::integrity("a user has an unknown role"))?;
            let org = Organisation::parse(&a.org)
                .ok_or_else(|| AppError::integrity("a user has an unknown organisation"))?;
            let uid = UserId::parse(&a.id).map_err(|_| AppError::integrity("a user id is malformed"))?;
            let (secret, public, sign_public) = if a.id == me.0 {
                (None, keys.account.public, keys.account.sign_public)
            } else {
                let (s, p, sp) = Self::new_account_secret()?;
                (Some(s), p, sp)
            };
            let account = AccountKeys {
                id: a.id.clone(),
                role,
                org,
                public,
                sign_public,
            };
            let pending_ct = match &secret {
                Some(s) => Some(legacy.seal_pending(store, &account.row(), s)?),
                None => None,
            };
            keyring::set_bundle(
                tx,
                uid,
                &keyring::Bundle {
                    box_public: Some(public.to_vec()),
                    bundle_ct: None,
                    pending_ct,
                    cert: None,
                    sign_public: Some(sign_public.to_vec()),
                },
            )?;
            accounts.push(account);
        }
        // The accounts group: made by the upgrading session, which certifies everyone (the old
        // model gave every account every key; this is the last moment that is true).
        let accounts_epoch = HeldEpoch::random(1)?;
        let verify = accounts_epoch.public(KeyGroup::Accounts)?;
        keyring::insert_group(tx, "accounts", 1, &verify, at)?;
        keys.verify_keys.push((1, verify.clone()));
        keys.publics.insert(KeyGroup::Accounts, (1, verify));
        let signer = SigningKey::from_secret(&accounts_epoch.secret)?;
        for a in &accounts {
            let message = cert_message(
                store,
                &a.id,
                a.role.code(),
                a.org.code(),
                &a.public,
                &a.sign_public,
            );
            keyring::set_cert(tx, &a.id, &signer.sign(&message))?;
        }
        let mut seeds: Vec<(KeyGroup, HeldEpoch)> = vec![(KeyGroup::Accounts, accounts_epoch)];
        seeds.push((
            KeyGroup::Meta,
            HeldEpoch {
                epoch: 1,
                secret: legacy.meta.duplicate(),
            },
        ));
        if accounts
            .iter()
            .any(|a| policy::holds(a.role, a.org, KeyGroup::Log))
        {
            seeds.push((
                KeyGroup::Log,
                HeldEpoch {
                    epoch: 1,
                    secret: legacy.log.duplicate(),
                },
            ));
        }
        seeds.push((
            KeyGroup::Lookup,
            HeldEpoch {
                epoch: 1,
                secret: legacy.lookup.duplicate(),
            },
        ));
        let mut orgs: Vec<Organisation> = accounts
            .iter()
            .filter(|a| policy::is_content_role(a.role))
            .map(|a| a.org)
            .collect();
        for (_, org) in casus_store::pga::all_members(tx)? {
            if let Some(o) = Organisation::parse(&org) {
                orgs.push(o);
            }
        }
        orgs.sort();
        orgs.dedup();
        for org in orgs {
            seeds.push((KeyGroup::Org(org), HeldEpoch::random(1)?));
        }
        for (group, held) in &seeds {
            if *group != KeyGroup::Accounts {
                keyring::insert_group(tx, &group.code(), 1, &held.public(*group)?, at)?;
                keys.publics.insert(*group, (1, held.public(*group)?));
            }
        }
        for (group, held) in &seeds {
            for a in accounts.iter().filter(|a| policy::holds(a.role, a.org, *group)) {
                keys.put_grant(tx, *group, held, a)?;
            }
        }
        // Settings, memberships: signed by the upgrading account (the old model trusted them all).
        for name in SIGNED_SETTINGS {
            if let Some(value) = meta::get(tx, name)? {
                keys.sign_setting(tx, name, &value)?;
            }
        }
        for m in keyring::member_rows(tx)? {
            let case =
                CaseId::parse(&m.case_id).map_err(|_| AppError::integrity("a case id is malformed"))?;
            let org = Organisation::parse(&m.org)
                .ok_or_else(|| AppError::integrity("a case member is malformed"))?;
            keys.sign_member(tx, case, org)?;
        }
        // Case keys: the old key of each case becomes its epoch 1, sealed to its members; each
        // item moves from under the case key to its own key, sealed to its audience.
        let verified = keys.verified_members(tx)?;
        for (id, wrapped, version) in casus_store::cases::wrapped_keys(tx)? {
            let case = CaseId::parse(&id).map_err(|_| AppError::integrity("a case id is malformed"))?;
            let key = legacy.case_key(store, case, &wrapped, version)?;
            keys.store_new_case_key(tx, &key)?;
            for item in casus_store::pga::items(tx, case)? {
                let meta = item_meta(&item)?;
                let old = key.open(
                    &aad(store, Column::ItemContent, &item.id, Some(case)),
                    &item.content_ct,
                )?;
                let item_key = EntryKey::random(Entry::Item, case, &item.id)?;
                keyring::update_item_content(tx, &item.id, &keys.seal_item(&item_key, meta, &old)?)?;
                let members = keys.verified_members_of(tx, case, &verified)?;
                for org in keys.item_audience(covenant, meta, &members, &[]) {
                    if !keys.wrap_entry_key(tx, &item_key, org)? {
                        keyring::request_keys(tx, case, org.code())?;
                    }
                }
            }
        }
        for (group, held) in seeds {
            if policy::holds(me.1, me.2, group) {
                keys.held.entry(group).or_default().push(held);
            }
        }
        keyring::clear_master_material(tx)?;
        Ok((keys, own_secret))
    }
}

#[cfg(test)]
impl Keys {
    /// Keys for unit tests: an account holding one metadata epoch, no store behind it.
    pub(crate) fn for_test(store: StoreId) -> Keys {
        let own_secret = SecretKey::random().unwrap();
        let own = BoxSecret::from_key(&own_secret);
        let mut held = HashMap::new();
        held.insert(KeyGroup::Meta, vec![HeldEpoch::random(1).unwrap()]);
        Keys {
            store,
            account: AccountKeys {
                id: UserId::from_bytes([5; 16]).to_string(),
                role: crate::policy::ADMINISTRATOR,
                org: Organisation::Gemeente,
                public: own.public(),
                sign_public: [0; 32],
            },
            own,
            own_signer: SigningKey::from_secret(&own_secret).unwrap(),
            own_secret,
            held,
            publics: HashMap::new(),
            verify_keys: Vec::new(),
            signing: SigningKey::generate().unwrap(),
        }
    }
}

fn bsn_hmac(key: &SecretKey, bsn: &str) -> Vec<u8> {
    let mut message = b"bsn/v1/".to_vec();
    message.extend_from_slice(bsn.as_bytes());
    key.hmac(&message).to_vec()
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
        let keys = Keys::for_test(store);
        let a = CaseKey::random(CaseId::from_bytes([1; 16])).unwrap();
        let ct = keys.seal_row(&a, CaseRow::Share, "x", b"geheim").unwrap();
        assert_eq!(&**keys.open_row(&a, CaseRow::Share, "x", &ct).unwrap(), b"geheim");
        assert!(
            keys.open_row(&a, CaseRow::Decision, "x", &ct).is_err(),
            "another column"
        );
        assert!(
            keys.open_row(&a, CaseRow::Share, "y", &ct).is_err(),
            "another row"
        );
        let parent = SecretKey::random().unwrap();
        let a = CaseKey {
            case: CaseId::from_bytes([1; 16]),
            epochs: vec![(1, parent.subkey("same"))],
        };
        let b = CaseKey {
            case: CaseId::from_bytes([2; 16]),
            epochs: vec![(1, parent.subkey("same"))],
        };
        let ct = keys.seal_row(&a, CaseRow::Share, "x", b"geheim").unwrap();
        assert!(
            keys.open_row(&b, CaseRow::Share, "x", &ct).is_err(),
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
