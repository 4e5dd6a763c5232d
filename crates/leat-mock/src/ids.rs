//! The uuids, keys and times the mock makes: random uuids and the wall clock, or, with a seed
//! ([`crate::MockConfig::seed`]), fixed sequences that restart on reset (uuids from the seed,
//! times from 2024-01-01T09:00:00+00:00 one second per reading), so the same calls get the
//! same uuids, codes and timestamps every run.

use uuid::Uuid;

/// Where new uuids come from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    seed: Option<u64>,
    /// How many values the seeded sequence has given since the last restart.
    drawn: u64,
    /// How many times the seeded clock was read since the last restart.
    ticks: i64,
}

/// Where the seeded clock starts: 2024-01-01T09:00:00Z.
const SEEDED_START: i64 = 1_704_099_600;

impl Ids {
    /// Random uuids without a seed; the seed's sequence with one.
    pub fn new(seed: Option<u64>) -> Self {
        Ids {
            seed,
            drawn: 0,
            ticks: 0,
        }
    }

    /// Back to the start of the sequence.
    pub fn restart(&mut self) {
        self.drawn = 0;
        self.ticks = 0;
    }

    /// Now, as Leat writes times (`2024-01-01T09:00:00+00:00`): the wall clock without a
    /// seed; with one, the seeded clock, a second later at each reading.
    pub fn now(&mut self) -> String {
        match self.seed {
            None => crate::clock::now(),
            Some(_) => {
                self.ticks += 1;
                crate::clock::at(SEEDED_START + self.ticks - 1)
            }
        }
    }

    /// A new version-4 uuid, as text (`9504d4b2-03c5-41d8-8423-4b1821b6aa00`).
    pub fn uuid(&mut self) -> String {
        match self.seed {
            None => Uuid::new_v4().to_string(),
            Some(seed) => {
                let high = splitmix64(seed ^ self.next_index());
                let low = splitmix64(high ^ self.next_index());
                let mut bytes = [0u8; 16];
                bytes[..8].copy_from_slice(&high.to_be_bytes());
                bytes[8..].copy_from_slice(&low.to_be_bytes());
                uuid::Builder::from_random_bytes(bytes)
                    .into_uuid()
                    .to_string()
            }
        }
    }

    /// A code of `length` upper-case letters and digits (a voucher code's random part).
    pub fn code(&mut self, length: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let source = self.uuid().replace('-', "");
        source
            .as_bytes()
            .chunks(2)
            .take(length)
            .map(|pair| {
                let value =
                    u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("0"), 16).unwrap_or(0);
                ALPHABET[usize::from(value) % ALPHABET.len()] as char
            })
            .collect()
    }

    fn next_index(&mut self) -> u64 {
        self.drawn += 1;
        self.drawn.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// SplitMix64's output function: a well-mixed 64-bit value from any input.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_uuids_after_a_restart() {
        let mut ids = Ids::new(Some(7));
        let first: Vec<String> = (0..3).map(|_| ids.uuid()).collect();
        ids.restart();
        let again: Vec<String> = (0..3).map(|_| ids.uuid()).collect();
        assert_eq!(first, again);
        assert_ne!(first[0], first[1]);
        assert!(Uuid::parse_str(&first[0]).is_ok_and(|u| u.get_version_num() == 4));
        assert_ne!(Ids::new(Some(8)).uuid(), first[0]);
    }

    #[test]
    fn without_a_seed_uuids_differ_every_run() {
        assert_ne!(Ids::new(None).uuid(), Ids::new(None).uuid());
        assert_eq!(Ids::new(Some(1)).code(8).len(), 8);
    }

    #[test]
    fn a_seeded_clock_ticks_a_second_per_reading_and_restarts() {
        let mut ids = Ids::new(Some(3));
        assert_eq!(ids.now(), "2024-01-01T09:00:00+00:00");
        assert_eq!(ids.now(), "2024-01-01T09:00:01+00:00");
        ids.restart();
        assert_eq!(ids.now(), "2024-01-01T09:00:00+00:00");
        assert!(Ids::new(None).now().ends_with("+00:00"));
    }
}
