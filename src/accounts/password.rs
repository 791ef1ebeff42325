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
    #[error("passordet er et av de mest brukte, og blir gjettet først: velg et annet, gjerne noen ord som bare du setter sammen")]
    Common,
    #[error("passordet er bare ett tegn gjentatt, eller tegn i rekkefølge: velg et annet, gjerne noen ord som bare du setter sammen")]
    Pattern,
}

/// Passwords of ten characters or more that are among the most used in leaks, and so
/// guessed first (NIST SP 800-63B asks to refuse them); one a line, lower case.
const COMMON: &str = include_str!("common_passwords.txt");

/// Length is what makes a password strong, so there are no composition rules (NIST SP
/// 800-63B); but a password on the list of the most used, or made of one repeated
/// character or a run like 0123456789 or qwertyuiop, is refused.
pub fn check_new(password: &str) -> Result<(), WeakPassword> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(WeakPassword::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(WeakPassword::TooLong);
    }
    let folded = password.trim().to_lowercase();
    if COMMON.lines().any(|common| common == folded) {
        return Err(WeakPassword::Common);
    }
    if is_pattern(&folded) {
        return Err(WeakPassword::Pattern);
    }
    Ok(())
}

/// One character repeated (ten spaces too), a cycle of a few characters ("abababab"),
/// or a stretch of a row of the keyboard or of the alphabet or digits, either way.
fn is_pattern(folded: &str) -> bool {
    let chars: Vec<char> = folded.chars().collect();
    if chars.is_empty() {
        return true;
    }
    let repeats = (1..=3).any(|period| chars.len() >= 2 * period && chars.iter().enumerate().all(|(i, c)| *c == chars[i % period]));
    const ROWS: [&str; 6] = ["1234567890", "qwertyuiopå", "asdfghjkløæ", "zxcvbnm", "abcdefghijklmnopqrstuvwxyzæøå", "0123456789"];
    let run_of = |row: &str| {
        let row: Vec<char> = row.chars().collect();
        let twice: Vec<char> = row.iter().chain(row.iter()).copied().collect();
        let reversed: Vec<char> = twice.iter().rev().copied().collect();
        [twice, reversed].iter().any(|line| line.windows(chars.len()).any(|w| w == chars.as_slice()))
    };
    repeats || ROWS.into_iter().any(run_of)
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
    fn common_and_patterned_passwords_are_refused() {
        for weak in ["1234567890", "          ", "aaaaaaaaaaaa", "qwertyuiop", "0987654321", "passord123", "Password123", "abababababab", "abcdefghijk", "sommer2026!"] {
            assert!(check_new(weak).is_err(), "{weak:?} was accepted");
        }
        for fine in ["riktig hest batteri stift", "Tolken kom klokka ni", "1234567890 kaffe"] {
            assert_eq!(check_new(fine), Ok(()), "{fine:?}");
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(check_new("kort"), Err(WeakPassword::TooShort));
        assert_eq!(check_new("lang nok frase"), Ok(()));
        assert_eq!(check_new(&"x".repeat(300)), Err(WeakPassword::TooLong));
    }
}
