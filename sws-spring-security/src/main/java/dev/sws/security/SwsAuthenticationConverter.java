package dev.sws.security;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sws.protocol.PeerIdentity;

/**
 * Turns the peer of an SWS session into an {@link SwsAuthenticationToken}. The token is
 * authenticated when the handshake authenticated the peer: it presented a certificate that a trust
 * anchor of the server signed (the server only accepts verified certificates), or its public key is
 * one of the pinned keys, whose private key it proved to hold by completing the handshake. Its
 * authorities then come from the {@link SwsAuthoritiesMapper}. Any other peer gets an
 * unauthenticated token without authorities.
 */
public final class SwsAuthenticationConverter {

	private final SwsAuthoritiesMapper authoritiesMapper;

	private final Set<String> pinnedKeys;

	/**
	 * Creates a converter that authenticates peers by certificate only.
	 * @param authoritiesMapper the authorities of an authenticated peer
	 */
	public SwsAuthenticationConverter(SwsAuthoritiesMapper authoritiesMapper) {
		this(authoritiesMapper, Set.of());
	}

	/**
	 * Creates a converter that authenticates peers by certificate, and peers without one by their
	 * pinned key.
	 * @param authoritiesMapper the authorities of an authenticated peer
	 * @param pinnedKeyFingerprints the fingerprints of the public keys that authenticate a peer on
	 * their own, as {@code ./sws-cert inspect} prints them
	 * @throws IllegalArgumentException if a fingerprint is malformed
	 */
	public SwsAuthenticationConverter(SwsAuthoritiesMapper authoritiesMapper,
			Collection<String> pinnedKeyFingerprints) {
		this.authoritiesMapper = Objects.requireNonNull(authoritiesMapper, "authoritiesMapper");
		this.pinnedKeys = pinnedKeyFingerprints.stream()
			.map((fingerprint) -> SwsKeyFingerprints.normalize(fingerprint, "a pinned key"))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Returns the token of a peer.
	 * @param peer the peer as the handshake established it
	 * @return an authenticated token with the mapped authorities, or an unauthenticated one
	 */
	public SwsAuthenticationToken convert(PeerIdentity peer) {
		if (isAuthenticated(peer)) {
			return SwsAuthenticationToken.authenticated(peer, this.authoritiesMapper.getAuthorities(peer));
		}
		return SwsAuthenticationToken.unauthenticated(peer);
	}

	/**
	 * Tells whether the handshake authenticated a peer: by a verified certificate or a pinned key.
	 * @param peer the peer
	 * @return {@code true} if so
	 */
	public boolean isAuthenticated(PeerIdentity peer) {
		return peer.getCertificate().isPresent() || this.pinnedKeys.contains(peer.getFingerprint());
	}

	/**
	 * Returns the fingerprints of the pinned keys.
	 * @return the fingerprints, in lower case
	 */
	public Set<String> getPinnedKeys() {
		return this.pinnedKeys;
	}

}
