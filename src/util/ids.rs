//! Random container ids and Podman-style random names.

use std::fmt::Write;

/// 32 random bytes from the kernel, as 64 lowercase hex digits.
pub fn random_id() -> String {
    let mut buf = [0u8; 32];
    fill_random(&mut buf);
    let mut s = String::with_capacity(64);
    for b in buf {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn fill_random(buf: &mut [u8]) {
    let mut filled = 0;
    while filled < buf.len() {
        // SAFETY: the pointer and length describe the unfilled tail of `buf`.
        let n = unsafe {
            libc::getrandom(buf[filled..].as_mut_ptr().cast(), buf.len() - filled, 0)
        };
        if n > 0 {
            filled += n as usize;
        } else if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            // getrandom cannot fail on Linux >= 3.17 except for EINTR; fall back to time+pid.
            let seed = (std::process::id() as u128) ^ std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            for (i, b) in buf[filled..].iter_mut().enumerate() {
                *b = (seed >> ((i % 16) * 8)) as u8 ^ (i as u8).wrapping_mul(151);
            }
            return;
        }
    }
}

fn random_index(n: usize) -> usize {
    let mut b = [0u8; 4];
    fill_random(&mut b);
    u32::from_le_bytes(b) as usize % n
}

const ADJECTIVES: &[&str] = &[
    "admiring", "agitated", "amazing", "angry", "awesome", "blissful", "bold", "boring",
    "brave", "busy", "charming", "clever", "compassionate", "competent", "confident", "cool",
    "dazzling", "determined", "dreamy", "eager", "ecstatic", "elastic", "elated", "elegant",
    "epic", "exciting", "fervent", "festive", "focused", "friendly", "frosty", "funny",
    "gallant", "gifted", "goofy", "gracious", "happy", "hopeful", "hungry", "inspiring",
    "intelligent", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid",
    "magical", "modest", "musing", "mystifying", "nice", "nifty", "nostalgic", "objective",
    "optimistic", "peaceful", "pensive", "practical", "priceless", "quirky", "quizzical",
    "relaxed", "reverent", "romantic", "serene", "sharp", "silly", "sleepy", "stoic",
    "strange", "stupefied", "suspicious", "sweet", "tender", "thirsty", "trusting",
    "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial",
    "youthful", "zealous", "zen",
];

const NAMES: &[&str] = &[
    "agnesi", "albattani", "allen", "archimedes", "babbage", "banach", "bardeen", "bartik",
    "bell", "bhabha", "black", "blackwell", "bohr", "booth", "borg", "bose", "brahmagupta",
    "brown", "burnell", "cannon", "carson", "cerf", "chandrasekhar", "clarke", "curie",
    "darwin", "davinci", "dijkstra", "dubinsky", "easley", "einstein", "elion", "engelbart",
    "euclid", "euler", "fermat", "fermi", "feynman", "franklin", "galileo", "gauss",
    "goldberg", "goldstine", "goodall", "hamilton", "hawking", "heisenberg", "hermann",
    "hodgkin", "hopper", "hypatia", "jackson", "jang", "jennings", "johnson", "kalam",
    "keller", "kepler", "knuth", "lamarr", "lamport", "leakey", "lovelace", "lumiere",
    "mayer", "mccarthy", "mclean", "meitner", "mendel", "mirzakhani", "montalcini", "moore",
    "morse", "napier", "nash", "newton", "noether", "pascal", "perlman", "pike", "poincare",
    "ptolemy", "ramanujan", "ride", "ritchie", "rosalind", "sammet", "shannon", "shockley",
    "sinoussi", "stallman", "swanson", "tesla", "thompson", "torvalds", "turing", "varahamihira",
    "visvesvaraya", "wescoff", "wilbur", "wiles", "williams", "wozniak", "wright", "yalow",
];

/// A name like `happy_turing`, as Podman (and Docker) generate.
pub fn random_name() -> String {
    format!(
        "{}_{}",
        ADJECTIVES[random_index(ADJECTIVES.len())],
        NAMES[random_index(NAMES.len())]
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_64_hex_and_differ() {
        let a = super::random_id();
        let b = super::random_id();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert!(super::random_name().contains('_'));
    }
}
