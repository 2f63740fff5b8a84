/**
 * SWS for Spring WebFlux: {@link dev.sws.webflux.SwsReactiveServer} decorates reactive
 * {@code WebSocketHandler}s so that they speak SWS as a server, with backpressure from the peer to
 * the handler's publishers; {@link dev.sws.webflux.SwsReactiveWebSocketClient} speaks SWS over a
 * reactive {@code WebSocketClient} (Reactor Netty's by default).
 */
@NullMarked
package dev.sws.webflux;

import org.jspecify.annotations.NullMarked;
