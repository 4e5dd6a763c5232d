//! HTTPS for the mock: a private certificate authority made when the server starts, and a
//! server certificate it signs for `localhost` and `127.0.0.1`, so tests can check how a
//! client trusts (or refuses) a CA that is not among the system's.

use std::io;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// The names the server certificate is valid for.
const SERVER_NAMES: [&str; 2] = ["localhost", "127.0.0.1"];

/// A started server's TLS: how connections are accepted, and the CA a client must trust.
pub(crate) struct Tls {
    pub acceptor: TlsAcceptor,
    /// The private CA's certificate, PEM.
    pub ca_pem: String,
}

/// A fresh private CA and a server certificate signed by it; nothing is written to disk.
pub(crate) fn generate() -> io::Result<Tls> {
    let ca_key = KeyPair::generate().map_err(io::Error::other)?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(io::Error::other)?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    // A name of its own: a client trusting another mock's CA must not mistake it for this one.
    let name = format!(
        "leat-mock private test CA {}",
        uuid::Uuid::new_v4().simple()
    );
    ca.distinguished_name.push(DnType::CommonName, name);
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_certificate = ca.self_signed(&ca_key).map_err(io::Error::other)?;
    let issuer = Issuer::new(ca, ca_key);

    let server_key = KeyPair::generate().map_err(io::Error::other)?;
    let names: Vec<String> = SERVER_NAMES.iter().map(|n| (*n).to_owned()).collect();
    let mut server = CertificateParams::new(names).map_err(io::Error::other)?;
    server
        .distinguished_name
        .push(DnType::CommonName, "leat-mock");
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let server_certificate = server
        .signed_by(&server_key, &issuer)
        .map_err(io::Error::other)?;

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(
            vec![
                server_certificate.der().clone(),
                ca_certificate.der().clone(),
            ],
            key,
        )
        .map_err(io::Error::other)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        ca_pem: ca_certificate.pem(),
    })
}
