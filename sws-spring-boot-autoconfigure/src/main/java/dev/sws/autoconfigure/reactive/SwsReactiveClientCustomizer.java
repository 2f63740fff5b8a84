package dev.sws.autoconfigure.reactive;

import dev.sws.webflux.SwsReactiveWebSocketClient;

/**
 * Adjusts the auto-configured {@link SwsReactiveWebSocketClient} before it is built; beans of this
 * type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface SwsReactiveClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the client's builder, with {@code sws.client.*} applied
	 */
	void customize(SwsReactiveWebSocketClient.Builder builder);

}
