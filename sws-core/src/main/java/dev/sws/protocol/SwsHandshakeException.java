package dev.sws.protocol;

import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * Why a client could not open an SWS session, whatever its stack: the failure of the servlet
 * client's {@code CompletableFuture} and the error of the reactive client's {@code Mono}. The
 * application's handler never ran. {@link #getKind()} says what happened; a local refusal carries
 * its {@link FailureReason} (untrusted certificate, host mismatch, pin mismatch, timeout, ...), a
 * refusal by the server carries the close code it sent. Unchecked, as reactive errors are.
 */
public class SwsHandshakeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * What kind of failure this is.
	 */
	public enum Kind {

		/** This client refused the server or the handshake: see {@link #getReason()}. */
		REFUSED_BY_CLIENT,

		/** The server closed the connection during the handshake: see {@link #getCloseCode()}. */
		CLOSED_BY_SERVER,

		/**
		 * The server closed with 1002 during the handshake, which is how an SWS server refuses a
		 * protocol version it does not accept (for a v3 client also 1003, how a server that
		 * predates v3 refuses its binary first message).
		 */
		VERSION_REFUSED,

		/** The WebSocket connection itself could not be opened. */
		CONNECT_FAILED

	}

	private final Kind kind;

	private final transient @Nullable FailureReason reason;

	private final int closeCode;

	private SwsHandshakeException(Kind kind, @Nullable FailureReason reason, int closeCode, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.reason = reason;
		this.closeCode = closeCode;
	}

	/**
	 * This client refused the handshake.
	 * @param reason why
	 * @param detail what, for the message (never a key)
	 * @return the exception
	 */
	public static SwsHandshakeException refused(FailureReason reason, String detail) {
		return new SwsHandshakeException(Kind.REFUSED_BY_CLIENT, reason, -1,
				"SWS handshake refused by the client: " + reason.getTag() + " (" + detail + ")", null);
	}

	/**
	 * The server closed the connection during the handshake.
	 * @param closeCode the server's close code
	 * @param version the version this client spoke: a close that {@link ProtocolVersion#isRefusedBy
	 * refuses it} is {@link Kind#VERSION_REFUSED}
	 * @return the exception
	 */
	public static SwsHandshakeException closedByServer(int closeCode, ProtocolVersion version) {
		if (version.isRefusedBy(closeCode)) {
			return new SwsHandshakeException(Kind.VERSION_REFUSED, null, closeCode,
					"SWS handshake failed: the server refused protocol " + version.name() + " (close " + closeCode + ")", null);
		}
		return new SwsHandshakeException(Kind.CLOSED_BY_SERVER, null, closeCode,
				"SWS handshake failed: closed by the server with code " + closeCode, null);
	}

	/**
	 * The WebSocket connection could not be opened.
	 * @param cause why
	 * @return the exception
	 */
	public static SwsHandshakeException connectFailed(Throwable cause) {
		return new SwsHandshakeException(Kind.CONNECT_FAILED, null, -1,
				"SWS handshake failed: could not open the WebSocket: " + cause.getMessage(), cause);
	}

	/**
	 * Returns what kind of failure this is.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Returns the client's reason for refusing, for {@link Kind#REFUSED_BY_CLIENT}.
	 * @return the reason, if this client refused
	 */
	public Optional<FailureReason> getReason() {
		return Optional.ofNullable(this.reason);
	}

	/**
	 * Returns the close code the server sent, for {@link Kind#CLOSED_BY_SERVER} and
	 * {@link Kind#VERSION_REFUSED}.
	 * @return the code, if the server closed
	 */
	public OptionalInt getCloseCode() {
		return (this.closeCode >= 0) ? OptionalInt.of(this.closeCode) : OptionalInt.empty();
	}

}
