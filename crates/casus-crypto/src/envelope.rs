//! The sealed envelope: `version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)`, AES-256-GCM, with AAD that
//! names the exact place the plaintext belongs (store, table, column, row, case). A ciphertext copied
//! to another row, column, case or store fails to open.

use casus_domain::{CaseId, StoreId};
use ring::aead::{Aad as RingAad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use crate::keys::SecretKey;
use crate::CryptoError;

/// The envelope format version, first byte of every envelope and part of every AAD.
pub const FORMAT_VERSION: u8 = 1;
/// Bytes an envelope adds to its plaintext: version, nonce and tag.
pub const ENVELOPE_OVERHEAD: usize = 1 + NONCE_LEN + 16;

/// Where a sealed value lives. Every part goes into the AAD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aad<'a> {
    pub store: StoreId,
    pub table: &'a str,
    pub column: &'a str,
    pub row: &'a str,
    pub case: Option<CaseId>,
}

impl Aad<'_> {
    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(96);
        out.extend_from_slice(b"casus-aad");
        out.push(FORMAT_VERSION);
        out.extend_from_slice(self.store.as_bytes());
        for part in [self.table.as_bytes(), self.column.as_bytes(), self.row.as_bytes()] {
            out.extend_from_slice(&(part.len() as u32).to_be_bytes());
            out.extend_from_slice(part);
        }
        match self.case {
            Some(case) => {
                out.push(1);
                out.extend_from_slice(case.as_bytes());
            }
            None => out.push(0),
        }
        out
    }
}

/// Seals `plaintext` under `key` for the place `aad`. The nonce is drawn here, from the OS CSPRNG,
/// and nowhere else.
pub fn seal(key: &SecretKey, aad: &Aad, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let mut nonce = [0u8; NONCE_LEN];
    SystemRandom::new()
        .fill(&mut nonce)
        .map_err(|_| CryptoError::Random)?;
    seal_with_nonce(key, aad, plaintext, nonce)
}

pub(crate) fn seal_with_nonce(
    key: &SecretKey,
    aad: &Aad,
    plaintext: &[u8],
    nonce: [u8; NONCE_LEN],
) -> Result<Vec<u8>, CryptoError> {
    let aead = aead_key(key)?;
    let mut out = Vec::with_capacity(plaintext.len() + ENVELOPE_OVERHEAD);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plaintext);
    let mut body = out.split_off(1 + NONCE_LEN);
    aead.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        RingAad::from(aad.bytes()),
        &mut body,
    )
    .map_err(|_| CryptoError::Key)?;
    out.extend_from_slice(&body);
    Ok(out)
}

/// Opens an envelope sealed for `aad` under `key`. The plaintext comes back in a zeroizing buffer.
pub fn open(key: &SecretKey, aad: &Aad, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if sealed.len() < ENVELOPE_OVERHEAD || sealed[0] != FORMAT_VERSION {
        return Err(CryptoError::Malformed);
    }
    let mut nonce = [0u8; NONCE_LEN];
    nonce.copy_from_slice(&sealed[1..1 + NONCE_LEN]);
    let aead = aead_key(key)?;
    let mut body = Zeroizing::new(sealed[1 + NONCE_LEN..].to_vec());
    let plain_len = aead
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            RingAad::from(aad.bytes()),
            &mut body,
        )
        .map_err(|_| CryptoError::Open)?
        .len();
    body.truncate(plain_len);
    Ok(body)
}

