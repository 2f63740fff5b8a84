package dev.sws.webflux;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.sws.cert.TrustPolicy;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's {@link SwsReactiveAuthenticator}: the handler sees the principal it makes of the
 * peer in the handshake info and its Reactor context; without one, the upgrade request's.
 */
class SwsReactiveAuthenticatorTests {

	private static final TestPki PKI = TestPki.create("authenticator.sws.test");

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Tells the client the principal of the handshake info and the context's "peer" entry. */
	private static final WebSocketHandler WHO = (session) -> session.getHandshakeInfo()
		.getPrincipal()
		.map(Principal::getName)
		.defaultIfEmpty("no principal")
		.zipWith(Mono.deferContextual((context) -> Mono.just(context.getOrDefault("peer", "no context"))))
		.flatMap((seen) -> session.send(Mono.just(session.textMessage(seen.getT1() + " | " + seen.getT2()))))
		.then(session.close(CloseStatus.NORMAL));

	private ReactiveTestServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private static SwsReactiveServer.Builder server() {
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build();
		return SwsReactiveServer.builder(ServerHandshakeSettings.builder(PKI.serverKeys)
			.versions(EnumSet.of(ProtocolVersion.V2))
			.certificate(PKI.serverCert)
			.requireClientCert(trust));
	}

	private String who(SwsReactiveServer sws) {
		this.server = ReactiveTestServer.start(sws, Map.of("/who", sws.decorate(WHO)));
		URI uri = this.server.uri("/who");
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build();
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(PKI.clientKeys, ProtocolVersion.V2)
				.serverCertVerifier(trust)
				.certificate(PKI.clientCert))
			.build();
		AtomicReference<String> answer = new AtomicReference<>();
		client.execute(uri, (session) -> session.receive()
			.take(1)
			.map(WebSocketMessage::getPayloadAsText)
			.doOnNext(answer::set)
			.then()).block(WAIT);
		return answer.get();
	}

	@Test
	void theHandlerSeesThePeersPrincipalInItsHandshakeInfoAndItsContext() {
		AtomicReference<PeerIdentity> asked = new AtomicReference<>();
		SwsReactiveAuthenticator authenticator = new SwsReactiveAuthenticator() {

			@Override
			public Principal authenticate(PeerIdentity peer) {
				asked.set(peer);
				return peer::getPrincipalName;
			}

			@Override
			public Context contextWith(Context context, Principal principal) {
				return context.put("peer", "context of " + principal.getName());
			}

		};
		SwsReactiveServer sws = server().authenticator(authenticator).build();
		assertThat(sws.getAuthenticator()).isSameAs(authenticator);
		String name = "sws-cert:" + PKI.ca.getCertificate().getPublicKeyFingerprint() + "/"
				+ PKI.clientCert.getNames().get(0);
		assertThat(who(sws)).isEqualTo(name + " | context of " + name);
		assertThat(asked.get().getCertificate()).contains(PKI.clientCert);
	}

	@Test
	void withoutAnAuthenticatorTheHandlerSeesTheUpgradeRequestsPrincipal() {
		SwsReactiveServer sws = server().build();
		assertThat(sws.getAuthenticator()).isNull();
		assertThat(who(sws)).isEqualTo("no principal | no context");
	}

	@Test
	void aDefaultContextWriterLeavesTheContextAsItIs() {
		SwsReactiveServer sws = server().authenticator((peer) -> () -> "fixed").build();
		assertThat(who(sws)).isEqualTo("fixed | no context");
	}

}
