package dev.sws.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.ServerHello;
import dev.sws.protocol.SecureChannel;
import dev.sws.testsupport.hostile.ForgedClient;

/**
 * An SWS server played by hand, the mirror of {@link ForgedClient}: a ServerHello with any
 * advertised key, box key, version or trailer, and the channel of a completed handshake.
 */
final class ForgedServer {

	private static final RandomSource RANDOM = RandomSource.secure();

	final BoxKeyPair keys;

	private ClientHello hello;

	private SharedBoxKey shared;

	private final Nonce serverNonce = Nonce.random(RANDOM);

	private final SecretBoxKey serverShareKey = SecretBoxKey.random(RANDOM);

	private SecureChannel channel;

	ForgedServer(BoxKeyPair keys) {
		this.keys = keys;
	}

	ClientHello read(String clientHello) {
		this.hello = (ClientHello) ForgedClient.CODEC.decode(clientHello);
		return this.hello;
	}

	/** The honest v2 trailer: this server's certificate, no client certificate asked for. */
	static byte[] certTrailer(NaclCert certificate) {
		return ("{\"cert\":" + certificate.toJson() + ",\"requireCert\":false}").getBytes(StandardCharsets.UTF_8);
	}

	/** A ServerHello in the client's version, boxed for the client with this server's keys. */
	String serverHello(byte[] trailer) {
		return serverHello(this.hello.version(), this.keys.getPublicKey(), trailer);
	}

	/** A ServerHello boxed with this server's keys, whatever key and version it advertises. */
	String serverHello(int version, byte[] advertisedKey, byte[] trailer) {
		this.shared = SharedBoxKey.between(this.keys, this.hello.clientPublicKey());
		return serverHello(version, advertisedKey, this.shared, Nonce.fromWire(this.hello.nonce()), trailer);
	}

	/** A ServerHello boxed with any box key under any nonce. */
	String serverHello(int version, byte[] advertisedKey, SharedBoxKey boxKey, Nonce boxNonce, byte[] trailer) {
		byte[] plaintext = new byte[40 + trailer.length];
		System.arraycopy(this.serverNonce.toWire(), 0, plaintext, 0, 8);
		System.arraycopy(this.serverShareKey.exportKey(), 0, plaintext, 8, 32);
		System.arraycopy(trailer, 0, plaintext, 40, trailer.length);
		return ForgedClient.CODEC.encode(new ServerHello(version, advertisedKey, boxKey.seal(plaintext, boxNonce)));
	}

	/** Opens the ClientReady and builds the channel. */
	SecureChannel established(String clientReady) {
		ClientReady ready = (ClientReady) ForgedClient.CODEC.decode(clientReady);
		byte[] plaintext = this.shared.open(ready.blackbox(), this.serverNonce);
		if (plaintext == null) {
			throw new IllegalStateException("The ClientReady box does not open");
		}
		this.channel = SecureChannel.secretBox(this.serverShareKey, this.serverNonce,
				SecretBoxKey.of(Arrays.copyOfRange(plaintext, 8, 40)), Nonce.fromWire(Arrays.copyOf(plaintext, 8)));
		return this.channel;
	}

	SecureChannel channel() {
		return this.channel;
	}

}
