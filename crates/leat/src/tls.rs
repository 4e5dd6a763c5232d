//! Which certificate authorities a client trusts, and what to tell its user when a server's
//! certificate is refused.
//!
//! A client trusts one base set of roots, chosen once per process by the first client built:
//!
//! 1. **The platform's roots.** On Linux and other Unix systems, the PEM files OpenSSL would
//!    read: `SSL_CERT_FILE` and `SSL_CERT_DIR` when either is set (they replace the system's
//!    files, as in OpenSSL), otherwise the system's usual bundle and directory (such as
//!    `/etc/ssl/certs`). On macOS and Windows, the operating system's own verifier and trust
//!    settings, unless `SSL_CERT_FILE` or `SSL_CERT_DIR` is set (then those files, as on Linux).
//! 2. **The Mozilla roots bundled with leat-sdk** (the `webpki-roots` crate), when the
//!    platform's roots hold no certificate or cannot be read: slim and distroless container
//!    images often ship without any. Building a client never fails for want of roots.
//!
//! To that base, each client adds the CA certificates it was given
//! ([`ClientBuilder::add_root_certificate`](crate::ClientBuilder::add_root_certificate),
//! [`ClientBuilder::ca_bundle_file`](crate::ClientBuilder::ca_bundle_file)). The choice is
//! logged once per process as a `tracing` event with target `leat`: at `info` level when the
//! bundled roots stand in for an empty or unreadable system store, at `debug` otherwise.
//! Nothing in leat-sdk turns certificate verification off.

use std::error::Error as StdError;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, TrustAnchor, UnixTime};
use rustls::{CertificateError, ClientConfig, RootCertStore};

use crate::error::{Error, Result};

/// Replaces the system's CA bundle file (OpenSSL's variable, read by leat-sdk too).
pub const ENV_CERT_FILE: &str = "SSL_CERT_FILE";
/// Replaces the system's CA directories (OpenSSL's variable, read by leat-sdk too).
pub const ENV_CERT_DIR: &str = "SSL_CERT_DIR";

/// How error messages name the way to add a CA when no binding named its own option.
const RUST_CA_OPTION: &str = "ClientBuilder::add_root_certificate (or ca_bundle_file)";

/// Whether this platform's own verifier is preferred to reading PEM files.
const OS_VERIFIER: bool = cfg!(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "windows"
));

/// Counts the certificates in PEM text (one or more `-----BEGIN CERTIFICATE-----` blocks),
/// checking each can be trusted as a root: the check
/// [`ClientBuilder::add_root_certificate`](crate::ClientBuilder::add_root_certificate) makes.
///
/// The error is [`Error::Config`] and says what is wrong without quoting the text.
///
/// ```
/// let err = leat::tls::count_pem_certificates(b"not a certificate").unwrap_err();
/// assert!(err.to_string().contains("no PEM certificate"));
/// ```
///
/// # Errors
/// [`Error::Config`] when the text holds no certificate or one that does not parse.
pub fn count_pem_certificates(pem: &[u8]) -> Result<usize> {
    parse_pem("the PEM text", pem).map(|parsed| parsed.certs.len())
}

/// Where a CA certificate to add comes from, as the builder was given it.
#[derive(Clone)]
pub(crate) enum CaSource {
    /// PEM text.
    Pem(Vec<u8>),
    /// A PEM file, read when the client is built.
    File(PathBuf),
}

/// The TLS part of a client's checked settings.
pub(crate) struct TlsSettings {
    /// The CA certificates added to the base roots, parsed and checked.
    extra: Vec<Arc<Parsed>>,
    /// How the caller's language spells the way to add a CA, for error messages.
    ca_option: String,
}

impl TlsSettings {
    /// Reads and checks every CA certificate given to the builder.
    pub(crate) fn new(sources: &[CaSource], ca_option: Option<&str>) -> Result<Self> {
        let mut extra = Vec::new();
        for source in sources {
            match source {
                CaSource::Pem(pem) => extra.push(parse_pem("add_root_certificate", pem)?),
                CaSource::File(path) => {
                    let pem = std::fs::read(path).map_err(|err| {
                        Error::config(format!(
                            "ca_bundle_file {}: could not read it: {err}",
                            path.display()
                        ))
                    })?;
                    let what = format!("ca_bundle_file {}", path.display());
                    extra.push(parse_pem(&what, &pem)?);
                }
            }
        }
        Ok(TlsSettings {
            extra,
            ca_option: ca_option.unwrap_or(RUST_CA_OPTION).to_owned(),
        })
    }

