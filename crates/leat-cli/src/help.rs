//! The help texts of the command line: what `leat` is, and the examples, exit statuses and
//! notes shown after each command's options. Kept apart from the grammar in `cli.rs`.

/// What `leat` is, at the top of `--help`.
pub(crate) const ABOUT: &str =
    "The command line for Leat (formerly Piggy): call every operation of Leat's API, manage \
webhook subscriptions, apply them from a file, send signed test deliveries, verify a delivery, \
run a local mock.";

/// After `leat --help`: examples, where credentials come from, exit statuses.
pub(crate) const MAIN_HELP: &str = "\
Examples:
  leat contacts find-one-by --email jane@example.com
  leat credit-receptions create --contact-uuid 9504d4b2-... --shop-uuid 7a1f... --unit-value 12.5
  leat contacts list --all --output table
  leat subscriptions apply subscriptions.toml --dry-run
  leat webhooks send http://localhost:3000/webhooks --event-type contact_created
  leat mock --port 8787

Every operation of Leat's API is a command: `leat <group> <operation>` (`leat operations`
lists them). Path parameters are positional, in path order; every other parameter is a
--flag named after Leat's field (`--contact-uuid`; `--contact_uuid` works too). Lists repeat
their flag, maps take NAME=VALUE or NAME:=JSON, `--data JSON|@FILE|@-` gives the body's
fields as JSON (flags win over it), `--all` follows every page. They print Leat's `data` as
JSON; `--output table` prints columns.

