/**
 * The SWS peer identity as a Spring Security {@code Authentication}, for the servlet and the
 * reactive stacks alike: {@link dev.sws.security.SwsAuthenticationToken}, the
 * {@link dev.sws.security.SwsAuthoritiesMapper} that decides which authorities a peer gets, and
 * the {@link dev.sws.security.SwsAuthenticationConverter} that turns a peer into a token.
 */
@NullMarked
package dev.sws.security;

import org.jspecify.annotations.NullMarked;
