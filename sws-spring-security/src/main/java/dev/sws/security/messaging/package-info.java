/**
 * STOMP over SWS with Spring Security (servlet stack): the
 * {@link dev.sws.security.messaging.SwsStompAuthenticationInterceptor} makes the
 * {@link dev.sws.security.SwsAuthenticationToken} the user of a STOMP session, and the
 * {@link dev.sws.security.messaging.SwsCsrfChannelInterceptor} spares such sessions the CSRF
 * check of {@code @EnableWebSocketSecurity}, which protects cookie-based identities only.
 */
@NullMarked
package dev.sws.security.messaging;

import org.jspecify.annotations.NullMarked;
