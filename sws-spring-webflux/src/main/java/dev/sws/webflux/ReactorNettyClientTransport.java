package dev.sws.webflux;

import java.net.URI;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * The reactive client's default transport: Spring's {@link ReactorNettyWebSocketClient}, except
 * for the limits, as the server's upgrade has them: a whole message (the frames Netty joins) may
 * be as large as SWS's largest frame, and Netty refuses a longer one with 1009 as soon as its
 * fragments exceed it; one frame may be twice that, so that a frame a little over the limit
 * reaches SWS, which refuses it with 1009 after reading it, instead of Netty dropping the
 * connection while the server still writes (the server then sees no close code at all).
 */
final class ReactorNettyClientTransport extends ReactorNettyWebSocketClient {

	private final int maxMessage;

	private final int maxFrame;

	/**
	 * Creates the transport.
	 * @param maxMessage the largest message (SWS frame) to accept
	 */
	ReactorNettyClientTransport(int maxMessage) {
		super(HttpClient.create(), WebsocketClientSpec::builder);
		this.maxMessage = maxMessage;
		this.maxFrame = (int) Math.min(2L * maxMessage, Integer.MAX_VALUE - 8);
	}

	@Override
	public WebsocketClientSpec getWebsocketClientSpec() {
		return spec("");
	}

	private WebsocketClientSpec spec(String protocols) {
		WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder().maxFramePayloadLength(this.maxFrame);
		if (!protocols.isEmpty()) {
			spec.protocols(protocols);
		}
		return spec.build();
	}

	@Override
	public Mono<Void> execute(URI url, HttpHeaders requestHeaders, WebSocketHandler handler) {
		return getHttpClient()
			.headers((nettyHeaders) -> requestHeaders.forEach(nettyHeaders::set))
			.websocket(spec(String.join(",", handler.getSubProtocols())))
			.uri(url.toString())
			.handle((inbound, outbound) -> {
				HttpHeaders responseHeaders = new HttpHeaders();
				inbound.headers().forEach((entry) -> responseHeaders.add(entry.getKey(), entry.getValue()));
				HandshakeInfo info = new HandshakeInfo(url, responseHeaders, Mono.empty(),
						responseHeaders.getFirst("Sec-WebSocket-Protocol"));
				NettyDataBufferFactory factory = new NettyDataBufferFactory(outbound.alloc());
				return handler.handle(new ReactorNettyWebSocketSession(inbound, outbound, info, factory, this.maxMessage))
					.checkpoint(url + " [SWS on Reactor Netty]");
			})
			.next();
	}

}
