package dev.sws.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.socket.TextMessage;

import dev.sws.cert.TrustPolicy;
import dev.sws.it.SwsSpringSecurityRoundTripTests.Client;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.testsupport.TestPki;
import dev.sws.webflux.SwsReactiveWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security over SWS identities on the reactive stack, end to end: a WebFlux application on
 * Reactor Netty ({@link SwsReactiveSecurityTestApplication}) whose SWS handler calls a
 * {@code @PreAuthorize("hasRole('ADMIN')")} reactive service. {@code alice}'s certificate is
 * granted ROLE_ADMIN (and ROLE_OPS) by a {@code sws.server.security.authorities} rule on her name and issuer;
 * {@code bob}, certified by the same CA, has only the default ROLE_SWS_CLIENT, and the refusal
 * reaches him as the close code 4403, with the reactive client and with the servlet side's. Clients
 * are {@link SwsReactiveWebSocketClient}s and {@code SwsWebSocketClient}s with client certificates. A v1 peer, which
 * has no certificate, gets an unauthenticated token on a second endpoint and is refused as well.
 */
@SpringBootTest(classes = SwsReactiveSecurityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration",
				"sws.server.versions=2", "sws.server.require-client-cert=true" })
@Tag("reactive")
class SwsReactiveSpringSecurityRoundTripTests {

	private static final TestPki PKI = SwsSpringSecurityRoundTripTests.PKI;

	private static final Client ALICE = SwsSpringSecurityRoundTripTests.ALICE;

	private static final Client BOB = SwsSpringSecurityRoundTripTests.BOB;

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	private final AtomicReference<CloseStatus> closeStatus = new AtomicReference<>();

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		SwsSpringSecurityRoundTripTests.keysAndAdminRule(registry, dir);
	}

	@Test
	void theAdminsCertificatePassesPreAuthorizeOnTheReactiveService() {
		Exchange alice = exchange(ALICE, "restart", "restart");
		assertThat(alice.answers()).containsExactly("restarted by " + principalName("alice"),
				"restarted by " + principalName("alice"));
	}

	/** With the servlet side's client. */
	@Test
	void anotherCertifiedClientIsRefusedWithCloseCode4403() throws Exception {
		TestClients.Collector bob = TestClients.connect(TestClients.v2(PKI.ca.getCertificate(), BOB.keys(), BOB.cert()),
				"ws://127.0.0.1:" + this.port + "/ops");
		bob.session.sendMessage(new TextMessage("whoami"));
		assertThat(bob.nextText()).startsWith(principalName("bob") + " [ROLE_SWS_CLIENT] true");
		bob.session.sendMessage(new TextMessage("restart"));
		assertThat(bob.closeCode()).isEqualTo(4403);
		assertThat(bob.messages).as("no answer to the refused command").isEmpty();
	}

	@Test
	void theReactiveClientSeesTheRefusalsCloseCodeToo() {
		SwsReactiveWebSocketClient sws = reactiveClient(BOB);
		CloseStatus status = sws.execute(URI.create("ws://127.0.0.1:" + this.port + "/ops"),
				(session) -> session.send(Mono.just(session.textMessage("restart")))
					.thenMany(session.receive())
					.then(session.closeStatus())
					.doOnNext(this.closeStatus::set)
					.then())
			.then(Mono.fromSupplier(this.closeStatus::get))
			.block(WAIT);
		assertThat(status).isNotNull();
		assertThat(status.getCode()).isEqualTo(4403);
	}

	@Test
	void aV1PeerWithoutCertificateHasAnUnauthenticatedTokenAndIsRefused() throws Exception {
		TestClients.Collector stranger = TestClients.connect(TestClients.v1(PKI.serverKeys.getPublicKey()),
				"ws://127.0.0.1:" + this.port + "/ops-v1");
		stranger.session.sendMessage(new TextMessage("whoami"));
		assertThat(stranger.nextText()).matches("sws-key:[0-9a-f:]+ \\[\\] false \\| sws-key:[0-9a-f:]+ \\| .+");
		stranger.session.sendMessage(new TextMessage("restart"));
		assertThat(stranger.closeCode()).isEqualTo(4403);
	}

	@Test
	void theHandlerReadsTheTokenFromTheHandshakeInfoAndTheSecurityContext() {
		assertThat(exchange(ALICE, "whoami").answers()).containsExactly(principalName("alice")
				+ " [ROLE_SWS_CLIENT, ROLE_ADMIN, ROLE_OPS] true | " + principalName("alice") + " | alice");
		assertThat(exchange(BOB, "whoami").answers())
			.containsExactly(principalName("bob") + " [ROLE_SWS_CLIENT] true | " + principalName("bob") + " | bob");
	}

	private static String principalName(String name) {
		return "sws-cert:" + PKI.ca.getCertificate().getPublicKeyFingerprint() + "/" + name;
	}

	/**
	 * Sends the commands with the reactive client, collects as many answers as there are
	 * commands, then closes.
	 */
	private Exchange exchange(Client client, String... commands) {
		SwsReactiveWebSocketClient sws = reactiveClient(client);
		List<String> answers = new CopyOnWriteArrayList<>();
		sws.execute(URI.create("ws://127.0.0.1:" + this.port + "/ops"), (session) -> session
			.send(Flux.fromArray(commands).map(session::textMessage))
			.and(session.receive()
				.take(commands.length)
				.map(WebSocketMessage::getPayloadAsText)
				.doOnNext(answers::add)
				.then(Mono.defer(() -> session.isOpen() ? session.close() : Mono.empty()))))
			.block(WAIT);
		return new Exchange(answers);
	}

	private static SwsReactiveWebSocketClient reactiveClient(Client client) {
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build();
		return SwsReactiveWebSocketClient.builder(ClientHandshakeSettings.builder(client.keys(), ProtocolVersion.V2)
			.serverCertVerifier(trust)
			.certificate(client.cert())).build();
	}

	record Exchange(List<String> answers) {
	}

}
