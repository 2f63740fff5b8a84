package dev.sws.protocol;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.HandshakeMessage;

/**
 * Fuzzes the strict handshake codec: any text either decodes or fails with a typed
 * {@link SwsProtocolException} ({@code malformed-message} or {@code message-too-large}), never
 * with another exception; and what decodes re-encodes to a message that decodes to the same.
 * Regression inputs: {@code src/test/resources/dev/sws/protocol/HandshakeCodecFuzzTestsInputs}.
 */
class HandshakeCodecFuzzTests {

	private static final HandshakeCodec CODEC = new HandshakeCodec(4096);

	@FuzzTest(maxDuration = "5m")
	@DictionaryEntries({ "{\"opc\":", "\"version\":", "\"client_public_key\":", "\"nonce\":", "\"server_public_key\":",
			"\"s_blackbox_a\":", "[0,0,0,0,0,0,0,0]", "255", "256", "-1", "1e2", "0.0", "2147483648", "\\u0000" })
	void decode(byte[] input) {
		HandshakeMessage message;
		try {
			message = CODEC.decode(new String(input, StandardCharsets.UTF_8));
		}
		catch (SwsProtocolException ex) {
			if (ex.getReason() != FailureReason.MALFORMED_MESSAGE && ex.getReason() != FailureReason.MESSAGE_TOO_LARGE) {
				throw new AssertionError("Unexpected reason " + ex.getReason(), ex);
			}
			return;
		}
		String encoded = CODEC.encode(message);
		if (!encoded.equals(CODEC.encode(CODEC.decode(encoded)))) {
			throw new AssertionError("Encoding is not stable for " + encoded);
		}
	}

}
