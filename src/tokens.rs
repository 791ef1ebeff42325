//! Random tokens (sessions, form tokens, keys), their stored hashes, and keyed
//! signatures made with the server's secret: HMAC-SHA-256 (RFC 2104), for values a
//! visitor carries and must not be able to make up (the feedback form's time stamp).
use sha2::{Digest, Sha256};

const BLOCK: usize = 64;

/// 256 random bits, as hex.
pub fn random_token() -> String {
    to_hex(&rand::random::<[u8; 32]>())
}

/// What is stored of a token: its SHA-256, as hex.
pub fn token_hash(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// A key for one purpose, derived from the server's secret, so that a signature made
/// for one purpose is worth nothing for another. Never printed.
#[derive(Clone)]
pub struct SigningKey([u8; 32]);

impl SigningKey {
    pub fn derive(secret: &[u8], purpose: &str) -> SigningKey {
        SigningKey(hmac_sha256(secret, purpose.as_bytes()))
    }

    /// The signature of `message`, as hex.
    pub fn sign(&self, message: &str) -> String {
        to_hex(&hmac_sha256(&self.0, message.as_bytes()))
    }

    /// Whether `signature` is this key's for `message`, compared in constant time.
    pub fn verify(&self, message: &str, signature: &str) -> bool {
        let expected = self.sign(message);
        expected.len() == signature.len() && expected.bytes().zip(signature.bytes()).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(…)")
    }
}

pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|k| k ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than a block.
        assert_eq!(
            hex(&hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn a_signature_holds_only_for_its_key_purpose_and_message() {
        let key = SigningKey::derive(b"server secret", "feedback stamp");
        let signature = key.sign("1700000000:token");
        assert!(key.verify("1700000000:token", &signature));
        assert!(!key.verify("1700000001:token", &signature));
        assert!(!SigningKey::derive(b"server secret", "other").verify("1700000000:token", &signature));
        assert!(!SigningKey::derive(b"another secret", "feedback stamp").verify("1700000000:token", &signature));
    }
}
