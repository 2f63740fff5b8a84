package dev.sws.autoconfigure.relay;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import dev.sws.autoconfigure.SwsConfigurationException;

/**
 * Stops startup before any broker starts when the application's {@code configureMessageBroker}
 * works against the relay: it enables Spring's simple broker too (Spring would run both, and
 * messages to the relayed destinations would also reach this instance's clients through the
 * simple broker), or it enables a broker relay of its own that replaces ours.
 */
final class BrokerRelayCheck implements SmartInitializingSingleton {

	private static final String PROPERTY = "sws.server.stomp.relay.enabled";

	private final ListableBeanFactory beans;

	private final SwsStompBrokerRelay relay;

	BrokerRelayCheck(ListableBeanFactory beans, SwsStompBrokerRelay relay) {
		this.beans = beans;
		this.relay = relay;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.beans.getBeansOfType(SimpleBrokerMessageHandler.class, false, false).isEmpty()) {
			throw new SwsConfigurationException(PROPERTY,
					"The application's configureMessageBroker enables Spring's simple broker, and "
							+ "sws.server.stomp.relay.enabled=true enables the STOMP broker relay: Spring would run both.",
					"Do not call registry.enableSimpleBroker(...) when the relay is on: call it in a "
							+ "WebSocketMessageBrokerConfigurer annotated @ConditionalOnBooleanProperty(name = \"" + PROPERTY
							+ "\", havingValue = false, matchIfMissing = true), or set " + PROPERTY + "=false.");
		}
		for (StompBrokerRelayMessageHandler handler : this.beans
			.getBeansOfType(StompBrokerRelayMessageHandler.class, false, false)
			.values()) {
			if (handler.getTcpClient() == null || handler.getTcpClient() != this.relay.getTcpClient()) {
				throw new SwsConfigurationException(PROPERTY,
						"The application's configureMessageBroker enables a STOMP broker relay of its own, which "
								+ "replaces the one of sws.server.stomp.relay.*.",
						"Remove registry.enableStompBrokerRelay(...) from the application and configure the relay with "
								+ "sws.server.stomp.relay.*, or set " + PROPERTY + "=false.");
			}
		}
	}

}
