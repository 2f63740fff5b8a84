package dev.sws.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.websocket.SwsEventListener;

/**
 * The handshake settings of {@code sws.server.*} and {@code sws.client.*}, made and checked as
 * for the servlet stack, for SWS's auto-configuration of the reactive stack
 * ({@code dev.sws.autoconfigure.reactive}): one reading of the properties, one set of startup
 * failures. Not meant for applications.
 */
public final class SwsHandshakes {

	private SwsHandshakes() {
	}

	/**
	 * Returns the server's handshake settings from {@code sws.server.*} or development mode.
	 * @param properties the properties
	 * @param resourceLoader loads keys and certificates
	 * @param environment the environment, checked for empty values
	 * @param clock the clock
	 * @param devMode development mode's keys, if it is on
	 * @return the settings builder
	 * @throws SwsConfigurationException if the properties are incomplete or inconsistent
	 */
	public static ServerHandshakeSettings.Builder server(SwsProperties properties, ResourceLoader resourceLoader,
			Environment environment, Clock clock, @Nullable DevModeKeys devMode) {
		SwsEmptyValues.check(environment, "sws.server");
		return new SwsServerFactory(properties.getServer(), resourceLoader, clock, devMode).builder(SwsEventListener.NONE)
			.handshake();
	}

	/**
	 * Returns the client's handshake settings from {@code sws.client.*}.
	 * @param properties the properties
	 * @param resourceLoader loads keys and certificates
	 * @param environment the environment, checked for empty values
	 * @param clock the clock
	 * @return the settings builder
	 * @throws SwsConfigurationException if the properties are incomplete or inconsistent
	 */
	public static ClientHandshakeSettings.Builder client(SwsProperties properties, ResourceLoader resourceLoader,
			Environment environment, Clock clock) {
		SwsEmptyValues.check(environment, "sws.client");
		ClientHandshakeSettings.Builder handshake = new SwsClientFactory(properties.getClient(), resourceLoader, clock)
			.builder(SwsEventListener.NONE)
			.handshake();
		SwsTrust.warnIfOneCaServesBothRoles(properties, new SwsKeyMaterial(resourceLoader));
		return handshake;
	}

	/**
	 * Returns a size property in bytes, checked to fit an {@code int}.
	 * @param property the property's name, for the failure
	 * @param size its value
	 * @return the bytes
	 * @throws SwsConfigurationException if it is out of range
	 */
	public static int bytes(String property, DataSize size) {
		return SwsServerFactory.intSize(property, size.toBytes());
	}

	/**
	 * Returns the event listeners of the servlet stack (metrics) as one.
	 * @param listeners the listener beans, in order
	 * @return a listener that calls each
	 */
	public static SwsEventListener listener(List<SwsEventListener> listeners) {
		return CompositeSwsEventListener.of(listeners);
	}

}
