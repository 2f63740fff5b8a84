package dev.sws.it;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.sws.it.TestClients.Collector;
import dev.sws.testsupport.ServletContainer;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the container matrix: the run's web server, its WebSocket upgrades and the tests'
 * JSR-356 client are the container that {@code sws.test.container} names, and the other container
 * is not on the class path, so that no execution silently runs the servlet suites on Tomcat twice.
 */
@SpringBootTest(classes = SwsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1" })
@Import(ServletContainerTests.TransportEndpoint.class)
class ServletContainerTests {

	static final TestPki PKI = TestPki.create("container.sws.test");

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("sws.server.key-pair", () -> Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey()));
		registry.add("sws.server.certificate", PKI.serverCert::toJson);
	}

	@Test
	void theWebServerIsTheContainerOfThisRunAndTheOtherIsAbsent() {
		ServletContainer container = ServletContainer.current();
		assertThat(this.context.getWebServer().getClass().getName()).isEqualTo(container.getWebServerClass());
		ClassLoader classLoader = getClass().getClassLoader();
		for (ServletContainer each : ServletContainer.values()) {
			assertThat(ClassUtils.isPresent(each.getServerClass(), classLoader)).as("%s on the class path", each)
				.isEqualTo(each == container);
		}
	}

	@Test
	void webSocketsOnBothEndsAreTheContainersOfThisRun() throws Exception {
		ServletContainer container = ServletContainer.current();
		Collector transport = new Collector();
		WebSocketSession session = new StandardWebSocketClient()
			.execute(transport, null, URI.create("ws://127.0.0.1:" + this.port + "/transport"))
			.get(20, TimeUnit.SECONDS);
		try {
			assertThat(((NativeWebSocketSession) session).getNativeSession().getClass().getName()).as("the client's JSR-356 session")
				.startsWith(container.getPackagePrefix());
			session.sendMessage(new TextMessage("?"));
			String serverSession = transport.nextText();
			assertThat(serverSession).as("the server's Spring session over the container's native session")
				.startsWith(container.getPackagePrefix());
		}
		finally {
			session.close();
		}
		Collector echo = TestClients.connect(TestClients.v1(PKI.serverKeys.getPublicKey()),
				"ws://127.0.0.1:" + this.port + "/echo");
		echo.session.sendMessage(new TextMessage("over SWS"));
		assertThat(new String(echo.nextBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("over SWS");
		echo.session.close();
	}

	/** A plain handler at {@code /transport} that answers with the class of its native session. */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSocket
	static class TransportEndpoint implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler() {
				@Override
				protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
					session.sendMessage(new TextMessage(((NativeWebSocketSession) session).getNativeSession().getClass().getName()));
				}
			}, "/transport");
		}

	}

}
