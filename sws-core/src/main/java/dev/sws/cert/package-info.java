/**
 * NaCl certificates in the original's format (nacl-cert@1.0.4): {@link dev.sws.cert.NaclCert}
 * kept in its own key order, the {@link dev.sws.cert.TrustPolicy} the handshake uses to accept or
 * refuse a peer's certificate, {@link dev.sws.cert.HostMatcher}, issuing with
 * {@link dev.sws.cert.CertAuthority}, and the original's key and certificate files
 * ({@link dev.sws.cert.CertFiles}). No Spring types.
 */
@NullMarked
package dev.sws.cert;

import org.jspecify.annotations.NullMarked;
