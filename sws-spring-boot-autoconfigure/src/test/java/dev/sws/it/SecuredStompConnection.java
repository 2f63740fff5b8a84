package dev.sws.it;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;

import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * A STOMP connection over SWS that records what a refusing server sends: ERROR frames and the loss
 * of the connection that follows them.
 *
 * @param session the session, once connected
 * @param errors the headers of every ERROR frame, in order
 * @param transportErrors every transport failure, such as the close after an ERROR frame
 */
record SecuredStompConnection(CompletableFuture<StompSession> session, BlockingQueue<StompHeaders> errors,
		BlockingQueue<Throwable> transportErrors) {

	/**
	 * Starts connecting; the STOMP client is added to {@code clients}, for the test to close.
	 */
	static SecuredStompConnection connect(SwsWebSocketClient client, String url, List<SwsStompClient> clients) {
		SwsStompClient stomp = new SwsStompClient(client);
		clients.add(stomp);
		stomp.setMessageConverter(new StringMessageConverter());
		BlockingQueue<StompHeaders> errors = new LinkedBlockingQueue<>();
		BlockingQueue<Throwable> transportErrors = new LinkedBlockingQueue<>();
		CompletableFuture<StompSession> session = stomp.connectAsync(url, new StompSessionHandlerAdapter() {

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				errors.add(headers);
			}

			@Override
			public void handleTransportError(StompSession session, Throwable exception) {
				transportErrors.add(exception);
			}

		});
		return new SecuredStompConnection(session, errors, transportErrors);
	}

	/** The session, waiting for the connection at most {@link TestClients#WAIT}. */
	StompSession get() throws Exception {
		return this.session.get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
	}

}
