package dev.sws.bench;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.webflux.SwsReactiveServer;

/**
 * The reactive benchmark server: WebFlux on Reactor Netty, with a plain reactive WebSocket echo at
 * {@code /plain} and the same echo over SWS at {@code /sws}. It prints {@code READY <port>} once
 * listening.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration")
public class ReactiveBenchServerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ReactiveBenchServerApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setDefaultProperties(Map.of("server.address", "127.0.0.1", "server.port", "0",
				"spring.main.banner-mode", "off", "logging.level.root", "warn"));
		application.run(args);
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> readyAnnouncer() {
		return (event) -> System.out.println("READY " + event.getWebServer().getPort());
	}

	@Bean
	HandlerMapping endpoints(SwsReactiveServer swsServer) {
		return new SimpleUrlHandlerMapping(Map.of("/plain", new Echo(true), "/sws", swsServer.decorate(new Echo(false))), -1);
	}

	/**
	 * Sends every message back in kind. Reactor Netty releases a plain message's buffer once it
	 * was handed on, so the plain echo retains it for its send; SWS hands out buffers of its own.
	 */
	static final class Echo implements WebSocketHandler {

		private final boolean retain;

		Echo(boolean retain) {
			this.retain = retain;
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive()
				.map((message) -> new WebSocketMessage(message.getType(),
						this.retain ? message.retain().getPayload() : message.getPayload())));
		}

	}

}
