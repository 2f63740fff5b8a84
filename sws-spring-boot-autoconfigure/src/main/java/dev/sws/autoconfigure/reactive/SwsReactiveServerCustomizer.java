package dev.sws.autoconfigure.reactive;

import dev.sws.webflux.SwsReactiveServer;

/**
 * Adjusts the auto-configured {@link SwsReactiveServer} before it is built; beans of this type are
 * applied in {@code @Order}.
 */
@FunctionalInterface
public interface SwsReactiveServerCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the server's builder, with {@code sws.server.*} applied
	 */
	void customize(SwsReactiveServer.Builder builder);

}
