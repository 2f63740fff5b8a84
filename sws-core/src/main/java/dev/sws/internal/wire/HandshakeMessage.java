package dev.sws.internal.wire;

/**
 * One of the three SWS handshake messages, as carried in a JSON text frame. Byte arrays travel as
 * JSON arrays of integers 0..255.
 */
public sealed interface HandshakeMessage permits ClientHello, ServerHello, ClientReady {

	/** Opcode of {@link ClientHello}. */
	int OPC_CLIENT_HELLO = 0;

	/** Opcode of {@link ServerHello}. */
	int OPC_SERVER_HELLO = 1;

	/** Opcode of {@link ClientReady}. */
	int OPC_CLIENT_READY = 2;

	/**
	 * Returns the message's opcode ({@code opc}).
	 * @return 0, 1 or 2
	 */
	int opc();

	/**
	 * Returns the {@code version} field as it arrived; it may name an unknown version.
	 * @return the version number
	 */
	int version();

}
