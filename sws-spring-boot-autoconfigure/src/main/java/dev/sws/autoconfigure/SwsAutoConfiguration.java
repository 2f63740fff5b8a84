package dev.sws.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Auto-configuration for SWS (Secure WebSocket).
 * <ul>
 * <li>In a servlet web application, an {@link SwsWebSocketHandlerDecoratorFactory} from
 * {@code sws.server.*} (keys, or development mode): STOMP endpoints of
 * {@code @EnableWebSocketMessageBroker} applications speak SWS (switch off with
 * {@code sws.server.stomp.enabled=false}); plain handlers opt in with
 * {@code registry.addHandler(swsServer.decorate(handler), path)}. Each SWS endpoint is logged at
 * INFO on startup. Without a server key pair and without development mode, startup fails with
 * what to configure.</li>
 * <li>In any application, an {@link SwsWebSocketClient} and an {@link SwsStompClient} from
 * {@code sws.client.*}, once the client is told how to authenticate servers (trust anchors, pinned
 * keys, or the insecure opt-in).</li>
 * <li>With Actuator, an info contribution with the server key. Metrics and health have their own
 * auto-configurations.</li>
 * </ul>
 * Their timers and I/O run on threads built with the context's task builders and shut down with
 * the context ({@code SwsExecutors}). A user bean of the same type replaces ours;
 * {@link SwsServerCustomizer} and {@link SwsClientCustomizer} beans adjust ours.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
		"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration" })
@ConditionalOnClass(WebSocketHandler.class)
@EnableConfigurationProperties(SwsProperties.class)
public final class SwsAutoConfiguration {

	/** The clock: a unique {@link Clock} bean if the application has one (tests), else UTC. */
	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	@Bean(destroyMethod = "close")
	SwsExecutors swsExecutors(Environment environment, ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> poolBuilder,
			ObjectProvider<SimpleAsyncTaskExecutorBuilder> simpleBuilder) {
		ThreadPoolTaskSchedulerBuilder scheduler = schedulerBuilder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new);
		if (Threading.VIRTUAL.isActive(environment)) {
			return SwsExecutors.virtualThreads(scheduler,
					simpleBuilder.getIfAvailable(() -> new SimpleAsyncTaskExecutorBuilder().virtualThreads(true)));
		}
		return SwsExecutors.platformThreads(scheduler, poolBuilder.getIfAvailable(ThreadPoolTaskExecutorBuilder::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnBooleanProperty(name = "sws.server.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		SwsWebSocketHandlerDecoratorFactory swsServer(SwsProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<Clock> clock, SwsExecutors executors,
				ObjectProvider<DevModeKeys> devMode, ObjectProvider<SwsEventListener> listeners,
				ObjectProvider<SwsServerCustomizer> customizers) {
			SwsEmptyValues.check(environment, "sws.server");
			SwsWebSocketHandlerDecoratorFactory.Builder builder = new SwsServerFactory(properties.getServer(),
					resourceLoader, clock(clock), devMode.getIfAvailable())
				.builder(CompositeSwsEventListener.of(listeners.orderedStream().toList()));
			executors.applyTo(builder);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new SwsConfigurationException("sws.server", String.valueOf(ex.getMessage()),
						"Check the sws.server.* properties and any SwsServerCustomizer", ex);
			}
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.web.servlet.handler.AbstractUrlHandlerMapping")
		static class EndpointLogConfiguration {

			@Bean
			SwsEndpointLogger swsEndpointLogger(ApplicationContext context) {
				return new SwsEndpointLogger(context);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer",
				"org.springframework.messaging.simp.SimpMessagingTemplate" })
		@ConditionalOnBooleanProperty(name = "sws.server.stomp.enabled", matchIfMissing = true)
		static class StompConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SwsStompEndpointConfigurer swsStompEndpointConfigurer(SwsWebSocketHandlerDecoratorFactory swsServer) {
				return new SwsStompEndpointConfigurer(swsServer);
			}

			@Bean
			static SwsSubProtocolHandlerPostProcessor swsSubProtocolHandlerPostProcessor(BeanFactory beanFactory) {
				return new SwsSubProtocolHandlerPostProcessor(beanFactory);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(InfoContributor.class)
		static class InfoConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SwsInfoContributor swsInfoContributor(SwsWebSocketHandlerDecoratorFactory swsServer) {
				return new SwsInfoContributor(swsServer);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StandardWebSocketClient.class)
	@ConditionalOnBooleanProperty(name = "sws.client.enabled", matchIfMissing = true)
	@ConditionalOnResource(resources = "classpath:META-INF/services/jakarta.websocket.ContainerProvider")
	@Conditional(SwsClientConfiguredCondition.class)
	static class ClientConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		SwsWebSocketClient swsWebSocketClient(SwsProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<Clock> clock, SwsExecutors executors,
				ObjectProvider<SwsEventListener> listeners, ObjectProvider<SwsClientCustomizer> customizers) {
			SwsEmptyValues.check(environment, "sws.client");
			SwsWebSocketClient.Builder builder = new SwsClientFactory(properties.getClient(), resourceLoader, clock(clock))
				.builder(CompositeSwsEventListener.of(listeners.orderedStream().toList()));
			executors.applyTo(builder);
			SwsTrust.warnIfOneCaServesBothRoles(properties, new SwsKeyMaterial(resourceLoader));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new SwsConfigurationException("sws.client", String.valueOf(ex.getMessage()),
						"Check the sws.client.* properties and any SwsClientCustomizer", ex);
			}
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = "org.springframework.messaging.simp.stomp.StompSession")
		SwsStompClient swsStompClient(SwsWebSocketClient swsWebSocketClient) {
			return new SwsStompClient(swsWebSocketClient);
		}

	}

}
