package dev.sws.websocket;

import java.security.Principal;

import dev.sws.protocol.PeerIdentity;

/**
 * The principal of an SWS session whose HTTP upgrade carried no authenticated user: the peer as
 * the handshake authenticated it. Its name is {@link PeerIdentity#getPrincipalName()}:
 * {@code sws-cert:<CA fingerprint>/<first name>} for a peer with a certificate, scoped by the CA
 * that vouched for the name, and {@code sws-key:<key fingerprint>} for a peer known by its key
 * only. Neither form can be mistaken for an HTTP user or a principal of another scheme, such as a
 * user named {@code admin}.
 *
 * @param peer the authenticated peer
 */
public record SwsPrincipal(PeerIdentity peer) implements Principal {

	@Override
	public String getName() {
		return this.peer.getPrincipalName();
	}

}
