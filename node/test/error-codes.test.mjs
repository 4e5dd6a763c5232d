// Leat's documented error codes raise the class the contract maps them to, whatever the HTTP
// status (Leat answers 400 for most); `code` and Leat's message are always kept, and a code the
// contract does not know is still typed by its status.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  APIError,
  ConflictError,
  ERROR_CODES,
  InactiveError,
  InvalidInputError,
  LimitError,
  NotFoundError,
  ServerError,
} from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { setUp } from './support.mjs';

const CONTACT = '59165ef0-1afd-4baf-b1f7-ffee287aff32';

/** Leat's error body for `code`, answered with `status`. */
function leatError(code, message, status = 400) {
  return Fault.status(status, { body: JSON.stringify({ message, code, status_code: status }) });
}

for (const [code, Class, message, call] of [
  [55031, NotFoundError, 'Contact not found.', (client) => client.contacts.get(CONTACT)],
  [5001, NotFoundError, 'Giftcard not found.', (client) => client.giftcards.get(CONTACT)],
  [60005, ConflictError, 'Contact already exists.', (client) => client.contacts.create({ email: 'a@b.co' })],
  [
    1017,
    LimitError,
    'Insufficient credits.',
    (client) => client.rewardReceptions.create({ contactUuid: CONTACT, rewardUuid: CONTACT, shopUuid: CONTACT }),
  ],
  [7002, InactiveError, 'Account is not active.', (client) => client.contacts.findOneBy({ email: 'a@b.co' })],
  [1003, InvalidInputError, 'Invalid input.', (client) => client.contacts.findOneBy({ email: 'a@b.co' })],
]) {
  test(`code ${code} raises ${Class.name}, keeping the code and Leat's message`, async (t) => {
    const { client, mock } = await setUp(t, { maxRetries: 0 });
    mock.script([leatError(code, message)]);
    const err = await call(client).catch((e) => e);
    assert.equal(err.constructor, Class, `${err.name}: ${err.message}`);
    assert.ok(err instanceof APIError);
    assert.equal(err.code, code);
    assert.equal(err.status, 400);
    assert.equal(err.apiMessage, message);
    assert.equal(ERROR_CODES[code].class, Class);
  });
}

test('a code the contract does not know is typed by the HTTP status', async (t) => {
  const { client, mock } = await setUp(t, { maxRetries: 0 });
  assert.equal(ERROR_CODES[424242], undefined);
  mock.script([leatError(424242, 'Something new.', 500)]);
  const err = await client.contacts.get(CONTACT).catch((e) => e);
  assert.equal(err.constructor, ServerError);
  assert.equal(err.code, 424242);
  mock.script([leatError(424242, 'Something new.')]);
  const plain = await client.contacts.get(CONTACT).catch((e) => e);
  assert.equal(plain.constructor, APIError);
  assert.equal(plain.code, 424242);
});
