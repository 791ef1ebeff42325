//! Certificate codes: what an employer types in or follows to `/kursbevis/{code}`.
use rand::Rng;

/// Letters and digits that cannot be mistaken for one another when read aloud or
/// typed from paper (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A new random code, `XXXX-XXXX-XXXX`: 12 symbols of 31, about 59 bits, so codes
/// cannot be guessed by walking through them.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    let symbols: Vec<char> = (0..12).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    symbols.chunks(4).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// The code as typed (lower case, spaces, no hyphens) in its stored form, or `None`
/// if it cannot be a code at all.
pub fn normalise(typed: &str) -> Option<String> {
    let symbols: Vec<char> = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if symbols.len() != 12 || !symbols.iter().all(|c| ALPHABET.contains(&(*c as u8)) && c.is_ascii()) {
        return None;
    }
    Some(symbols.chunks(4).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_survive_retyping() {
        let code = new_code();
        assert_eq!(code.len(), 14);
        assert_eq!(normalise(&code), Some(code.clone()));
        assert_eq!(normalise(&code.to_lowercase().replace('-', " ")), Some(code.clone()));
        assert_ne!(new_code(), code);
        for bad in ["", "ABCD-EFGH", "ABCD-EFGH-IJK1", "ÆBCD-EFGH-JKMN", "../../etc/passwd"] {
            assert_eq!(normalise(bad), None, "{bad}");
        }
    }
}
