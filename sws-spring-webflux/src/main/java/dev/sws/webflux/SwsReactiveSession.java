package dev.sws.webflux;

import java.security.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.SecureChannel;

/**
 * The session a reactive handler sees on an SWS connection. {@link #receive()} yields the peer's
 * decrypted messages, exactly as fast as the handler requests them (text if the plaintext is
 * UTF-8, else binary); {@link #send(Publisher)} encrypts each message into one binary frame, in
 * counter order whatever thread or publisher it comes from. Ping and pong frames pass through
 * unencrypted. The peer's identity is {@link #getPeer()}, also under the {@value #PEER_ATTRIBUTE}
 * attribute.
 *
 * <p>Backpressure runs end to end: a message is requested from a {@code send} publisher only once
 * the frames waiting for the peer leave room for it (see
 * {@link SwsReactiveOptionsBuilder#maxOutboundBuffer(int)}), so a peer that stops reading stops the
 * publisher; once a message has waited longer than the send time limit, the session is closed with
 * 4500 and the {@code send} ends with an {@link SwsSessionLimitException}. {@code receive()} can be
 * subscribed once.
 */
public final class SwsReactiveSession implements WebSocketSession {

	/** Session attribute holding the {@link PeerIdentity}. */
	public static final String PEER_ATTRIBUTE = "dev.sws.peer";

	private final SwsReactiveConnection connection;

	private final WebSocketSession transport;

	private final PeerIdentity peer;

	private volatile boolean closed;

	private volatile @Nullable HandshakeInfo handshakeInfo;

	SwsReactiveSession(SwsReactiveConnection connection, PeerIdentity peer) {
		this.connection = connection;
		this.transport = connection.transport;
		this.peer = peer;
		this.transport.getAttributes().put(PEER_ATTRIBUTE, peer);
	}

	/** The session's channel (tests move its counters through it). */
	SecureChannel channel() {
		return Objects.requireNonNull(this.connection.getChannel(), "channel");
	}

	/**
	 * Returns the peer identity of an SWS session.
	 * @param session a session handed to a handler by SWS
	 * @return the peer, or {@code null} if the session is not an SWS session
	 */
	public static @Nullable PeerIdentity peerOf(WebSocketSession session) {
		return (session.getAttributes().get(PEER_ATTRIBUTE) instanceof PeerIdentity identity) ? identity : null;
	}

	/**
	 * Returns the authenticated peer.
	 * @return the peer identity
	 */
	public PeerIdentity getPeer() {
		return this.peer;
	}

	/**
	 * Returns the bytes of encrypted frames sealed for the peer and not yet written by the
	 * transport (exact on Reactor Netty); bounded by the outbound buffer limit plus one message.
	 * @return the count
	 */
	public long getBufferedBytes() {
		return this.connection.getBufferedBytes();
	}

	@Override
	public String getId() {
		return this.transport.getId();
	}

	/**
	 * Returns the handshake info of the WebSocket upgrade; its principal is the peer's, as the
	 * server's {@link SwsReactiveAuthenticator} made it, if the server has one.
	 * @return the handshake info
	 */
	@Override
	public HandshakeInfo getHandshakeInfo() {
		HandshakeInfo info = this.handshakeInfo;
		return (info != null) ? info : this.transport.getHandshakeInfo();
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return this.transport.bufferFactory();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.transport.getAttributes();
	}

	/**
	 * Returns the peer's decrypted messages. A frame that does not decrypt, or a text frame, closes
	 * the session with the failure's close code and completes this stream.
	 * @return the messages; subscribe once
	 */
	@Override
	public Flux<WebSocketMessage> receive() {
		return this.connection.receive();
	}

	/**
	 * Encrypts and sends the given messages, each once the peer has read enough of what waits.
	 * @param messages whole text or binary messages, or pings and pongs
	 * @return completes once every message was handed to the transport; errors with
	 * {@link SwsSessionLimitException} if the session was closed because the peer does not read
	 */
	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return this.connection.send(messages);
	}

	@Override
	public boolean isOpen() {
		return !this.closed && this.transport.isOpen();
	}

	@Override
	public Mono<Void> close(CloseStatus status) {
		return this.connection.close(status);
	}

	@Override
	public Mono<CloseStatus> closeStatus() {
		return this.transport.closeStatus();
	}

	@Override
	public WebSocketMessage textMessage(String payload) {
		return this.transport.textMessage(payload);
	}

	@Override
	public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.transport.binaryMessage(payloadFactory);
	}

	@Override
	public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.transport.pingMessage(payloadFactory);
	}

	@Override
	public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.transport.pongMessage(payloadFactory);
	}

	/** Makes the handshake info report the given principal (see {@link SwsReactiveAuthenticator}). */
	void principal(Principal principal) {
		HandshakeInfo info = this.transport.getHandshakeInfo();
		this.handshakeInfo = new HandshakeInfo(info.getUri(), info.getHeaders(), info.getCookies(),
				Mono.just(principal), info.getSubProtocol(), info.getRemoteAddress(), info.getAttributes(),
				info.getLogPrefix());
	}

	void markClosed() {
		this.closed = true;
	}

	@Override
	public String toString() {
		return "SwsReactiveSession[id=" + getId() + ", peer=" + this.peer.getFingerprint() + "]";
	}

}
