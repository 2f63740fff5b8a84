package dev.sws.sample.webflux;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.webflux.SwsReactiveServer;

/**
 * A plain reactive WebSocket handler over SWS at {@code /echo}: it opts in with one line,
 * {@code swsServer.decorate(handler)} where it is mapped, and then only ever sees decrypted
 * messages, as fast as it asks for them.
 */
@Configuration(proxyBeanMethods = false)
public class EchoConfiguration {

	@Bean
	HandlerMapping echoMapping(SwsReactiveServer swsServer) {
		return new SimpleUrlHandlerMapping(Map.of("/echo", swsServer.decorate(new EchoHandler())), -1);
	}

	/**
	 * Sends every message back as it came, text as text and binary as binary.
	 */
	static final class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive()
				.map((message) -> new WebSocketMessage(message.getType(), message.getPayload())));
		}

	}

}
