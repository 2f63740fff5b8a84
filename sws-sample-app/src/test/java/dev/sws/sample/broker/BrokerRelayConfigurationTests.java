package dev.sws.sample.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import dev.sws.sample.broker.EmbeddedStompBrokerTests.StompSocket;
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
			assertThat(relay.getDestinationPrefixes()).containsExactly("/topic");
			assertThat(relay.getVirtualHost()).isEqualTo("/");
			assertThat(context.getBeansOfType(SimpleBrokerMessageHandler.class)).isEmpty();
		});
	}

	@Test
	void theEmbeddedBrokerMakesUpAPasscodeInsteadOfAcceptingGuest() {
		this.runner.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.port=0").run((context) -> {
			StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
			assertThat(relay.getClientLogin()).isEqualTo("chat");
			assertThat(relay.getClientPasscode()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("guest");
			assertThat(relay.getSystemLogin()).isEqualTo("chat");
			assertThat(relay.getSystemPasscode()).isEqualTo(relay.getClientPasscode());
			assertThat(context.getBean(RelayLogins.class).toString()).doesNotContain(relay.getClientPasscode());
			int port = context.getBean(EmbeddedStompBroker.class).port();
			try (StompSocket guest = new StompSocket(port)) {
				assertThat(guest.connect("guest", "guest")).startsWith("ERROR");
			}
			try (StompSocket chat = new StompSocket(port)) {
				assertThat(chat.connect("chat", relay.getClientPasscode())).startsWith("CONNECTED");
			}
		});
		this.runner.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.port=0").run((first) -> this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.port=0")
			.run((second) -> assertThat(second.getBean(RelayLogins.class).getClientPasscode())
				.isNotEqualTo(first.getBean(RelayLogins.class).getClientPasscode())));
	}

	@Test
	void theEmbeddedBrokerTakesConfiguredLoginsSoThatOtherInstancesCanJoinIt() {
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.port=0",
					"sample.broker.relay.client-login=team", "sample.broker.relay.client-passcode=shared-secret")
			.run((context) -> {
				StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(relay.getClientLogin()).isEqualTo("team");
				assertThat(relay.getClientPasscode()).isEqualTo("shared-secret");
				try (StompSocket other = new StompSocket(context.getBean(EmbeddedStompBroker.class).port())) {
					assertThat(other.connect("team", "shared-secret")).startsWith("CONNECTED");
				}
			});
	}

	@Test
	void anExternalBrokerWithoutLoginStopsStartupAndSaysWhichPropertiesToSet() {
		this.runner.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause()
					.isInstanceOf(RelayLogins.BrokerLoginException.class)
					.hasMessageContaining("no default login (such as guest/guest)");
				FailureAnalysis analysis = new BrokerLoginFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains(
						"sample.broker.relay.client-login and sample.broker.relay.client-passcode are not set");
				assertThat(analysis.getAction()).startsWith(
						"Set sample.broker.relay.client-login and sample.broker.relay.client-passcode to an account of "
								+ "your broker");
			});
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false",
					"sample.broker.relay.client-login=chat")
			.run((context) -> assertThat(new BrokerLoginFailureAnalyzer().analyze(context.getStartupFailure())
				.getDescription()).contains("sample.broker.relay.client-passcode is not set"));
	}

	@Test
	void halfASystemLoginStopsStartup() {
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false",
					"sample.broker.relay.client-login=chat", "sample.broker.relay.client-passcode=secret",
					"sample.broker.relay.system-login=system")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sample.broker.relay.system-passcode is not set"));
	}

	@Test
	void theSystemConnectionUsesTheClientLoginUnlessItHasItsOwn() {
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false",
					"sample.broker.relay.client-login=chat", "sample.broker.relay.client-passcode=secret")
			.run((context) -> {
				StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(relay.getSystemLogin()).isEqualTo("chat");
				assertThat(relay.getSystemPasscode()).isEqualTo("secret");
			});
		this.runner
			.withPropertyValues("sample.broker.mode=relay", "sample.broker.embedded.enabled=false",
					"sample.broker.relay.client-login=chat", "sample.broker.relay.client-passcode=secret",
					"sample.broker.relay.system-login=system", "sample.broker.relay.system-passcode=other")
			.run((context) -> {
				StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(relay.getSystemLogin()).isEqualTo("system");
				assertThat(relay.getSystemPasscode()).isEqualTo("other");
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
					"sample.broker.relay.client-login=chat", "sample.broker.relay.client-passcode=secret",
					"sample.broker.relay.ssl-bundle=broker")
			.run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(NoSuchSslBundleException.class));
	}

}
