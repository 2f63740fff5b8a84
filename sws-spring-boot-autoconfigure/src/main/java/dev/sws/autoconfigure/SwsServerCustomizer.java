package dev.sws.autoconfigure;

import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Adjusts the auto-configured {@link SwsWebSocketHandlerDecoratorFactory} before it is built: handshake settings
 * (randomness, replay cache, certificates), limits, timers, listeners. Customizers run in
 * {@code @Order}.
 */
@FunctionalInterface
public interface SwsServerCustomizer {

	/**
	 * Customizes the server builder.
	 * @param builder the builder, already set from {@code sws.server.*}
	 */
	void customize(SwsWebSocketHandlerDecoratorFactory.Builder builder);

}