Credentials (for `leat subscriptions` and Leat's operations), as the Leat clients read them:
  --api-key or LEAT_API_KEY (a personal access token), or OAuth client credentials:
  --client-id/--client-secret or LEAT_CLIENT_ID/LEAT_CLIENT_SECRET.
  --base-url or LEAT_BASE_URL (default https://api.piggy.eu).

Exit status:
  0    ok
  1    Leat answered an error, a signature did not verify, or a receiver refused a delivery
  2    usage error: bad arguments or input, caught before anything was sent
  3    connection failure: Leat or the receiver could not be reached, or did not answer in time
  130  stopped by Ctrl-C (143: by SIGTERM); `leat mock` exits 0 when stopped";

/// After `leat subscriptions --help`.
pub(crate) const SUBSCRIPTIONS_HELP: &str = "\
Examples:
  export LEAT_API_KEY=...
  leat subscriptions list
  leat subscriptions create --name 'New members' --event-type contact_created \\
      --url https://example.com/webhooks
  leat subscriptions update 2f3c... --status INACTIVE
  leat subscriptions apply subscriptions.toml";

/// After `leat subscriptions list --help`.
pub(crate) const LIST_HELP: &str = "\
Examples:
  leat subscriptions list
  leat subscriptions list --event-type voucher_redeemed --status ACTIVE
  leat subscriptions list --output json";

/// After `leat subscriptions get --help`.
pub(crate) const GET_HELP: &str = "\
Example:
  leat subscriptions get 2f3c5e4a-7d7e-4c43-9a6e-5b0f1c2d3e4f";

/// After `leat subscriptions create --help`.
pub(crate) const CREATE_HELP: &str = "\
Examples:
  leat subscriptions create --name 'New members' --event-type contact_created \\
      --url https://example.com/webhooks
  leat subscriptions create --name 'Name changes' --event-type contact_updated \\
      --url https://example.com/webhooks --attribute firstname --attribute lastname

The secret and the event type cannot be changed after creation.";

/// After `leat subscriptions update --help`.
pub(crate) const UPDATE_HELP: &str = "\
Examples:
  leat subscriptions update 2f3c... --status INACTIVE
  leat subscriptions update 2f3c... --url https://example.com/new-webhooks

The event type and the secret cannot be changed: delete the subscription and create it anew.
Leat needs the watched attributes on every update of a contact_updated subscription. Without
--attribute, leat reads the subscription first and sends its current ones again; when it
watches none, the update is refused (exit status 2) and nothing is changed.";

/// After `leat subscriptions delete --help`.
pub(crate) const DELETE_HELP: &str = "\
Examples:
  leat subscriptions delete 2f3c...          (asks first, on a terminal)
  leat subscriptions delete 2f3c... --yes";

/// After `leat subscriptions apply --help`: the file format and what the plan shows.
pub(crate) const APPLY_HELP: &str = "\
Examples:
  leat subscriptions apply subscriptions.toml --dry-run
  leat subscriptions apply subscriptions.toml
  leat subscriptions apply subscriptions.toml --prune

The file (TOML) lists the wanted subscriptions, matched to Leat's by name and event type:

  [[subscription]]
  name = \"New members\"
  event_type = \"contact_created\"
  url = \"https://example.com/webhooks/members\"
  status = \"ACTIVE\"                   # optional, default ACTIVE
  attributes = [\"firstname\"]          # optional; for contact_updated
  secret_env = \"LEAT_WHSEC_MEMBERS\"   # optional: the name of an environment variable

Every entry is checked before anything is sent, as Leat and the clients check them: name,
an absolute http(s) URL with a host, a known event type (--allow-unknown-event-types for one
Leat added since this version), status, attributes (needed by every update of a
contact_updated subscription) and that each secret_env variable is set. One bad entry stops
the run (exit status 2) with nothing changed.

The plan shows each subscription as create, update, unchanged or (with --prune) delete, and
warns about duplicates at Leat (left untouched) and about what Leat cannot change after
creation (event type, secret). Applying again changes nothing; after a failure half-way, the
next run reads Leat's state again and finishes without duplicates.";

/// After `leat webhooks --help`.
pub(crate) const WEBHOOKS_HELP: &str = "\
Examples:
  leat webhooks send http://localhost:3000/webhooks --event-type voucher_redeemed --secret whsec_...
  leat webhooks verify --signature 5f1c... --secret whsec_... delivery.json";

/// After `leat webhooks send --help`: what is sent.
pub(crate) const SEND_HELP: &str = "\
Examples:
  export LEAT_WEBHOOK_SECRET=whsec_...
  leat webhooks send http://localhost:3000/webhooks --event-type contact_created
  leat webhooks send http://localhost:3000/webhooks --event-type voucher_redeemed \\
      --data '{\"voucher\": {\"uuid\": \"9b2d...\"}}' --retries 5
  leat webhooks send https://example.com/webhooks --event-type contact_updated --data @payload.json

POSTs {\"type\": EVENT_TYPE, \"data\": DATA} with Content-Type: application/json and the
Signature header (hex HMAC-SHA256 of the body with the secret), as Leat does. Without --data,
a sample payload for the event type is sent, naming related entities by uuid.";

/// After `leat webhooks verify --help`.
pub(crate) const VERIFY_HELP: &str = "\
Examples:
  leat webhooks verify --signature 5f1c... --secret whsec_... delivery.json
  cat delivery.json | leat webhooks verify --signature 5f1c... --secret old --secret new
  LEAT_WEBHOOK_SECRET=old,new leat webhooks verify --signature 5f1c... delivery.json

Exit status 0 and the event type when the signature is valid; 1 and the reason
(signature_mismatch, not_an_event, ...) when not; 2 when there is no secret to verify with
(no --secret and LEAT_WEBHOOK_SECRET unset or empty) or the file cannot be read.";

/// After `leat mock --help`.
pub(crate) const MOCK_HELP: &str = "\
Examples:
  leat mock
  leat mock --port 8787 --api-key local-key --webhook-secret whsec_local

Then, in another terminal:
  export LEAT_BASE_URL=http://127.0.0.1:8787 LEAT_API_KEY=local-key
  leat subscriptions list

With --output json, the URL and credentials are printed as one JSON line, for scripts.";

/// After `leat operations --help`.
pub(crate) const OPERATIONS_HELP: &str = "\
Examples:
  leat operations
  leat operations contacts
  leat operations --json

Each operation is a command: contacts.find_one_by is `leat contacts find-one-by`, and
`leat contacts find-one-by --help` shows its options. With --json, one entry per operation:
{\"id\", \"method\", \"path\", \"python\", \"node\", \"params\": [{\"name\", \"in\", \"required\", \"type\", ...}],
\"paginated\", ...}, parameters by Leat's wire names.";

/// After `leat completions --help`.
pub(crate) const COMPLETIONS_HELP: &str = "\
Examples:
  leat completions bash > ~/.local/share/bash-completion/completions/leat
  leat completions zsh > \"${fpath[1]}/_leat\"
  leat completions fish > ~/.config/fish/completions/leat.fish";
