package dev.sws.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.internal.json.JsBoolean;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsValue;
import dev.sws.internal.json.JsonFormatException;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.RekeyThresholds;
import dev.sws.protocol.SwsProtocolException;

/**
 * Writes and reads the JSON payloads of SWS v3 handshake messages 2 and 3 (docs/protocol/sws-v3.md
 * section 6). Writing follows JavaScript's {@code JSON.stringify}, members in the specification's
 * order ({@code cert}, {@code requireClientCert}, {@code rekey}). Reading refuses what is not a
 * UTF-8 JSON object, a duplicate member name, and a known member of the wrong type or range, with
 * {@link FailureReason#MALFORMED_TRAILER}; unknown members are ignored. Certificates are returned
 * as the JSON values they arrived as (key order kept), for the v2 checks.
 */
public final class V3Payloads {

	private static final String CERT = "cert";

	private static final String REQUIRE_CLIENT_CERT = "requireClientCert";

	private static final String REKEY = "rekey";

	private static final String MESSAGES = "messages";

	private static final String BYTES = "bytes";

	/**
	 * What message 2 carries.
	 *
	 * @param cert the server's certificate as received, or {@code null} if it sent none
	 * @param requireClientCert whether message 3 must carry a client certificate
	 * @param rekey when the server rekeys its sending direction
	 */
	public record ServerPayload(@Nullable JsObject cert, boolean requireClientCert, RekeyThresholds rekey) {
	}

	/**
	 * What message 3 carries.
	 *
	 * @param cert the client's certificate as received, or {@code null} if it sent none
	 * @param rekey when the client rekeys its sending direction
	 */
	public record ClientPayload(@Nullable JsObject cert, RekeyThresholds rekey) {
	}

	private V3Payloads() {
	}

	/**
	 * Writes message 2's payload.
	 * @param cert the server's certificate, or {@code null}
	 * @param requireClientCert whether the client must send its certificate
	 * @param rekey the server's thresholds
	 * @return the UTF-8 JSON
	 */
	public static byte[] serverPayload(@Nullable NaclCert cert, boolean requireClientCert, RekeyThresholds rekey) {
		JsObject payload = withCert(cert);
		payload.put(REQUIRE_CLIENT_CERT, new JsBoolean(requireClientCert));
		return utf8(payload.put(REKEY, rekey(rekey)));
	}

	/**
	 * Writes message 3's payload.
	 * @param cert the client's certificate, or {@code null} if the server did not ask for one
	 * @param rekey the client's thresholds
	 * @return the UTF-8 JSON
	 */
	public static byte[] clientPayload(@Nullable NaclCert cert, RekeyThresholds rekey) {
		return utf8(withCert(cert).put(REKEY, rekey(rekey)));
	}

	/**
	 * Reads message 2's payload: {@code requireClientCert} and {@code rekey} are required,
	 * {@code cert} is optional.
	 * @param utf8 the decrypted payload
	 * @return its members
	 * @throws SwsProtocolException with {@link FailureReason#MALFORMED_TRAILER}
	 */
	public static ServerPayload readServerPayload(byte[] utf8) {
		JsObject payload = parse(utf8, 2);
		if (!(payload.get(REQUIRE_CLIENT_CERT).orElse(null) instanceof JsBoolean require)) {
			throw malformed("Message 2's payload has no boolean requireClientCert");
		}
		return new ServerPayload(cert(payload, 2), require.value(), rekey(payload, 2));
	}

	/**
	 * Reads message 3's payload: {@code rekey} is required, {@code cert} is optional.
	 * @param utf8 the decrypted payload
	 * @return its members
	 * @throws SwsProtocolException with {@link FailureReason#MALFORMED_TRAILER}
	 */
	public static ClientPayload readClientPayload(byte[] utf8) {
		JsObject payload = parse(utf8, 3);
		return new ClientPayload(cert(payload, 3), rekey(payload, 3));
	}

	private static JsObject withCert(@Nullable NaclCert cert) {
		JsObject payload = new JsObject();
		if (cert != null) {
			payload.put(CERT, cert.toJsValue());
		}
		return payload;
	}

	private static JsObject rekey(RekeyThresholds rekey) {
		return new JsObject().put(MESSAGES, new JsNumber(rekey.messages())).put(BYTES, new JsNumber(rekey.bytes()));
	}

	private static byte[] utf8(JsObject payload) {
		return JsJson.stringify(payload).getBytes(StandardCharsets.UTF_8);
	}

	private static JsObject parse(byte[] utf8, int message) {
		JsValue value;
		try {
			value = JsJson.parse(utf8, 0, utf8.length);
		}
		catch (JsonFormatException ex) {
			throw malformed("Message " + message + "'s payload is not valid UTF-8 JSON: " + ex.getMessage());
		}
		if (value instanceof JsObject object) {
			return object;
		}
		throw malformed("Message " + message + "'s payload is not a JSON object");
	}

	private static @Nullable JsObject cert(JsObject payload, int message) {
		Optional<JsValue> cert = payload.get(CERT);
		if (cert.isEmpty()) {
			return null;
		}
		if (cert.get() instanceof JsObject object) {
			return object;
		}
		throw malformed("Message " + message + "'s cert is not a JSON object");
	}

	private static RekeyThresholds rekey(JsObject payload, int message) {
		if (!(payload.get(REKEY).orElse(null) instanceof JsObject rekey)) {
			throw malformed("Message " + message + "'s payload has no rekey object");
		}
		return new RekeyThresholds(threshold(rekey, MESSAGES, message), threshold(rekey, BYTES, message));
	}

	private static long threshold(JsObject rekey, String name, int message) {
		if (rekey.get(name).orElse(null) instanceof JsNumber number
				&& number.isIntegerIn(1, RekeyThresholds.MAX_VALUE)) {
			return (long) number.value();
		}
		throw malformed("Message " + message + "'s rekey." + name + " is not an integer from 1 to 2^53 - 1");
	}

	private static SwsProtocolException malformed(String detail) {
		return new SwsProtocolException(FailureReason.MALFORMED_TRAILER, detail);
	}

}
