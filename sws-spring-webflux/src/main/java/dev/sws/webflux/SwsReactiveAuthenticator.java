package dev.sws.webflux;

import java.security.Principal;

import reactor.util.context.Context;

import dev.sws.protocol.PeerIdentity;

/**
 * Turns the peer of a reactive SWS session into the principal that the application's handler
 * sees, set with {@link SwsReactiveServer.Builder#authenticator(SwsReactiveAuthenticator)}. Once
 * the handshake has established the peer, and before the handler runs, the server asks for the
 * peer's principal: {@code session.getHandshakeInfo().getPrincipal()} of the session the handler
 * receives then yields it (instead of the principal of the HTTP upgrade request), and
 * {@link #contextWith(Context, Principal)} writes it into the Reactor context of the handler's
 * {@code handle(session)}. Spring Security's implementation is
 * {@code dev.sws.security.reactive.SwsReactiveSecurityAuthenticator}.
 *
 * <p>Both methods run once per session, on the thread that completed the handshake: they must not
 * block. An exception closes the session as an error of the handler would.
 */
public interface SwsReactiveAuthenticator {

	/**
	 * Returns the principal of a peer.
	 * @param peer the peer, as the handshake established it
	 * @return the principal the handler sees
	 */
	Principal authenticate(PeerIdentity peer);

	/**
	 * Adds the principal to the Reactor context the handler's {@code handle(session)} runs with.
	 * By default the context stays as it is.
	 * @param context the context of the session
	 * @param principal what {@link #authenticate(PeerIdentity)} returned for the session's peer
	 * @return the context of the handler
	 */
	default Context contextWith(Context context, Principal principal) {
		return context;
	}

}
