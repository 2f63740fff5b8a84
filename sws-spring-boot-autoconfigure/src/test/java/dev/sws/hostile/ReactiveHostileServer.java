package dev.sws.hostile;

import java.net.URI;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.autoconfigure.metrics.SwsMetrics;
import dev.sws.autoconfigure.reactive.SwsEventListenerBridge;
import dev.sws.cert.TrustPolicy;
import dev.sws.it.ReactiveApplications;
import dev.sws.protocol.NoiseChannelHooks;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.webflux.SwsReactiveSession;
import dev.sws.webflux.SwsReactiveSessionHooks;
import dev.sws.websocket.SwsRole;

/**
 * The hostile-peer suite's endpoints on the reactive stack: a WebFlux application on Reactor
 * Netty with the auto-configured {@link SwsReactiveServer} at {@code /hostile} and a second server
 * that requires client certificates at {@code /hostile-mtls}, as {@link HostileConfiguration}
 * sets them up on the servlet stack, with the same keys, metrics and recording application.
 */
final class ReactiveHostileServer implements AutoCloseable {

	private static ReactiveHostileServer shared;

	private final ConfigurableApplicationContext context;

	private ReactiveHostileServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The server, started once for the test JVM (closed with it). */
	static synchronized ReactiveHostileServer shared() {
		if (shared == null) {
			shared = new ReactiveHostileServer(ReactiveApplications.start(Application.class,
					"sws.server.key-pair="
							+ Base64.getEncoder().encodeToString(HostilePki.TRUSTED.serverKeys.exportSecretKey()),
					"sws.server.certificate=" + HostilePki.TRUSTED.serverCert.toJson()));
		}
		return shared;
	}

	/** Stops the shared server, if it was started. */
	static synchronized void stopShared() {
		if (shared != null) {
			shared.close();
			shared = null;
		}
	}

	URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + ReactiveApplications.port(this.context) + path);
	}

	MeterRegistry meterRegistry() {
		return this.context.getBean(MeterRegistry.class);
	}

	PeerRecordings recordings() {
		return this.context.getBean(Recorder.class).recordings;
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		static MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		static Recorder recorder() {
			return new Recorder();
		}

		@Bean
		HandlerMapping hostileEndpoints(SwsReactiveServer swsServer, SwsMetrics metrics, Recorder recorder) {
			// not a bean: a second SwsReactiveServer bean would replace the auto-configured one
			SwsReactiveServer mtls = SwsReactiveServer
				.builder(ServerHandshakeSettings.builder(HostilePki.TRUSTED.serverKeys)
					.versions(EnumSet.of(ProtocolVersion.V2, ProtocolVersion.V3))
					.certificate(HostilePki.TRUSTED.serverCert)
					.requireClientCert(TrustPolicy.builder().trustAnchor(HostilePki.TRUSTED.ca.getCertificate()).build()))
				.listener(new SwsEventListenerBridge(metrics, SwsRole.SERVER))
				.build();
			// v3 sessions at the wrap path start one message before the counter reaches 2^64 - 1
			WebSocketHandler wrap = (session) -> {
				SecureChannel channel = SwsReactiveSessionHooks.channelOf(session);
				NoiseChannelHooks.skipCounters(channel, channel.getNextTransmitCounter(), HostileConfiguration.WRAP_AT);
				return recorder.handle(session);
			};
			return new SimpleUrlHandlerMapping(Map.of(ServerCase.PLAIN, swsServer.decorate(recorder), ServerCase.MTLS,
					mtls.decorate(recorder), HostileConfiguration.WRAP_PATH, swsServer.decorate(wrap)), -1);
		}

	}

	/** Records and echoes, as {@link ApplicationRecorder} does on the servlet stack. */
	static final class Recorder implements WebSocketHandler {

		private final PeerRecordings recordings = new PeerRecordings();

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			PeerIdentity peer = SwsReactiveSession.peerOf(session);
			this.recordings.opened(peer);
			return session.send(session.receive().filter((message) -> message.getType() == WebSocketMessage.Type.TEXT
					|| message.getType() == WebSocketMessage.Type.BINARY).map((message) -> {
						String text = message.getPayloadAsText();
						this.recordings.delivered(peer, text);
						return session.textMessage(text);
					}));
		}

	}

}
