//! Ids: drawing new ones and parsing the ones people and scripts send. Base layer.

use casus_crypto::random_bytes;
use casus_domain::CaseId;

use crate::error::AppError;

/// A new random id of any kind (16 bytes from the operating system's CSPRNG).
pub(crate) fn new_id<T>(make: fn([u8; 16]) -> T) -> Result<T, AppError> {
    Ok(make(random_bytes::<16>()?))
}

/// A case id as typed: 32 hexadecimal characters.
pub(crate) fn parse_case_id(id: &str) -> Result<CaseId, AppError> {
    CaseId::parse(id).map_err(|_| AppError::invalid("id: a case id is 32 hexadecimal characters"))
}
