package dev.sws.webflux;

import java.net.URI;
import java.util.Map;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * A WebFlux server on Reactor Netty, bound to loopback on a random port, that maps paths to
 * handlers decorated by an {@link SwsReactiveServer} (or plain ones).
 */
final class ReactiveTestServer implements AutoCloseable {

	private final DisposableServer server;

	private ReactiveTestServer(DisposableServer server) {
		this.server = server;
	}

	static ReactiveTestServer start(SwsReactiveServer sws, Map<String, WebSocketHandler> handlers) {
		WebSocketService service = sws.webSocketService();
		WebHandler web = (exchange) -> {
			WebSocketHandler handler = handlers.get(exchange.getRequest().getPath().value());
			if (handler == null) {
				exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
				return exchange.getResponse().setComplete();
			}
			return service.handleRequest(exchange, handler);
		};
		HttpHandler http = WebHttpHandlerBuilder.webHandler(web).build();
		return new ReactiveTestServer(
				HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(http)).bindNow());
	}

	URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.server.port() + path);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
