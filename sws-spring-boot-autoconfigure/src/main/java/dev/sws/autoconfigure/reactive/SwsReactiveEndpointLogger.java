package dev.sws.autoconfigure.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;

import dev.sws.autoconfigure.AbstractSwsEndpointLogger;
import dev.sws.webflux.SwsServerWebSocketHandler;

/**
 * Logs one INFO line per reactive SWS endpoint once the context is refreshed, as the servlet
 * stack's endpoint log does: its path, the application's handler and what a client needs to know
 * of the server ({@link dev.sws.protocol.ServerHandshakeSettings#describe()}). The endpoints are
 * the handlers made by {@code swsReactiveServer.decorate(handler)} in the context's URL handler
 * mappings; when none is, one line says how to add one. Never a key, only fingerprints.
 */
final class SwsReactiveEndpointLogger extends AbstractSwsEndpointLogger {

	SwsReactiveEndpointLogger(ApplicationContext context) {
		super(context, "No reactive WebSocket endpoint speaks SWS: map swsReactiveServer.decorate(handler) "
				+ "in a SimpleUrlHandlerMapping");
	}

	@Override
	protected List<String> describeEndpoints() {
		List<String> lines = new ArrayList<>();
		for (AbstractUrlHandlerMapping mapping : getContext().getBeansOfType(AbstractUrlHandlerMapping.class, false, false)
			.values()) {
			for (Map.Entry<?, Object> entry : mapping.getHandlerMap().entrySet()) {
				if (entry.getValue() instanceof SwsServerWebSocketHandler sws) {
					lines.add("SWS endpoint " + entry.getKey() + " (" + sws.getDelegate().getClass().getSimpleName()
							+ ", WebFlux): " + sws.getServer().getHandshakeSettings().describe());
				}
			}
		}
		lines.sort(null);
		return lines;
	}

}
