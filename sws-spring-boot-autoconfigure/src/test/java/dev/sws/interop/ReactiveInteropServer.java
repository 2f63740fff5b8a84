package dev.sws.interop;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.sws.cert.TrustPolicy;
import dev.sws.it.ReactiveApplications;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.webflux.SwsReactiveServer;

/**
 * Our reactive server for the original's clients: a WebFlux application on Reactor Netty with the
 * auto-configuration, on 127.0.0.1 and a random port, with our key pair and server certificate
 * from {@link InteropPki}: {@code /echo} (v1 and v2) and {@code /certs} (v2, client certificates
 * from our CA or the original's required), and the test page of the original's browser build.
 */
final class ReactiveInteropServer implements AutoCloseable {

	private static final InteropPki PKI = InteropPki.get();

	private final ConfigurableApplicationContext context;

	private ReactiveInteropServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static ReactiveInteropServer start() throws IOException {
		String www = "file:" + InteropServerSupport.www(PKI) + "/";
		return new ReactiveInteropServer(ReactiveApplications.start(Application.class, "sws.server.max-message-size=2MB",
				"sws.server.key-pair=file:" + PKI.ours("server-kp.json"),
				"sws.server.certificate=file:" + PKI.ours("server-cert.json"), "spring.web.resources.static-locations=" + www));
	}

	String url(String host, String path) {
		return "ws://" + host + ":" + port() + path;
	}

	int port() {
		return ReactiveApplications.port(this.context);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		HandlerMapping interopEndpoints(SwsReactiveServer swsServer) {
			WebSocketHandler echo = (session) -> session.send(session.receive()
				.map((message) -> new WebSocketMessage(message.getType(), message.getPayload())));
			SwsReactiveServer certs = SwsReactiveServer
				.builder(ServerHandshakeSettings.builder(PKI.ours.serverKeys)
					.versions(EnumSet.of(ProtocolVersion.V2))
					.certificate(PKI.ours.serverCert)
					.requireClientCert(
							TrustPolicy.builder().trustAnchor(PKI.ours.ca.getCertificate()).trustAnchor(PKI.jsCa).build()))
				.maxMessageSize(2 * 1024 * 1024)
				.build();
			return new SimpleUrlHandlerMapping(Map.of("/echo", swsServer.decorate(echo), "/certs", certs.decorate(echo)),
					-1);
		}

	}

}
