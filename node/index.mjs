// The ESM entry: the same objects as the CommonJS entry, so `instanceof` holds across both.
import sdk from './index.js';

export const {
  Client,
  WebhookSubscriptions,
  EventType,
  Status,
  webhooks,
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
} = sdk;

export default sdk;
