//! Decoding what the store keeps sealed, shared by every feature: a case's subject, an item's
//! content and its plain metadata, account names, the inform decision. Base layer: it uses the
//! column table and the store, never a feature module or the session.

use std::collections::HashMap;

use casus_domain::case::CaseRecord;
use casus_domain::{CaseId, UserId};
use casus_store::{pga, users, Tx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::AppError;
use crate::keys::{CaseField, CaseKey, Keys};

/// The sealed form of a subject (JSON inside the envelope). Zeroized when dropped.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub(crate) struct SubjectPlain {
    pub name: String,
    pub born: String,
    pub bsn: Option<String>,
    pub address: String,
}

pub(crate) fn decode_subject(plain: &[u8]) -> Result<SubjectPlain, AppError> {
    serde_json::from_slice(plain).map_err(|_| AppError::integrity("a case's sealed subject is malformed"))
}

impl From<&CaseRecord> for SubjectPlain {
    fn from(r: &CaseRecord) -> Self {
        SubjectPlain {
            name: r.subject.name.clone(),
            born: r.subject.born.format("%Y-%m-%d").to_string(),
            bsn: r.subject.bsn.as_ref().map(|b| b.as_str().to_string()),
            address: r.subject.address.clone(),
        }
    }
}

pub(crate) use crate::keys::item_meta;

/// A case's lifecycle fields with its state opened (schema 8 seals it under the meta key).
pub(crate) fn lifecycle(tx: &Tx, keys: &Keys, case: CaseId) -> Result<Option<pga::Lifecycle>, AppError> {
    let Some(mut life) = pga::lifecycle(tx, case)? else {
        return Ok(None);
    };
    life.state = keys.open_state(
        &case.to_string(),
        &life.state,
        life.codes_ct.as_deref(),
        &life.number,
    )?;
    Ok(Some(life))
}

/// Every case's lifecycle fields with its state opened: (id, lifecycle).
pub(crate) fn lifecycles(tx: &Tx, keys: &Keys) -> Result<Vec<(String, pga::Lifecycle)>, AppError> {
    let mut rows = pga::lifecycles(tx)?;
    for (id, life) in &mut rows {
        life.state = keys.open_state(id, &life.state, life.codes_ct.as_deref(), &life.number)?;
    }
    Ok(rows)
}

/// Writes a case's lifecycle fields, its state sealed (the plain column left empty).
pub(crate) fn set_lifecycle(
    tx: &Tx,
    keys: &Keys,
    case: CaseId,
    life: &pga::Lifecycle,
    now: &str,
) -> Result<(), AppError> {
    let sealed = pga::Lifecycle {
        state: String::new(),
        codes_ct: Some(keys.seal_state(case, &life.state, &life.number)?),
        ..life.clone()
    };
    Ok(pga::set_lifecycle(tx, case, &sealed, now)?)
}

/// A case's transitions with their states opened.
pub(crate) fn transitions(tx: &Tx, keys: &Keys, case: CaseId) -> Result<Vec<pga::TransitionRow>, AppError> {
    let mut rows = pga::transitions(tx, case)?;
    for r in &mut rows {
        keys.unseal_transition(r)?;
    }
    Ok(rows)
}

/// A case's items with their codes opened (schema 7 seals them under the meta key).
pub(crate) fn items(tx: &Tx, keys: &Keys, case: CaseId) -> Result<Vec<pga::ItemRow>, AppError> {
    let mut rows = pga::items(tx, case)?;
    for r in &mut rows {
        keys.unseal_item(r)?;
    }
    Ok(rows)
}

/// One item with its codes opened.
pub(crate) fn item(tx: &Tx, keys: &Keys, id: casus_domain::ItemId) -> Result<Option<pga::ItemRow>, AppError> {
    let mut row = pga::item(tx, id)?;
    if let Some(r) = &mut row {
        keys.unseal_item(r)?;
    }
    Ok(row)
}

/// The sealed part of an item.
#[derive(Serialize, Deserialize)]
pub(crate) struct ItemContent {
    pub reporter_role: String,
    pub content: String,
}

/// Account names by user id, for showing who did what (accounts that were removed are absent).
pub(crate) fn account_names(keys: &Keys, accounts: &[users::UserRow]) -> HashMap<String, String> {
    accounts
        .iter()
        .filter_map(|r| {
            let id = UserId::parse(&r.id).ok()?;
            Some((r.id.clone(), keys.open_user_name(&id, &r.name_ct).ok()?))
        })
        .collect()
}

/// The inform-the-person decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
pub struct InformDecision {
    pub informed: bool,
    pub reason: String,
    pub review: Option<String>,
}

/// The inform-the-person decision of a case, if one was recorded.
pub(crate) fn read_inform(tx: &Tx, keys: &Keys, case: CaseId) -> Result<Option<InformDecision>, AppError> {
    let Some((ct, _)) = pga::inform(tx, case)? else {
        return Ok(None);
    };
    let key = keys.case_key(tx, case)?;
    Ok(Some(open_inform(keys, &key, &ct)?))
}

/// Opens a sealed inform decision.
pub(crate) fn open_inform(keys: &Keys, key: &CaseKey, ct: &[u8]) -> Result<InformDecision, AppError> {
    let plain = keys.open_field(key, CaseField::Inform, ct)?;
    serde_json::from_slice(&plain).map_err(|_| AppError::integrity("an inform decision is malformed"))
}
