package dev.sws.internal.wire;

import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertFormatException;
import dev.sws.cert.CertRejection;
import dev.sws.cert.CertVerdict;
import dev.sws.cert.NaclCert;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsValue;
import dev.sws.internal.json.JsonFormatException;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SwsProtocolException;

/**
 * The v2 JSON trailers inside the handshake boxes (docs/protocol/sws-v1-v2.md section 4):
 * everything after the fixed 40 bytes, UTF-8 JSON with no length prefix.
 */
public final class HandshakeTrailers {

	private HandshakeTrailers() {
	}

	/**
	 * Parses the trailer of a box's plaintext as a JSON object.
	 * @param plaintext the whole plaintext
	 * @return the object
	 * @throws SwsProtocolException with {@link FailureReason#MALFORMED_TRAILER}
	 */
	public static JsObject parseObject(byte[] plaintext) {
		int offset = HandshakeCodec.BOX_FIXED_PLAINTEXT;
		if (plaintext.length == offset) {
			throw new SwsProtocolException(FailureReason.MALFORMED_TRAILER, "The v2 trailer is missing");
		}
		try {
			JsValue value = JsJson.parse(plaintext, offset, plaintext.length - offset);
			if (value instanceof JsObject object) {
				return object;
			}
			throw new SwsProtocolException(FailureReason.MALFORMED_TRAILER, "The v2 trailer is not a JSON object");
		}
		catch (JsonFormatException ex) {
			throw new SwsProtocolException(FailureReason.MALFORMED_TRAILER, "The v2 trailer is invalid: " + ex.getMessage());
		}
	}

	/**
	 * Reads a peer certificate from a JSON value.
	 * @param value the value that should be a certificate
	 * @return the certificate
	 * @throws SwsProtocolException with {@link FailureReason#CERT_MALFORMED}
	 */
	public static NaclCert certificate(JsValue value) {
		try {
			return NaclCert.of(value);
		}
		catch (CertFormatException ex) {
			throw new SwsProtocolException(FailureReason.CERT_MALFORMED, ex.getMessage());
		}
	}

	/**
	 * Turns a verifier's refusal into a protocol failure.
	 * @param rejection the refusal, if any
	 * @throws SwsProtocolException with the matching certificate reason
	 */
	public static void check(Optional<CertRejection> rejection) {
		if (rejection.isPresent()) {
			throw new SwsProtocolException(FailureReason.of(rejection.get().reason()), rejection.get().detail());
		}
	}

	/**
	 * Throws the failure a refused certificate causes; returns the issuer of an accepted one.
	 * @param verdict the verifier's verdict
	 * @return the anchor that vouches for the certificate, or {@code null} if not known
	 */
	public static @Nullable NaclCert accepted(CertVerdict verdict) {
		check(verdict.rejection());
		return verdict.issuer().orElse(null);
	}

	/**
	 * Checks that a certificate names the key the peer uses in the handshake; a backstop behind
	 * the verifier, so that no verifier can forget it.
	 * @param cert the peer's certificate
	 * @param peerPublicKey the peer's handshake key
	 * @throws SwsProtocolException with {@link FailureReason#CERT_KEY_MISMATCH}
	 */
	public static void requireKeyMatch(NaclCert cert, byte[] peerPublicKey) {
		if (!java.security.MessageDigest.isEqual(cert.getPublicKey(), peerPublicKey)) {
			throw new SwsProtocolException(FailureReason.CERT_KEY_MISMATCH,
					"The certificate's public key is not the peer's handshake key");
		}
	}

	/**
	 * Joins byte arrays.
	 * @param parts the arrays, in order
	 * @return a new array holding them all
	 */
	public static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] out = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, out, offset, part.length);
			offset += part.length;
		}
		return out;
	}

	/**
	 * Copies a range of a byte array.
	 * @param bytes the array
	 * @param from the first index, inclusive
	 * @param to the last index, exclusive
	 * @return a new array
	 */
	public static byte[] slice(byte[] bytes, int from, int to) {
		return Arrays.copyOfRange(bytes, from, to);
	}

}
