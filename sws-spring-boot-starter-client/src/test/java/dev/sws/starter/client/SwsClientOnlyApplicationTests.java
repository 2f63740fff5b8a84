package dev.sws.starter.client;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ContainerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.TestPki;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application with only this starter, as a client-only user writes it: Boot deduces no web
 * application (no Tomcat starts), the SWS client beans come from {@code sws.client.*}, there is no
 * server machinery, and the STOMP client really talks to an SWS server.
 */
class SwsClientOnlyApplicationTests {

	static final TestPki PKI = TestPki.create("client-only.sws.test");

	static SwsWebSocketHandlerDecoratorFactory sws;

	static SwsServerOnJetty server;

	@BeforeAll
	static void startServer() throws Exception {
		sws = SwsWebSocketHandlerDecoratorFactory.builder(ServerHandshakeSettings.builder(PKI.serverKeys)
			.versions(EnumSet.of(ProtocolVersion.V2, ProtocolVersion.V3))
			.certificate(PKI.serverCert)).build();
		server = new SwsServerOnJetty(sws);
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
		sws.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

	}

	private static ConfigurableApplicationContext start(String... properties) {
		SpringApplication application = new SpringApplication(ClientApplication.class);
		application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
		return application.run(properties);
	}

	@Test
	void theClasspathMakesNoWebApplication() {
		assertThat(WebApplicationType.deduce()).isEqualTo(WebApplicationType.NONE);
		assertThat(ClassUtils.isPresent("jakarta.servlet.Servlet", null)).as("the servlet API").isFalse();
		assertThat(ContainerProvider.getWebSocketContainer().getClass().getName()).as("the JSR-356 client")
			.startsWith("org.eclipse.jetty.");
	}

	@Test
	void theStompClientComesFromClientPropertiesAndTalksToAServer() throws Exception {
		try (ConfigurableApplicationContext context = start(
				"--sws.client.trust-anchors=" + PKI.ca.getCertificate().toJson())) {
			assertThat(context).isNotInstanceOf(WebApplicationContext.class);
			assertThat(context.getBeanNamesForType(SwsWebSocketHandlerDecoratorFactory.class)).isEmpty();
			assertThat(context.getBeanNamesForType(SwsWebSocketClient.class)).hasSize(1);
			SwsStompClient stomp = context.getBean(SwsStompClient.class);
			assertThat(stomp.getSwsClient().getTransport()).isInstanceOf(StandardWebSocketClient.class);
			assertThat(stomp.getSwsClient().getSettings().getVersion()).as("the default").isEqualTo(ProtocolVersion.V3);
			stomp.setMessageConverter(new StringMessageConverter());
			StompSession session = stomp.connectAsync(server.url("/stomp"), new StompSessionHandlerAdapter() {
			}).get(20, TimeUnit.SECONDS);
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			session.subscribe("/topic/news", new StompFrameHandler() {

				@Override
				public java.lang.reflect.Type getPayloadType(StompHeaders headers) {
					return String.class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					received.add((String) payload);
				}

			});
			// the server's channels have no executors: the SUBSCRIBE is handled before the SEND after it
			session.send("/topic/news", "hello over SWS");
			assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("hello over SWS");
			session.disconnect();
		}
	}

	/** The client speaks v3 by default; v2 on request, to the same server. */
	@Test
	void theWebSocketClientEchoesOverSwsV2() throws Exception {
		try (ConfigurableApplicationContext context = start("--sws.client.version=2",
				"--sws.client.trust-anchors=" + PKI.ca.getCertificate().toJson())) {
			SwsWebSocketClient client = context.getBean(SwsWebSocketClient.class);
			BlockingQueue<WebSocketMessage<?>> received = new LinkedBlockingQueue<>();
			WebSocketSession session = client.execute(new AbstractWebSocketHandler() {

				@Override
				public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
					received.add(message);
				}

			}, server.url("/echo")).get(20, TimeUnit.SECONDS);
			assertThat(client.getSettings().getVersion()).isEqualTo(ProtocolVersion.V2);
			session.sendMessage(new TextMessage("héllo"));
			assertThat(received.poll(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(TextMessage.class,
					(text) -> assertThat(text.getPayload()).isEqualTo("héllo"));
			session.close();
		}
	}

	/**
	 * Jetty's client container runs non-daemon threads: unless the client stops the container it
	 * made, a client-only application's JVM does not exit when its context closes.
	 */
	@Test
	void closingTheApplicationStopsTheWebSocketContainerItsClientMade() throws Exception {
		ConfigurableApplicationContext context = start("--sws.client.trust-anchors=" + PKI.ca.getCertificate().toJson());
		SwsWebSocketClient client = context.getBean(SwsWebSocketClient.class);
		WebSocketSession session = client.execute(new AbstractWebSocketHandler() {
		}, server.url("/echo")).get(20, TimeUnit.SECONDS);
		session.close();
		jakarta.websocket.WebSocketContainer container = (jakarta.websocket.WebSocketContainer) ReflectionTestUtils
			.getField(((StandardWebSocketClient) client.getTransport()), "webSocketContainer");
		assertThat(container).isNotNull();
		assertThat(((org.eclipse.jetty.util.component.LifeCycle) container).isRunning()).isTrue();
		context.close();
		assertThat(((org.eclipse.jetty.util.component.LifeCycle) container).isStopped()).as("the client's container")
			.isTrue();
	}

	/**
	 * Jetty's client container creates its core client on the first connect without a lock; the
	 * client readies its container first, so that many first connects at once all open.
	 */
	@Test
	void manyFirstConnectsAtOnceOfANewClientAllOpen() throws Exception {
		SwsWebSocketClient client = SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build()))
			.build();
		try {
			List<CompletableFuture<WebSocketSession>> connects = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				connects.add(client.execute(new AbstractWebSocketHandler() {
				}, server.url("/echo")));
			}
			for (CompletableFuture<WebSocketSession> connect : connects) {
				assertThat(connect.get(20, TimeUnit.SECONDS).isOpen()).isTrue();
			}
		}
		finally {
			client.close();
		}
	}

	@Test
	void withoutClientPropertiesTheApplicationStartsWithoutSwsBeans() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBeanNamesForType(SwsWebSocketClient.class)).isEmpty();
			assertThat(context.getBeanNamesForType(SwsWebSocketHandlerDecoratorFactory.class)).isEmpty();
			assertThat(List.of(context.getBeanDefinitionNames())).noneMatch((name) -> name.contains("swsServer"));
		}
	}

}
