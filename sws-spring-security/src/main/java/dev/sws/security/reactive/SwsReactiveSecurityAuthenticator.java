package dev.sws.security.reactive;

import java.security.Principal;
import java.util.Objects;

import reactor.util.context.Context;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthenticationToken;
import dev.sws.webflux.SwsReactiveAuthenticator;
import dev.sws.webflux.SwsReactiveServer;

/**
 * The SWS peer of a reactive session as Spring Security's {@link Authentication}: set on an
 * {@link SwsReactiveServer} (the auto-configuration does), it makes the peer's
 * {@link SwsAuthenticationToken} the principal of {@code session.getHandshakeInfo()} and the
 * authentication of the {@link ReactiveSecurityContextHolder} in the Reactor context of the
 * handler's {@code handle(session)}, so that {@code @PreAuthorize} on reactive methods the handler
 * calls (with {@code @EnableReactiveMethodSecurity}) and
 * {@code ReactiveSecurityContextHolder.getContext()} see the SWS identity. A peer that the
 * handshake did not authenticate gets an unauthenticated token, which {@code authenticated()} and
 * {@code hasRole(...)} refuse.
 */
public final class SwsReactiveSecurityAuthenticator implements SwsReactiveAuthenticator {

	private final SwsAuthenticationConverter converter;

	/**
	 * Creates an authenticator.
	 * @param converter turns a peer into its token
	 */
	public SwsReactiveSecurityAuthenticator(SwsAuthenticationConverter converter) {
		this.converter = Objects.requireNonNull(converter, "converter");
	}

	/**
	 * Returns the peer's token.
	 * @param peer the peer
	 * @return an {@link SwsAuthenticationToken}, authenticated or not as the converter decides
	 */
	@Override
	public Principal authenticate(PeerIdentity peer) {
		return this.converter.convert(peer);
	}

	/**
	 * Puts a security context holding the token into the handler's Reactor context, as
	 * {@link ReactiveSecurityContextHolder#withAuthentication(Authentication)} makes it.
	 * @param context the context of the session
	 * @param principal the token {@link #authenticate(PeerIdentity)} returned
	 * @return the context with the security context
	 */
	@Override
	public Context contextWith(Context context, Principal principal) {
		if (!(principal instanceof Authentication authentication)) {
			return context;
		}
		return context.putAll(ReactiveSecurityContextHolder.withAuthentication(authentication).readOnly());
	}

	/**
	 * Returns the converter.
	 * @return the converter
	 */
	public SwsAuthenticationConverter getConverter() {
		return this.converter;
	}

}
