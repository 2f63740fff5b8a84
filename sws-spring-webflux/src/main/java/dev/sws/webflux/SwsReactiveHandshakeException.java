package dev.sws.webflux;

import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import dev.sws.protocol.FailureReason;

/**
 * Why the reactive client could not open an SWS session: the error of the {@code Mono} that
 * {@link SwsReactiveWebSocketClient#execute} returns when the handshake did not succeed.
 * {@link #getKind()} says what happened; a local refusal carries its {@link FailureReason}
 * (untrusted certificate, host mismatch, pin mismatch, timeout, ...), a refusal by the server the
 * close code it sent. The application's handler never ran.
 */
public class SwsReactiveHandshakeException extends RuntimeException {

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

	private SwsReactiveHandshakeException(Kind kind, @Nullable FailureReason reason, int closeCode, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.reason = reason;
		this.closeCode = closeCode;
	}

	static SwsReactiveHandshakeException refused(FailureReason reason, String detail) {
		return new SwsReactiveHandshakeException(Kind.REFUSED_BY_CLIENT, reason, -1,
				"SWS handshake refused by the client: " + reason.getTag() + " (" + detail + ")", null);
	}

	static SwsReactiveHandshakeException closedByServer(int closeCode, boolean versionRefused, String version) {
		if (versionRefused) {
			return new SwsReactiveHandshakeException(Kind.VERSION_REFUSED, null, closeCode,
					"SWS handshake failed: the server refused protocol " + version + " (close " + closeCode + ")", null);
		}
		return new SwsReactiveHandshakeException(Kind.CLOSED_BY_SERVER, null, closeCode,
				"SWS handshake failed: closed by the server with code " + closeCode, null);
	}

	static SwsReactiveHandshakeException connectFailed(Throwable cause) {
		return new SwsReactiveHandshakeException(Kind.CONNECT_FAILED, null, -1,
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
