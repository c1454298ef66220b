//! ЕИК (UIC), the Bulgarian company identifier: 9 digits, or 13 for a branch,
//! each length ending in a mod-11 check digit computed with two weight sets.

const W9_1: [u32; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
const W9_2: [u32; 8] = [3, 4, 5, 6, 7, 8, 9, 10];
const W13_1: [u32; 4] = [2, 7, 3, 5];
const W13_2: [u32; 4] = [4, 9, 5, 7];

fn check(digits: &[u32], w1: &[u32], w2: &[u32]) -> u32 {
    let sum = |w: &[u32]| digits.iter().zip(w).map(|(d, w)| d * w).sum::<u32>() % 11;
    match sum(w1) {
        10 => match sum(w2) {
            10 => 0,
            r => r,
        },
        r => r,
    }
}

/// Why an ЕИК was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EikError {
    /// Not 9 or 13 digits.
    Length,
    /// The check digit does not match.
    Checksum,
}

/// Checks an ЕИК; spaces are tolerated and removed.
///
/// # Errors
/// [`EikError::Length`] unless 9 or 13 digits remain, [`EikError::Checksum`]
/// if a check digit is wrong.
pub fn validate(input: &str) -> Result<String, EikError> {
    let eik: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if !(eik.len() == 9 || eik.len() == 13) || !eik.chars().all(|c| c.is_ascii_digit()) {
        return Err(EikError::Length);
    }
    let d: Vec<u32> = eik.chars().map(|c| c.to_digit(10).unwrap_or(0)).collect();
    if check(&d[..8], &W9_1, &W9_2) != d[8] {
        return Err(EikError::Checksum);
    }
    if d.len() == 13 && check(&d[8..12], &W13_1, &W13_2) != d[12] {
        return Err(EikError::Checksum);
    }
    Ok(eik)
}

/// The valid 9-digit ЕИК that starts with these 8 digits (for demo data).
pub fn complete9(prefix: u32) -> String {
    let base = format!("{:08}", prefix % 100_000_000);
    let d: Vec<u32> = base.chars().map(|c| c.to_digit(10).unwrap_or(0)).collect();
    format!("{base}{}", check(&d, &W9_1, &W9_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_numbers() {
        // Published ЕИКs of well-known companies.
        assert!(validate("121759222").is_ok());
        assert!(validate("831642181").is_ok());
        assert!(validate(" 121 759 222 ").is_ok());
    }

    #[test]
    fn refusals() {
        assert_eq!(validate("121759223"), Err(EikError::Checksum));
        assert_eq!(validate("12175922"), Err(EikError::Length));
        assert_eq!(validate("12175922a"), Err(EikError::Length));
        assert_eq!(validate(""), Err(EikError::Length));
    }

    #[test]
    fn generated_numbers_validate() {
        for p in [0, 1, 12345678, 20261127, 99999999] {
            assert!(validate(&complete9(p)).is_ok(), "{p}");
        }
    }

    #[test]
    fn branch_numbers() {
        let base = complete9(13131313);
        let ok = (0..10)
            .map(|d| format!("{base}000{d}"))
            .filter(|e| validate(e).is_ok())
            .count();
        assert_eq!(ok, 1, "exactly one check digit fits a branch number");
    }
}
