package dev.sws.sample.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import dev.sws.sample.chat.ChatConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which broker the chat gets, and how relay mode is configured.
 */
class BrokerRelayConfigurationTests {

	final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
		.withUserConfiguration(ChatConfiguration.class, BrokerRelayConfiguration.class);

	@Test
	void byDefaultTheChatHasTheSimpleBrokerOfOneInstance() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ChatBrokerRelay.class).doesNotHaveBean(EmbeddedStompBroker.class);
			assertThat(context.getBean("simpleBrokerMessageHandler")).isInstanceOf(SimpleBrokerMessageHandler.class);
		});
	}

	@Test
	void relayModeStartsAnEmbeddedArtemisAndRelaysToIt() {
		this.runner.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.port=0").run((context) -> {
			EmbeddedStompBroker broker = context.getBean(EmbeddedStompBroker.class);
			assertThat(broker.isRunning()).isTrue();
			assertThat(broker.port()).isPositive();
			assertThat(context.getBean(ChatBrokerRelay.class).brokerAddress()).isEqualTo("127.0.0.1:" + broker.port());
			StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
			assertThat(relay.getTcpClient()).isSameAs(context.getBean(ChatBrokerRelay.class).client());
			assertThat(relay.getDestinationPrefixes()).containsExactly("/topic", "/queue");
			assertThat(relay.getVirtualHost()).isEqualTo("/");
			assertThat(context.getBeansOfType(SimpleBrokerMessageHandler.class)).isEmpty();
		});
	}

	@Test
	void anExternalBrokerIsConfiguredByProperties() {
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false",
					"sample.broker.relay.host=broker.example", "sample.broker.relay.port=61614",
					"sample.broker.relay.client-login=chat", "sample.broker.relay.client-passcode=secret",
					"sample.broker.relay.virtual-host=chat-vhost")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EmbeddedStompBroker.class);
				assertThat(context.getBean(ChatBrokerRelay.class).brokerAddress()).isEqualTo("broker.example:61614");
				StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(relay.getClientLogin()).isEqualTo("chat");
				assertThat(relay.getClientPasscode()).isEqualTo("secret");
				assertThat(relay.getVirtualHost()).isEqualTo("chat-vhost");
			});
	}

	@Test
	void aSecondEmbeddedBrokerOnTheSamePortSaysWhatToDo() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.runner
				.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.port=" + taken.getLocalPort())
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("could not listen on 127.0.0.1:" + taken.getLocalPort())
					.hasMessageContaining("sample.broker.embedded.enabled=false"));
		}
	}

	@Test
	void anUnknownSslBundleStopsStartup() {
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false",
					"sample.broker.relay.ssl-bundle=broker")
			.run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(NoSuchSslBundleException.class));
	}

}
