package dev.sws.interop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.it.SwsTestApplication;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * The endpoints the interop tests add to {@link SwsTestApplication} (whose auto-configured server
 * runs {@code /echo} with v1 and v2 and our server certificate). Each endpoint below but
 * {@code /greet} has its own {@link SwsWebSocketHandlerDecoratorFactory}, built as a user would with the public API:
 * <ul>
 * <li>{@code /greet}: the auto-configured server; the handler sends {@link #GREETINGS} messages
 * as soon as the session opens (held back by the default 50 ms first-frame delay), then echoes;</li>
 * <li>{@code /greet-at-once}: the same with the first-frame delay at zero (v1);</li>
 * <li>{@code /certs}: v2 only, client certificates required from our CA or the original's;</li>
 * <li>{@code /js-server-cert}: v2 with a key pair and server certificate the original made;</li>
 * <li>{@code /expired}, {@code /elsewhere}: v2 with an expired server certificate, or one for
 * another host;</li>
 * <li>{@code /ips-in-names}: v2 with a server certificate that lists {@code 127.0.0.1} among its
 * names too ({@code sws-cert gencert --ips-in-names});</li>
 * <li>{@code /v1}: v1 only.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class InteropEndpoints implements WebSocketConfigurer, DisposableBean {

	static final int GREETINGS = 3;

	private final SwsWebSocketHandlerDecoratorFactory swsServer;

	private final ServerEvents events;

	private final InteropPki pki = InteropPki.get();

	private final List<SwsWebSocketHandlerDecoratorFactory> ownServers = new ArrayList<>();

	InteropEndpoints(SwsWebSocketHandlerDecoratorFactory swsServer, ServerEvents events) {
		this.swsServer = swsServer;
		this.events = events;
	}

	@Bean
	static ServerEvents serverEvents() {
		return new ServerEvents();
	}

	/** The auto-configured server's listener: every {@link SwsEventListener} bean is one. */
	@Bean
	static SwsEventListener autoServerEvents(ServerEvents events) {
		return events.forEndpoint(ServerEvents.AUTO);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		BoxKeyPair keys = this.pki.ours.serverKeys;
		NaclCert cert = this.pki.ours.serverCert;
		WebSocketHandler echo = new SwsTestApplication.EchoHandler();
		registry.addHandler(this.swsServer.decorate(new GreetingHandler()), "/greet");
		registry.addHandler(server("/greet-at-once", ServerHandshakeSettings.builder(keys), Duration.ZERO)
			.decorate(new GreetingHandler()), "/greet-at-once");
		TrustPolicy oursAndTheOriginals = TrustPolicy.builder()
			.trustAnchor(this.pki.ours.ca.getCertificate())
			.trustAnchor(this.pki.jsCa)
			.build();
		registry.addHandler(server("/certs", v2(keys, cert).requireClientCert(oursAndTheOriginals)).decorate(echo),
				"/certs");
		registry.addHandler(server("/js-server-cert", v2(this.pki.jsServerKeys, this.pki.jsServerCert)).decorate(echo),
				"/js-server-cert");
		registry.addHandler(server("/expired", v2(keys, this.pki.read(this.pki.ours("server-expired-cert.json"))))
			.decorate(echo), "/expired");
		registry.addHandler(server("/elsewhere", v2(keys, this.pki.read(this.pki.ours("server-elsewhere-cert.json"))))
			.decorate(echo), "/elsewhere");
		registry.addHandler(server("/ips-in-names", v2(keys, this.pki.read(this.pki.ours("server-ips-in-names-cert.json"))))
			.decorate(echo), "/ips-in-names");
		registry.addHandler(server("/v1", ServerHandshakeSettings.builder(keys)).decorate(echo), "/v1");
	}

	private static ServerHandshakeSettings.Builder v2(BoxKeyPair keys, NaclCert cert) {
		return ServerHandshakeSettings.builder(keys).versions(EnumSet.of(ProtocolVersion.V2)).certificate(cert);
	}

	private SwsWebSocketHandlerDecoratorFactory server(String endpoint, ServerHandshakeSettings.Builder handshake) {
		return server(endpoint, handshake, SwsWebSocketHandlerDecoratorFactory.DEFAULT_FIRST_FRAME_DELAY);
	}

	private SwsWebSocketHandlerDecoratorFactory server(String endpoint, ServerHandshakeSettings.Builder handshake, Duration firstFrameDelay) {
		SwsWebSocketHandlerDecoratorFactory server = SwsWebSocketHandlerDecoratorFactory.builder(handshake)
			.maxMessageSize(2 * 1024 * 1024)
			.firstFrameDelay(firstFrameDelay)
			.listener(this.events.forEndpoint(endpoint))
			.build();
		this.ownServers.add(server);
		return server;
	}

	@Override
	public void destroy() {
		this.ownServers.forEach(SwsWebSocketHandlerDecoratorFactory::close);
	}

	/** Sends {@link #GREETINGS} text messages as soon as the session opens, then echoes. */
	static final class GreetingHandler extends SwsTestApplication.EchoHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws IOException {
			for (int i = 0; i < GREETINGS; i++) {
				session.sendMessage(new TextMessage("greeting " + i));
			}
		}

	}

}
