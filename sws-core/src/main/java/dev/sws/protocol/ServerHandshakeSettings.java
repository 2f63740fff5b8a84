package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsString;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.internal.wire.V3Payloads;

/**
 * What a server needs to run handshakes: its key pair, the versions it accepts, its certificate
 * (required for v2, sent in v3 when present) and client-certificate policy, for v3 the cipher
 * suites it chooses from and the rekey thresholds it announces, and its limits. Immutable and
 * shared by all sessions; build with {@link #builder(BoxKeyPair)}.
 *
 * <p>The same key pair is the v1/v2 box key and the v3 Noise static key, so that one certificate
 * serves v2 and v3.
 */
public final class ServerHandshakeSettings {

	/** The largest payload that fits v3 message 2: Noise's 65,535 bytes less e, the encrypted s and a tag. */
	private static final int V3_MAX_PAYLOAD = V3HandshakeCodec.MAX_NOISE_LENGTH - 32 - 48 - 16;

	private final BoxKeyPair keyPair;

	private final Set<ProtocolVersion> versions;

	private final @Nullable NaclCert certificate;

	private final boolean requireClientCert;

	private final @Nullable PeerCertVerifier clientCertVerifier;

	private final RandomSource random;

	private final HandshakeCodec codec;

	private final @Nullable ClientHelloReplayCache replayCache;

	private final byte @Nullable [] serverHelloTrailer;

	private final Set<V3CipherSuite> v3Suites;

	private final RekeyThresholds rekeyThresholds;

	private final byte[] v3ServerPayload;

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
		this.v3Suites = Collections.unmodifiableSet(builder.v3Suites());
		this.rekeyThresholds = builder.rekeyThresholds;
		this.v3ServerPayload = V3Payloads.serverPayload(this.certificate, this.requireClientCert, this.rekeyThresholds);
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
	public BoxKeyPair getKeyPair() {
		return this.keyPair;
	}

	/**
	 * Returns the accepted versions.
	 * @return an unmodifiable set
	 */
	public Set<ProtocolVersion> getVersions() {
		return this.versions;
	}

	/**
	 * Returns the server's certificate, sent in v2 and v3.
	 * @return the certificate, or {@code null} if the server has none (then v2 is not accepted)
	 */
	public @Nullable NaclCert getCertificate() {
		return this.certificate;
	}

	/**
	 * Tells whether clients must present a certificate (v2 and v3).
	 * @return {@code true} if required
	 */
	public boolean isClientCertRequired() {
		return this.requireClientCert;
	}

	/**
	 * Returns the cap on one handshake message.
	 * @return the cap, in characters
	 */
	public int getMaxMessageChars() {
		return this.codec.maxMessageChars();
	}

	/**
	 * Returns the v3 cipher suites this server chooses from: ChaChaPoly always, AES-GCM unless
	 * refused by {@link Builder#allowAesGcm(boolean)} and only where this CPU runs it in hardware.
	 * @return an unmodifiable set, in the order of {@link V3CipherSuite}
	 */
	public Set<V3CipherSuite> getV3Suites() {
		return this.v3Suites;
	}

	/**
	 * Returns the rekey thresholds this server announces for its sending direction (v3).
	 * @return the thresholds
	 */
	public RekeyThresholds getRekeyThresholds() {
		return this.rekeyThresholds;
	}

	/**
	 * Describes what a client needs to know of this server, in one line for a log: the versions,
	 * whether client certificates are required, the key's fingerprint and the certificate's
	 * names, CA and expiry. Never a secret.
	 * @return the description
	 */
	public String describe() {
		StringBuilder line = new StringBuilder("versions ")
			.append(this.versions.stream().map((v) -> String.valueOf(v.getNumber())).collect(Collectors.joining(",")))
			.append(isClientCertRequired() ? ", client certificates required" : ", client certificates not required")
			.append(", server key ")
			.append(KeyFingerprint.of(this.keyPair.getPublicKey()));
		NaclCert certificate = this.certificate;
		if (certificate == null) {
			line.append(", no certificate");
		}
		else {
			line.append(", certificate for ")
				.append(CertAuthority.namesWithIps(certificate.getNames(), certificate.getIps()))
				.append(" from CA ")
				.append(new JsString(certificate.getCa()).toJson())
				.append(", expires ")
				.append(certificate.getExpiresAt());
		}
		return line.toString();
	}

	/**
	 * Returns the verifier of client certificates.
	 * @return the verifier, present exactly when client certificates are required
	 */
	@Nullable PeerCertVerifier clientCertVerifier() {
		return this.clientCertVerifier;
	}

	RandomSource random() {
		return this.random;
	}

	HandshakeCodec codec() {
		return this.codec;
	}

	@Nullable ClientHelloReplayCache replayCache() {
		return this.replayCache;
	}

	/**
	 * Returns the v2 ServerHello trailer.
	 * @return the trailer (not copied: callers only read it)
	 * @throws IllegalStateException if the server has no certificate, hence does not accept v2
	 */
	byte[] serverHelloTrailer() {
		if (this.serverHelloTrailer == null) {
			throw new IllegalStateException("SWS v2 needs a server certificate");
		}
		return this.serverHelloTrailer;
	}

