package dev.sws.security;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

import dev.sws.cert.NaclCert;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;

/**
 * An SWS peer as Spring Security sees it: the identity the SWS handshake established, with the
 * authorities its certificate or pinned key maps to. The principal ({@link #getPrincipal()}, the
 * value of an {@code @AuthenticationPrincipal} argument) is the {@link PeerIdentity}; the name
 * ({@link #getName()}) is {@link PeerIdentity#getPrincipalName()}, {@code sws-cert:<CA
 * fingerprint>/<first name>} or {@code sws-key:<key fingerprint>}, which no HTTP user name can
 * equal.
 *
 * <p>A token is {@linkplain #isAuthenticated() authenticated} only when the handshake
 * authenticated the peer: by a certificate that a trust anchor of the server signed, or by a key
 * the server pins. Any other peer (v1, or v2/v3 without a client certificate) is represented by an
 * unauthenticated token with no authorities, so that rules such as {@code authenticated()} or
 * {@code hasRole(...)} refuse it while {@code permitAll()} still lets it through.
 *
 * <p>There are no credentials to erase: the peer proved that it holds the private key of its public
 * key during the handshake, and nothing secret is kept. {@link #getCredentials()} returns the
 * peer's certificate, which is public.
 */
public final class SwsAuthenticationToken extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	/** Not serialized: a token lives as long as the WebSocket session it describes. */
	private final transient PeerIdentity peer;

	private SwsAuthenticationToken(PeerIdentity peer, @Nullable Collection<? extends GrantedAuthority> authorities,
			boolean authenticated) {
		super(authorities);
		this.peer = Objects.requireNonNull(peer, "peer");
		super.setAuthenticated(authenticated);
	}

	private SwsAuthenticationToken(Builder builder) {
		super(builder);
		this.peer = builder.peer;
	}

	/**
	 * Creates an authenticated token: call it only for a peer that the handshake authenticated by
	 * a certificate or a pinned key ({@link SwsAuthenticationConverter} decides that).
	 * @param peer the peer
	 * @param authorities what the peer may do
	 * @return the token
	 */
	public static SwsAuthenticationToken authenticated(PeerIdentity peer,
			Collection<? extends GrantedAuthority> authorities) {
		return new SwsAuthenticationToken(peer, authorities, true);
	}

	/**
	 * Creates an unauthenticated token with no authorities, for a peer known only by a key that
	 * nothing vouches for.
	 * @param peer the peer
	 * @return the token
	 */
	public static SwsAuthenticationToken unauthenticated(PeerIdentity peer) {
		return new SwsAuthenticationToken(peer, null, false);
	}

	/**
	 * Returns the peer.
	 * @return the {@link PeerIdentity}
	 */
	@Override
	public PeerIdentity getPrincipal() {
		return this.peer;
	}

	/**
	 * Returns the peer's certificate, which is public: the token holds no secret.
	 * @return the certificate, or {@code null} if the peer has none
	 */
	@Override
	public @Nullable NaclCert getCredentials() {
		return this.peer.getCertificate().orElse(null);
	}

	/**
	 * Returns the peer's principal name, {@link PeerIdentity#getPrincipalName()}.
	 * @return {@code sws-cert:<CA fingerprint>/<first name>} or {@code sws-key:<key fingerprint>}
	 */
	@Override
	public String getName() {
		return this.peer.getPrincipalName();
	}

	/**
	 * Refuses to mark the token authenticated: only {@link #authenticated} makes one.
	 * @param authenticated {@code false} to mark the token untrusted
	 * @throws IllegalArgumentException if {@code authenticated} is {@code true}
	 */
	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("An SWS token is authenticated only by the SWS handshake: use "
					+ "SwsAuthenticationToken.authenticated(peer, authorities)");
		}
		super.setAuthenticated(false);
	}

	/**
	 * Returns the peer.
	 * @return the peer identity
	 */
	public PeerIdentity getPeer() {
		return this.peer;
	}

	/**
	 * Returns the names in the peer's certificate.
	 * @return the names, empty without a certificate
	 */
	public List<String> getNames() {
		return this.peer.getCertificate().map(NaclCert::getNames).orElse(List.of());
	}

	/**
	 * Returns the peer's public key: its box key (v1/v2) or Noise static key (v3).
	 * @return a copy of the 32 bytes
	 */
	public byte[] getPublicKey() {
		return this.peer.getPublicKey();
	}

	/**
	 * Returns the fingerprint of the peer's public key, as {@code ./sws-cert inspect} prints it.
	 * @return the fingerprint
	 */
	public String getFingerprint() {
		return this.peer.getFingerprint();
	}

	/**
	 * Returns the peer's certificate.
	 * @return the certificate, empty if the peer has none
	 */
	public Optional<NaclCert> getCertificate() {
		return this.peer.getCertificate();
	}

	/**
	 * Returns the trust anchor that signed the peer's certificate.
	 * @return the CA certificate, empty without a certificate or when the verifier does not say
	 */
	public Optional<NaclCert> getIssuer() {
		return this.peer.getIssuer();
	}

	/**
	 * Returns the SWS protocol version of the session.
	 * @return the version
	 */
	public ProtocolVersion getVersion() {
		return this.peer.getVersion();
	}

	@Override
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Builds a copy of an {@link SwsAuthenticationToken} with other authorities or details (for
	 * example, Spring Security adding the authorities of another factor). The peer stays the same.
	 */
	public static final class Builder extends AbstractAuthenticationBuilder<Builder> {

		private PeerIdentity peer;

		private Builder(SwsAuthenticationToken token) {
			super(token);
			this.peer = token.peer;
		}

		/**
		 * Sets the peer.
		 * @param principal a {@link PeerIdentity}
		 * @return this builder
		 * @throws IllegalArgumentException if {@code principal} is not a {@link PeerIdentity}
		 */
		@Override
		public Builder principal(@Nullable Object principal) {
			if (!(principal instanceof PeerIdentity identity)) {
				throw new IllegalArgumentException("The principal of an SwsAuthenticationToken is a PeerIdentity");
			}
			this.peer = identity;
			return this;
		}

		@Override
		public SwsAuthenticationToken build() {
			return new SwsAuthenticationToken(this);
		}

	}

}
