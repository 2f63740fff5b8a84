package dev.sws.protocol;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static dev.sws.protocol.HandshakeFixture.server;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SwsProtocolException}: its message names the reason, for logs that show only the message,
 * while the detail a handshake failure carries stays the bare explanation.
 */
class SwsProtocolExceptionTests {

	@Test
	void theMessageNamesTheReasonAndTheDetailIsTheExplanation() {
		SwsProtocolException ex = new SwsProtocolException(FailureReason.DECRYPT_FAILED, "The frame does not authenticate");
		assertThat(ex.getReason()).isEqualTo(FailureReason.DECRYPT_FAILED);
		assertThat(ex.getDetail()).isEqualTo("The frame does not authenticate");
		assertThat(ex).hasMessage("[decrypt-failed] The frame does not authenticate")
			.hasToString(SwsProtocolException.class.getName() + ": [decrypt-failed] The frame does not authenticate");
	}

	@Test
	void aHandshakeFailureCarriesTheExplanationWithoutTheReason() {
		HandshakeStep step = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V1)).build()).receive("{not json");
		assertThat(step).isInstanceOfSatisfying(HandshakeStep.Failed.class, (failed) -> {
			assertThat(failed.failure().reason()).isEqualTo(FailureReason.MALFORMED_MESSAGE);
			assertThat(failed.failure().detail()).isNotEmpty().doesNotContain("[" + FailureReason.MALFORMED_MESSAGE.getTag());
		});
	}

}
