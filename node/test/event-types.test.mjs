// EventType and Status constants; both stay open to values Leat adds.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EventType, Status } from 'leat-sdk';

test('EventType holds the 13 known event types', () => {
  assert.deepEqual(EventType, {
    CONTACT_CREATED: 'contact_created',
    CONTACT_UPDATED: 'contact_updated',
    CREDIT_RECEPTION_CREATED: 'credit_reception_created',
    PREPAID_TRANSACTION_CREATED: 'prepaid_transaction_created',
    GIFTCARD_TRANSACTION_CREATED: 'giftcard_transaction_created',
    VOUCHER_CREATED: 'voucher_created',
    VOUCHER_UPDATED: 'voucher_updated',
    VOUCHER_REDEEMED: 'voucher_redeemed',
    FORM_SUBMISSION_COMPLETED: 'form_submission_completed',
    REFERRAL_COMPLETED: 'referral_completed',
    CONTACT_IDENTIFIER_CREATED: 'contact_identifier_created',
    REWARD_UPDATED: 'reward_updated',
    PROMOTION_UPDATED: 'promotion_updated',
  });
  assert.ok(Object.isFrozen(EventType));
});

test('Status holds ACTIVE and INACTIVE', () => {
  assert.deepEqual(Status, { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' });
  assert.ok(Object.isFrozen(Status));
});
