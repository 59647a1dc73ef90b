//! The covenant in force in a store: which version is active, and seeding the embedded model
//! covenant into a new store. Base layer: the session loads it at unlock; the covenant commands
//! (`covenant.rs`) import and show versions.

use casus_domain::covenant::Covenant;
use casus_domain::UserId;
use casus_store::{pga, Tx};

use crate::covenant_file::{parse_covenant, MODEL_COVENANT, MODEL_COVENANT_FILE};
use crate::error::AppError;

/// The active covenant of a store and its version number in the store.
pub(crate) struct Active {
    pub covenant: Covenant,
    pub version_no: u32,
}

impl Active {
    /// "id@version (#n)", as recorded with verdicts and certificates.
    pub fn label(&self) -> String {
        format!(
            "{}@{} (#{})",
            self.covenant.id, self.covenant.version, self.version_no
        )
    }
}

/// Stores the embedded model covenant as the first version, if the store has none yet.
pub(crate) fn install_model_if_missing(tx: &Tx, by: &UserId, at: &str) -> Result<bool, AppError> {
    if !pga::covenants(tx)?.is_empty() {
        return Ok(false);
    }
    let covenant = parse_covenant(MODEL_COVENANT_FILE, MODEL_COVENANT)
        .map_err(|e| AppError::internal(format!("the embedded model covenant is invalid: {e}")))?;
    pga::insert_covenant(
        tx,
        &pga::CovenantRow {
            version_no: 0,
            covenant_id: covenant.id.clone(),
            version: covenant.version.clone(),
            file_name: MODEL_COVENANT_FILE.to_string(),
            sha256: casus_crypto::to_hex(&casus_crypto::sha256(MODEL_COVENANT.as_bytes())),
            text: MODEL_COVENANT.to_string(),
            imported_at: at.to_string(),
            imported_by: by.to_string(),
            active: true,
        },
    )?;
    Ok(true)
}

/// Loads the active covenant version.
pub(crate) fn load_active(tx: &Tx) -> Result<Active, AppError> {
    let row = pga::covenants(tx)?
        .into_iter()
        .rfind(|c| c.active)
        .ok_or_else(|| AppError::integrity("the store has no active covenant"))?;
    let covenant = parse_covenant(&row.file_name, &row.text)
        .map_err(|e| AppError::integrity(format!("the stored covenant no longer parses: {e}")))?;
    Ok(Active {
        covenant,
        version_no: row.version_no,
    })
}