	/**
	 * Returns the payload of v3 message 2, the same for every session.
	 * @return the UTF-8 JSON (not copied: callers only read it)
	 */
	byte[] v3ServerPayload() {
		return this.v3ServerPayload;
	}

	/**
	 * Builds {@link ServerHandshakeSettings}.
	 */
	public static final class Builder {

		private final BoxKeyPair keyPair;

		private Set<ProtocolVersion> versions = EnumSet.of(ProtocolVersion.V1);

		private @Nullable NaclCert certificate;

		private boolean requireClientCert;

		private @Nullable PeerCertVerifier clientCertVerifier;

		private RandomSource random = RandomSource.secure();

		private int maxMessageChars = HandshakeCodec.DEFAULT_MAX_MESSAGE_CHARS;

		private @Nullable ClientHelloReplayCache replayCache = new ClientHelloReplayCache();

		private boolean allowAesGcm = true;

		private RekeyThresholds rekeyThresholds = RekeyThresholds.DEFAULT;

		private Builder(BoxKeyPair keyPair) {
			this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
		}

		/**
		 * Sets the accepted versions (default: v1 only). One endpoint serves all of them: the
		 * client's first frame says which it speaks.
		 * @param versions one or more versions
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
		 * Sets the server's certificate, required for v2 and sent in v3 message 2 whenever
		 * present; its public key must be the server's.
		 * @param certificate the certificate
		 * @return this builder
		 */
		public Builder certificate(NaclCert certificate) {
			this.certificate = certificate;
			return this;
		}

		/**
		 * Requires clients to present a certificate that {@code verifier} accepts. v2 and v3
		 * clients can; a v1 client cannot, so the settings must then not accept v1.
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
		 * that replay recorded transcripts). It serves v1 and v2 only: a replayed v2 ClientHello
		 * would be answered under the same static-key box and nonce, while v3 message 1 is only an
		 * ephemeral key and carries no box sealed under a static key. A replayed v3 message 1 gets
		 * a fresh server ephemeral, and the replayer, who lacks the client's ephemeral secret,
		 * cannot complete that session.
		 * @param replayCache the cache, or {@code null}
		 * @return this builder
		 */
		public Builder replayCache(@Nullable ClientHelloReplayCache replayCache) {
			this.replayCache = replayCache;
			return this;
		}

		/**
		 * Lets the server choose the v3 suite AES-GCM when a client offers it (default
		 * {@code true}). It is chosen only where libsodium runs AES-256-GCM on hardware support;
		 * set {@code false} to always use ChaChaPoly.
		 * @param allowed whether to choose AES-GCM
		 * @return this builder
		 */
		public Builder allowAesGcm(boolean allowed) {
			this.allowAesGcm = allowed;
			return this;
		}

		/**
		 * Sets the rekey thresholds the server announces for its sending direction (v3; default
		 * {@link RekeyThresholds#DEFAULT}).
		 * @param thresholds the thresholds
		 * @return this builder
		 */
		public Builder rekeyThresholds(RekeyThresholds thresholds) {
			this.rekeyThresholds = Objects.requireNonNull(thresholds, "thresholds");
			return this;
		}

		private Set<V3CipherSuite> v3Suites() {
			Set<V3CipherSuite> suites = new LinkedHashSet<>();
			for (V3CipherSuite suite : V3CipherSuite.values()) {
				if (suite.isAvailable() && (this.allowAesGcm || suite != V3CipherSuite.AESGCM_SHA256)) {
					suites.add(suite);
				}
			}
			return suites;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 * @throws IllegalStateException if v2 is accepted without a certificate, the
		 * certificate's key is not the server's key, client certificates are required while v1
		 * is accepted, or the certificate is too large for a v3 handshake message
		 */
		public ServerHandshakeSettings build() {
			if (this.versions.contains(ProtocolVersion.V2) && this.certificate == null) {
				throw new IllegalStateException("SWS v2 needs a server certificate");
			}
			if (this.certificate != null && !this.keyPair.hasPublicKey(this.certificate.getPublicKey())) {
				throw new IllegalStateException("The server certificate's public key is not the server's key");
			}
			if (this.requireClientCert && this.versions.contains(ProtocolVersion.V1)) {
				// a v1 client presents no certificate: accepting v1 would let any client skip the check
				throw new IllegalStateException("Client certificates need SWS v2 or v3 only: a v1 client cannot present one");
			}
			ServerHandshakeSettings settings = new ServerHandshakeSettings(this);
			if (settings.v3ServerPayload.length > V3_MAX_PAYLOAD) {
				throw new IllegalStateException("The server certificate is too large for an SWS v3 handshake message ("
						+ settings.v3ServerPayload.length + " bytes of payload, at most " + V3_MAX_PAYLOAD + ")");
			}
			return settings;
		}

	}

}
