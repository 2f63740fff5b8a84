package dev.sws.sample.broker;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.sws.sample.ChatParticipant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out scenarios on an ActiveMQ Artemis broker in this JVM, the broker of development
 * mode: they run everywhere.
 */
class ArtemisScaleOutTests extends AbstractScaleOutTests {

	private final String passcode = UUID.randomUUID().toString();

	private EmbeddedStompBroker broker;

	/**
	 * What Spring's relay does on its own when the broker goes away: every client gets a STOMP
	 * ERROR frame, and Spring closes its WebSocket.
	 */
	@Test
	void withoutOutageToleranceTheRelayClosesEveryClientSession() throws Exception {
		try (ConfigurableApplicationContext gamma = instance(brokerHost(), brokerPort(), brokerLogin(),
				brokerPasscode(), "--sample.broker.relay.outage.enabled=false");
				ChatParticipant frank = ChatParticipant.join(port(gamma), "frank", this.ca)) {
			this.broker.stop();
			try {
				frank.awaitDisconnected(ChatParticipant.WAIT);
				assertThat(frank.errors()).contains("ERROR frame: Connection to broker closed.");
			}
			finally {
				this.broker.start();
			}
		}
	}

	@Override
	String brokerName() {
		return "ActiveMQ Artemis";
	}

	@Override
	void startBroker() {
		this.broker = EmbeddedStompBroker.start("127.0.0.1", 0, Map.of(brokerLogin(), brokerPasscode()));
	}

	@Override
	String brokerHost() {
		return this.broker.host();
	}

	@Override
	int brokerPort() {
		return this.broker.port();
	}

	@Override
	String brokerLogin() {
		return "chat";
	}

	@Override
	String brokerPasscode() {
		return this.passcode;
	}

	@Override
	void stopBroker() {
		this.broker.stop();
	}

	@Override
	void restartBroker() {
		this.broker.start();
	}

	@Override
	void closeBroker() {
		if (this.broker != null) {
			this.broker.close();
		}
	}

}
