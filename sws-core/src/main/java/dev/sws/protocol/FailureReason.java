package dev.sws.protocol;

import java.util.Optional;

import dev.sws.cert.CertRejectionReason;

/**
 * Why an SWS session failed. Each reason maps to the WebSocket close code the peer sees, and to a
 * short tag for metrics and debug logs. The peer learns only the close code.
 */
public enum FailureReason {

	/**
	 * A handshake message is not valid JSON of the expected shape, or a frame broke the WebSocket
	 * protocol (the WebSocket container refuses it with 1002). Close 1002.
	 */
	MALFORMED_MESSAGE(1002, "malformed-message"),

	/** A valid handshake message arrived in the wrong state (out of order, duplicated). Close 1002. */
	UNEXPECTED_MESSAGE(1002, "unexpected-message"),

	/** The peer asked for a protocol version this side does not speak. Close 1002. */
	UNSUPPORTED_VERSION(1002, "unsupported-version"),

	/**
	 * The v2 JSON trailer inside a handshake box, or the JSON payload of a v3 handshake message,
	 * is not valid UTF-8 JSON of the expected shape. Close 1002.
	 */
	MALFORMED_TRAILER(1002, "malformed-trailer"),

	/**
	 * A binary frame during a v1/v2 handshake, a text frame during a v3 handshake, or a text frame
	 * after any handshake. Close 1003.
	 */
	UNEXPECTED_FRAME_TYPE(1003, "unexpected-frame-type"),

	/**
	 * A decrypted message that should be text is not valid UTF-8, or a text frame is not (the
	 * WebSocket container refuses it with 1007). Close 1007.
	 */
	INVALID_UTF8(1007, "invalid-utf8"),

	/** A message exceeds the configured maximum size; refused before any decryption. Close 1009. */
	MESSAGE_TOO_LARGE(1009, "message-too-large"),

	/**
	 * A handshake box does not open (v1/v2), or a v3 handshake message does not authenticate:
	 * wrong keys, tampering or a reflected message. Close 1008.
	 */
	HANDSHAKE_DECRYPT_FAILED(1008, "handshake-decrypt-failed"),

	/** A data frame does not authenticate: tampered, dropped, duplicated or reordered. Close 1008. */
	DECRYPT_FAILED(1008, "decrypt-failed"),

	/**
	 * The peer's box public key (v1/v2) or one of its Noise keys (v3) is malformed, all-zero or
	 * of low order, or a Diffie-Hellman result is all-zero. Close 1008.
	 */
	WEAK_KEY(1008, "weak-key"),

	/** A ClientHello with a key and nonce seen recently was replayed. Close 1008. */
	REPLAYED_HELLO(1008, "replayed-hello"),

	/** The server's key is not one of the client's pinned keys. Close 1008. */
	PIN_MISMATCH(1008, "pin-mismatch"),

	/** A certificate is required but the peer sent none. Close 1008. */
	CERT_MISSING(1008, "cert-missing"),

	/** The peer's certificate is not well formed. Close 1008. */
	CERT_MALFORMED(1008, "cert-malformed"),

	/** The peer's certificate (or its CA) has expired. Close 1008. */
	CERT_EXPIRED(1008, "cert-expired"),

	/** The peer's certificate is not signed by a trusted CA, or is self-signed. Close 1008. */
	CERT_UNTRUSTED_ISSUER(1008, "cert-untrusted-issuer"),

	/** The peer's certificate signature does not verify. Close 1008. */
	CERT_BAD_SIGNATURE(1008, "cert-bad-signature"),

	/** The peer's certificate key is not its handshake key. Close 1008. */
	CERT_KEY_MISMATCH(1008, "cert-key-mismatch"),

	/** The peer's certificate key is all-zero or of low order. Close 1008. */
	CERT_WEAK_KEY(1008, "cert-weak-key"),

	/** The server's certificate does not name the host the client connected to. Close 1008. */
	CERT_HOST_MISMATCH(1008, "cert-host-mismatch"),

	/** The handshake did not complete in time. Close 1008. */
	HANDSHAKE_TIMEOUT(1008, "handshake-timeout"),

