//! Size limits on everything a person can type. Checked at the command boundary (casus-app) before
//! anything is sealed or written, so an oversized field is refused whole and nothing is stored.

/// A subject's name, in characters.
pub const NAME_MAX_CHARS: usize = 200;
/// An address, in characters.
pub const ADDRESS_MAX_CHARS: usize = 500;
/// Free-text notes on a case, in characters (about 30 pages of text).
pub const NOTES_MAX_CHARS: usize = 100_000;
/// A user's account name, in characters.
pub const USER_NAME_MAX_CHARS: usize = 100;
/// A search query, in characters.
pub const QUERY_MAX_CHARS: usize = 200;
/// A passphrase, in characters (long enough for any sentence, short enough to bound the KDF input).
pub const PASSPHRASE_MAX_CHARS: usize = 1_000;
/// The shortest passphrase accepted when one is set (about four short random words).
pub const PASSPHRASE_MIN_CHARS: usize = 14;
/// The number of cases one import may carry.
pub const IMPORT_MAX_CASES: usize = 10_000;
/// The size of one JSON document read from stdin or an import file, in bytes.
pub const JSON_INPUT_MAX_BYTES: usize = 64 * 1024 * 1024;
