package dev.sws.autoconfigure.reactive;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.webflux.SwsReactiveEventListener;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsRole;

/**
 * Hands the events of a reactive server or client to {@link SwsEventListener}s of the servlet
 * stack (such as the metrics), with the role they come from. The auto-configured server and
 * client use it; a server or client of the application's own can too:
 * {@code builder.listener(new SwsEventListenerBridge(swsMetrics, SwsRole.SERVER))}.
 */
public final class SwsEventListenerBridge implements SwsReactiveEventListener {

	private final SwsEventListener listener;

	private final SwsRole role;

	/**
	 * Creates a bridge.
	 * @param listener the listener to call
	 * @param role the role of the server or client whose events these are
	 */
	public SwsEventListenerBridge(SwsEventListener listener, SwsRole role) {
		this.listener = listener;
		this.role = role;
	}

	@Override
	public void handshakeSucceeded(ProtocolVersion version, Duration duration) {
		this.listener.handshakeSucceeded(this.role, version, duration);
	}

	@Override
	public void handshakeFailed(@Nullable ProtocolVersion version, FailureReason reason, Duration duration) {
		this.listener.handshakeFailed(this.role, version, reason, duration);
	}

	@Override
	public void sessionFailed(FailureReason reason) {
		this.listener.sessionFailed(this.role, reason);
	}

	@Override
	public void sessionClosed() {
		this.listener.sessionClosed(this.role);
	}

	@Override
	public void messageReceived(int plaintextBytes) {
		this.listener.messageReceived(this.role, plaintextBytes);
	}

	@Override
	public void messageSent(int plaintextBytes) {
		this.listener.messageSent(this.role, plaintextBytes);
	}

}
