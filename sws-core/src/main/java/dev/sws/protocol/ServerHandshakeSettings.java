package dev.sws.protocol;

import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.HandshakeCodec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

/**
 * What a server needs to run handshakes: its key pair, the versions it accepts, for v2 its
 * certificate and client-certificate policy, and its limits. Immutable and shared by all sessions;
 * build with {@link #builder(BoxKeyPair)}.
 */
public final class ServerHandshakeSettings {

	private final BoxKeyPair keyPair;

	private final Set<ProtocolVersion> versions;

	private final NaclCert certificate;

	private final boolean requireClientCert;

	private final PeerCertVerifier clientCertVerifier;

	private final RandomSource random;

	private final HandshakeCodec codec;

	private final ClientHelloReplayCache replayCache;

	private final byte[] serverHelloTrailer;

	private ServerHandshakeSettings(Builder builder) {
		this.keyPair = builder.keyPair;
		this.versions = Collections.unmodifiableSet(EnumSet.copyOf(builder.versions));
		this.certificate = builder.certificate;
		this.requireClientCert = builder.requireClientCert;
		this.clientCertVerifier = builder.clientCertVerifier;
		this.random = builder.random;
		this.codec = new HandshakeCodec(builder.maxMessageChars);
		this.replayCache = builder.replayCache;
		this.serverHelloTrailer = (this.certificate != null) ? ("{\"cert\":" + this.certificate.toJson()
				+ ",\"requireCert\":" + this.requireClientCert + "}").getBytes(StandardCharsets.UTF_8) : null;
	}

	/**
	 * Starts a builder.
	 * @param keyPair the server's long-term box key pair
	 * @return the builder
	 */
	public static Builder builder(BoxKeyPair keyPair) {
		return new Builder(keyPair);
	}

	/**
	 * Returns the server's key pair.
	 * @return the key pair
	 */
	public BoxKeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * Returns the accepted versions.
	 * @return an unmodifiable set
	 */
	public Set<ProtocolVersion> versions() {
		return this.versions;
	}

	/**
	 * Returns the server's certificate (v2).
	 * @return the certificate, or {@code null} if v2 is not accepted
	 */
	public NaclCert certificate() {
		return this.certificate;
	}

	/**
	 * Tells whether v2 clients must present a certificate.
	 * @return {@code true} if required
	 */
	public boolean requireClientCert() {
		return this.requireClientCert;
	}

	/**
	 * Returns the cap on one handshake message.
	 * @return the cap, in characters
	 */
	public int maxMessageChars() {
		return this.codec.maxMessageChars();
	}

	PeerCertVerifier clientCertVerifier() {
		return this.clientCertVerifier;
	}

	RandomSource random() {
		return this.random;
	}

	HandshakeCodec codec() {
		return this.codec;
	}

	ClientHelloReplayCache replayCache() {
		return this.replayCache;
	}

	byte[] serverHelloTrailer() {
		return this.serverHelloTrailer;
	}

	/**
	 * Builds {@link ServerHandshakeSettings}.
	 */
	public static final class Builder {

		private final BoxKeyPair keyPair;

		private Set<ProtocolVersion> versions = EnumSet.of(ProtocolVersion.V1);

		private NaclCert certificate;

		private boolean requireClientCert;

		private PeerCertVerifier clientCertVerifier;

		private RandomSource random = RandomSource.secure();

		private int maxMessageChars = HandshakeCodec.DEFAULT_MAX_MESSAGE_CHARS;

		private ClientHelloReplayCache replayCache = new ClientHelloReplayCache();

		private Builder(BoxKeyPair keyPair) {
			this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
		}

		/**
		 * Sets the accepted versions (default: v1 only).
		 * @param versions one or both versions
		 * @return this builder
		 */
		public Builder versions(Set<ProtocolVersion> versions) {
			if (versions.isEmpty()) {
				throw new IllegalArgumentException("At least one protocol version must be accepted");
			}
			this.versions = EnumSet.copyOf(versions);
			return this;
		}

		/**
		 * Sets the server's certificate, required for v2; its public key must be the server's.
		 * @param certificate the certificate
		 * @return this builder
		 */
		public Builder certificate(NaclCert certificate) {
			this.certificate = certificate;
			return this;
		}

		/**
		 * Requires clients to present a certificate that {@code verifier} accepts. Only v2 clients
		 * can, so the settings must then accept v2 only.
		 * @param verifier checks client certificates
		 * @return this builder
		 */
		public Builder requireClientCert(PeerCertVerifier verifier) {
			this.requireClientCert = true;
			this.clientCertVerifier = Objects.requireNonNull(verifier, "verifier");
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
		 * Sets the ClientHello replay cache, or {@code null} to disable replay detection (tests
		 * that replay recorded transcripts).
		 * @param replayCache the cache
		 * @return this builder
		 */
		public Builder replayCache(ClientHelloReplayCache replayCache) {
			this.replayCache = replayCache;
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 * @throws IllegalStateException if v2 is accepted without a certificate, the
		 * certificate's key is not the server's key, or client certificates are required while
		 * v1 is accepted
		 */
		public ServerHandshakeSettings build() {
			if (this.versions.contains(ProtocolVersion.V2)) {
				if (this.certificate == null) {
					throw new IllegalStateException("SWS v2 needs a server certificate");
				}
				if (!this.keyPair.hasPublicKey(this.certificate.publicKey())) {
					throw new IllegalStateException("The server certificate's public key is not the server's key");
				}
			}
			else if (this.requireClientCert) {
				throw new IllegalStateException("Client certificates need SWS v2");
			}
			if (this.requireClientCert && this.versions.contains(ProtocolVersion.V1)) {
				// a v1 client presents no certificate: accepting v1 would let any client skip the check
				throw new IllegalStateException("Client certificates need SWS v2 only: a v1 client cannot present one");
			}
			return new ServerHandshakeSettings(this);
		}

	}

}