fn aead_key(key: &SecretKey) -> Result<LessSafeKey, CryptoError> {
    UnboundKey::new(&AES_256_GCM, key.expose())
        .map(LessSafeKey::new)
        .map_err(|_| CryptoError::Key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_hex;
    use proptest::prelude::*;

    fn aad(row: &str) -> Aad<'_> {
        Aad {
            store: StoreId::from_bytes([1; 16]),
            table: "cases",
            column: "subject",
            row,
            case: Some(CaseId::from_bytes([2; 16])),
        }
    }

    /// Plain AES-256-GCM with empty AAD, to check the primitive against the GCM specification.
    fn gcm_raw(key: [u8; 32], nonce: [u8; 12], plaintext: &[u8]) -> Vec<u8> {
        let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap());
        let mut buf = plaintext.to_vec();
        k.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), RingAad::empty(), &mut buf)
            .unwrap();
        buf
    }

    #[test]
    fn aes_256_gcm_known_answers() {
        // McGrew & Viega, GCM specification, test cases 13 and 14 (zero key, zero IV).
        assert_eq!(
            to_hex(&gcm_raw([0; 32], [0; 12], b"")),
            "530f8afbc74536b9a963b4f1c4cb738b"
        );
        assert_eq!(
            to_hex(&gcm_raw([0; 32], [0; 12], &[0u8; 16])),
            "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"
        );
    }

    #[test]
    fn envelope_layout_is_version_nonce_ciphertext_tag() {
        let key = SecretKey::from_bytes([9; 32]);
        let sealed = seal_with_nonce(&key, &aad("r1"), b"abc", [5; 12]).unwrap();
        assert_eq!(sealed.len(), 3 + ENVELOPE_OVERHEAD);
        assert_eq!(sealed[0], FORMAT_VERSION);
        assert_eq!(&sealed[1..13], &[5; 12]);
        assert_eq!(open(&key, &aad("r1"), &sealed).unwrap().as_slice(), b"abc");
    }

    #[test]
    fn two_seals_of_the_same_text_differ() {
        let key = SecretKey::from_bytes([9; 32]);
        let a = seal(&key, &aad("r1"), b"same").unwrap();
        let b = seal(&key, &aad("r1"), b"same").unwrap();
        assert_ne!(a[1..13], b[1..13], "each seal draws its own nonce");
    }

    #[test]
    fn refuses_wrong_key_and_every_changed_aad_part() {
        let key = SecretKey::from_bytes([9; 32]);
        let sealed = seal(&key, &aad("r1"), b"geheim").unwrap();
        assert_eq!(
            open(&SecretKey::from_bytes([8; 32]), &aad("r1"), &sealed).unwrap_err(),
            CryptoError::Open
        );
        let variants = [
            Aad {
                row: "r2",
                ..aad("r1")
            },
            Aad {
                column: "notes",
                ..aad("r1")
            },
            Aad {
                table: "users",
                ..aad("r1")
            },
            Aad {
                case: Some(CaseId::from_bytes([3; 16])),
                ..aad("r1")
            },
            Aad {
                case: None,
                ..aad("r1")
            },
            Aad {
                store: StoreId::from_bytes([4; 16]),
                ..aad("r1")
            },
        ];
        for other in variants {
            assert_eq!(
                open(&key, &other, &sealed).unwrap_err(),
                CryptoError::Open,
                "{other:?}"
            );
        }
    }

    #[test]
    fn refuses_malformed_envelopes() {
        let key = SecretKey::from_bytes([9; 32]);
        assert_eq!(open(&key, &aad("r"), &[]).unwrap_err(), CryptoError::Malformed);
        let mut sealed = seal(&key, &aad("r"), b"x").unwrap();
        sealed[0] = 2;
        assert_eq!(
            open(&key, &aad("r"), &sealed).unwrap_err(),
            CryptoError::Malformed
        );
    }

    proptest! {
        #[test]
        fn round_trips_any_plaintext(plain in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let key = SecretKey::from_bytes([9; 32]);
            let sealed = seal(&key, &aad("r"), &plain).unwrap();
            let opened = open(&key, &aad("r"), &sealed).unwrap();
            prop_assert_eq!(opened.as_slice(), plain.as_slice());
        }

        #[test]
        fn any_flipped_byte_is_refused(plain in proptest::collection::vec(any::<u8>(), 0..64), pos in any::<usize>(), bit in 0u8..8) {
            let key = SecretKey::from_bytes([9; 32]);
            let mut sealed = seal(&key, &aad("r"), &plain).unwrap();
            let i = pos % sealed.len();
            sealed[i] ^= 1 << bit;
            prop_assert!(open(&key, &aad("r"), &sealed).is_err(), "flipping byte {} must be caught", i);
        }
    }
}
