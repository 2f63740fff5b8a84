package dev.sws.webflux;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.util.ClassUtils;

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

	/** Keeps Netty's types out of {@link NettyFrames}' own signature, for class loading without Netty. */
	private static final class Netty {

		static boolean isNetty(DataBufferFactory factory) {
			return factory instanceof NettyDataBufferFactory;
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
