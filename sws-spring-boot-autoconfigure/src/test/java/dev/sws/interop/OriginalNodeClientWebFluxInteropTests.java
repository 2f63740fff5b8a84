package dev.sws.interop;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.sws.cert.TrustPolicy;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.webflux.SwsReactiveServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original {@code node-sws@1.2.1} Node client against our reactive server (WebFlux on Reactor
 * Netty, with the auto-configuration): v1 and v2 echoes, and a v2 client certificate the original
 * issued, required and accepted. As with Tomcat, the client runs with {@code mask-shim.js}, whose
 * only change is to mask its frames (RFC 6455 requires it; Netty refuses unmasked client frames).
 */
@Tag("interop")
class OriginalNodeClientWebFluxInteropTests {

	private static final InteropPki PKI = InteropPki.get();

	private static ConfigurableApplicationContext server;

	@BeforeAll
	static void start() {
		server = new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1", "sws.server.max-message-size=2MB",
					"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
							+ "TomcatReactiveWebServerAutoConfiguration",
					"sws.server.key-pair=file:" + PKI.ours("server-kp.json"),
					"sws.server.certificate=file:" + PKI.ours("server-cert.json"))
			.run();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static String url(String path) {
		return "ws://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort() + path;
	}

	@Test
	void v1Echo() {
		echo(OriginalConfig.secinfo(1, PKI.ours("client-kp.json")).url(url("/echo")), EchoSizes.COUNT);
	}

	@Test
	void v2EchoTheOriginalAcceptsOurServerCertificate() {
		echo(OriginalConfig.secinfo(2, PKI.ours("client-kp.json")).ca(PKI.ours("ca-cert.json")).url(url("/echo")),
				EchoSizes.COUNT);
	}

	@Test
	void v2EchoWeRequireAndAcceptAClientCertificateTheOriginalIssued() {
		echo(OriginalConfig.secinfo(2, PKI.js("client/box-kp.json"))
			.cert(PKI.js("client/client.js.test-cert.json"))
			.ca(PKI.ours("ca-cert.json"))
			.url(url("/certs")), EchoSizes.COUNT);
	}

	/**
	 * Every message came back intact and in order and the connection closed cleanly. Unlike
	 * Tomcat, Reactor Netty (as Spring configures it) does not negotiate permessage-deflate.
	 */
	private static void echo(OriginalConfig config, int count) {
		OriginalClient.Result result = OriginalClient.run(config.masked(true).echo(count).deadline(Duration.ofSeconds(60)));
		assertThat(result.failure()).as("%s", result).isEmpty();
		assertThat(result.echoed()).as("%s", result).isEqualTo(count);
		assertThat(result.events()).extracting(OriginalEvent::type).containsExactly("open", "close");
		assertThat(result.event("open").orElseThrow().detail()).isEmpty();
		System.out.printf("interop: original Node client (masked) -> our WebFlux server: %d messages, %d bytes in %d ms%n",
				result.echoed(), result.bytes(), result.json().get("ms").asLong());
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
