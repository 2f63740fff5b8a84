package dev.sws.internal.wire;

/**
 * The client's last handshake message: {@code {"opc":2,"version":V,"s_blackbox_a":[...]}}. The
 * blob boxes {@code Nc2(8) || Kc(32)} (and in v2 a JSON trailer) under the server's nonce.
 *
 * @param version the protocol version
 * @param blackbox the boxed {@code s_blackbox_a}
 */
@SuppressWarnings("ArrayRecordComponent") // from the codec to one handshake: never compared, hashed or shared
public record ClientReady(int version, byte[] blackbox) implements HandshakeMessage {

	@Override
	public int opc() {
		return OPC_CLIENT_READY;
	}

}
