package dev.sws.protocol;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The timing rules every adapter takes from the version (servlet and reactive alike), and the
 * session limits' validation.
 */
class ProtocolVersionTests {

	@Test
	void onlyV3ConfirmsTheClientInsideTheHandshake() {
		assertThat(ProtocolVersion.V1.confirmsClientInHandshake()).isFalse();
		assertThat(ProtocolVersion.V2.confirmsClientInHandshake()).isFalse();
		assertThat(ProtocolVersion.V3.confirmsClientInHandshake()).isTrue();
	}

	@Test
	void theFirstFrameHoldIsForTheOriginalV1AndV2ClientsOnly() {
		assertThat(ProtocolVersion.V1.needsFirstFrameHold()).isTrue();
		assertThat(ProtocolVersion.V2.needsFirstFrameHold()).isTrue();
		assertThat(ProtocolVersion.V3.needsFirstFrameHold()).isFalse();
	}

	@Test
	void a1002RefusesEveryVersionAnd1003OnlyV3() {
		for (ProtocolVersion version : ProtocolVersion.values()) {
			assertThat(version.isRefusedBy(1002)).isTrue();
			assertThat(version.isRefusedBy(1008)).isFalse();
			assertThat(version.isRefusedBy(1011)).isFalse();
		}
		assertThat(ProtocolVersion.V1.isRefusedBy(1003)).isFalse();
		assertThat(ProtocolVersion.V2.isRefusedBy(1003)).isFalse();
		assertThat(ProtocolVersion.V3.isRefusedBy(1003)).isTrue();
	}

	@Test
	void sessionLimitsOutOfRangeAreRefusedByName() {
		SessionLimits.check(SessionLimits.DEFAULT_HANDSHAKE_TIMEOUT, SessionLimits.DEFAULT_MAX_MESSAGE_SIZE,
				SessionLimits.DEFAULT_MAX_OUTBOUND_BUFFER, SessionLimits.DEFAULT_SEND_TIME_LIMIT);
		SessionLimits.check(Duration.ofMillis(1), 0, 1, Duration.ofMillis(1));
		assertThatIllegalArgumentException().isThrownBy(() -> SessionLimits.check(Duration.ZERO, 0, 1, Duration.ofSeconds(1)))
			.withMessageContaining("handshake timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionLimits.check(Duration.ofSeconds(1), Integer.MAX_VALUE, 1, Duration.ofSeconds(1)))
			.withMessageContaining("maximum message size");
		assertThatIllegalArgumentException().isThrownBy(() -> SessionLimits.check(Duration.ofSeconds(1), 0, 0, Duration.ofSeconds(1)))
			.withMessageContaining("outbound buffer");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionLimits.check(Duration.ofSeconds(1), 0, 1, Duration.ofSeconds(-1)))
			.withMessageContaining("send time limit");
	}

}
