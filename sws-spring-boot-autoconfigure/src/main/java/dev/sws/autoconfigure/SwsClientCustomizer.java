package dev.sws.autoconfigure;

import dev.sws.websocket.SwsWebSocketClient;

/**
 * Adjusts the auto-configured {@link SwsWebSocketClient} before it is built: pins, trust, the
 * client certificate, the transport client, limits. Customizers run in {@code @Order}.
 */
@FunctionalInterface
public interface SwsClientCustomizer {

	/**
	 * Customizes the client builder.
	 * @param builder the builder, already set from {@code sws.client.*}
	 */
	void customize(SwsWebSocketClient.Builder builder);

}
