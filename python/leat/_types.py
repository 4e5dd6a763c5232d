"""Constants for Leat's webhook event types and subscription statuses.

Both are open: any other string is accepted as input and returned as it came, because Leat
adds event types over time.
"""

from __future__ import annotations

import enum

__all__ = ["EventType", "Status"]


class EventType(str, enum.Enum):
    """The 13 webhook event types Leat documents."""

    CONTACT_CREATED = "contact_created"
    CONTACT_UPDATED = "contact_updated"
    CREDIT_RECEPTION_CREATED = "credit_reception_created"
    PREPAID_TRANSACTION_CREATED = "prepaid_transaction_created"
    GIFTCARD_TRANSACTION_CREATED = "giftcard_transaction_created"
    VOUCHER_CREATED = "voucher_created"
    VOUCHER_UPDATED = "voucher_updated"
    VOUCHER_REDEEMED = "voucher_redeemed"
    FORM_SUBMISSION_COMPLETED = "form_submission_completed"
    REFERRAL_COMPLETED = "referral_completed"
    CONTACT_IDENTIFIER_CREATED = "contact_identifier_created"
    REWARD_UPDATED = "reward_updated"
    PROMOTION_UPDATED = "promotion_updated"

    def __str__(self) -> str:
        return str(self.value)


class Status(str, enum.Enum):
    """A webhook subscription's status."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

    def __str__(self) -> str:
        return str(self.value)
