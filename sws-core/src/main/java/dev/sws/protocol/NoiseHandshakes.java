package dev.sws.protocol;

import java.util.StringJoiner;

import dev.sws.internal.noise.HandshakeState;
import dev.sws.internal.noise.NoiseException;

/**
 * What both v3 machines do around a Noise {@link HandshakeState}: turn its failures into the
 * close codes of docs/protocol/sws-v3.md section 12.
 */
final class NoiseHandshakes {

	private NoiseHandshakes() {
	}

	/**
	 * {@code ReadMessage} of the peer's message.
	 * @param noise the handshake state
	 * @param message the Noise part of the message
	 * @param number the message's number, for the detail
	 * @return the payload
	 * @throws SwsProtocolException {@link FailureReason#HANDSHAKE_DECRYPT_FAILED} if it does not
	 * authenticate, {@link FailureReason#WEAK_KEY} for a low-order key or an all-zero DH,
	 * {@link FailureReason#MALFORMED_MESSAGE} for a wrong length
	 */
	static byte[] read(HandshakeState noise, byte[] message, int number) {
		try {
			return noise.readMessage(message);
		}
		catch (NoiseException ex) {
			FailureReason reason = switch (ex.getReason()) {
				case DECRYPT_FAILED -> FailureReason.HANDSHAKE_DECRYPT_FAILED;
				case WEAK_KEY -> FailureReason.WEAK_KEY;
				case MALFORMED -> FailureReason.MALFORMED_MESSAGE;
				default -> FailureReason.INTERNAL_ERROR;
			};
			throw new SwsProtocolException(reason, "v3 message " + number + ": " + ex.getDetail());
		}
	}

	/**
	 * {@code WriteMessage} of this side's message. The settings keep payloads within Noise's
	 * limit, so a failure here is a bug.
	 * @param noise the handshake state
	 * @param payload the payload
	 * @return the Noise message
	 * @throws SwsProtocolException {@link FailureReason#INTERNAL_ERROR} if Noise refuses
	 */
	static byte[] write(HandshakeState noise, byte[] payload) {
		try {
			return noise.writeMessage(payload);
		}
		catch (NoiseException ex) {
			throw new SwsProtocolException(FailureReason.INTERNAL_ERROR, ex.getDetail());
		}
	}

	/**
	 * Formats suite ids for a detail line.
	 * @param ids the ids
	 * @return for example {@code [0x02, 0x01]}
	 */
	static String ids(byte[] ids) {
		StringJoiner joined = new StringJoiner(", ", "[", "]");
		for (byte id : ids) {
			joined.add(String.format("0x%02x", id & 0xFF));
		}
		return joined.toString();
	}

}
