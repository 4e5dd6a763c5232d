// AbortError: a call stopped by its `AbortSignal`. It is Node's alone (the core never makes
// one, so it is not in the contract's table): the other error classes are generated into
// lib/errors.js from spec/contract.toml.

const { LeatError } = require('./errors');

/**
 * A call stopped by its `AbortSignal`; `name` is `'AbortError'` as for every aborted Node.js
 * API, `cause` is the signal's reason, and `maybeSent` says whether the request may already
 * have reached Leat (for a create: the thing may have been made).
 */
class AbortError extends LeatError {
  constructor(message, fields = {}) {
    super(message, { cause: fields.cause });
    this.maybeSent = fields.maybeSent ?? false;
    this.operation = fields.operation ?? null;
  }
}

Object.defineProperty(AbortError.prototype, 'name', {
  value: 'AbortError',
  writable: true,
  configurable: true,
  enumerable: false,
});

module.exports = { AbortError };
