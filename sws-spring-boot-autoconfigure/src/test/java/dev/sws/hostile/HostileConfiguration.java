package dev.sws.hostile;

import java.util.EnumSet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import dev.sws.autoconfigure.metrics.SwsMetrics;
import dev.sws.cert.TrustPolicy;
import dev.sws.protocol.NoiseChannelHooks;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.websocket.SwsServerWebSocketHandlerDecorator;
import dev.sws.websocket.SwsSessionHooks;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * What the hostile-peer tests add to the test application: a meter registry (so that SWS metrics
 * exist and can be asserted), the recording application behind two SWS endpoints, and the hostile
 * server.
 * <ul>
 * <li>{@code /hostile}: the auto-configured server (v1, v2 and v3, no client certificates);</li>
 * <li>{@code /hostile-mtls}: a second server that accepts only v2 and v3 clients with a
 * certificate signed by the test CA;</li>
 * <li>{@code /hostile-wrap}: the auto-configured server, whose v3 sessions start with the
 * receive counter at 2^64 - 2 (a test hook: exhaustion without 2^64 messages);</li>
 * <li>{@code /forge?case=...}: the {@link ScriptedServer}, for attacks on the client.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class HostileConfiguration implements WebSocketConfigurer, DisposableBean {

	/** The endpoint whose v3 sessions expect {@link #WRAP_AT} as their first client counter. */
	static final String WRAP_PATH = "/hostile-wrap";

	/** 2^64 - 2: one message before the counter reaches Noise's reserved 2^64 - 1. */
	static final long WRAP_AT = -2L;

	private final SwsWebSocketHandlerDecoratorFactory mtlsServer;

	private final SwsServerWebSocketHandlerDecorator plainEndpoint;

	private final ApplicationRecorder recorder;

	private final ScriptedServer scriptedServer;

	private final SwsServerWebSocketHandlerDecorator wrapEndpoint;

	HostileConfiguration(SwsWebSocketHandlerDecoratorFactory swsServer, SwsMetrics metrics, ApplicationRecorder recorder,
			ScriptedServer scriptedServer) {
		this.plainEndpoint = swsServer.decorate(recorder);
		this.wrapEndpoint = swsServer.decorate(new WebSocketHandlerDecorator(recorder) {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				SecureChannel channel = SwsSessionHooks.channelOf(session);
				NoiseChannelHooks.skipCounters(channel, channel.getNextTransmitCounter(), WRAP_AT);
				super.afterConnectionEstablished(session);
			}
		});
		// not a bean: a second SwsWebSocketHandlerDecoratorFactory bean would replace the auto-configured one
		this.mtlsServer = SwsWebSocketHandlerDecoratorFactory
			.builder(ServerHandshakeSettings.builder(HostilePki.TRUSTED.serverKeys)
				.versions(EnumSet.of(ProtocolVersion.V2, ProtocolVersion.V3))
				.certificate(HostilePki.TRUSTED.serverCert)
				.requireClientCert(TrustPolicy.builder().trustAnchor(HostilePki.TRUSTED.ca.getCertificate()).build()))
			.listener(metrics)
			.build();
		this.recorder = recorder;
		this.scriptedServer = scriptedServer;
	}

	@Bean
	static MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	static ApplicationRecorder applicationRecorder() {
		return new ApplicationRecorder();
	}

	@Bean
	static ScriptedServer scriptedServer() {
		return new ScriptedServer();
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.plainEndpoint, "/hostile");
		registry.addHandler(this.mtlsServer.decorate(this.recorder), "/hostile-mtls");
		registry.addHandler(this.scriptedServer, "/forge");
		registry.addHandler(this.wrapEndpoint, WRAP_PATH);
	}

	/** The SWS handler at {@code /hostile}, to watch how many connections it tracks. */
	SwsServerWebSocketHandlerDecorator plainEndpoint() {
		return this.plainEndpoint;
	}

	@Override
	public void destroy() {
		this.mtlsServer.close();
	}

}
