/**
 * Auto-configuration of SWS for Spring Boot: the {@code sws.*} properties, the server and client
 * beans, the STOMP integration and the failure analysis.
 */
@NullMarked
package dev.sws.autoconfigure;

import org.jspecify.annotations.NullMarked;
