package dev.sws.sample.echo;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.cert.CertFiles;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.sample.DevModeAppTest;
import dev.sws.testsupport.hostile.StalledReaderScenario;
import dev.sws.testsupport.hostile.StalledReaderScenario.Figures;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stalled-reader attack of issue 14 against the sample application as it ships (its
 * {@code /echo} endpoint, default limits, development keys): eight readers that stop reading and
 * flood it, while honest v2 clients echo and a silent client must be closed by the handshake
 * timeout on time (see {@link StalledReaderScenario}).
 */
@Tag("load")
@DevModeAppTest
class StalledReadersOnTheSampleTests {

	@LocalServerPort
	int port;

	@Autowired
	SwsWebSocketHandlerDecoratorFactory sws;

	@Test
	void honestClientsAreUnaffectedByReadersThatStopReading() throws Exception {
		try (SwsWebSocketClient honest = SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(TrustPolicy.builder()
					.trustAnchor(CertFiles.readCaCert(Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json")))
					.build()))
			.build()) {
			assertThat(this.sws.getHandshakeSettings().getVersions()).contains(ProtocolVersion.V2);
			Figures figures = StalledReaderScenario.run(URI.create("ws://127.0.0.1:" + this.port + "/echo"), 2, honest,
					this.sws::getBufferedBytes);
			System.out.println("Stalled readers on the sample: " + figures);
		}
		assertThat(this.sws.getBufferedBytes()).as("bytes buffered once the readers are closed").isZero();
	}

}
