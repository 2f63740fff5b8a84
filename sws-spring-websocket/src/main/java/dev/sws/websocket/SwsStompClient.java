package dev.sws.websocket;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import dev.sws.protocol.SwsHandshakeException;

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
public class SwsStompClient extends WebSocketStompClient implements AutoCloseable {

	private final SwsWebSocketClient swsClient;

	private final ThreadPoolTaskScheduler heartbeatScheduler;

	/**
	 * Creates a STOMP client over SWS, with its own one-thread daemon scheduler for heartbeats
	 * (STOMP's default 10 s heartbeats then work without further setup; {@link #close()} stops it).
	 * @param swsClient the SWS WebSocket client
	 */
	public SwsStompClient(SwsWebSocketClient swsClient) {
		super(swsClient);
		this.swsClient = swsClient;
		this.heartbeatScheduler = SwsThreads.newScheduler("sws-stomp-heartbeat-");
		setTaskScheduler(this.heartbeatScheduler);
		setInboundMessageSizeLimit(Math.max(getInboundMessageSizeLimit(), swsClient.getOptions().maxMessageSize()));
	}

	/**
	 * Stops the client and its heartbeat scheduler.
	 */
	@Override
	public void close() {
		stop();
		this.heartbeatScheduler.shutdown();
	}

	/**
	 * Returns the SWS WebSocket client underneath.
	 * @return the client
	 */
	public SwsWebSocketClient getSwsClient() {
		return this.swsClient;
	}

}
