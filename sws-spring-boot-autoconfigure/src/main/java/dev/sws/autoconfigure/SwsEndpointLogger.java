package dev.sws.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;

import dev.sws.websocket.SwsServerWebSocketHandlerDecorator;

/**
 * Logs one INFO line per SWS endpoint once the context is refreshed: its path, what it serves
 * (STOMP or the handler's class), the versions it accepts, whether it requires client
 * certificates, the server key's fingerprint and the certificate's names, CA and expiry. The
 * endpoints are found in the context's URL handler mappings (plain handlers registered with
 * {@code swsServer.decorate(handler)} and STOMP endpoints alike); when none speaks SWS, one line
 * says how to add one. Never a key, only fingerprints.
 */
final class SwsEndpointLogger extends AbstractSwsEndpointLogger {

	SwsEndpointLogger(ApplicationContext context) {
		super(context, "No WebSocket endpoint speaks SWS: STOMP endpoints of an @EnableWebSocketMessageBroker "
				+ "application do (unless sws.server.stomp.enabled=false), and a plain handler does once registered "
				+ "as registry.addHandler(swsServer.decorate(handler), path)");
	}

	@Override
	protected List<String> describeEndpoints() {
		List<String> lines = new ArrayList<>();
		for (AbstractUrlHandlerMapping mapping : getContext().getBeansOfType(AbstractUrlHandlerMapping.class, false, false)
			.values()) {
			for (Map.Entry<String, Object> entry : mapping.getHandlerMap().entrySet()) {
				String line = describe(entry.getKey(), entry.getValue());
				if (line != null) {
					lines.add(line);
				}
			}
		}
		lines.sort(null);
		return lines;
	}

	private static @Nullable String describe(String path, Object handler) {
		WebSocketHandler webSocketHandler;
		String transport = "";
		if (handler instanceof WebSocketHttpRequestHandler http) {
			webSocketHandler = http.getWebSocketHandler();
		}
		else if (handler instanceof SockJsHttpRequestHandler sockJs) {
			webSocketHandler = sockJs.getWebSocketHandler();
			transport = ", SockJS: refused, SWS needs WebSocket binary frames";
		}
		else {
			return null;
		}
		for (WebSocketHandler current = webSocketHandler; current instanceof WebSocketHandlerDecorator decorator;
				current = decorator.getDelegate()) {
			if (decorator instanceof SwsServerWebSocketHandlerDecorator sws) {
				return "SWS endpoint " + path + " (" + served(sws.getLastHandler()) + transport + "): "
						+ sws.getFactory().getHandshakeSettings().describe();
			}
		}
		return null;
	}

	private static String served(WebSocketHandler handler) {
		return (handler instanceof SubProtocolWebSocketHandler) ? "STOMP" : handler.getClass().getSimpleName();
	}

}
