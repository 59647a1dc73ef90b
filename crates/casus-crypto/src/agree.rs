//! Sealing a key *to* a holder: X25519 key agreement with a fresh ephemeral key, HKDF-SHA256 and the
//! same AES-256-GCM envelope as everything else (an ECIES "sealed box"). This is how a key reaches a
//! person or an organisation whose secret the sealer does not hold: the administrator adding an
//! account, a coordinator adding an organisation to a case, a rotation after a removal.
//!
//! ring offers X25519 only for ephemeral keys; a holder's key must be static (kept, sealed, for
//! years), so the static side comes from `x25519-dalek` (RustCrypto / dalek-cryptography, audited
//! with curve25519-dalek). ring still does the HKDF and the AEAD.

use ring::hkdf;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::envelope::{open, seal, Aad};
use crate::keys::{random_bytes, SecretKey};
use crate::CryptoError;

/// The first byte of a sealed box (an envelope starts with its own format version, 1).
const BOX_VERSION: u8 = 0xB1;
const BOX_INFO: &[u8] = b"casus/box/v1";
/// Length of an X25519 public key.
pub const BOX_PUBLIC_LEN: usize = 32;

/// A holder's static X25519 secret. Zeroized on drop (`x25519-dalek`'s `zeroize` feature);
/// `Debug` never shows it.
pub struct BoxSecret(StaticSecret);

impl BoxSecret {
    /// The X25519 secret derived from a 32-byte key (HKDF label `casus/box-secret/v1`), so a
    /// group's one random secret gives both its symmetric subkeys and its key-agreement pair.
    pub fn from_key(key: &SecretKey) -> BoxSecret {
        let bytes = Zeroizing::new(*key.subkey("casus/box-secret/v1").expose());
        BoxSecret(StaticSecret::from(*bytes))
    }

    /// The public half, which anyone may seal to.
    pub fn public(&self) -> [u8; BOX_PUBLIC_LEN] {
        PublicKey::from(&self.0).to_bytes()
    }
}

impl std::fmt::Debug for BoxSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BoxSecret(<redacted>)")
    }
}

struct Okm;
impl hkdf::KeyType for Okm {
    fn len(&self) -> usize {
        32
    }
}

fn box_key(shared: &[u8; 32], eph: &[u8; 32], recipient: &[u8; 32]) -> Result<SecretKey, CryptoError> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(eph);
    salt[32..].copy_from_slice(recipient);
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &salt).extract(shared);
    let okm = prk.expand(&[BOX_INFO], Okm).map_err(|_| CryptoError::Key)?;
    let mut out = Zeroizing::new([0u8; 32]);
    okm.fill(out.as_mut()).map_err(|_| CryptoError::Key)?;
    Ok(SecretKey::from_zeroizing(out))
}

/// Seals `key` to the holder of `recipient`, bound to `aad`:
/// `0xB1 ‖ ephemeral public (32) ‖ envelope`. Only the recipient's secret opens it.
pub fn seal_to(recipient: &[u8; BOX_PUBLIC_LEN], aad: &Aad, key: &SecretKey) -> Result<Vec<u8>, CryptoError> {
    seal_bytes_to(recipient, aad, key.expose())
}

/// Opens a box sealed by [`seal_to`] with the recipient's secret. Fails with
/// [`CryptoError::Open`] for another recipient, another place (AAD) or any changed byte.
pub fn open_from(secret: &BoxSecret, aad: &Aad, sealed: &[u8]) -> Result<SecretKey, CryptoError> {
    let plain = open_bytes_from(secret, aad, sealed)?;
    if plain.len() != 32 {
        return Err(CryptoError::Malformed);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&plain);
    Ok(SecretKey::from_zeroizing(out))
}

