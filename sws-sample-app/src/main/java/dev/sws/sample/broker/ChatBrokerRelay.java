package dev.sws.sample.broker;

import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.tcp.TcpClient;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sws.websocket.relay.OutageTolerantRelayClient;
import dev.sws.websocket.relay.RelayOutagePolicy;

/**
 * Spring's STOMP broker relay for the chat, connected to one broker through an
 * {@link OutageTolerantRelayClient} over Reactor Netty, with TLS when an SSL bundle is given.
 */
public final class ChatBrokerRelay implements AutoCloseable {

	/** The destinations the broker serves: the chat's multicast topic, on RabbitMQ and Artemis alike. */
	static final String[] DESTINATION_PREFIXES = { "/topic" };

	private final SampleBrokerProperties.Relay settings;

	private final RelayLogins logins;

	private final String host;

	private final int port;

	private final ThreadPoolTaskScheduler scheduler;

	private final ReactorNettyTcpClient<byte[]> tcpClient;

	private final OutageTolerantRelayClient client;

	/**
	 * Creates the relay's TCP client; nothing connects before the relay starts.
	 * @param settings {@code sample.broker.relay.*}
	 * @param logins the logins to present to the broker
	 * @param host the broker's host
	 * @param port the broker's STOMP port
	 * @param ssl the SSL bundle for TLS to the broker, or {@code null} for plaintext STOMP
	 */
	public ChatBrokerRelay(SampleBrokerProperties.Relay settings, RelayLogins logins, String host, int port,
			@Nullable SslBundle ssl) {
		this.settings = settings;
		this.logins = logins;
		this.host = host;
		this.port = port;
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("broker-relay-");
		this.scheduler.initialize();
		SslContext sslContext = (ssl != null) ? nettySslContext(ssl) : null;
		int connectTimeout = (int) settings.getConnectTimeout().toMillis();
		this.tcpClient = new ReactorNettyTcpClient<>((tcp) -> secure(tcp.host(host)
			.port(port)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout), sslContext), new StompReactorNettyCodec());
		this.client = new OutageTolerantRelayClient(this.tcpClient, this.scheduler,
				new RelayOutagePolicy(settings.getOutage().getMaxDuration(),
				settings.getOutage().getReconnectInterval(), settings.getOutage().getSettleTime(),
				settings.getOutage().getBufferSize().toBytes()));
	}

	/**
	 * Makes the relay the broker of the registry.
	 * @param registry the registry of {@code configureMessageBroker}
	 */
	public void enableOn(MessageBrokerRegistry registry) {
		String virtualHost = this.settings.getVirtualHost();
		registry.enableStompBrokerRelay(DESTINATION_PREFIXES)
			.setTcpClient(this.settings.getOutage().isEnabled() ? this.client : this.tcpClient)
			.setClientLogin(this.logins.getClientLogin())
			.setClientPasscode(this.logins.getClientPasscode())
			.setSystemLogin(this.logins.getSystemLogin())
			.setSystemPasscode(this.logins.getSystemPasscode())
			// the STOMP 'host' header: RabbitMQ's virtual host, which Artemis ignores
			.setVirtualHost((virtualHost != null) ? virtualHost : "/")
			// heartbeats to the broker stand in for client frames the relay does not forward
			.setTaskScheduler(this.scheduler);
	}

	/**
	 * Returns the TCP client that holds sessions through broker outages, and through it what
	 * happened during them. Unused when {@code sample.broker.relay.outage.enabled=false}.
	 * @return the client
	 */
	public OutageTolerantRelayClient client() {
		return this.client;
	}

	/**
	 * Returns the broker's address.
	 * @return {@code host:port}
	 */
	public String brokerAddress() {
		return this.host + ":" + this.port;
	}

	@Override
	public void close() {
		this.scheduler.shutdown();
	}

	private static TcpClient secure(TcpClient tcp, @Nullable SslContext sslContext) {
		if (sslContext == null) {
			return tcp;
		}
		return tcp.secure((spec) -> spec.sslContext(sslContext).handlerConfigurator((handler) -> {
			// the broker's certificate must name the host connected to, as HTTPS requires
			SSLEngine engine = handler.engine();
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			engine.setSSLParameters(parameters);
		}));
	}

	private static SslContext nettySslContext(SslBundle bundle) {
		SslContextBuilder builder = SslContextBuilder.forClient()
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		if (bundle.getStores().getKeyStore() != null) {
			builder.keyManager(bundle.getManagers().getKeyManagerFactory());
		}
		SslOptions options = bundle.getOptions();
		if (options.getCiphers() != null) {
			builder.ciphers(Arrays.asList(options.getCiphers()));
		}
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("sample.broker.relay.ssl-bundle: cannot build a TLS context: " + ex.getMessage(),
					ex);
		}
	}

}
