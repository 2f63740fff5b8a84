/**
 * Auto-configuration of Spring Security for SWS ({@code sws.server.security.*}): the peer of an
 * SWS session becomes an {@code SwsAuthenticationToken} with the configured authorities, and the
 * user of its STOMP session.
 */
@NullMarked
package dev.sws.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
