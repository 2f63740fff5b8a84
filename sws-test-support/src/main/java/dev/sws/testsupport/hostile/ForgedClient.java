package dev.sws.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.ServerHello;
import dev.sws.protocol.SecureChannel;

/**
 * An SWS client played by hand with the core's public primitives, so that every message can be
 * bent: any key, nonce or version in the ClientHello, any trailer in the ClientReady, and the
 * resulting channel to seal data frames to tamper with.
 */
public final class ForgedClient {

	public static final HandshakeCodec CODEC = new HandshakeCodec(Integer.MAX_VALUE);

	private static final RandomSource RANDOM = RandomSource.secure();

	public final BoxKeyPair keys = BoxKeyPair.generate(RANDOM);

	public final int version;

	public Nonce helloNonce = Nonce.random(RANDOM);

	// set by open(serverHello)

	private @Nullable SharedBoxKey shared;

	private @Nullable Nonce serverNonce;

	private @Nullable SecretBoxKey serverShareKey;

	// set by ready(trailer)

	private @Nullable SecureChannel channel;

	public ForgedClient(int version) {
		this.version = version;
	}

	/** The ClientHello: this client's key and a fresh nonce. */
	public String hello() {
		return helloWith(this.keys.getPublicKey());
	}

	/** A ClientHello that advertises another key than this client's own. */
	public String helloWith(byte[] advertisedKey) {
		return CODEC.encode(new ClientHello(this.version, advertisedKey, this.helloNonce.toWire()));
	}

	/**
	 * Opens the server's answer.
	 * @param serverHello the ServerHello text
	 * @return the box's plaintext (nonce, share key and, in v2, the trailer)
	 */
	public byte[] open(String serverHello) {
		ServerHello hello = (ServerHello) CODEC.decode(serverHello);
		this.shared = SharedBoxKey.between(this.keys, hello.serverPublicKey());
		byte[] plaintext = this.shared.open(hello.blackbox(), this.helloNonce);
		if (plaintext == null) {
			throw new IllegalStateException("The ServerHello box does not open");
		}
		this.serverNonce = Nonce.fromWire(Arrays.copyOf(plaintext, Nonce.WIRE_LENGTH));
		this.serverShareKey = SecretBoxKey.of(Arrays.copyOfRange(plaintext, Nonce.WIRE_LENGTH, 40));
		return plaintext;
	}

	/** The ClientReady with a fresh nonce and share key, followed by {@code trailer}. */
	public String ready(byte[] trailer) {
		if (this.shared == null || this.serverNonce == null || this.serverShareKey == null) {
			throw new IllegalStateException("open(serverHello) comes before ready(...)");
		}
		Nonce nonce = Nonce.random(RANDOM);
		SecretBoxKey key = SecretBoxKey.random(RANDOM);
		byte[] plaintext = new byte[40 + trailer.length];
		System.arraycopy(nonce.toWire(), 0, plaintext, 0, 8);
		System.arraycopy(key.exportKey(), 0, plaintext, 8, 32);
		System.arraycopy(trailer, 0, plaintext, 40, trailer.length);
		this.channel = SecureChannel.secretBox(key, nonce, this.serverShareKey, this.serverNonce);
		return CODEC.encode(new ClientReady(this.version, this.shared.seal(plaintext, this.serverNonce)));
	}

	public String ready(String trailer) {
		return ready(trailer.getBytes(StandardCharsets.UTF_8));
	}

	/** The honest ClientReady: no trailer in v1, the certificate (or {@code {}}) in v2. */
	public String ready(@Nullable NaclCert certificate) {
		if (this.version == 1) {
			return ready(new byte[0]);
		}
		return ready((certificate != null) ? certificate.toJson() : "{}");
	}

	public SecureChannel channel() {
		if (this.channel == null) {
			throw new IllegalStateException("No channel before ready(...)");
		}
		return this.channel;
	}

}
