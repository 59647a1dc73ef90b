//! Casusoverleg's cryptography, on `ring` only: the key hierarchy (passphrase → user key → store
//! master key → subkeys and per-case data keys), sealed envelopes bound to their place by AAD, hashes
//! and Ed25519 signatures for the audit log.
//!
//! Rules this crate keeps: a nonce is drawn inside [`seal`] and nowhere else, so no caller can reuse
//! one; keys live in zeroizing buffers and their `Debug` is redacted; secrets are compared only by
//! ring (AEAD tags, `hmac::verify`), never with `==`. It does no I/O.

mod agree;
mod envelope;
mod keys;
mod sign;

pub use agree::{is_box, open_bytes_from, open_from, seal_bytes_to, seal_to, BoxSecret, BOX_PUBLIC_LEN};
pub use envelope::{open, seal, Aad, ENVELOPE_OVERHEAD, FORMAT_VERSION};
pub use keys::{
    calibrate_iterations, derive_user_key, kek_for_user, random_bytes, unwrap_key, wrap_key, SecretKey,
    MIN_PBKDF2_ITERATIONS,
};
pub use sign::{verify_signature, SigningKey, PUBLIC_KEY_LEN, SIGNATURE_LEN};

/// What went wrong in a cryptographic operation. Deliberately coarse: a failed open says "wrong key
/// or tampered data" and nothing more, so errors leak nothing about keys or content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the data cannot be opened: wrong key, or it was altered or moved")]
    Open,
    #[error("the sealed data is malformed")]
    Malformed,
    #[error("the system random number generator failed")]
    Random,
    #[error("a key could not be generated or loaded")]
    Key,
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// SHA-256 over several parts, without concatenating them first.
pub fn sha256_parts(parts: &[&[u8]]) -> [u8; 32] {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for part in parts {
        ctx.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

/// SHA-256 of the first `len` bytes `reader` yields (streamed in 1 MiB pieces, for files too large
/// to hold in memory); an error if it ends early.
pub fn sha256_reader(mut reader: impl std::io::Read, len: u64) -> std::io::Result<[u8; 32]> {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = reader.read(&mut buf[..want])?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        ctx.update(&buf[..n]);
        left -= n as u64;
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    Ok(out)
}

/// HMAC-SHA256 of `message` under `key`: used for lookup values (blind indexes), never to decide a
/// secret comparison by hand.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    let tag = ring::hmac::sign(&key, message);
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

/// Lower-case hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_known_answer() {
        // FIPS 180-2 example "abc".
        assert_eq!(
            to_hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha256_parts(&[b"a", b"bc"]), sha256(b"abc"));
        // Streamed: only the first `len` bytes count; a short reader is an error.
        assert_eq!(sha256_reader(&b"abcdef"[..], 3).unwrap(), sha256(b"abc"));
        let big = vec![7u8; (1 << 20) * 2 + 5];
        assert_eq!(sha256_reader(&big[..], big.len() as u64).unwrap(), sha256(&big));
        assert!(sha256_reader(&b"ab"[..], 3).is_err());
    }

    #[test]
    fn hmac_sha256_known_answer() {
        // RFC 4231 test case 2.
        assert_eq!(
            to_hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
