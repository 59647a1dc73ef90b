//! Keys: 32-byte secrets in zeroizing buffers, derived from a passphrase with PBKDF2-HMAC-SHA256 and
//! separated with HKDF-SHA256, or drawn at random and wrapped under another key.

use std::fmt;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use casus_domain::{StoreId, UserId};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use crate::envelope::{open, seal, Aad};
use crate::CryptoError;

/// The floor for PBKDF2-HMAC-SHA256 (OWASP 2023). Calibration may raise it, never lower it.
pub const MIN_PBKDF2_ITERATIONS: u32 = 600_000;

/// A 256-bit secret key. Zeroized on drop; `Debug` never shows it.
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl SecretKey {
    /// A fresh key from the operating system's CSPRNG.
    pub fn random() -> Result<Self, CryptoError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        SystemRandom::new()
            .fill(bytes.as_mut())
            .map_err(|_| CryptoError::Random)?;
        Ok(Self(bytes))
    }

    /// A second copy of this key (for handing an old key on as a new group's first epoch).
    pub fn duplicate(&self) -> SecretKey {
        Self(Zeroizing::new(*self.0))
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// A subkey for one purpose (HKDF-SHA256 expand with `label` as info). Different labels give
    /// independent keys, so one key never serves two purposes.
    pub fn subkey(&self, label: &str) -> SecretKey {
        hkdf(&[], self.expose(), label.as_bytes())
    }

    /// A short, one-way fingerprint that names this key in certificates and logs without revealing
    /// it (first 16 hex digits of SHA-256 over a label and the key).
    pub fn fingerprint(&self) -> String {
        let digest = crate::sha256_parts(&[b"casus-key-fingerprint/v1", self.expose()]);
        crate::to_hex(&digest[..8])
    }

    /// The key as HMAC key material, for blind indexes.
    pub fn hmac(&self, message: &[u8]) -> [u8; 32] {
        crate::hmac_sha256(self.expose(), message)
    }

    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub(crate) fn from_zeroizing(bytes: Zeroizing<[u8; 32]>) -> Self {
        Self(bytes)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// `N` random bytes from the operating system's CSPRNG (for salts and ids).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| CryptoError::Random)?;
    Ok(out)
}

/// The user key: PBKDF2-HMAC-SHA256(passphrase, salt, iterations), exactly one 32-byte block (asking
/// for more would cost the defender more than the attacker). Iterations below the floor are raised.
pub fn derive_user_key(passphrase: &str, salt: &[u8; 32], iterations: u32) -> SecretKey {
    let iterations = NonZeroU32::new(iterations.max(MIN_PBKDF2_ITERATIONS)).unwrap_or(NonZeroU32::MIN);
    let mut out = Zeroizing::new([0u8; 32]);
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA256,
        iterations,
        salt,
        passphrase.as_bytes(),
        out.as_mut(),
    );
    SecretKey(out)
}

/// The key-encryption key of one user in one store: HKDF(salt = store id, ikm = user key,
/// info = "kek/v1/" ‖ user id). Binding both ids means a wrapped master key copied to another user
/// row or another store does not open.
pub fn kek_for_user(user_key: &SecretKey, store: &StoreId, user: &UserId) -> SecretKey {
    let mut info = b"casus/kek/v1/".to_vec();
    info.extend_from_slice(user.as_bytes());
    hkdf(store.as_bytes(), user_key.expose(), &info)
}

/// Wraps (seals) `key` under `wrapping`, bound to `aad`.
pub fn wrap_key(wrapping: &SecretKey, aad: &Aad, key: &SecretKey) -> Result<Vec<u8>, CryptoError> {
    seal(wrapping, aad, key.expose())
}

/// Unwraps a key sealed by [`wrap_key`]. Fails with [`CryptoError::Open`] on a wrong wrapping key
/// (for a master key: a wrong passphrase) or a changed AAD.
pub fn unwrap_key(wrapping: &SecretKey, aad: &Aad, wrapped: &[u8]) -> Result<SecretKey, CryptoError> {
    let plain = open(wrapping, aad, wrapped)?;
    if plain.len() != 32 {
        return Err(CryptoError::Malformed);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&plain);
    Ok(SecretKey(out))
}