    /// The added certificates, as given.
    fn certificates(&self) -> impl Iterator<Item = CertificateDer<'static>> + '_ {
        self.extra
            .iter()
            .flat_map(|parsed| parsed.certs.iter().cloned())
    }

    /// The added certificates, as trust anchors.
    fn anchors(&self) -> impl Iterator<Item = TrustAnchor<'static>> + '_ {
        self.extra
            .iter()
            .flat_map(|parsed| parsed.anchors.iter().cloned())
    }

    fn count(&self) -> usize {
        self.extra.iter().map(|parsed| parsed.certs.len()).sum()
    }
}

/// PEM text, parsed: its certificates, and the same as trust anchors.
struct Parsed {
    pem: Vec<u8>,
    certs: Vec<CertificateDer<'static>>,
    anchors: Vec<TrustAnchor<'static>>,
}

/// How many PEM texts parsed lately, and root stores made of them, are kept: clients built
/// with the same CAs (every Node client under `NODE_EXTRA_CA_CERTS`, say) share them.
const PARSED_KEPT: usize = 8;

/// PEM text to certificates, each checked to be usable as a trust anchor. Errors name
/// `what` and the certificate's position, never the text.
fn parse_pem(what: &str, pem: &[u8]) -> Result<Arc<Parsed>> {
    static PARSED: Mutex<Vec<Arc<Parsed>>> = Mutex::new(Vec::new());
    let known = PARSED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|parsed| parsed.pem == pem)
        .cloned();
    if let Some(parsed) = known {
        return Ok(parsed);
    }
    let parsed = Arc::new(parse_pem_anew(what, pem)?);
    let mut kept = PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    if kept.len() == PARSED_KEPT {
        kept.remove(0);
    }
    kept.push(parsed.clone());
    Ok(parsed)
}

fn parse_pem_anew(what: &str, pem: &[u8]) -> Result<Parsed> {
    let mut certs = Vec::new();
    let mut anchors = RootCertStore::empty();
    for (index, item) in CertificateDer::pem_slice_iter(pem).enumerate() {
        let position = index + 1;
        let cert = item.map_err(|err| {
            Error::config(format!(
                "{what}: PEM block {position} is malformed: {}",
                pem_problem(&err)
            ))
        })?;
        anchors.add(cert.clone()).map_err(|err| {
            Error::config(format!(
                "{what}: certificate {position} is not a usable CA certificate ({err})"
            ))
        })?;
        certs.push(cert);
    }
    if certs.is_empty() {
        return Err(Error::config(format!(
            "{what}: no PEM certificate found; expected one or more \
             -----BEGIN CERTIFICATE----- blocks"
        )));
    }
    Ok(Parsed {
        pem: pem.to_vec(),
        certs,
        anchors: anchors.roots,
    })
}

/// What is wrong with a PEM block, in words that quote none of it.
fn pem_problem(err: &pem::Error) -> &'static str {
    match err {
        pem::Error::MissingSectionEnd { .. } => "it has no matching -----END line",
        pem::Error::IllegalSectionStart { .. } => "its -----BEGIN line is not well formed",
        pem::Error::Base64Decode(_) => "its body is not valid base64",
        pem::Error::SectionTooLarge => "it is larger than 256 MB",
        _ => "it could not be read",
    }
}

/// The roots every client of this process starts from.
enum Base {
    /// Roots held in memory: the system's, or the bundled ones.
    Store {
        roots: Arc<RootCertStore>,
        /// What they are, for messages, e.g. "the 145 root certificates of the system store".
        described: String,
    },
    /// The operating system verifies (macOS, Windows).
    OsVerifier,
}

/// The base roots, chosen (and logged) by the first client of the process.
fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        if OS_VERIFIER && environment().is_none() {
            tracing::debug!(target: "leat", store = "os",
                "TLS roots: the operating system's trust store");
            Base::OsVerifier
        } else {
            system_or_bundled()
        }
    })
}

