// The error classes of leat-sdk, and the one mapping from the addon's structured errors to
// them. Every failure is a LeatError; no error ever holds an API key, token or secret.

class LeatError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [fields]
   */
  constructor(message, fields) {
    super(message, fields?.cause === undefined ? undefined : { cause: fields.cause });
  }
}

class APIError extends LeatError {
  constructor(message, fields = {}) {
    super(message);
    this.status = fields.status ?? 0;
    this.code = fields.code ?? null;
    this.apiMessage = fields.apiMessage ?? message;
    this.errors = fields.errors ?? {};
    this.requestId = fields.requestId ?? null;
    this.retryAfterMs = fields.retryAfterMs ?? null;
    this.method = fields.method ?? null;
    this.path = fields.path ?? null;
  }
}

class NotFoundError extends APIError {}
class InvalidInputError extends APIError {}
class AuthenticationError extends APIError {}
class PermissionDeniedError extends APIError {}
class RateLimitError extends APIError {}
class MaintenanceError extends APIError {}
class ServerError extends APIError {}

class APIConnectionError extends LeatError {
  constructor(message, fields = {}) {
    super(message);
    this.method = fields.method ?? null;
    this.path = fields.path ?? null;
    this.maybeSent = fields.maybeSent ?? true;
  }
}

class APITimeoutError extends APIConnectionError {
  constructor(message, fields = {}) {
    super(message, fields);
    this.timeoutMs = fields.timeoutMs ?? null;
    this.attempts = fields.attempts ?? null;
  }
}

class ResponseDecodeError extends LeatError {
  constructor(message, fields = {}) {
    super(message);
    this.status = fields.status ?? 0;
    this.field = fields.field ?? null;
    this.bodySnippet = fields.bodySnippet ?? '';
    this.method = fields.method ?? null;
    this.path = fields.path ?? null;
  }
}

class ValidationError extends LeatError {
  constructor(message, fields = {}) {
    super(message);
    this.argument = fields.argument ?? null;
  }
}

class ConfigurationError extends LeatError {}

/** A bug inside leat-sdk (a panic in the native addon), caught before it could end the process. */
class InternalError extends LeatError {}

/**
 * A call stopped by its `AbortSignal`; `name` is `'AbortError'` as for every aborted Node.js
 * API, `cause` is the signal's reason, and `maybeSent` says whether the request may already
 * have reached Leat (for a create: the subscription may exist).
 */
class AbortError extends LeatError {
  constructor(message, fields = {}) {
    super(message, { cause: fields.cause });
    this.maybeSent = fields.maybeSent ?? false;
    this.operation = fields.operation ?? null;
  }
}

class SignatureVerificationError extends LeatError {
  constructor(message, fields = {}) {
    super(message);
    this.reason = fields.reason ?? null;
  }
}

const CLASSES = {
  LeatError,
  APIError,
  NotFoundError,
  InvalidInputError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
  MaintenanceError,
  ServerError,
  APIConnectionError,
  APITimeoutError,
  ResponseDecodeError,
  ValidationError,
  ConfigurationError,
  InternalError,
  AbortError,
  SignatureVerificationError,
};

// `name` on each prototype, not on instances: stacks and util.inspect show the class, and the
// name survives minifiers.
for (const [name, Class] of Object.entries(CLASSES)) {
  Object.defineProperty(Class.prototype, 'name', {
    value: name,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/**
 * The exported class for an error the addon described as `{ class, message, ...fields }`,
 * with its stack starting below `above` (so it points at the caller's code).
 */
function errorFrom(payload, above) {
  const Class = Object.hasOwn(CLASSES, payload.class) ? CLASSES[payload.class] : LeatError;
  const error = new Class(payload.message, payload);
  if (above) Error.captureStackTrace(error, above);
  return error;
}

module.exports = { ...CLASSES, errorFrom };
