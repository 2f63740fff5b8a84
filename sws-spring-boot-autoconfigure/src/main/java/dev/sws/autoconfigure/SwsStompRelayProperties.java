package dev.sws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Scale-out through a STOMP broker, bound from {@code sws.server.stomp.relay.*}: Spring's STOMP
 * broker relay, with a TCP client that keeps client sessions up through broker outages.
 */
public class SwsStompRelayProperties {

	/**
	 * Whether to relay STOMP destinations to a broker (RabbitMQ, ActiveMQ Artemis) through
	 * Spring's STOMP broker relay, so that several instances share them. The application's
	 * configureMessageBroker must then not enable the simple broker.
	 */
	private boolean enabled;

	/**
	 * Host of the broker's STOMP listener. Defaults to the embedded broker's, else 127.0.0.1.
	 */
	private @Nullable String host;

	/**
	 * Port of the broker's STOMP listener. Defaults to the embedded broker's, else 61613.
	 */
	private @Nullable Integer port;

	/**
	 * Login of the broker connection made for each client session. Required unless the embedded
	 * broker runs (which then accepts 'sws' when not set): there is no default such as guest.
	 */
	private @Nullable String clientLogin;

	/**
	 * Passcode of the broker connection made for each client session. Required unless the
	 * embedded broker runs (which then makes up a random one when not set).
	 */
	private @Nullable String clientPasscode;

	/**
	 * Login of the application's shared "system" connection to the broker. Defaults to the client
	 * login (and then the system passcode to the client passcode).
	 */
	private @Nullable String systemLogin;

	/**
	 * Passcode of the application's shared "system" connection to the broker. Set with
	 * system-login, or not at all.
	 */
	private @Nullable String systemPasscode;

	/**
	 * Value of the 'host' header of STOMP CONNECT frames: the virtual host on RabbitMQ (Artemis
	 * ignores it).
	 */
	private String virtualHost = "/";

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) that secures the connections to the broker
	 * with TLS; plaintext STOMP when not set. The broker's certificate must name the relay host.
	 */
	private @Nullable String sslBundle;

	/**
	 * How long a TCP connection to the broker may take.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Destination prefixes relayed to the broker; other destinations go to @MessageMapping
	 * methods only.
	 */
	private List<String> destinationPrefixes = new ArrayList<>(List.of("/topic"));

	private final Outage outage = new Outage();

	private final Embedded embedded = new Embedded();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getClientLogin() {
		return this.clientLogin;
	}

	public void setClientLogin(@Nullable String clientLogin) {
		this.clientLogin = clientLogin;
	}

	public @Nullable String getClientPasscode() {
		return this.clientPasscode;
	}

	public void setClientPasscode(@Nullable String clientPasscode) {
		this.clientPasscode = clientPasscode;
	}

	public @Nullable String getSystemLogin() {
		return this.systemLogin;
	}

	public void setSystemLogin(@Nullable String systemLogin) {
		this.systemLogin = systemLogin;
	}

	public @Nullable String getSystemPasscode() {
		return this.systemPasscode;
	}

	public void setSystemPasscode(@Nullable String systemPasscode) {
		this.systemPasscode = systemPasscode;
	}

	public String getVirtualHost() {
		return this.virtualHost;
	}

	public void setVirtualHost(String virtualHost) {
		this.virtualHost = virtualHost;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public List<String> getDestinationPrefixes() {
		return this.destinationPrefixes;
	}

	public void setDestinationPrefixes(List<String> destinationPrefixes) {
		this.destinationPrefixes = destinationPrefixes;
	}

	public Outage getOutage() {
		return this.outage;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	/**
	 * What the relay does when it loses the broker: client sessions stay up, and their broker
	 * sessions are re-established when the broker is back.
	 */
	public static class Outage {

		/**
		 * Whether client sessions are held through broker outages. When false, Spring's relay
		 * closes every client session as soon as the broker connection is lost.
		 */
		private boolean enabled = true;

		/**
		 * Longest outage client sessions are held through; after it they are closed, as Spring's
		 * relay closes them at once.
		 */
		private Duration maxDuration = Duration.ofSeconds(60);

		/**
		 * Time between two attempts to reconnect to the broker during an outage.
		 */
		private Duration reconnectInterval = Duration.ofSeconds(1);

		/**
		 * Time from re-subscribing after an outage to sending what clients sent meanwhile, so that
		 * the other instances, reconnecting on the same interval, have re-subscribed too.
		 */
		private Duration settleTime = Duration.ofSeconds(2);

		/**
		 * Largest amount of frames held for one session during an outage; a session that sends
		 * more is closed.
		 */
		private DataSize bufferSize = DataSize.ofMegabytes(1);

		/**
		 * Whether SEND frames ask the broker for a receipt, and those whose receipt had not come
		 * when the broker went away are sent again after it: nothing in flight is lost, but a
		 * frame the broker processed just before it went away may be delivered twice.
		 */
		private boolean resendUnconfirmed = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public Duration getReconnectInterval() {
			return this.reconnectInterval;
		}

		public void setReconnectInterval(Duration reconnectInterval) {
			this.reconnectInterval = reconnectInterval;
		}

		public Duration getSettleTime() {
			return this.settleTime;
		}

		public void setSettleTime(Duration settleTime) {
			this.settleTime = settleTime;
		}

		public DataSize getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(DataSize bufferSize) {
			this.bufferSize = bufferSize;
		}

		public boolean isResendUnconfirmed() {
			return this.resendUnconfirmed;
		}

		public void setResendUnconfirmed(boolean resendUnconfirmed) {
			this.resendUnconfirmed = resendUnconfirmed;
		}

	}

	/**
	 * The development broker: a STOMP listener on Spring Boot's embedded ActiveMQ Artemis
	 * (spring-boot-artemis with artemis-jakarta-server and artemis-stomp-protocol on the
	 * classpath), which the relay then uses unless host and port are set.
	 */
	public static class Embedded {

		/**
		 * Whether to add a STOMP listener to Spring Boot's embedded ActiveMQ Artemis when the
		 * application has one. Set false on every instance that uses another instance's broker.
		 */
		private boolean enabled = true;

		/**
		 * Address the embedded broker's STOMP listener binds to.
		 */
		private String host = "127.0.0.1";

		/**
		 * Port of the embedded broker's STOMP listener; 0 picks a free port (kept across restarts
		 * of the broker).
		 */
		private int port = 61613;

		/**
		 * Topics (the 'x' of /topic/x) the embedded broker serves; clients can create no others.
		 * When empty, any topic is created on first use.
		 */
		private List<String> topics = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public List<String> getTopics() {
			return this.topics;
		}

		public void setTopics(List<String> topics) {
			this.topics = topics;
		}

	}

}
