//! Ed25519 signatures for the audit log's signed heads. The private key is held as PKCS#8 bytes in a
//! zeroizing buffer (the store keeps it sealed under the master key); the public key is plain, so
//! `audit verify` needs no secret.

use std::fmt;

use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use zeroize::Zeroizing;

use crate::CryptoError;

pub const PUBLIC_KEY_LEN: usize = 32;
pub const SIGNATURE_LEN: usize = 64;

/// An Ed25519 signing key.
pub struct SigningKey {
    pkcs8: Zeroizing<Vec<u8>>,
    pair: Ed25519KeyPair,
}

impl SigningKey {
    /// A fresh key pair from the OS CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let rng = ring::rand::SystemRandom::new();
        let doc = Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| CryptoError::Random)?;
        Self::from_pkcs8(doc.as_ref())
    }

    /// Loads a key from its PKCS#8 form.
    pub fn from_pkcs8(pkcs8: &[u8]) -> Result<Self, CryptoError> {
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| CryptoError::Key)?;
        Ok(Self {
            pkcs8: Zeroizing::new(pkcs8.to_vec()),
            pair,
        })
    }

    /// The key pair derived from a 32-byte secret (HKDF label `casus/ed25519-seed/v1` → Ed25519
    /// seed), so a key group's one secret also gives it a signing pair. Its PKCS#8 form is empty:
    /// the secret itself is what is stored, sealed.
    pub fn from_secret(secret: &crate::SecretKey) -> Result<Self, CryptoError> {
        let seed = secret.subkey("casus/ed25519-seed/v1");
        let pair = Ed25519KeyPair::from_seed_unchecked(seed.expose()).map_err(|_| CryptoError::Key)?;
        Ok(Self {
            pkcs8: Zeroizing::new(Vec::new()),
            pair,
        })
    }

    /// The PKCS#8 form, to be sealed before it is stored.
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    pub fn public_key(&self) -> [u8; PUBLIC_KEY_LEN] {
        let mut out = [0u8; PUBLIC_KEY_LEN];
        out.copy_from_slice(self.pair.public_key().as_ref());
        out
    }

    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        let mut out = [0u8; SIGNATURE_LEN];
        out.copy_from_slice(self.pair.sign(message).as_ref());
        out
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

/// Whether `signature` is a valid Ed25519 signature of `message` by `public_key`.
pub fn verify_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(message, signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_hex;

    #[test]
    fn ed25519_known_answer_rfc8032_test_1() {
        let seed = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").unwrap();
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
        assert_eq!(
            to_hex(pair.public_key().as_ref()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let sig = pair.sign(b"");
        assert_eq!(
            to_hex(sig.as_ref()),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
        assert!(verify_signature(pair.public_key().as_ref(), b"", sig.as_ref()));
    }

    #[test]
    fn signatures_verify_and_tampering_is_refused() {
        let key = SigningKey::generate().unwrap();
        let reloaded = SigningKey::from_pkcs8(key.pkcs8()).unwrap();
        assert_eq!(key.public_key(), reloaded.public_key());
        let sig = key.sign(b"head 42");
        assert!(verify_signature(&key.public_key(), b"head 42", &sig));
        assert!(!verify_signature(&key.public_key(), b"head 43", &sig));
        let other = SigningKey::generate().unwrap();
        assert!(!verify_signature(&other.public_key(), b"head 42", &sig));
    }
}
