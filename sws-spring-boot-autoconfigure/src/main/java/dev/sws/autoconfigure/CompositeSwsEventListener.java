package dev.sws.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsRole;

/**
 * Forwards every event to several listeners, in order.
 */
final class CompositeSwsEventListener implements SwsEventListener {

	private final SwsEventListener[] listeners;

	private CompositeSwsEventListener(List<SwsEventListener> listeners) {
		this.listeners = listeners.toArray(SwsEventListener[]::new);
	}

	static SwsEventListener of(List<SwsEventListener> listeners) {
		if (listeners.isEmpty()) {
			return SwsEventListener.NONE;
		}
		return (listeners.size() == 1) ? listeners.get(0) : new CompositeSwsEventListener(listeners);
	}

	@Override
	public void handshakeSucceeded(SwsRole role, ProtocolVersion version, Duration duration) {
		for (SwsEventListener listener : this.listeners) {
			listener.handshakeSucceeded(role, version, duration);
		}
	}

	@Override
	public void handshakeFailed(SwsRole role, @Nullable ProtocolVersion version, FailureReason reason,
			Duration duration) {
		for (SwsEventListener listener : this.listeners) {
			listener.handshakeFailed(role, version, reason, duration);
		}
	}

	@Override
	public void sessionFailed(SwsRole role, FailureReason reason) {
		for (SwsEventListener listener : this.listeners) {
			listener.sessionFailed(role, reason);
		}
	}

	@Override
	public void sessionClosed(SwsRole role) {
		for (SwsEventListener listener : this.listeners) {
			listener.sessionClosed(role);
		}
	}

	@Override
	public void messageReceived(SwsRole role, int plaintextBytes) {
		for (SwsEventListener listener : this.listeners) {
			listener.messageReceived(role, plaintextBytes);
		}
	}

	@Override
	public void messageSent(SwsRole role, int plaintextBytes) {
		for (SwsEventListener listener : this.listeners) {
			listener.messageSent(role, plaintextBytes);
		}
	}

}
