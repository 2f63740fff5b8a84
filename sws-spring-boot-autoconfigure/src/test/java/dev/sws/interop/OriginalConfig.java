package dev.sws.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON configuration of a driver script ({@code original-server.js},
 * {@code original-client.js}): what becomes the original's {@code secinfo}
 * ({@code version, myPublicKey/mySecretKey, cert, ca, requireCert}, read from files in the
 * nacl-cert tool's formats) and, for the client, what to do once connected.
 */
final class OriginalConfig {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> values = new LinkedHashMap<>();

	private OriginalConfig(int version, Path keyPair) {
		this.values.put("version", version);
		this.values.put("keyPair", keyPair.toString());
	}

	/**
	 * Starts a configuration.
	 * @param version the SWS version the original speaks (it never negotiates)
	 * @param keyPair its box key pair file ({@code box-kp.json} format)
	 * @return the configuration
	 */
	static OriginalConfig secinfo(int version, Path keyPair) {
		return new OriginalConfig(version, keyPair);
	}

	OriginalConfig cert(Path cert) {
		return put("cert", cert.toString());
	}

	OriginalConfig ca(Path caCert) {
		return put("ca", caCert.toString());
	}

	OriginalConfig requireCert(boolean requireCert) {
		return put("requireCert", requireCert);
	}

	/** The client connects to this URL. */
	OriginalConfig url(String url) {
		return put("url", url);
	}

	/** The client masks its frames through {@code mask-shim.js}; unmasked as in the original otherwise. */
	OriginalConfig masked(boolean mask) {
		return put("mask", mask);
	}

	/** The client sends this many messages once open and checks their echoes. */
	OriginalConfig echo(int count) {
		return put("action", "echo").put("count", count);
	}

	/** The client waits for this many messages the server sends on its own. */
	OriginalConfig listen(int expect) {
		return put("action", "listen").put("expect", expect);
	}

	/** The client only connects and waits until the connection opens or closes. */
	OriginalConfig handshakeOnly() {
		return put("action", "handshake");
	}

	/**
	 * The client connects and, once open, waits for the server to close. For a refusal decided
	 * after the client's last handshake message: the original client opens as it sends that
	 * message, and a client that closed then would race the server's close code with its own.
	 */
	OriginalConfig awaitClose() {
		return put("action", "await-close");
	}

	/** The client gives up and reports after this long. */
	OriginalConfig deadline(Duration deadline) {
		return put("deadlineMs", deadline.toMillis());
	}

	private OriginalConfig put(String key, Object value) {
		this.values.put(key, value);
		return this;
	}

	Duration deadline() {
		Object value = this.values.get("deadlineMs");
		return Duration.ofMillis((value != null) ? ((Number) value).longValue() : 10_000);
	}

	String toJson() {
		return JSON.writeValueAsString(this.values);
	}

}
