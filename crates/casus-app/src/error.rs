//! The boundary error: a closed [`ErrorCode`] and an English message that never carries personal
//! data. The UI owns the Dutch wording per code; the CLI maps codes to exit codes.

use casus_domain::user::FieldError;
use casus_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// Every way a command can fail, as the doors see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input: malformed JSON, unknown field, invalid date or BSN, oversized field. Nothing written.
    InvalidInput,
    /// The passphrase (or the account name) is wrong.
    WrongPassphrase,
    /// Too many failed attempts: wait `retry_after_secs`.
    Backoff,
    /// The access rules refuse this to this user (the attempt is in the audit log).
    Forbidden,
    NotFound,
    /// Someone else saved in between; reload and try again.
    Conflict,
    /// The store or its audit log is damaged or was altered.
    Integrity,
    /// Another process has the store open.
    StoreBusy,
    /// A newer program made this store; it was not touched.
    StoreTooNew,
    /// The disk is full; nothing was written.
    DiskFull,
    Io,
    Internal,
}

impl ErrorCode {
    /// The documented exit code of the `casus` CLI.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorCode::InvalidInput => 2,
            ErrorCode::WrongPassphrase | ErrorCode::Backoff => 3,
            ErrorCode::Forbidden => 4,
            ErrorCode::Integrity => 5,
            _ => 1,
        }
    }
}

/// An error at the API boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, TS)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub retry_after_secs: Option<u64>,
    /// For a share refused by the covenant: the organisations (codes) present that may not
    /// receive it, so the window can name them in its own words. Never personal data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub refused_to: Vec<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after_secs: None,
            refused_to: Vec::new(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn integrity(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Integrity, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    pub fn wrong_passphrase() -> Self {
        Self::new(ErrorCode::WrongPassphrase, "wrong account name or passphrase")
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::invalid(e.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if e.is_disk_full() {
            return AppError::new(ErrorCode::DiskFull, "the disk is full; nothing was written");
        }
        let code = match &e {
            StoreError::Busy => ErrorCode::StoreBusy,
            StoreError::TooNew { .. } => ErrorCode::StoreTooNew,
            StoreError::Missing => ErrorCode::NotFound,
            StoreError::Exists => ErrorCode::InvalidInput,
            StoreError::MigrationMismatch { .. } | StoreError::NotAStore | StoreError::Integrity(_) => {
                ErrorCode::Integrity
            }
            StoreError::Crypto(_) => ErrorCode::Integrity,
            StoreError::Io(_) => ErrorCode::Io,
            StoreError::Sqlite(_) => ErrorCode::Internal,
        };
        AppError::new(code, e.to_string())
    }
}

impl From<casus_crypto::CryptoError> for AppError {
    fn from(e: casus_crypto::CryptoError) -> Self {
        match e {
            casus_crypto::CryptoError::Open | casus_crypto::CryptoError::Malformed => AppError::integrity(
                format!("stored data could not be opened ({e}); it may have been altered"),
            ),
            _ => AppError::internal(e.to_string()),
        }
    }
}