/// `SSL_CERT_FILE` / `SSL_CERT_DIR` as set, for messages; `None` when neither is.
fn environment() -> Option<String> {
    let set: Vec<String> = [ENV_CERT_FILE, ENV_CERT_DIR]
        .into_iter()
        .filter_map(|name| {
            std::env::var_os(name).map(|value| format!("{name}={}", value.to_string_lossy()))
        })
        .collect();
    (!set.is_empty()).then(|| set.join(", "))
}

/// The system's PEM roots (as OpenSSL would find them), or the bundled ones when there are none.
fn system_or_bundled() -> Base {
    let loaded = rustls_native_certs::load_native_certs();
    let mut store = RootCertStore::empty();
    let (added, ignored) = store.add_parsable_certificates(loaded.certs);
    let source = match environment() {
        Some(set) => format!("the system store ({set})"),
        None => "the system store".to_owned(),
    };
    let errors: Vec<String> = loaded.errors.iter().map(ToString::to_string).collect();
    if added > 0 {
        tracing::debug!(target: "leat", store = "system", roots = added, ignored,
            errors = errors.len(), "TLS roots: {source}, {added} certificates");
        return Base::Store {
            roots: Arc::new(store),
            described: format!("the {added} root certificates of {source}"),
        };
    }
    let reason = if errors.is_empty() {
        format!("{source} holds no certificates")
    } else {
        format!("{source} could not be read: {}", errors.join("; "))
    };
    let roots = bundled();
    let count = roots.len();
    tracing::info!(target: "leat", store = "bundled", roots = count,
        "TLS roots: the {count} Mozilla root certificates bundled with leat-sdk, because {reason}");
    Base::Store {
        roots,
        described: format!(
            "the {count} Mozilla root certificates bundled with leat-sdk ({reason})"
        ),
    }
}

/// Mozilla's roots as shipped in `webpki-roots`.
fn bundled() -> Arc<RootCertStore> {
    static BUNDLED: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    BUNDLED
        .get_or_init(|| {
            Arc::new(RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            })
        })
        .clone()
}

/// A root store with CAs added, and what it was made of.
struct Combined {
    base: Arc<RootCertStore>,
    added: Vec<Arc<Parsed>>,
    store: Arc<RootCertStore>,
}

/// `roots` plus the added CAs, sharing `roots` when there is nothing to add. Clients given the
/// same CAs share one store too.
fn with_extra(roots: &Arc<RootCertStore>, settings: &TlsSettings) -> Arc<RootCertStore> {
    static MADE: Mutex<Vec<Combined>> = Mutex::new(Vec::new());
    if settings.extra.is_empty() {
        return roots.clone();
    }
    let same = |made: &Combined| {
        Arc::ptr_eq(&made.base, roots)
            && made.added.len() == settings.extra.len()
            && made
                .added
                .iter()
                .zip(&settings.extra)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    };
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = made.iter().find(|m| same(m)) {
        return found.store.clone();
    }
    let mut store = RootCertStore::clone(roots);
    store.roots.extend(settings.anchors());
    let store = Arc::new(store);
    if made.len() == PARSED_KEPT {
        made.remove(0);
    }
    made.push(Combined {
        base: roots.clone(),
        added: settings.extra.clone(),
        store: store.clone(),
    });
    store
}

/// The operating system's verifier with `extra` trusted too (macOS, Windows; elsewhere it
/// reads the same PEM files as [`system_or_bundled`]).
fn os_verifier(
    settings: &TlsSettings,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, rustls::Error> {
    let verifier = if settings.extra.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)?
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(settings.certificates(), provider)?
    };
    Ok(Arc::new(verifier))
}

/// What one client trusts, kept to explain a refused certificate.
pub(crate) struct Trust {
    /// e.g. "the 145 root certificates of the system store and 1 CA certificate added to this
    /// client".
    described: String,
    ca_option: String,
}

