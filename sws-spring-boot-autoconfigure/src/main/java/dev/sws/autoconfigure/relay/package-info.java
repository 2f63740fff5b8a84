/**
 * Auto-configuration of scale-out through a STOMP broker ({@code sws.server.stomp.relay.*}):
 * Spring's STOMP broker relay with the outage-tolerant TCP client of
 * {@code dev.sws.websocket.relay}, and Spring Boot's embedded ActiveMQ Artemis as the development
 * broker.
 */
@NullMarked
package dev.sws.autoconfigure.relay;

import org.jspecify.annotations.NullMarked;
