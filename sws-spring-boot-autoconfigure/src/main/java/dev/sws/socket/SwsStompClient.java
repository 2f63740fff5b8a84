package dev.sws.socket;

import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * STOMP over SWS: Spring's {@link WebSocketStompClient} on top of an {@link SwsWebSocketClient}.
 * Everything a STOMP client does works as usual ({@code connectAsync} with a
 * {@code CompletableFuture}, message converters, heartbeats with a task scheduler, receipts); every
 * STOMP frame travels encrypted. The inbound STOMP message size limit follows the SWS client's
 * maximum message size, so that large messages work without further configuration.
 *
 * <p>A failed SWS handshake completes the session future exceptionally with an
 * {@link SwsHandshakeException} (as the cause, if the STOMP client wraps it).
 * <pre class="code">
 * SwsStompClient stomp = new SwsStompClient(swsWebSocketClient);
 * stomp.setMessageConverter(new JacksonJsonMessageConverter());
 * StompSession session = stomp.connectAsync("ws://localhost:8080/chat", handler).get();
 * </pre>
 */
public class SwsStompClient extends WebSocketStompClient {

	private final SwsWebSocketClient swsClient;

	/**
	 * Creates a STOMP client over SWS.
	 * @param swsClient the SWS WebSocket client
	 */
	public SwsStompClient(SwsWebSocketClient swsClient) {
		super(swsClient);
		this.swsClient = swsClient;
		setInboundMessageSizeLimit(Math.max(getInboundMessageSizeLimit(), swsClient.getOptions().maxMessageSize()));
	}

	/**
	 * Returns the SWS WebSocket client underneath.
	 * @return the client
	 */
	public SwsWebSocketClient getSwsClient() {
		return this.swsClient;
	}

}