/// The rustls configuration for a client with `settings`, and what it trusts.
pub(crate) fn configure(settings: &TlsSettings) -> Result<(ClientConfig, Trust)> {
    // ring, unless the application installed another provider for the process; installed
    // as the process default too, as leat-sdk always did, for code that relies on one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let provider = CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|err| Error::config(format!("could not set up TLS: {err}")))?;
    let (mut config, described) = match base() {
        Base::Store { roots, described } => (
            builder
                .with_root_certificates(with_extra(roots, settings))
                .with_no_client_auth(),
            described.clone(),
        ),
        Base::OsVerifier => match os_verifier(settings, provider) {
            Ok(verifier) => (
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(verifier)
                    .with_no_client_auth(),
                "the operating system's trust store".to_owned(),
            ),
            Err(err) => {
                let roots = bundled();
                let count = roots.len();
                tracing::warn!(target: "leat", store = "bundled", roots = count,
                    "TLS roots: the operating system's verifier failed ({err}); using the \
                     {count} Mozilla root certificates bundled with leat-sdk");
                (
                    builder
                        .with_root_certificates(with_extra(&roots, settings))
                        .with_no_client_auth(),
                    format!(
                        "the {count} Mozilla root certificates bundled with leat-sdk (the \
                         operating system's verifier failed: {err})"
                    ),
                )
            }
        },
    };
    // What reqwest itself asks for when it builds the configuration (HTTP/1.1 only).
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let mut described = described;
    let added = settings.count();
    match added {
        0 => {}
        1 => described.push_str(" and 1 CA certificate added to this client"),
        n => {
            let _ = write!(described, " and {n} CA certificates added to this client");
        }
    }
    if added > 0 {
        tracing::debug!(target: "leat", added, "TLS roots: {described}");
    }
    Ok((
        config,
        Trust {
            described,
            ca_option: settings.ca_option.clone(),
        },
    ))
}

impl Trust {
    /// A message that names why `err`'s server certificate was refused and what to do, when
    /// that is why the request failed.
    pub(crate) fn explain(&self, err: &reqwest::Error) -> Option<String> {
        let refused = certificate_error(err)?;
        let host = err
            .url()
            .and_then(|url| url.host_str())
            .unwrap_or("the server")
            .to_owned();
        Some(self.message(&host, refused))
    }

    fn message(&self, host: &str, refused: &CertificateError) -> String {
        let (cause, fix) = match refused {
            CertificateError::UnknownIssuer => (
                "it was issued by an unknown issuer, a certificate authority (CA) this client \
                 does not trust"
                    .to_owned(),
                self.ca_fix(host),
            ),
            CertificateError::BadSignature => (
                "its signature does not match the trusted CA of the same name (the server's \
                 CA is another one with that name, or the certificate was altered)"
                    .to_owned(),
                self.ca_fix(host),
            ),
            CertificateError::Expired => ("it has expired".to_owned(), EXPIRED_FIX.to_owned()),
            CertificateError::ExpiredContext { time, not_after } => (
                format!(
                    "it expired at {} (this machine's clock says {})",
                    date(*not_after),
                    date(*time)
                ),
                EXPIRED_FIX.to_owned(),
            ),
            CertificateError::NotValidYet => {
                ("it is not valid yet".to_owned(), NOT_YET_FIX.to_owned())
            }
            CertificateError::NotValidYetContext { time, not_before } => (
                format!(
                    "it is not valid before {} (this machine's clock says {})",
                    date(*not_before),
                    date(*time)
                ),
                NOT_YET_FIX.to_owned(),
            ),
            CertificateError::NotValidForName => (
                format!("it is not valid for the host name {host}"),
                wrong_host_fix(host),
            ),
            CertificateError::NotValidForNameContext { presented, .. } => (
                format!(
                    "it is not valid for the host name {host} (it names {})",
                    if presented.is_empty() {
                        "no host".to_owned()
                    } else {
                        presented.join(", ")
                    }
                ),
                wrong_host_fix(host),
            ),
            CertificateError::Revoked => (
                "it has been revoked".to_owned(),
                "The server needs a new certificate.".to_owned(),
            ),
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => (
                "it is not meant for TLS servers (its extended key usage)".to_owned(),
                "The server needs a certificate for TLS server authentication.".to_owned(),
            ),
            other => (
                format!("it could not be verified ({other})"),
                "The server needs a certificate a standard TLS client accepts.".to_owned(),
            ),
        };
        format!(
            "the TLS certificate of {host} was refused: {cause}. This client trusts {}. {fix}",
            self.described
        )
    }

