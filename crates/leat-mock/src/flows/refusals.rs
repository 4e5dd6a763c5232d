//! Leat's refusals the flows answer: HTTP 400 with Leat's code, its message as the spec's
//! contract (`spec/contract.toml`) states it.

use axum::response::Response;

use crate::responses::resource_not_found;

/// Each code the flows answer, with its message.
const MESSAGES: &[(i64, &str)] = &[
    (1008, "No shop has that uuid."),
    (1017, "The contact has too few credits for this."),
    (1028, "No credit reception has that uuid."),
    (1052, "The reward is not active."),
    (5001, "No giftcard has that uuid or hash."),
    (5003, "The giftcard's amount does not cover this."),
    (5010, "No giftcard transaction has that uuid."),
    (6003, "No reward has that uuid."),
    (
        55025,
        "Only a giftcard's last transaction can be corrected.",
    ),
    (55031, "No contact has that uuid."),
    (
        55046,
        "The account has no default unit, so a unit must be named.",
    ),
    (60003, "No contact identifier has that value."),
    (60004, "The contact identifier is inactive."),
    (60005, "A contact with that email exists already."),
    (
        60006,
        "A contact identifier with that value exists already.",
    ),
    (60007, "No unit has that name."),
    (60011, "The contact identifier is linked to no contact."),
    (60014, "The contact identifier is linked already."),
    (
        60016,
        "The contact is not anonymous, so it cannot be claimed.",
    ),
    (80002, "No promotion has that uuid."),
    (80003, "A voucher with that code exists already."),
    (80004, "No voucher has that uuid or code."),
    (80005, "The voucher was redeemed already."),
    (80008, "The voucher limit is reached."),
    (80012, "The voucher is deactivated."),
    (80017, "The voucher is locked already."),
    (80019, "The voucher has too few redemptions left."),
];

/// Leat's answer with `code`.
pub(crate) fn refuse(code: i64) -> Response {
    let message = MESSAGES
        .iter()
        .find(|(known, _)| *known == code)
        .map_or("Invalid input.", |(_, message)| message);
    resource_not_found(code, message)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_has_one_message() {
        let mut codes: Vec<i64> = super::MESSAGES.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), super::MESSAGES.len());
    }
}