/// Seals arbitrary bytes to a holder (for write-only values such as audit details: anyone may
/// write them, only the holder reads them). Same format as [`seal_to`].
pub fn seal_bytes_to(
    recipient: &[u8; BOX_PUBLIC_LEN],
    aad: &Aad,
    plain: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let eph = StaticSecret::from(*Zeroizing::new(random_bytes::<32>()?));
    let eph_public = PublicKey::from(&eph).to_bytes();
    let shared = eph.diffie_hellman(&PublicKey::from(*recipient));
    if !shared.was_contributory() {
        return Err(CryptoError::Key);
    }
    let wrapping = box_key(shared.as_bytes(), &eph_public, recipient)?;
    let mut out = Vec::with_capacity(1 + 32 + plain.len() + 29);
    out.push(BOX_VERSION);
    out.extend_from_slice(&eph_public);
    out.extend_from_slice(&seal(&wrapping, aad, plain)?);
    Ok(out)
}

/// Opens bytes sealed by [`seal_bytes_to`].
pub fn open_bytes_from(
    secret: &BoxSecret,
    aad: &Aad,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if sealed.len() < 1 + 32 || sealed[0] != BOX_VERSION {
        return Err(CryptoError::Malformed);
    }
    let mut eph = [0u8; 32];
    eph.copy_from_slice(&sealed[1..33]);
    let shared = secret.0.diffie_hellman(&PublicKey::from(eph));
    if !shared.was_contributory() {
        return Err(CryptoError::Open);
    }
    let wrapping = box_key(shared.as_bytes(), &eph, &secret.public())?;
    open(&wrapping, aad, &sealed[33..])
}

/// Whether `sealed` is a sealed box rather than a plain envelope.
pub fn is_box(sealed: &[u8]) -> bool {
    sealed.first() == Some(&BOX_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use casus_domain::{CaseId, StoreId};

    fn aad(row: &str) -> Aad<'_> {
        Aad {
            store: StoreId::from_bytes([3; 16]),
            table: "t",
            column: "c",
            row,
            case: Some(CaseId::from_bytes([4; 16])),
        }
    }

    #[test]
    fn only_the_recipient_opens_and_only_at_its_place() {
        let holder = BoxSecret::from_key(&SecretKey::random().unwrap());
        let other = BoxSecret::from_key(&SecretKey::random().unwrap());
        let key = SecretKey::random().unwrap();
        let sealed = seal_to(&holder.public(), &aad("r"), &key).unwrap();
        let opened = open_from(&holder, &aad("r"), &sealed).unwrap();
        assert_eq!(opened.expose(), key.expose());
        assert_eq!(
            open_from(&other, &aad("r"), &sealed).unwrap_err(),
            CryptoError::Open
        );
        assert_eq!(
            open_from(&holder, &aad("s"), &sealed).unwrap_err(),
            CryptoError::Open
        );
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert!(open_from(&holder, &aad("r"), &bad).is_err(), "byte {i}");
        }
        let again = seal_to(&holder.public(), &aad("r"), &key).unwrap();
        assert_ne!(again, sealed, "a fresh ephemeral key every time");
    }

    #[test]
    fn bytes_sealed_to_a_holder_are_write_only_for_everyone_else() {
        let holder = BoxSecret::from_key(&SecretKey::random().unwrap());
        let sealed = seal_bytes_to(&holder.public(), &aad("r"), b"zoekvraag").unwrap();
        assert!(is_box(&sealed));
        assert_eq!(
            &**open_bytes_from(&holder, &aad("r"), &sealed).unwrap(),
            b"zoekvraag"
        );
        let other = BoxSecret::from_key(&SecretKey::random().unwrap());
        assert!(open_bytes_from(&other, &aad("r"), &sealed).is_err());
    }

    #[test]
    fn the_same_key_gives_the_same_pair() {
        let key = SecretKey::from_bytes([9; 32]);
        assert_eq!(
            BoxSecret::from_key(&key).public(),
            BoxSecret::from_key(&key).public()
        );
        // RFC 7748 §6.1: a known scalar gives its known public key (through x25519-dalek).
        let alice = StaticSecret::from([
            0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
            0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a,
        ]);
        assert_eq!(
            crate::to_hex(PublicKey::from(&alice).as_bytes()),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
        );
    }
}
