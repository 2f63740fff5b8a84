package dev.sws.sample.webflux;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.cert.CertFiles;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.webflux.SwsReactiveWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample as it starts: its echo endpoint speaks SWS v1 and v2 with the development
 * keys.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.directory=target/test-dev-mode" })
class SwsWebFluxSampleApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	DevModeKeys devMode;

	private List<String> echo(ClientHandshakeSettings.Builder handshake) {
		List<String> echoed = new CopyOnWriteArrayList<>();
		SwsReactiveWebSocketClient.builder(handshake)
			.build()
			.execute(URI.create("ws://127.0.0.1:" + this.port + "/echo"),
					(session) -> session.send(Flux.just("one", "two").map(session::textMessage))
						.and(session.receive().take(2).map(WebSocketMessage::getPayloadAsText).doOnNext(echoed::add)))
			.block(Duration.ofSeconds(20));
		return echoed;
	}

	@Test
	void echoesOverV2TrustingTheDevelopmentCa() throws Exception {
		TrustPolicy trust = TrustPolicy.builder()
			.trustAnchor(CertFiles.parseCaCert(Files.readString(this.devMode.caCertFile())))
			.build();
		assertThat(echo(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
			.serverCertVerifier(trust))).containsExactly("one", "two");
	}

	@Test
	void echoesOverV1PinningTheServerKey() throws Exception {
		byte[] serverKey = CertFiles.readBoxKeyPair(this.devMode.keyPairFile()).getPublicKey();
		assertThat(echo(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
			.pinnedServerKeys(List.of(serverKey)))).containsExactly("one", "two");
	}

}
