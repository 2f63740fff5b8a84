package dev.sws.sample.chat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import dev.sws.sample.ChatParticipant;
import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.SwsSampleApplication;

/**
 * The chat's rules in relay mode, on Spring Boot's embedded ActiveMQ Artemis with the STOMP
 * listener of the SWS starter: a refused frame never reaches the broker.
 */
@SpringBootTest(classes = SwsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY,
				"sws.server.stomp.relay.enabled=true", "spring.artemis.embedded.enabled=true",
				"sws.server.stomp.relay.embedded.port=0" })
class ChatRulesRelayTests extends AbstractChatRulesTests {

	@LocalServerPort
	int port;

	@Autowired
	StompBrokerRelayMessageHandler relay;

	/** The relay connects to the broker after startup; a client that came earlier would be refused. */
	@BeforeEach
	void awaitTheBroker() throws InterruptedException {
		Duration wait = ChatParticipant.WAIT;
		long deadline = System.nanoTime() + wait.toNanos();
		while (!this.relay.isBrokerAvailable()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The broker relay is not connected after " + wait);
			}
			Thread.sleep(20);
		}
	}

	@Override
	int port() {
		return this.port;
	}

}