    /// What to do about a CA this client does not trust.
    fn ca_fix(&self, host: &str) -> String {
        format!(
            "If {host} uses a private or corporate CA, pass that CA's PEM certificate with {}, \
             or set {ENV_CERT_FILE} to a PEM bundle that includes it; if its CA is a public \
             one, install the system's CA certificates (e.g. the ca-certificates package).",
            self.ca_option
        )
    }
}

const EXPIRED_FIX: &str =
    "The server's certificate must be renewed; if it was, check this machine's clock.";
const NOT_YET_FIX: &str = "Check this machine's clock.";

fn wrong_host_fix(host: &str) -> String {
    format!(
        "Use the host name the certificate was issued for in the base URL, or have {host}'s \
         certificate include {host}."
    )
}

/// A certificate time as an RFC 3339 date, or seconds since 1970 if it is out of range.
fn date(time: UnixTime) -> String {
    let seconds = time.as_secs();
    i64::try_from(seconds)
        .ok()
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("{seconds} s after 1970"))
}

/// The rustls verdict on the server's certificate, wherever it sits in `err`'s causes. TLS
/// errors travel inside (nested) `std::io::Error`s, whose `source()` skips the error they
/// carry, so those are opened with `get_ref()`.
fn certificate_error(err: &reqwest::Error) -> Option<&CertificateError> {
    let mut next: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(cause) = next {
        if let Some(rustls::Error::InvalidCertificate(refused)) = cause.downcast_ref() {
            return Some(refused);
        }
        next = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
            None => cause.source(),
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trust() -> Trust {
        Trust {
            described: "the system's 3 root certificates".into(),
            ca_option: "ca_bundle=".into(),
        }
    }

    #[test]
    fn an_unknown_issuer_names_the_option_and_the_variable() {
        let message = trust().message("localhost", &CertificateError::UnknownIssuer);
        for part in [
            "TLS certificate of localhost was refused",
            "unknown issuer",
            "the system's 3 root certificates",
            "ca_bundle=",
            "SSL_CERT_FILE",
            "ca-certificates",
        ] {
            assert!(message.contains(part), "{part:?} missing from {message}");
        }
    }

    #[test]
    fn an_expired_certificate_names_its_date_and_the_clock() {
        let message = trust().message(
            "api.piggy.eu",
            &CertificateError::ExpiredContext {
                time: UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_700_000_000)),
                not_after: UnixTime::since_unix_epoch(std::time::Duration::from_secs(
                    1_600_000_000,
                )),
            },
        );
        assert!(
            message.contains("expired at 2020-09-13T12:26:40Z"),
            "{message}"
        );
        assert!(message.contains("2023-11-14T22:13:20Z"), "{message}");
        assert!(message.contains("renewed"), "{message}");
    }

    #[test]
    fn a_certificate_for_another_host_names_both() {
        let message = trust().message(
            "api.piggy.eu",
            &CertificateError::NotValidForNameContext {
                expected: rustls::pki_types::ServerName::try_from("api.piggy.eu")
                    .unwrap()
                    .to_owned(),
                presented: vec!["DnsName(\"other.example\")".into()],
            },
        );
        assert!(
            message.contains("not valid for the host name api.piggy.eu"),
            "{message}"
        );
        assert!(message.contains("other.example"), "{message}");
    }

    #[test]
    fn pem_without_a_certificate_is_refused_without_quoting_it() {
        let err = count_pem_certificates(b"SECRET-LOOKING TEXT").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("no PEM certificate"), "{message}");
        assert!(!message.contains("SECRET"), "{message}");
    }

    #[test]
    fn a_malformed_pem_block_is_refused_without_quoting_it() {
        let pem = b"-----BEGIN CERTIFICATE-----\nnot*base64*SECRET\n-----END CERTIFICATE-----\n";
        let message = count_pem_certificates(pem).unwrap_err().to_string();
        assert!(message.contains("block 1"), "{message}");
        assert!(!message.contains("SECRET"), "{message}");
    }

    #[test]
    fn the_bundled_store_is_not_empty() {
        assert!(bundled().len() > 100);
    }
}
