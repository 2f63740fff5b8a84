package dev.sws.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;

import dev.sws.protocol.PeerIdentity;

/**
 * Decides which authorities an authenticated SWS peer gets. With auto-configuration the default
 * mapper is built from {@code sws.server.security.*} ({@link SwsAuthorityRules}); a bean of this
 * type replaces it.
 */
@FunctionalInterface
public interface SwsAuthoritiesMapper {

	/**
	 * Returns the authorities of a peer that the handshake authenticated, by a certificate signed
	 * by a trust anchor of the server or by a pinned key. Never called for other peers: they get
	 * none.
	 * @param peer the peer, with its verified certificate and issuer if it has them
	 * @return the authorities, possibly empty
	 */
	Collection<? extends GrantedAuthority> getAuthorities(PeerIdentity peer);

}