/// The number of PBKDF2 iterations that takes about `target` on this machine, never below the floor.
/// Reads a monotonic clock; the result is stored per user so unlocking elsewhere costs the same.
pub fn calibrate_iterations(target: Duration) -> u32 {
    const PROBE: u32 = 100_000;
    let salt = [0u8; 32];
    let start = Instant::now();
    let _ = derive_user_key_raw("calibration", &salt, PROBE);
    let elapsed = start.elapsed().as_secs_f64().max(1e-6);
    let wanted = (f64::from(PROBE) * target.as_secs_f64() / elapsed).min(f64::from(50_000_000u32));
    // Round to a multiple of 10,000 for readable settings.
    let rounded = ((wanted / 10_000.0).round() as u32).saturating_mul(10_000);
    rounded.max(MIN_PBKDF2_ITERATIONS)
}

fn derive_user_key_raw(passphrase: &str, salt: &[u8; 32], iterations: u32) -> SecretKey {
    let mut out = Zeroizing::new([0u8; 32]);
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA256,
        NonZeroU32::new(iterations).unwrap_or(NonZeroU32::MIN),
        salt,
        passphrase.as_bytes(),
        out.as_mut(),
    );
    SecretKey(out)
}

struct Len32;

impl ring::hkdf::KeyType for Len32 {
    fn len(&self) -> usize {
        32
    }
}

fn hkdf(salt: &[u8], ikm: &[u8], info: &[u8]) -> SecretKey {
    let prk = ring::hkdf::Salt::new(ring::hkdf::HKDF_SHA256, salt).extract(ikm);
    let mut out = Zeroizing::new([0u8; 32]);
    let infos = [info];
    // 32 bytes is far below HKDF-SHA256's limit of 255·32, so expand and fill cannot fail.
    if let Ok(okm) = prk.expand(&infos, Len32) {
        let _ = okm.fill(out.as_mut());
    }
    SecretKey(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_hex;

    #[test]
    fn pbkdf2_known_answer_rfc7914() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1; first 32 bytes.
        let mut out = [0u8; 32];
        ring::pbkdf2::derive(
            ring::pbkdf2::PBKDF2_HMAC_SHA256,
            NonZeroU32::new(1).unwrap(),
            b"salt",
            b"passwd",
            &mut out,
        );
        assert_eq!(
            to_hex(&out),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    #[test]
    fn hkdf_known_answer_rfc5869_case_1() {
        let ikm = [0x0bu8; 22];
        let salt: Vec<u8> = (0x00..=0x0c).collect();
        let info: Vec<u8> = (0xf0..=0xf9).collect();
        let key = hkdf(&salt, &ikm, &info);
        // The first 32 of the 42 output bytes of test case 1.
        assert_eq!(
            to_hex(key.expose()),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        );
    }

    #[test]
    fn user_key_uses_at_least_the_floor() {
        let salt = [7u8; 32];
        let low = derive_user_key("oranje fiets regen molen", &salt, 1);
        let floor = derive_user_key_raw("oranje fiets regen molen", &salt, MIN_PBKDF2_ITERATIONS);
        assert_eq!(
            low.expose(),
            floor.expose(),
            "a stored iteration count below 600k is raised"
        );
    }

    #[test]
    fn kek_depends_on_store_and_user() {
        let uk = SecretKey::from_bytes([3; 32]);
        let s1 = StoreId::from_bytes([1; 16]);
        let s2 = StoreId::from_bytes([2; 16]);
        let u1 = UserId::from_bytes([1; 16]);
        let u2 = UserId::from_bytes([2; 16]);
        let base = kek_for_user(&uk, &s1, &u1);
        assert_ne!(base.expose(), kek_for_user(&uk, &s2, &u1).expose());
        assert_ne!(base.expose(), kek_for_user(&uk, &s1, &u2).expose());
        assert_ne!(uk.subkey("a").expose(), uk.subkey("b").expose());
    }

    #[test]
    fn debug_is_redacted() {
        let key = SecretKey::from_bytes([0xaa; 32]);
        let shown = format!("{key:?}");
        assert!(
            !shown.contains("aa") && !shown.contains("170"),
            "Debug shows no key bytes: {shown}"
        );
    }

    #[test]
    fn calibration_never_goes_below_the_floor() {
        assert!(calibrate_iterations(Duration::from_millis(0)) >= MIN_PBKDF2_ITERATIONS);
    }
}
