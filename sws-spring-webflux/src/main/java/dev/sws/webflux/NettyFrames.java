package dev.sws.webflux;

import java.lang.reflect.Method;
import java.util.OptionalInt;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * Exact accounting of outbound frames on Netty transports (Reactor Netty): each sealed frame is a
 * heap buffer that reports when Netty releases it, which Netty does once it wrote the frame to the
 * socket or dropped it with the connection. The bytes between the seal and that release are what
 * the server buffers for the peer. Loaded only when Netty is on the class path.
 */
final class NettyFrames {

	private static final boolean PRESENT = ClassUtils.isPresent("io.netty.buffer.ByteBuf",
			NettyFrames.class.getClassLoader())
			&& ClassUtils.isPresent("org.springframework.core.io.buffer.NettyDataBufferFactory",
					NettyFrames.class.getClassLoader());

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.Connection",
			NettyFrames.class.getClassLoader());

	private NettyFrames() {
	}

	/** True if {@code factory} makes Netty buffers, whose release marks a written frame. */
	static boolean isNetty(DataBufferFactory factory) {
		return PRESENT && Netty.isNetty(factory);
	}

	/**
	 * Wraps a sealed frame for a Netty transport; {@code onWritten} runs once, when Netty releases it.
	 */
	static DataBuffer wrap(DataBufferFactory factory, byte[] frame, Runnable onWritten) {
		return Netty.wrap(factory, frame, onWritten);
	}

	/**
	 * Drops the connection of a Reactor Netty session at once, without a close handshake: for a
	 * peer that stopped reading, whose close frame can never be written. Other transports are left
	 * to their own close.
	 */
	static void abort(WebSocketSession session) {
		if (PRESENT && REACTOR_NETTY) {
			Netty.abort(session);
		}
	}

	/**
	 * Returns the close code Netty sent for an inbound frame it refused (a protocol violation, an
	 * oversized frame or message), if {@code error} is such a refusal.
	 */
	static OptionalInt refusalCloseCode(@Nullable Throwable error) {
		return (PRESENT && error != null) ? Netty.refusalCloseCode(error) : OptionalInt.empty();
	}

	/** True if the message is a Netty frame with reserved bits set (no extension is negotiated). */
	static boolean hasReservedBits(WebSocketMessage message) {
		return PRESENT && Netty.hasReservedBits(message);
	}

	/** Keeps Netty's types out of {@link NettyFrames}' own signature, for class loading without Netty. */
	private static final class Netty {

		static boolean isNetty(DataBufferFactory factory) {
			return factory instanceof NettyDataBufferFactory;
		}

		static OptionalInt refusalCloseCode(Throwable error) {
			if (error instanceof CorruptedWebSocketFrameException corrupted) {
				return OptionalInt.of(corrupted.closeStatus().code());
			}
			if (error instanceof TooLongFrameException) {
				return OptionalInt.of(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
			}
			return OptionalInt.empty();
		}

		static boolean hasReservedBits(WebSocketMessage message) {
			return message.getNativeMessage() instanceof WebSocketFrame frame && frame.rsv() != 0;
		}

		static void abort(WebSocketSession session) {
			if (!(session instanceof ReactorNettyWebSocketSession)) {
				return;
			}
			// Spring exposes the Reactor Netty connection only to the session's subclasses
			Method getDelegate = ReflectionUtils.findMethod(AbstractWebSocketSession.class, "getDelegate");
			if (getDelegate == null) {
				return;
			}
			try {
				ReflectionUtils.makeAccessible(getDelegate);
				Object delegate = getDelegate.invoke(session);
				if (delegate instanceof ReactorNettyWebSocketSession.WebSocketConnection connection) {
					connection.getInbound().withConnection(Connection::dispose);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				LogFactory.getLog(NettyFrames.class).debug("Could not drop the connection of session " + session.getId(), ex);
			}
		}

		static DataBuffer wrap(DataBufferFactory factory, byte[] frame, Runnable onWritten) {
			NettyDataBufferFactory netty = (NettyDataBufferFactory) factory;
			return netty.wrap(new ReportingByteBuf(netty.getByteBufAllocator(), frame, onWritten));
		}

	}

	private static final class ReportingByteBuf extends UnpooledHeapByteBuf {

		private final Runnable onReleased;

		ReportingByteBuf(ByteBufAllocator allocator, byte[] frame, Runnable onReleased) {
			super(allocator, frame, frame.length);
			this.onReleased = onReleased;
		}

		@Override
		protected void deallocate() {
			super.deallocate();
			this.onReleased.run();
		}

	}

}
