package dev.sws.internal.wire;

/**
 * The first handshake message, client to server:
 * {@code {"opc":0,"version":V,"client_public_key":[32],"nonce":[8]}}.
 *
 * @param version the protocol version the client speaks
 * @param clientPublicKey the client's X25519 box public key (32 bytes)
 * @param nonce the client's random nonce {@code Nc1} (8 bytes)
 */
@SuppressWarnings("ArrayRecordComponent") // from the codec to one handshake: never compared, hashed or shared
public record ClientHello(int version, byte[] clientPublicKey, byte[] nonce) implements HandshakeMessage {

	@Override
	public int opc() {
		return OPC_CLIENT_HELLO;
	}

}
