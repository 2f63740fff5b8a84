package dev.sws.protocol;

import dev.sws.internal.wire.HandshakeCodec;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.RandomSource;

/**
 * What a client needs to run handshakes: its key pair, the one version it speaks, how it
 * authenticates servers (pinned keys and, in v2, a certificate verifier) and its own certificate
 * for servers that require one. Immutable; build with {@link #builder(BoxKeyPair, ProtocolVersion)}.
 *
 * <p>A client always authenticates the server: in v2 through the certificate verifier (and
 * optionally pinned keys too), in v1 through pinned keys. A v1 client without pins is refused at
 * build time unless {@link Builder#insecureAcceptAnyServerKey()} is called.
 */
public final class ClientHandshakeSettings {

	private final BoxKeyPair keyPair;

	private final ProtocolVersion version;

	private final Set<ByteBuffer> pinnedServerKeys;

	private final PeerCertVerifier serverCertVerifier;

	private final NaclCert certificate;

	private final RandomSource random;

	private final HandshakeCodec codec;

	private ClientHandshakeSettings(Builder builder) {
		this.keyPair = builder.keyPair;
		this.version = builder.version;
		this.pinnedServerKeys = Collections.unmodifiableSet(new HashSet<>(builder.pinnedServerKeys));
		this.serverCertVerifier = builder.serverCertVerifier;
		this.certificate = builder.certificate;
		this.random = builder.random;
		this.codec = new HandshakeCodec(builder.maxMessageChars);
	}

	/**
	 * Starts a builder.
	 * @param keyPair the client's box key pair (long-term or ephemeral)
	 * @param version the version to speak
	 * @return the builder
	 */
	public static Builder builder(BoxKeyPair keyPair, ProtocolVersion version) {
		return new Builder(keyPair, version);
	}

	/**
	 * Returns the client's key pair.
	 * @return the key pair
	 */
	public BoxKeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * Returns the version this client speaks.
	 * @return the version
	 */
	public ProtocolVersion version() {
		return this.version;
	}

	/**
	 * Returns the client's certificate, sent when a v2 server requires one.
	 * @return the certificate, or {@code null}
	 */
	public NaclCert certificate() {
		return this.certificate;
	}

	boolean isPinned(byte[] serverPublicKey) {
		return this.pinnedServerKeys.isEmpty() || this.pinnedServerKeys.contains(ByteBuffer.wrap(serverPublicKey));
	}

	PeerCertVerifier serverCertVerifier() {
		return this.serverCertVerifier;
	}

	RandomSource random() {
		return this.random;
	}

	HandshakeCodec codec() {
		return this.codec;
	}

	/**
	 * Builds {@link ClientHandshakeSettings}.
	 */
	public static final class Builder {

		private final BoxKeyPair keyPair;

		private final ProtocolVersion version;

		private final Set<ByteBuffer> pinnedServerKeys = new HashSet<>();

		private PeerCertVerifier serverCertVerifier;

		private NaclCert certificate;

		private boolean acceptAnyServerKey;

		private RandomSource random = RandomSource.secure();

		private int maxMessageChars = HandshakeCodec.DEFAULT_MAX_MESSAGE_CHARS;

		private Builder(BoxKeyPair keyPair, ProtocolVersion version) {
			this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
			this.version = Objects.requireNonNull(version, "version");
		}

		/**
		 * Pins server public keys: the server's key must be one of them. Several keys allow
		 * rotation.
		 * @param serverPublicKeys 32-byte box public keys
		 * @return this builder
		 */
		public Builder pinnedServerKeys(Collection<byte[]> serverPublicKeys) {
			for (byte[] key : serverPublicKeys) {
				if (!BoxPublicKeys.isAcceptable(key)) {
					throw new IllegalArgumentException("A pinned server key must be a valid 32-byte box public key");
				}
				this.pinnedServerKeys.add(ByteBuffer.wrap(key.clone()));
			}
			return this;
		}

		/**
		 * Sets the verifier of server certificates, required for v2.
		 * @param verifier the verifier, typically a {@code TrustPolicy}
		 * @return this builder
		 */
		public Builder serverCertVerifier(PeerCertVerifier verifier) {
			this.serverCertVerifier = Objects.requireNonNull(verifier, "verifier");
			return this;
		}

		/**
		 * Sets the client's certificate, sent to v2 servers that require one. Its public key must
		 * be the client's.
		 * @param certificate the certificate
		 * @return this builder
		 */
		public Builder certificate(NaclCert certificate) {
			this.certificate = certificate;
			return this;
		}

		/**
		 * Accepts any server key in v1 without pinning: the connection is then encrypted but the
		 * server is NOT authenticated, so anyone on the path can impersonate it (SPEC W2). For
		 * development only.
		 * @return this builder
		 */
		public Builder insecureAcceptAnyServerKey() {
			this.acceptAnyServerKey = true;
			return this;
		}

		/**
		 * Sets the random source (default: libsodium). Tests replay recorded outputs with it.
		 * @param random the source
		 * @return this builder
		 */
		public Builder random(RandomSource random) {
			this.random = Objects.requireNonNull(random, "random");
			return this;
		}

		/**
		 * Sets the cap on one handshake message (default 64 KiB).
		 * @param maxMessageChars the cap, in characters
		 * @return this builder
		 */
		public Builder maxMessageChars(int maxMessageChars) {
			this.maxMessageChars = maxMessageChars;
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 * @throws IllegalStateException if the server could not be authenticated: v2 without a
		 * certificate verifier, or v1 without pinned keys and without the insecure opt-in; or if
		 * the client certificate's key is not the client's
		 */
		public ClientHandshakeSettings build() {
			if (this.version == ProtocolVersion.V2 && this.serverCertVerifier == null) {
				throw new IllegalStateException("An SWS v2 client needs trust anchors to verify the server certificate");
			}
			if (this.version == ProtocolVersion.V1 && this.pinnedServerKeys.isEmpty() && !this.acceptAnyServerKey) {
				throw new IllegalStateException("An SWS v1 client must pin the server's public key "
						+ "(or explicitly opt in to insecureAcceptAnyServerKey)");
			}
			if (this.certificate != null && !this.keyPair.hasPublicKey(this.certificate.publicKey())) {
				throw new IllegalStateException("The client certificate's public key is not the client's key");
			}
			return new ClientHandshakeSettings(this);
		}

	}

}
