package dev.sws.sample.broker;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Which STOMP broker the chat uses: the in-memory simple broker of one instance, or an external
 * broker (RabbitMQ, ActiveMQ Artemis) through Spring's STOMP broker relay, so that several
 * instances share one chat.
 */
@ConfigurationProperties("sample.broker")
public class SampleBrokerProperties {

	/**
	 * Broker of the chat: 'simple' (in memory, one instance) or 'relay' (an external STOMP broker,
	 * for several instances).
	 */
	private Mode mode = Mode.SIMPLE;

	private final Relay relay = new Relay();

	private final Embedded embedded = new Embedded();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Relay getRelay() {
		return this.relay;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	/**
	 * The broker of the chat.
	 */
	public enum Mode {

		/** Spring's in-memory broker: every client must be connected to this instance. */
		SIMPLE,

		/** Spring's STOMP broker relay to an external broker. */
		RELAY

	}

	/**
	 * The connection to the external broker.
	 */
	public static class Relay {

		/**
		 * Host of the broker's STOMP listener. With the embedded broker, its host.
		 */
		private @Nullable String host;

		/**
		 * Port of the broker's STOMP listener. With the embedded broker, its port.
		 */
		private @Nullable Integer port;

		/**
		 * Login of the broker connections made for each client session. Required with an external
		 * broker; the embedded broker uses 'chat' when not set.
		 */
		private @Nullable String clientLogin;

		/**
		 * Passcode of the broker connections made for each client session. Required with an
		 * external broker; the embedded broker generates a random one when not set.
		 */
		private @Nullable String clientPasscode;

		/**
		 * Login of the application's shared "system" connection to the broker. Defaults to the
		 * client login (then the system passcode defaults to the client passcode too).
		 */
		private @Nullable String systemLogin;

		/**
		 * Passcode of the application's shared "system" connection to the broker. Defaults to the
		 * client passcode when no system login is set.
		 */
		private @Nullable String systemPasscode;

		/**
		 * Value of the 'host' header of STOMP CONNECT frames: the virtual host on RabbitMQ.
		 * Defaults to the relay host.
		 */
		private @Nullable String virtualHost;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that secures the connections to the broker
		 * with TLS; plaintext STOMP when not set.
		 */
		private @Nullable String sslBundle;

		/**
		 * How long to wait for a TCP connection to the broker.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		private final Outage outage = new Outage();

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

		public @Nullable String getVirtualHost() {
			return this.virtualHost;
		}

		public void setVirtualHost(@Nullable String virtualHost) {
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

		public Outage getOutage() {
			return this.outage;
		}

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
		 * Longest outage that client sessions are held through; after it they are closed, as
		 * Spring's relay closes them at once.
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

	}

	/**
	 * The ActiveMQ Artemis broker that relay mode starts in this process, for development: no
	 * broker to install. Give every other instance
	 * {@code sample.broker.embedded.enabled=false}.
	 */
	public static class Embedded {

		/**
		 * Whether relay mode starts an embedded ActiveMQ Artemis broker in this process.
		 */
		private boolean enabled = true;

		/**
		 * Address the embedded broker's STOMP listener binds to.
		 */
		private String host = "127.0.0.1";

		/**
		 * Port of the embedded broker's STOMP listener; 0 picks a free port.
		 */
		private int port = 61613;

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

	}

}
