package dev.sws.security.messaging;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationToken;

/**
 * The CSRF check of STOMP CONNECT frames for an application with SWS endpoints: a session whose
 * user is the SWS peer of that very session passes; every other session goes through the
 * delegate, by default Spring Security's {@code XorCsrfChannelInterceptor}.
 *
 * <p>Why this is safe: cross-site request forgery rides on credentials that a browser attaches by
 * itself, such as a session cookie sent with the WebSocket upgrade of a hostile page. The user of a
 * session that this interceptor lets through is not such a credential. It is the identity the SWS
 * handshake established ({@link SwsStompAuthenticationInterceptor} put it there): the peer proved
 * that it holds the private key of its certificate or pinned key, which no other page can borrow,
 * or, for an unauthenticated token, nobody at all. A session whose user came from the HTTP upgrade
 * (a cookie) is checked as before. SWS clients are not browsers with a session cookie and have no
 * CSRF token to send; the SWS handshake is their authentication.
 *
 * <p>{@code @EnableWebSocketSecurity} takes its CSRF interceptor from a bean named
 * {@code csrfChannelInterceptor}; the auto-configuration defines this one under that name unless
 * the application has its own.
 */
public final class SwsCsrfChannelInterceptor implements ChannelInterceptor {

	private final ChannelInterceptor delegate;

	/**
	 * Creates the interceptor.
	 * @param delegate the CSRF check of sessions whose user is not their SWS peer
	 */
	public SwsCsrfChannelInterceptor(ChannelInterceptor delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.CONNECT
				&& isSwsUser(message)) {
			return message;
		}
		return this.delegate.preSend(message, channel);
	}

	private static boolean isSwsUser(Message<?> message) {
		PeerIdentity peer = SwsStompSessions.peerOf(message);
		return peer != null && SimpMessageHeaderAccessor.getUser(message.getHeaders()) instanceof SwsAuthenticationToken token
				&& token.getPeer() == peer;
	}

}
