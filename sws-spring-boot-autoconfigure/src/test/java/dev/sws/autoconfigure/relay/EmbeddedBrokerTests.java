package dev.sws.autoconfigure.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.relay.SwsStompRelayAutoConfigurationTests.StompApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's embedded ActiveMQ Artemis as the relay's development broker, as a STOMP client
 * sees it over a plain socket: its logins (no guest, a random passcode unless configured), its
 * topics (and nothing a client could create beyond them), and a restart on the same port.
 */
class EmbeddedBrokerTests {

	final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ArtemisAutoConfiguration.class,
				SwsStompRelayAutoConfiguration.class))
		.withUserConfiguration(StompApplication.class)
		.withPropertyValues("sws.server.stomp.relay.enabled=true", "sws.server.stomp.relay.embedded.port=0");

	@Test
	void withTheRelayOnBootsEmbeddedArtemisGetsAStompListenerWhichTheRelayUses() {
		this.runner.run((context) -> {
			EmbeddedStompAcceptor acceptor = context.getBean(EmbeddedStompAcceptor.class);
			assertThat(acceptor.getPort()).isPositive();
			assertThat(context.getBean(SwsStompBrokerRelay.class).getBrokerAddress())
				.isEqualTo("127.0.0.1:" + acceptor.getPort());
		});
	}

	@Test
	void theEmbeddedBrokerMakesUpAPasscodeInsteadOfAcceptingGuest() {
		this.runner.run((context) -> {
			StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
			assertThat(relay.getClientLogin()).isEqualTo("sws");
			assertThat(relay.getClientPasscode()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("guest");
			assertThat(relay.getSystemLogin()).isEqualTo("sws");
			assertThat(relay.getSystemPasscode()).isEqualTo(relay.getClientPasscode());
			assertThat(context.getBean(RelayLogins.class).toString()).doesNotContain(relay.getClientPasscode());
			int port = context.getBean(EmbeddedStompAcceptor.class).getPort();
			try (StompSocket guest = new StompSocket(port)) {
				assertThat(guest.connect("guest", "guest")).startsWith("ERROR");
			}
			try (StompSocket sws = new StompSocket(port)) {
				assertThat(sws.connect("sws", relay.getClientPasscode())).startsWith("CONNECTED");
			}
		});
		this.runner.run((first) -> this.runner.run((second) -> assertThat(
				second.getBean(RelayLogins.class).getClientPasscode())
			.isNotEqualTo(first.getBean(RelayLogins.class).getClientPasscode())));
	}

	@Test
	void theEmbeddedBrokerTakesConfiguredLoginsSoThatOtherInstancesCanJoinIt() {
		this.runner
			.withPropertyValues("sws.server.stomp.relay.client-login=team",
					"sws.server.stomp.relay.client-passcode=shared-secret")
			.run((context) -> {
				StompBrokerRelayMessageHandler relay = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(relay.getClientLogin()).isEqualTo("team");
				assertThat(relay.getClientPasscode()).isEqualTo("shared-secret");
				try (StompSocket other = new StompSocket(context.getBean(EmbeddedStompAcceptor.class).getPort())) {
					assertThat(other.connect("team", "shared-secret")).startsWith("CONNECTED");
				}
			});
	}

	@Test
	void aSystemLoginThatIsTheClientLoginWithAnotherPasscodeStopsStartup() {
		this.runner
			.withPropertyValues("sws.server.stomp.relay.client-login=team", "sws.server.stomp.relay.client-passcode=a",
					"sws.server.stomp.relay.system-login=team", "sws.server.stomp.relay.system-passcode=b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SwsConfigurationException.class)
				.hasMessageContaining("cannot give login 'team' two passcodes"));
	}

	@Test
	void theConfiguredTopicsReachEverySubscriber() {
		this.runner.withPropertyValues("sws.server.stomp.relay.embedded.topics=chat").run((context) -> {
			int port = context.getBean(EmbeddedStompAcceptor.class).getPort();
			String passcode = context.getBean(RelayLogins.class).getClientPasscode();
			try (StompSocket first = new StompSocket(port);
					StompSocket second = new StompSocket(port);
					StompSocket sender = new StompSocket(port)) {
				for (StompSocket socket : new StompSocket[] { first, second, sender }) {
					assertThat(socket.connect("sws", passcode)).startsWith("CONNECTED");
				}
				for (StompSocket subscriber : new StompSocket[] { first, second }) {
					assertThat(subscriber.exchange("SUBSCRIBE\nid:t\ndestination:/topic/chat\nreceipt:t\n\n"))
						.startsWith("RECEIPT");
				}
				sender.send("SEND\ndestination:/topic/chat\n\nto all");
				assertThat(first.read()).startsWith("MESSAGE").endsWith("to all");
				assertThat(second.read()).startsWith("MESSAGE").endsWith("to all");
			}
		});
	}

	/** What a client could send through the relay if the application let it. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "SUBSCRIBE\nid:q\ndestination:/queue/work\nreceipt:r\n\n",
			"SUBSCRIBE\nid:t\ndestination:/topic/other\nreceipt:r\n\n",
			"SEND\ndestination:/queue/work\nreceipt:r\n\nkept",
			"SEND\ndestination:/topic/other\nreceipt:r\n\nanyone?",
			"SEND\ndestination:chat.log\nreceipt:r\n\nkept",
			"SUBSCRIBE\nid:d\ndestination:/topic/chat\ndurable-subscription-name:kept\nreceipt:r\n\n" })
	void withConfiguredTopicsNoFrameCreatesAnAddressOrADurableQueue(String frame) {
		this.runner.withPropertyValues("sws.server.stomp.relay.embedded.topics=chat").run((context) -> {
			try (StompSocket client = new StompSocket(context.getBean(EmbeddedStompAcceptor.class).getPort())) {
				assertThat(client.exchange("CONNECT\naccept-version:1.2\nhost:/\nlogin:sws\npasscode:"
						+ context.getBean(RelayLogins.class).getClientPasscode() + "\nclient-id:c\n\n"))
					.startsWith("CONNECTED");
				assertThat(client.exchange(frame)).startsWith("ERROR");
			}
			ActiveMQServer server = context.getBean(EmbeddedActiveMQ.class).getActiveMQServer();
			assertThat(addressNames(server)).containsExactlyInAnyOrder("chat", "DLQ", "ExpiryQueue");
			assertThat(durableQueueNames(server)).containsExactlyInAnyOrder("DLQ", "ExpiryQueue");
		});
	}

	@Test
	void withoutConfiguredTopicsATopicIsCreatedOnFirstUseButNoDurableOrAnycastQueue() {
		this.runner.run((context) -> {
			int port = context.getBean(EmbeddedStompAcceptor.class).getPort();
			String passcode = context.getBean(RelayLogins.class).getClientPasscode();
			try (StompSocket subscriber = new StompSocket(port); StompSocket sender = new StompSocket(port)) {
				assertThat(subscriber.connect("sws", passcode)).startsWith("CONNECTED");
				assertThat(sender.connect("sws", passcode)).startsWith("CONNECTED");
				assertThat(subscriber.exchange("SUBSCRIBE\nid:n\ndestination:/topic/news\nreceipt:n\n\n"))
					.startsWith("RECEIPT");
				sender.send("SEND\ndestination:/topic/news\n\nextra");
				assertThat(subscriber.read()).startsWith("MESSAGE").endsWith("extra");
				assertThat(sender.exchange(
						"SUBSCRIBE\nid:d\ndestination:/topic/news\ndurable-subscription-name:kept\nclient-id:c\nreceipt:r\n\n"))
					.startsWith("ERROR");
			}
			try (StompSocket client = new StompSocket(port)) {
				assertThat(client.connect("sws", passcode)).startsWith("CONNECTED");
				assertThat(client.exchange("SUBSCRIBE\nid:q\ndestination:/queue/work\nreceipt:r\n\n")).startsWith("ERROR");
			}
			assertThat(durableQueueNames(context.getBean(EmbeddedActiveMQ.class).getActiveMQServer()))
				.containsExactlyInAnyOrder("DLQ", "ExpiryQueue");
		});
	}

	@Test
	void aStoppedBrokerStartsAgainOnItsPort() {
		this.runner.run((context) -> {
			EmbeddedActiveMQ broker = context.getBean(EmbeddedActiveMQ.class);
			int port = context.getBean(EmbeddedStompAcceptor.class).getPort();
			String passcode = context.getBean(RelayLogins.class).getClientPasscode();
			broker.stop();
			broker.start();
			try (StompSocket socket = new StompSocket(port)) {
				assertThat(socket.connect("sws", passcode)).startsWith("CONNECTED");
			}
		});
	}

	@Test
	void aSecondEmbeddedBrokerOnTheSamePortSaysWhatToDo() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			this.runner.withPropertyValues("sws.server.stomp.relay.embedded.port=" + taken.getLocalPort())
				.run((context) -> {
					FailureAnalysis analysis = SwsStompRelayAutoConfigurationTests.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("could not listen on 127.0.0.1:" + taken.getLocalPort());
					assertThat(analysis.getAction()).contains("sws.server.stomp.relay.embedded.enabled=false");
				});
		}
	}

	@Test
	void anInstanceThatUsesAnotherInstancesBrokerAddsNoListenerAndNeedsTheLogins() {
		this.runner.withPropertyValues("sws.server.stomp.relay.embedded.enabled=false")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sws.server.stomp.relay.client-login and sws.server.stomp.relay.client-passcode are not set"));
	}

	@Test
	void withTheRelayOffBootsEmbeddedArtemisIsLeftAlone() {
		this.runner.withPropertyValues("sws.server.stomp.relay.enabled=false")
			.withUserConfiguration(SwsStompRelayAutoConfigurationTests.SimpleBrokerUnlessRelayed.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EmbeddedActiveMQ.class).doesNotHaveBean(EmbeddedStompAcceptor.class);
				assertThat(context.getBean(EmbeddedActiveMQ.class).getActiveMQServer().getConfiguration().isSecurityEnabled())
					.isFalse();
			});
	}

	/** The addresses clients may use: the broker's own management notification address left out. */
	static Set<String> addressNames(ActiveMQServer server) {
		SimpleString notifications = server.getConfiguration().getManagementNotificationAddress();
		return server.getPostOffice()
			.getAddresses()
			.stream()
			.filter((address) -> !address.equals(notifications))
			.map(SimpleString::toString)
			.collect(Collectors.toSet());
	}

	static Set<String> durableQueueNames(ActiveMQServer server) {
		return server.getPostOffice()
			.getAllBindings()
			.filter((binding) -> binding instanceof QueueBinding queue && queue.getQueue().isDurable())
			.map((binding) -> binding.getUniqueName().toString())
			.collect(Collectors.toSet());
	}

	/** STOMP frames as text over a socket, one frame per read. */
	static final class StompSocket implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		StompSocket(int port) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout(5000);
			this.in = this.socket.getInputStream();
		}

		String connect(String login, String passcode) throws IOException {
			return exchange("CONNECT\naccept-version:1.2\nhost:/\nlogin:" + login + "\npasscode:" + passcode + "\n\n");
		}

		String exchange(String frame) throws IOException {
			send(frame);
			return read();
		}

		void send(String frame) throws IOException {
			this.socket.getOutputStream().write((frame + "\0").getBytes(StandardCharsets.UTF_8));
		}

		String read() throws IOException {
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != 0) {
				if (b < 0) {
					throw new IOException("closed after " + frame);
				}
				if (frame.size() > 0 || b != '\n') {
					frame.write(b);
				}
			}
			return frame.toString(StandardCharsets.UTF_8);
		}

		/** A frame, or {@code null} if none comes within half a second. */
		String readOrNull() throws IOException {
			this.socket.setSoTimeout(500);
			try {
				return read();
			}
			catch (SocketTimeoutException ex) {
				return null;
			}
			finally {
				this.socket.setSoTimeout(5000);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
