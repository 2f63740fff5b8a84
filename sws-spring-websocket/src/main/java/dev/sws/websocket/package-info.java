/**
 * SWS for Spring's WebSocket support, without Spring Boot: the server decorator factory and
 * decorators, the encrypting session, {@code SwsWebSocketClient} and {@code SwsStompClient}.
 */
@NullMarked
package dev.sws.websocket;

import org.jspecify.annotations.NullMarked;
