package dev.sws.internal.wire;

/**
 * The server's answer: {@code {"opc":1,"version":V,"server_public_key":[32],"s_blackbox_a":[...]}}.
 * The blob boxes {@code Ns(8) || Ks(32)} (and in v2 a JSON trailer) under the client's nonce.
 *
 * @param version the protocol version
 * @param serverPublicKey the server's X25519 box public key (32 bytes)
 * @param blackbox the boxed {@code s_blackbox_a}
 */
@SuppressWarnings("ArrayRecordComponent") // from the codec to one handshake: never compared, hashed or shared
public record ServerHello(int version, byte[] serverPublicKey, byte[] blackbox) implements HandshakeMessage {

	@Override
	public int opc() {
		return OPC_SERVER_HELLO;
	}

}
