package dev.sws.hostile;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.sws.it.TestClients;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SecureChannel;
import dev.sws.testsupport.hostile.StalledReaderScenario;
import dev.sws.testsupport.hostile.StalledReaderScenario.Figures;

import static dev.sws.testsupport.hostile.StalledReaderScenario.FLOOD_MESSAGE_SIZE;
import static dev.sws.testsupport.hostile.StalledReaderScenario.STALLED_READERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link StalledReaderScenario} (issue 14) against the test application's echo endpoint:
 * stalled readers complete the handshake, stop reading and flood the server, so that the echoes
 * pile up during the first-frame hold and every write to them blocks. Honest clients must not
 * notice, a silent client is still closed by the handshake timeout on time, each stalled session is
 * closed with 4500 and counted once its buffer or send time limit is exceeded, and what the server
 * buffers for them stays within those limits at every moment. Before issue 14 the held echoes were
 * written by the one timer thread, which blocked, and the honest clients never got their echoes.
 */
@Tag("load")
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "sws.server.max-outbound-buffer=" + StalledReaderFloodTests.BUFFER_LIMIT,
		"sws.server.send-time-limit=2s" })
class StalledReaderFloodTests extends HostileTestSupport {

	static final int BUFFER_LIMIT = 2 * 1024 * 1024;

	@Test
	void stalledReadersFloodingTheServerDoNotDelayHonestClientsOrTimers(CapturedOutput output) throws Exception {
		long failedBefore = stalledFailures();
		Figures figures = StalledReaderScenario.run(uri("/echo"), 1,
				TestClients.v1(HostilePki.TRUSTED.serverKeys.getPublicKey()), this.swsServer::getBufferedBytes);
		ConformanceReport report = new ConformanceReport("stalled-readers", "figures");
		report.add(figures + " (limit " + BUFFER_LIMIT + " per session)");
		report.write();

		long closed = await().until(() -> stalledFailures() - failedBefore, (count) -> count >= STALLED_READERS);
		assertThat(closed).as("stalled sessions closed for a limit, each counted once").isEqualTo(STALLED_READERS);
		// the frame being written to each stalled reader is no longer counted; what waits is
		long bound = (long) STALLED_READERS * (BUFFER_LIMIT + FLOOD_MESSAGE_SIZE + SecureChannel.OVERHEAD);
		assertThat(figures.maxBufferedBytes()).as("bytes buffered for the stalled readers at any moment")
			.isLessThanOrEqualTo(bound);
		assertThat(this.swsServer.getBufferedBytes()).as("bytes buffered once they are closed").isZero();
		assertNoStackTrace(output);
	}

	private long stalledFailures() {
		return sessionFailures(this.meterRegistry, "server", FailureReason.OUTBOUND_BUFFER_FULL)
				+ sessionFailures(this.meterRegistry, "server", FailureReason.SEND_TIME_LIMIT);
	}

}
