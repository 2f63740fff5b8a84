package dev.sws.websocket.relay;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.tcp.TcpClient;

import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;

/**
 * The real TCP connections of a STOMP broker relay: Reactor Netty, plain or TLS. Over TLS the
 * broker's certificate must name the host connected to, as HTTPS requires: Netty 4.2 checks it
 * by default, Netty 4.1 did not, so it is set here whatever Netty the application has.
 */
public final class StompBrokerTcpClient {

	private StompBrokerTcpClient() {
	}

	/**
	 * Creates a client of one broker.
	 * @param host the broker's host
	 * @param port the port of its STOMP listener
	 * @param connectTimeout how long a TCP connection may take
	 * @param sslContext a client TLS context, or {@code null} for plaintext STOMP
	 * @return the client, which connects nothing before the relay starts
	 */
	public static ReactorNettyTcpClient<byte[]> create(String host, int port, Duration connectTimeout,
			@Nullable SslContext sslContext) {
		return create(() -> InetSocketAddress.createUnresolved(host, port), connectTimeout, sslContext);
	}

	/**
	 * Creates a client of a broker whose address is known only when connecting, for example an
	 * embedded broker listening on a free port.
	 * @param address the broker's address, asked for on every connection
	 * @param connectTimeout how long a TCP connection may take
	 * @param sslContext a client TLS context, or {@code null} for plaintext STOMP
	 * @return the client, which connects nothing before the relay starts
	 */
	public static ReactorNettyTcpClient<byte[]> create(Supplier<? extends SocketAddress> address,
			Duration connectTimeout, @Nullable SslContext sslContext) {
		int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
		return new ReactorNettyTcpClient<>(
				(tcp) -> secure(tcp.remoteAddress(address).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout),
						sslContext),
				new StompReactorNettyCodec());
	}

	private static TcpClient secure(TcpClient tcp, @Nullable SslContext sslContext) {
		if (sslContext == null) {
			return tcp;
		}
		return tcp.secure((spec) -> spec.sslContext(sslContext).handlerConfigurator((handler) -> {
			SSLEngine engine = handler.engine();
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			engine.setSSLParameters(parameters);
		}));
	}

}
