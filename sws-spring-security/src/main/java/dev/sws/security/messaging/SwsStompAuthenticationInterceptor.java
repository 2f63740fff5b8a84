package dev.sws.security.messaging;

import java.security.Principal;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthenticationToken;
import dev.sws.websocket.SwsPrincipal;

/**
 * Makes the SWS peer the user of a STOMP session: on the CONNECT frame of a session that SWS
 * established, sets the user to the peer's {@link SwsAuthenticationToken}. Spring's STOMP handler
 * then gives every later message of the session that user, so
 * {@code SimpMessageHeaderAccessor.getUser()}, Spring Security's message authorization,
 * {@code @PreAuthorize} and {@code @AuthenticationPrincipal} all see the SWS identity. This is
 * the token authentication that Spring Framework's reference describes for STOMP.
 *
 * <p>Which identity wins: a peer that the handshake authenticated (by certificate or pinned key)
 * replaces whatever user the HTTP upgrade request carried, since the handshake identity is bound to
 * the encrypted channel and a cookie is not. A peer it did not authenticate becomes the user only
 * when the upgrade carried none; an HTTP user then stays, with the CSRF protection that comes with
 * it.
 *
 * <p>Register it on the client inbound channel ahead of Spring Security's interceptors, in a
 * {@code WebSocketMessageBrokerConfigurer} ordered before
 * {@code @EnableWebSocketSecurity}'s ({@code @Order(Ordered.HIGHEST_PRECEDENCE + 99)}); the
 * auto-configuration does that.
 */
public final class SwsStompAuthenticationInterceptor implements ChannelInterceptor {

	private static final Log logger = LogFactory.getLog(SwsStompAuthenticationInterceptor.class);

	private final SwsAuthenticationConverter converter;

	/**
	 * Creates the interceptor.
	 * @param converter turns the peer into its token
	 */
	public SwsStompAuthenticationInterceptor(SwsAuthenticationConverter converter) {
		this.converter = Objects.requireNonNull(converter, "converter");
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.CONNECT) {
			return message;
		}
		PeerIdentity peer = SwsStompSessions.peerOf(message);
		if (peer == null) {
			return message;
		}
		SimpMessageHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
		if (accessor == null || !accessor.isMutable()) {
			throw new IllegalStateException("The STOMP CONNECT message of an SWS session cannot take its user: "
					+ "register the SwsStompAuthenticationInterceptor on the client inbound channel");
		}
		SwsAuthenticationToken token = this.converter.convert(peer);
		Principal current = accessor.getUser();
		if (token.isAuthenticated() || current == null || current instanceof SwsPrincipal) {
			accessor.setUser(token);
			if (logger.isDebugEnabled()) {
				logger.debug("STOMP session " + accessor.getSessionId() + ": user " + token.getName()
						+ (token.isAuthenticated() ? " with " + token.getAuthorities() : " (not authenticated)"));
			}
		}
		return message;
	}

}
