/**
 * Scale-out over a STOMP broker: {@link dev.sws.websocket.relay.OutageTolerantRelayClient}, the
 * TCP client of Spring's STOMP broker relay that keeps every client session up through a broker
 * restart. Needs {@code spring-messaging}; the real broker connections are usually Reactor Netty's.
 */
@NullMarked
package dev.sws.websocket.relay;

import org.jspecify.annotations.NullMarked;
