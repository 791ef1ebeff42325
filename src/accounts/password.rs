//! Passwords: argon2id with a fresh salt per hash (the PHC string carries salt and
//! parameters), and the rules for a new password.
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassword {
    #[error("passordet må ha minst {MIN_LENGTH} tegn")]
    TooShort,
    #[error("passordet kan ha høyst {MAX_LENGTH} tegn")]
    TooLong,
}

/// Length is what makes a password strong; no composition rules (NIST SP 800-63B).
pub fn check_new(password: &str) -> Result<(), WeakPassword> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Err(WeakPassword::TooShort)
    } else if length > MAX_LENGTH {
        Err(WeakPassword::TooLong)
    } else {
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

pub fn hash(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| HashError(error.to_string()))
}

/// True only when `password` matches; a malformed stored hash never matches.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), stored_hash).is_ok()
}

/// Spends the time a real check takes, so an unknown email answers as slowly as a
/// wrong password does.
pub fn verify_nothing(password: &str) {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("no account has this password").unwrap_or_default());
    let _ = verify(password, &DUMMY);
}

/// `hash`, off the request threads.
pub async fn hash_off_thread(password: &str) -> Result<String, HashError> {
    let password = password.to_owned();
    crate::cpu::run(move || hash(&password)).await
}

/// `verify`, off the request threads.
pub async fn verify_off_thread(password: &str, stored_hash: &str) -> bool {
    let (password, stored_hash) = (password.to_owned(), stored_hash.to_owned());
    crate::cpu::run(move || verify(&password, &stored_hash)).await
}

/// `verify_nothing`, off the request threads.
pub async fn verify_nothing_off_thread(password: &str) {
    let password = password.to_owned();
    crate::cpu::run(move || verify_nothing(&password)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_the_same_password() {
        let first = hash("riktig hest batteri stift").unwrap();
        let second = hash("riktig hest batteri stift").unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("riktig hest batteri stift", &first));
        assert!(!verify("riktig hest batteri stifT", &first));
        assert!(!verify("riktig hest batteri stift", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(check_new("kort"), Err(WeakPassword::TooShort));
        assert_eq!(check_new("lang nok frase"), Ok(()));
        assert_eq!(check_new(&"x".repeat(300)), Err(WeakPassword::TooLong));
    }
}
