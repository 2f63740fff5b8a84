package dev.sws.webflux;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive client on Reactor Netty against servers that send more than it accepts: what Netty
 * refuses on its own, and what it lets through for SWS to refuse, end as SWS's refusals do.
 */
class SwsReactiveWebSocketClientTests {

	private static final TestPki PKI = TestPki.create("webflux-client-test-ca");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final RecordingListener listener = new RecordingListener();

	private @Nullable ReactiveTestServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private SwsReactiveWebSocketClient.Builder client() {
		return SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.pinnedServerKeys(List.of(PKI.serverKeys.getPublicKey())))
			.listener(this.listener);
	}

	private static SwsReactiveServer.Builder sws() {
		return SwsReactiveServer
			.builder(ServerHandshakeSettings.builder(PKI.serverKeys).versions(EnumSet.of(ProtocolVersion.V1)));
	}

	@Test
	void aMessageOverTheSizeCapIsReadAndRefusedWith1009WhichTheServerSees() throws Exception {
		SwsReactiveServer sws = sws().maxMessageSize(4 * 1024 * 1024).build();
		CompletableFuture<Integer> serverSaw = new CompletableFuture<>();
		WebSocketHandler oversized = (session) -> {
			session.closeStatus().map(CloseStatus::getCode).subscribe(serverSaw::complete);
			return session.send(Mono.just(session.binaryMessage((factory) -> factory.wrap(new byte[1536 * 1024]))))
				.onErrorResume((ex) -> Mono.empty())
				.and(session.receive().then());
		};
		this.server = ReactiveTestServer.start(sws, Map.of("/oversized", sws.decorate(oversized)));
		CompletableFuture<Integer> clientSaw = new CompletableFuture<>();
		client().build().execute(this.server.uri("/oversized"), (session) -> {
			session.closeStatus().map(CloseStatus::getCode).subscribe(clientSaw::complete);
			return session.receive().then();
		}).block(WAIT);
		assertThat(serverSaw.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("close code the server saw").isEqualTo(1009);
		assertThat(clientSaw.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("close status of the client's session")
			.isEqualTo(1009);
		assertThat(this.listener.sessionFailures).containsExactly(FailureReason.MESSAGE_TOO_LARGE);
	}

	@Test
	void aHandshakeFrameNettyRefusesIsTheClientsRefusal() {
		SwsReactiveServer sws = sws().build();
		// answers the first message (the ClientHello) with a text frame over the client's frame limit
		WebSocketHandler hostile = (session) -> session.send(session.receive()
			.index()
			.filter((indexed) -> indexed.getT1() == 0)
			.map((hello) -> session.textMessage("x".repeat(5000))));
		this.server = ReactiveTestServer.start(sws, Map.of("/hostile", hostile));
		Throwable failure = client().maxMessageSize(1024)
			.build()
			.execute(this.server.uri("/hostile"), (session) -> Mono.error(new AssertionError("the handler must not run")))
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(WAIT);
		assertThat(failure).isInstanceOfSatisfying(SwsHandshakeException.class, (ex) -> {
			assertThat(ex.getKind()).as(ex.getMessage()).isEqualTo(SwsHandshakeException.Kind.REFUSED_BY_CLIENT);
			assertThat(ex.getReason()).contains(FailureReason.MESSAGE_TOO_LARGE);
		});
		assertThat(this.listener.handshakeFailures).containsExactly(FailureReason.MESSAGE_TOO_LARGE);
	}

	/** Records the failures the client reports. */
	private static final class RecordingListener implements SwsReactiveEventListener {

		final List<FailureReason> handshakeFailures = new CopyOnWriteArrayList<>();

		final List<FailureReason> sessionFailures = new CopyOnWriteArrayList<>();

		@Override
		public void handshakeFailed(@Nullable ProtocolVersion version, FailureReason reason, Duration duration) {
			this.handshakeFailures.add(reason);
		}

		@Override
		public void sessionFailed(FailureReason reason) {
			this.sessionFailures.add(reason);
		}

	}

}
