// leat-sdk: a Node.js client for the Leat (formerly Piggy) loyalty platform's webhook
// subscriptions, and the `webhooks` helpers that verify deliveries. One Rust core does the
// work; this package converts arguments and results.

const { Client } = require('./lib/client');
const { WebhookSubscriptions } = require('./lib/webhook-subscriptions');
const { EventType, Status } = require('./lib/event-type');
const { webhooks } = require('./lib/webhooks');
const errors = require('./lib/errors');

module.exports = {
  Client,
  WebhookSubscriptions,
  EventType,
  Status,
  webhooks,
  LeatError: errors.LeatError,
  APIError: errors.APIError,
  NotFoundError: errors.NotFoundError,
  InvalidInputError: errors.InvalidInputError,
  AuthenticationError: errors.AuthenticationError,
  PermissionDeniedError: errors.PermissionDeniedError,
  RateLimitError: errors.RateLimitError,
  MaintenanceError: errors.MaintenanceError,
  ServerError: errors.ServerError,
  APIConnectionError: errors.APIConnectionError,
  APITimeoutError: errors.APITimeoutError,
  ResponseDecodeError: errors.ResponseDecodeError,
  ValidationError: errors.ValidationError,
  ConfigurationError: errors.ConfigurationError,
  InternalError: errors.InternalError,
  AbortError: errors.AbortError,
  SignatureVerificationError: errors.SignatureVerificationError,
};