	/**
	 * The server's cap on pending handshakes was reached and this was the oldest pending one,
	 * closed to make room for a new connection; try again later. Close 1013.
	 */
	TOO_MANY_PENDING(1013, "too-many-pending"),

	/**
	 * The ClientHello replay cache holds its maximum of entries younger than its window, so this
	 * ClientHello could not be recorded and is not answered: evicting an entry instead would let
	 * that ClientHello be replayed and answered twice under the same key and nonce. Try again
	 * later. Close 1013.
	 */
	REPLAY_CACHE_FULL(1013, "replay-cache-full"),

	/**
	 * A v3 direction's nonce reached 2^64 - 1, which Noise reserves: this side would have to send
	 * or receive with it. Nothing is encrypted or decrypted under it; reconnect for fresh keys.
	 * Close 1013.
	 */
	COUNTER_EXHAUSTED(1013, "counter-exhausted"),

	/**
	 * More encrypted frames wait for the peer than the outbound buffer allows: the peer does not
	 * read fast enough. Close 4500, Spring's "session not reliable", as its
	 * {@code ConcurrentWebSocketSessionDecorator} closes for the same reason.
	 */
	OUTBOUND_BUFFER_FULL(4500, "outbound-buffer-full"),

	/**
	 * Writing one frame to the peer took longer than the send time limit: the peer stopped
	 * reading. Close 4500.
	 */
	SEND_TIME_LIMIT(4500, "send-time-limit"),

	/**
	 * The connection closed during the handshake, or right after this side's last handshake
	 * message, without this side refusing anything: the peer closed it (how the original refuses a
	 * certificate, and how a server refuses a client certificate). A close whose code reports a
	 * protocol error counts as that error instead (see {@link #ofErrorCloseCode(int)}): the
	 * WebSocket container refused a frame, as Tomcat refuses the original Node client's unmasked
	 * frames with 1002 ({@link #MALFORMED_MESSAGE}). This side sends no close code of its own; 1000
	 * is nominal.
	 */
	REFUSED_BY_PEER(1000, "refused-by-peer"),

	/** An unexpected error on this side. Close 1011. */
	INTERNAL_ERROR(1011, "internal-error");

	private final int closeCode;

	private final String tag;

	FailureReason(int closeCode, String tag) {
		this.closeCode = closeCode;
		this.tag = tag;
	}

	/**
	 * Returns the WebSocket close code sent to the peer.
	 * @return an RFC 6455 close code
	 */
	public int getCloseCode() {
		return this.closeCode;
	}

	/**
	 * Returns the short lowercase name used in metric tags and log lines.
	 * @return the tag
	 */
	public String getTag() {
		return this.tag;
	}

	/**
	 * Tells which failure a close code reports when the connection closed without this side's SWS
	 * layer deciding it: the WebSocket container refused a frame (a framing violation, invalid
	 * UTF-8 in a text frame, a message too large), or the peer reported such an error.
	 * @param closeCode the close code
	 * @return the failure, or empty if the code reports no protocol error
	 */
	public static Optional<FailureReason> ofErrorCloseCode(int closeCode) {
		return switch (closeCode) {
			case 1002 -> Optional.of(MALFORMED_MESSAGE);
			case 1003 -> Optional.of(UNEXPECTED_FRAME_TYPE);
			case 1007 -> Optional.of(INVALID_UTF8);
			case 1009 -> Optional.of(MESSAGE_TOO_LARGE);
			default -> Optional.empty();
		};
	}

	/**
	 * Maps a certificate refusal to the session failure it causes.
	 * @param reason the certificate refusal reason
	 * @return the failure reason
	 */
	public static FailureReason of(CertRejectionReason reason) {
		return switch (reason) {
			case MALFORMED -> CERT_MALFORMED;
			case EXPIRED -> CERT_EXPIRED;
			case UNTRUSTED_ISSUER -> CERT_UNTRUSTED_ISSUER;
			case BAD_SIGNATURE -> CERT_BAD_SIGNATURE;
			case KEY_MISMATCH -> CERT_KEY_MISMATCH;
			case WEAK_KEY -> CERT_WEAK_KEY;
			case HOST_MISMATCH -> CERT_HOST_MISMATCH;
		};
	}

}
