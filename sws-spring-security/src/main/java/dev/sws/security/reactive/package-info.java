/**
 * Reactive (WebFlux) SWS sessions with Spring Security: the
 * {@link dev.sws.security.reactive.SwsReactiveSecurityAuthenticator} makes the
 * {@link dev.sws.security.SwsAuthenticationToken} the principal of an SWS session's handshake info
 * and the authentication of the handler's Reactor context, which reactive method security reads.
 */
@NullMarked
package dev.sws.security.reactive;

import org.jspecify.annotations.NullMarked;
