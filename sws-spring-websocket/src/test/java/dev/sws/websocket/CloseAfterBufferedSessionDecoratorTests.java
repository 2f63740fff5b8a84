package dev.sws.websocket;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import dev.sws.websocket.SwsWebSocketSessionTests.GatedSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * STOMP's ERROR frame, sent while another thread still writes the CONNECTED frame, then the close:
 * Spring's session decorator drops the ERROR frame it buffered; the one STOMP gets under SWS
 * writes it before the close.
 */
class CloseAfterBufferedSessionDecoratorTests {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void theErrorFrameBufferedBehindAWriteInProgressGoesOutBeforeTheClose() throws Exception {
		GatedSession transport = new GatedSession();
		List<WebSocketMessage<?>> sent = errorThenClose(transport,
				new CloseAfterBufferedSessionDecorator(transport, 10_000, 512 * 1024));
		assertThat(sent).extracting((message) -> (Object) message.getPayload()).containsExactly("CONNECTED", "ERROR");
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.PROTOCOL_ERROR);
	}

	@Test
	void springsOwnDecoratorDropsIt() throws Exception {
		GatedSession transport = new GatedSession();
		List<WebSocketMessage<?>> sent = errorThenClose(transport,
				new ConcurrentWebSocketSessionDecorator(transport, 10_000, 512 * 1024));
		// the close went out while CONNECTED was being written, and ERROR never left the buffer
		assertThat(sent).extracting((message) -> (Object) message.getPayload()).doesNotContain("ERROR");
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.PROTOCOL_ERROR);
	}

	@Test
	void aCloseForAnExceededLimitDoesNotWait() throws Exception {
		GatedSession transport = new GatedSession();
		transport.closeGate();
		CloseAfterBufferedSessionDecorator session = new CloseAfterBufferedSessionDecorator(transport, 10_000, 512 * 1024);
		Future<?> writing = this.threads.submit(() -> {
			session.sendMessage(new TextMessage("stuck"));
			return null;
		});
		assertThat(transport.writing.await(5, TimeUnit.SECONDS)).isTrue();
		session.sendMessage(new TextMessage("waits"));
		session.close(CloseStatus.SESSION_NOT_RELIABLE);
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
		transport.openGate();
		// the stuck write finds the session closed
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> writing.get(5, TimeUnit.SECONDS));
	}

	/** CONNECTED is being written on one thread when ERROR is sent and the session closed on another. */
	private List<WebSocketMessage<?>> errorThenClose(GatedSession transport, WebSocketSession session) throws Exception {
		transport.closeGate();
		Future<?> connected = this.threads.submit(() -> {
			session.sendMessage(new TextMessage("CONNECTED"));
			return null;
		});
		assertThat(transport.writing.await(5, TimeUnit.SECONDS)).isTrue();
		session.sendMessage(new TextMessage("ERROR"));
		Future<?> close = this.threads.submit(() -> {
			session.close(CloseStatus.PROTOCOL_ERROR);
			return null;
		});
		Thread.sleep(100);
		transport.openGate();
		close.get(5, TimeUnit.SECONDS);
		try {
			connected.get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			// Spring's decorator closed the transport under the write in progress
		}
		return transport.drain();
	}

}
