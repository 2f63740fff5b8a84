package dev.sws.websocket.relay;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;

/**
 * Stands in for one session of Spring's relay: on connecting it sends its CONNECT frame, as the
 * relay does, and it records everything it is told.
 */
final class RecordingRelayHandler implements TcpConnectionHandler<byte[]> {

	private final Message<byte[]> connectFrame;

	final List<String> events = new CopyOnWriteArrayList<>();

	@Nullable TcpConnection<byte[]> connection;

	RecordingRelayHandler(Message<byte[]> connectFrame) {
		this.connectFrame = connectFrame;
	}

	@Override
	public void afterConnected(TcpConnection<byte[]> connection) {
		this.connection = connection;
		this.events.add("connected");
		connection.sendAsync(this.connectFrame);
	}

	@Override
	public void afterConnectFailure(Throwable ex) {
		this.events.add("connect failure: " + ex.getMessage());
	}

	@Override
	public void handleMessage(Message<byte[]> message) {
		this.events.add(FakeBroker.describe(message));
	}

	@Override
	public void handleFailure(Throwable ex) {
		this.events.add("failure: " + ex.getMessage());
	}

	@Override
	public void afterConnectionClosed() {
		this.events.add("closed");
	}

	void send(Message<byte[]> message) {
		this.connection.sendAsync(message);
	}

	List<String> events() {
		return List.copyOf(this.events);
	}

}
