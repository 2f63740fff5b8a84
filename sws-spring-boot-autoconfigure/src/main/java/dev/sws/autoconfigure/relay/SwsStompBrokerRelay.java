package dev.sws.autoconfigure.relay;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.tcp.TcpOperations;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsStompRelayProperties;
import dev.sws.websocket.relay.OutageTolerantRelayClient;
import dev.sws.websocket.relay.RelayOutagePolicy;
import dev.sws.websocket.relay.StompBrokerTcpClient;

/**
 * Spring's STOMP broker relay on the application's {@code @EnableWebSocketMessageBroker} setup,
 * configured from {@code sws.server.stomp.relay.*}: the destination prefixes, logins and virtual
 * host, and as its TCP client an {@link OutageTolerantRelayClient} over Reactor Netty (plain, or
 * TLS from an SSL bundle), which keeps client sessions up through broker outages. The
 * application's own {@code configureMessageBroker} must not enable the simple broker. It runs
 * before the application's configurers, so that one that enables a broker of its own replaces
 * this relay, and startup stops saying so, rather than being replaced unnoticed.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public final class SwsStompBrokerRelay implements WebSocketMessageBrokerConfigurer {

	private static final Log logger = LogFactory.getLog(SwsStompBrokerRelay.class);

	private final SwsStompRelayProperties settings;

	private final RelayLogins logins;

	private final Supplier<InetSocketAddress> address;

	private final @Nullable SslContext sslContext;

	private final Supplier<TaskScheduler> scheduler;

	private @Nullable TcpOperations<byte[]> tcpClient;

	private @Nullable OutageTolerantRelayClient relayClient;

	SwsStompBrokerRelay(SwsStompRelayProperties settings, RelayLogins logins, Supplier<InetSocketAddress> address,
			@Nullable SslBundle ssl, Supplier<TaskScheduler> scheduler) {
		this.settings = settings;
		this.logins = logins;
		this.address = address;
		this.sslContext = (ssl != null) ? sslContext(ssl) : null;
		this.scheduler = scheduler;
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		TaskScheduler scheduler = this.scheduler.get();
		registry.enableStompBrokerRelay(this.settings.getDestinationPrefixes().toArray(String[]::new))
			.setTcpClient(getOrCreateTcpClient(scheduler))
			.setClientLogin(this.logins.getClientLogin())
			.setClientPasscode(this.logins.getClientPasscode())
			.setSystemLogin(this.logins.getSystemLogin())
			.setSystemPasscode(this.logins.getSystemPasscode())
			.setVirtualHost(this.settings.getVirtualHost())
			// heartbeats to the broker stand in for client frames the relay does not forward
			.setTaskScheduler(scheduler);
		if (logger.isInfoEnabled()) {
			logger.info("STOMP broker relay for " + String.join(", ", this.settings.getDestinationPrefixes()) + " to "
					+ getBrokerAddress() + ((this.sslContext != null) ? " over TLS" : " in plaintext") + " as '"
					+ this.logins.getClientLogin() + "'; broker outages "
					+ (this.settings.getOutage().isEnabled() ? "held for up to "
							+ this.settings.getOutage().getMaxDuration().toSeconds() + " s" : "close every client session"));
		}
	}

	private synchronized TcpOperations<byte[]> getOrCreateTcpClient(TaskScheduler scheduler) {
		TcpOperations<byte[]> client = this.tcpClient;
		if (client != null) {
			return client;
		}
		ReactorNettyTcpClient<byte[]> tcp = StompBrokerTcpClient.create(this.address,
				this.settings.getConnectTimeout(), this.sslContext);
		SwsStompRelayProperties.Outage outage = this.settings.getOutage();
		if (outage.isEnabled()) {
			this.relayClient = new OutageTolerantRelayClient(tcp, scheduler,
					new RelayOutagePolicy(outage.getMaxDuration(), outage.getReconnectInterval(), outage.getSettleTime(),
							outage.getBufferSize().toBytes(), outage.isResendUnconfirmed()));
			client = this.relayClient;
		}
		else {
			client = tcp;
		}
		this.tcpClient = client;
		return client;
	}

	/**
	 * Returns the broker's address.
	 * @return {@code host:port}
	 */
	public String getBrokerAddress() {
		InetSocketAddress address = this.address.get();
		return address.getHostString() + ":" + address.getPort();
	}

	/**
	 * Returns the TCP client that holds client sessions through broker outages, and through its
	 * {@link OutageTolerantRelayClient#getStats() statistics} what happened during them.
	 * @return the client, or {@code null} before the message broker is configured or with
	 * {@code sws.server.stomp.relay.outage.enabled=false}
	 */
	public synchronized @Nullable OutageTolerantRelayClient getRelayClient() {
		return this.relayClient;
	}

	/** The TCP client given to Spring's relay, or {@code null} before the message broker is configured. */
	synchronized @Nullable TcpOperations<byte[]> getTcpClient() {
		return this.tcpClient;
	}

	/**
	 * A Netty client context from an SSL bundle, as Spring Boot builds one for Reactor Netty's HTTP
	 * client (Boot has no public conversion for a plain TCP client).
	 */
	static SslContext sslContext(SslBundle bundle) {
		SslOptions options = bundle.getOptions();
		SslManagerBundle managers = bundle.getManagers();
		try {
			return SslContextBuilder.forClient()
				.keyManager(managers.getKeyManagerFactory())
				.trustManager(managers.getTrustManagerFactory())
				.ciphers(SslOptions.asSet(options.getCiphers()))
				.protocols(options.getEnabledProtocols())
				.build();
		}
		catch (SSLException ex) {
			throw new SwsConfigurationException("sws.server.stomp.relay.ssl-bundle",
					"Cannot build a TLS context from the SSL bundle: " + ex.getMessage(),
					"Check the spring.ssl.bundle.* properties of the bundle named by sws.server.stomp.relay.ssl-bundle", ex);
		}
	}

}
