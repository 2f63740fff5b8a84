package dev.sws.socket;

import java.security.Principal;

import dev.sws.protocol.PeerIdentity;

/**
 * The principal of an SWS session whose HTTP upgrade carried no authenticated user: the peer as
 * the handshake authenticated it. Its name is the first name of the peer's verified certificate,
 * or its key fingerprint.
 *
 * @param peer the authenticated peer
 */
public record SwsPrincipal(PeerIdentity peer) implements Principal {

	@Override
	public String getName() {
		return this.peer.name();
	}

}
