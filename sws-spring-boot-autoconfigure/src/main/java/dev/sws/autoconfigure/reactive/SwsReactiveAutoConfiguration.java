package dev.sws.autoconfigure.reactive;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;

import dev.sws.autoconfigure.SwsClientConfiguredCondition;
import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsHandshakes;
import dev.sws.autoconfigure.SwsProperties;
import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.autoconfigure.devmode.SwsDevModeAutoConfiguration;
import dev.sws.webflux.InboundMessageType;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.webflux.SwsReactiveWebSocketClient;
import dev.sws.websocket.InboundMessageMode;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsRole;

/**
 * Auto-configuration of SWS for reactive (WebFlux) applications.
 * <ul>
 * <li>In a reactive web application, an {@link SwsReactiveServer} from {@code sws.server.*} (the
 * same properties, checks and startup failures as the servlet stack's server, development mode
 * included); a handler opts in where it is mapped, with {@code swsServer.decorate(handler)}. On
 * Reactor Netty, the WebSocket service accepts frames as large as {@code sws.server.max-message-size}
 * (Reactor Netty's own limit is 64 KiB).</li>
 * <li>With Reactor Netty's client, an {@link SwsReactiveWebSocketClient} from
 * {@code sws.client.*}, once the client is told how to authenticate servers.</li>
 * </ul>
 * Events reach the application's {@code SwsEventListener} beans (metrics) as on the servlet
 * stack. A user bean of the same type replaces ours; {@link SwsReactiveServerCustomizer} and
 * {@link SwsReactiveClientCustomizer} beans adjust ours.
 */
@AutoConfiguration(after = SwsDevModeAutoConfiguration.class)
@ConditionalOnClass({ SwsReactiveServer.class, WebSocketHandler.class })
@EnableConfigurationProperties(SwsProperties.class)
public final class SwsReactiveAutoConfiguration {

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnBooleanProperty(name = "sws.server.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SwsReactiveServer swsReactiveServer(SwsProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<Clock> clock, ObjectProvider<DevModeKeys> devMode,
				ObjectProvider<SwsEventListener> listeners, ObjectProvider<SwsReactiveServerCustomizer> customizers) {
			Clock time = clock(clock);
			SwsProperties.Server server = properties.getServer();
			SwsReactiveServer.Builder builder = SwsReactiveServer
				.builder(SwsHandshakes.server(properties, resourceLoader, environment, time, devMode.getIfAvailable()))
				.handshakeTimeout(server.getHandshakeTimeout())
				.maxMessageSize(SwsHandshakes.bytes("sws.server.max-message-size", server.getMaxMessageSize()))
				.maxOutboundBuffer(SwsHandshakes.bytes("sws.server.max-outbound-buffer", server.getMaxOutboundBuffer()))
				.sendTimeLimit(server.getSendTimeLimit())
				.inboundMessages(inboundMessageType(server.getInboundMessages()))
				.firstFrameDelay(server.getFirstFrameDelay())
				.maxPendingHandshakes(server.getMaxPendingHandshakes())
				.clock(time)
				.listener(new SwsEventListenerBridge(SwsHandshakes.listener(listeners.orderedStream().toList()),
						SwsRole.SERVER));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new SwsConfigurationException("sws.server", String.valueOf(ex.getMessage()),
						"Check the sws.server.* properties and any SwsReactiveServerCustomizer", ex);
			}
		}

		@Bean
		SwsReactiveEndpointLogger swsReactiveEndpointLogger(ApplicationContext context) {
			return new SwsReactiveEndpointLogger(context);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "reactor.netty.http.server.HttpServer")
		@ConditionalOnMissingBean(WebSocketService.class)
		static class ReactorNettyConfiguration {

			@Bean
			WebFluxConfigurer swsWebSocketServiceConfigurer(SwsReactiveServer swsReactiveServer) {
				return new WebFluxConfigurer() {

					@Override
					public WebSocketService getWebSocketService() {
						return swsReactiveServer.webSocketService();
					}

				};
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
	@ConditionalOnBooleanProperty(name = "sws.client.enabled", matchIfMissing = true)
	@Conditional(SwsClientConfiguredCondition.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SwsReactiveWebSocketClient swsReactiveWebSocketClient(SwsProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<Clock> clock, ObjectProvider<SwsEventListener> listeners,
				ObjectProvider<SwsReactiveClientCustomizer> customizers) {
			Clock time = clock(clock);
			SwsProperties.Client client = properties.getClient();
			SwsReactiveWebSocketClient.Builder builder = SwsReactiveWebSocketClient
				.builder(SwsHandshakes.client(properties, resourceLoader, environment, time))
				.handshakeTimeout(client.getHandshakeTimeout())
				.maxMessageSize(SwsHandshakes.bytes("sws.client.max-message-size", client.getMaxMessageSize()))
				.maxOutboundBuffer(SwsHandshakes.bytes("sws.client.max-outbound-buffer", client.getMaxOutboundBuffer()))
				.sendTimeLimit(client.getSendTimeLimit())
				.inboundMessages(inboundMessageType(client.getInboundMessages()))
				.clock(time)
				.listener(new SwsEventListenerBridge(SwsHandshakes.listener(listeners.orderedStream().toList()),
						SwsRole.CLIENT));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new SwsConfigurationException("sws.client", String.valueOf(ex.getMessage()),
						"Check the sws.client.* properties and any SwsReactiveClientCustomizer", ex);
			}
		}

	}

	/**
	 * The reactive counterpart of {@code inbound-messages}: {@code auto} is text-if-utf8, as a
	 * reactive handler reads both types.
	 */
	static InboundMessageType inboundMessageType(InboundMessageMode mode) {
		return switch (mode) {
			case AUTO, TEXT_IF_UTF8 -> InboundMessageType.TEXT_IF_UTF8;
			case TEXT -> InboundMessageType.TEXT;
			case BINARY -> InboundMessageType.BINARY;
		};
	}

}
