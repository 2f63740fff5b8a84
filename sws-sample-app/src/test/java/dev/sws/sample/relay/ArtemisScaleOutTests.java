package dev.sws.sample.relay;

import java.util.UUID;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.sws.autoconfigure.relay.SwsStompBrokerRelay;
import dev.sws.sample.ChatParticipant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out scenarios on the development broker: Spring Boot's embedded ActiveMQ Artemis in
 * the first instance, with the STOMP listener the SWS starter adds; the second instance relays
 * to it. They run everywhere.
 */
@Tag("broker")
class ArtemisScaleOutTests extends AbstractScaleOutTests {

	static final String LOGIN = "chat";

	private final String passcode = UUID.randomUUID().toString();

	/**
	 * What Spring's relay does on its own when the broker goes away: every client gets a STOMP
	 * ERROR frame, and Spring closes its WebSocket.
	 */
	@Test
	void withoutOutageToleranceTheRelayClosesEveryClientSession() throws Exception {
		try (ConfigurableApplicationContext gamma = instance(externalBroker(brokerHost(), brokerPort(), LOGIN,
				this.passcode, "--sws.server.stomp.relay.outage.enabled=false"));
				ChatParticipant frank = ChatParticipant.join(port(gamma), "frank", this.ca)) {
			stopBroker();
			try {
				frank.awaitDisconnected(ChatParticipant.WAIT);
				assertThat(frank.errors()).contains("ERROR frame: Connection to broker closed.");
			}
			finally {
				restartBroker();
			}
		}
	}

	@Override
	String brokerName() {
		return "ActiveMQ Artemis";
	}

	@Override
	void startBroker() {
		// the first instance runs it
	}

	@Override
	String[] alphaArguments() {
		return new String[] { "--spring.artemis.embedded.enabled=true", "--sws.server.stomp.relay.embedded.port=0",
				"--sws.server.stomp.relay.client-login=" + LOGIN, "--sws.server.stomp.relay.client-passcode=" + this.passcode };
	}

	@Override
	String[] brokerArguments() {
		return externalBroker(brokerHost(), brokerPort(), LOGIN, this.passcode,
				"--sws.server.stomp.relay.embedded.enabled=false");
	}

	private String brokerHost() {
		String address = this.alpha.getBean(SwsStompBrokerRelay.class).getBrokerAddress();
		return address.substring(0, address.lastIndexOf(':'));
	}

	private int brokerPort() {
		String address = this.alpha.getBean(SwsStompBrokerRelay.class).getBrokerAddress();
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
	}

	@Override
	void stopBroker() throws Exception {
		this.alpha.getBean(EmbeddedActiveMQ.class).stop();
	}

	@Override
	void restartBroker() throws Exception {
		this.alpha.getBean(EmbeddedActiveMQ.class).start();
	}

	@Override
	void closeBroker() {
		// it stops with the first instance
	}

}
