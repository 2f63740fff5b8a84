package dev.sws.protocol;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.internal.wire.V3Payloads;

/**
 * What a client needs to run handshakes: its key pair, the one version it speaks, how it
 * authenticates servers (pinned keys and, in v2 and v3, a certificate verifier), its own
 * certificate for servers that require one, and in v3 the cipher suites it offers and the rekey
 * thresholds it announces. Immutable; build with {@link #builder(BoxKeyPair, ProtocolVersion)}, or
 * with {@link #builder(ProtocolVersion)} for a fresh key pair per connection.
 *
 * <p>A client always authenticates the server: in v2 through the certificate verifier (and
 * optionally pinned keys too), in v1 through pinned keys, in v3 through either or both (a v3
 * server sends its certificate when it has one; a pinned key needs none). A v1 or v3 client with
 * neither is refused at build time unless {@link Builder#insecureAcceptAnyServerKey()} is called.
 */
public final class ClientHandshakeSettings {

	/** The largest payload that fits v3 message 3: Noise's 65,535 bytes less the encrypted s and a tag. */
	private static final int V3_MAX_PAYLOAD = V3HandshakeCodec.MAX_NOISE_LENGTH - 48 - 16;

	private final @Nullable BoxKeyPair keyPair;

	private final ProtocolVersion version;

	private final Set<ByteBuffer> pinnedServerKeys;

	private final @Nullable PeerCertVerifier serverCertVerifier;

	private final @Nullable NaclCert certificate;

	private final RandomSource random;

	private final HandshakeCodec codec;

	private final List<V3CipherSuite> v3Suites;

	private final RekeyThresholds rekeyThresholds;

	private final byte[] v3PayloadWithCert;

	private final byte[] v3PayloadWithoutCert;

	private ClientHandshakeSettings(Builder builder) {
		this.keyPair = builder.keyPair;
		this.version = builder.version;
		this.pinnedServerKeys = Collections.unmodifiableSet(new HashSet<>(builder.pinnedServerKeys));
		this.serverCertVerifier = builder.serverCertVerifier;
		this.certificate = builder.certificate;
		this.random = builder.random;
		this.codec = new HandshakeCodec(builder.maxMessageChars);
		this.v3Suites = List.copyOf(builder.availableV3Suites());
		this.rekeyThresholds = builder.rekeyThresholds;
		this.v3PayloadWithCert = V3Payloads.clientPayload(this.certificate, this.rekeyThresholds);
		this.v3PayloadWithoutCert = V3Payloads.clientPayload(null, this.rekeyThresholds);
	}

	/**
	 * Starts a builder for a client with a key pair of its own: its v1/v2 box key, its v3 Noise
	 * static key. A client with a certificate needs the key pair the certificate was issued for.
	 * @param keyPair the client's box key pair (long-term or ephemeral)
	 * @param version the version to speak
	 * @return the builder
	 */
	public static Builder builder(BoxKeyPair keyPair, ProtocolVersion version) {
		return new Builder(Objects.requireNonNull(keyPair, "keyPair"), version);
	}

	/**
	 * Starts a builder for a client without a key pair of its own: each connection generates a
	 * fresh one, which identifies nothing. Such a client cannot present a certificate.
	 * @param version the version to speak
	 * @return the builder
	 */
	public static Builder builder(ProtocolVersion version) {
		return new Builder(null, version);
	}

	/**
	 * Returns the client's key pair.
	 * @return the key pair, or {@code null} if each connection generates a fresh one
	 */
	public @Nullable BoxKeyPair getKeyPair() {
		return this.keyPair;
	}

	/**
	 * Returns the version this client speaks.
	 * @return the version
	 */
	public ProtocolVersion getVersion() {
		return this.version;
	}

	/**
	 * Returns the client's certificate, sent when a v2 or v3 server requires one.
	 * @return the certificate, or {@code null}
	 */
	public @Nullable NaclCert getCertificate() {
		return this.certificate;
	}

	/**
	 * Returns the v3 cipher suites this client offers, in its order of preference: those
	 * configured that this machine can run.
	 * @return an unmodifiable list, never empty
	 */
	public List<V3CipherSuite> getV3Suites() {
		return this.v3Suites;
	}

	/**
	 * Returns the rekey thresholds this client announces for its sending direction (v3).
	 * @return the thresholds
	 */
	public RekeyThresholds getRekeyThresholds() {
		return this.rekeyThresholds;
	}

	/**
	 * Returns the key pair for one connection: the configured one, or a fresh one.
	 * @return the key pair
	 */
	BoxKeyPair staticKeyPair() {
		return (this.keyPair != null) ? this.keyPair : BoxKeyPair.generate(this.random);
	}

	/**
	 * Returns the payload of v3 message 3.
	 * @param withCert whether the server asked for the client's certificate
	 * @return the UTF-8 JSON (not copied: callers only read it)
	 */
	byte[] v3ClientPayload(boolean withCert) {
		return withCert ? this.v3PayloadWithCert : this.v3PayloadWithoutCert;
	}

	boolean isPinned(byte[] serverPublicKey) {
		return this.pinnedServerKeys.isEmpty() || this.pinnedServerKeys.contains(ByteBuffer.wrap(serverPublicKey));
	}

	/**
	 * Returns the verifier of server certificates.
	 * @return the verifier, or {@code null} if none is configured (never for v2)
	 */
	@Nullable PeerCertVerifier serverCertVerifier() {
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

		private final @Nullable BoxKeyPair keyPair;

		private final ProtocolVersion version;

		private final Set<ByteBuffer> pinnedServerKeys = new HashSet<>();

		private List<V3CipherSuite> v3Suites = List.of(V3CipherSuite.AESGCM_SHA256, V3CipherSuite.CHACHAPOLY_BLAKE2B);

		private RekeyThresholds rekeyThresholds = RekeyThresholds.DEFAULT;

		private @Nullable PeerCertVerifier serverCertVerifier;

		private @Nullable NaclCert certificate;

		private boolean acceptAnyServerKey;

		private RandomSource random = RandomSource.secure();

		private int maxMessageChars = HandshakeCodec.DEFAULT_MAX_MESSAGE_CHARS;

		private Builder(@Nullable BoxKeyPair keyPair, ProtocolVersion version) {
			this.keyPair = keyPair;
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
		 * Sets the verifier of server certificates, required for v2; in v3 it makes the server's
		 * certificate required and checked.
		 * @param verifier the verifier, typically a {@code TrustPolicy}
		 * @return this builder
		 */
		public Builder serverCertVerifier(PeerCertVerifier verifier) {
			this.serverCertVerifier = Objects.requireNonNull(verifier, "verifier");
			return this;
		}

		/**
		 * Sets the client's certificate, sent to v2 and v3 servers that require one. Its public
		 * key must be the client's.
		 * @param certificate the certificate
		 * @return this builder
		 */
		public Builder certificate(NaclCert certificate) {
			this.certificate = certificate;
			return this;
		}

		/**
		 * Accepts any server key in v1, and in v3 without pins or a certificate verifier: the
		 * connection is then encrypted but the server is NOT authenticated, so anyone on the path
		 * can impersonate it (docs/protocol/sws-v1-v2.md W2), and in v3 it learns the client's
		 * certificate. For development only.
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
		 * Sets the v3 cipher suites to offer, in order of preference (default: AES-GCM then
		 * ChaChaPoly). Suites this machine cannot run (AES-GCM without hardware AES) are left out
		 * of the offer.
		 * @param suites one or more suites, each once
		 * @return this builder
		 */
		public Builder v3Suites(List<V3CipherSuite> suites) {
			if (suites.isEmpty() || new HashSet<>(suites).size() != suites.size()) {
				throw new IllegalArgumentException("Offer one or more v3 suites, each once, not " + suites);
			}
			this.v3Suites = List.copyOf(suites);
			return this;
		}

		/**
		 * Sets the rekey thresholds the client announces for its sending direction (v3; default
		 * {@link RekeyThresholds#DEFAULT}).
		 * @param thresholds the thresholds
		 * @return this builder
		 */
		public Builder rekeyThresholds(RekeyThresholds thresholds) {
			this.rekeyThresholds = Objects.requireNonNull(thresholds, "thresholds");
			return this;
		}

		private Set<V3CipherSuite> availableV3Suites() {
			Set<V3CipherSuite> available = new LinkedHashSet<>();
			for (V3CipherSuite suite : this.v3Suites) {
				if (suite.isAvailable()) {
					available.add(suite);
				}
			}
			return available;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 * @throws IllegalStateException if the server could not be authenticated: v2 without a
		 * certificate verifier, v1 without pinned keys, or v3 with neither, without the insecure
		 * opt-in; if there is a certificate but not the key pair it is for; if no offered v3 suite
		 * runs here; or if the certificate is too large for a v3 handshake message
		 */
		public ClientHandshakeSettings build() {
			if (this.version == ProtocolVersion.V2 && this.serverCertVerifier == null) {
				throw new IllegalStateException("An SWS v2 client needs trust anchors to verify the server certificate");
			}
			if (this.version == ProtocolVersion.V1 && this.pinnedServerKeys.isEmpty() && !this.acceptAnyServerKey) {
				throw new IllegalStateException("An SWS v1 client must pin the server's public key "
						+ "(or explicitly opt in to insecureAcceptAnyServerKey)");
			}
			if (this.version == ProtocolVersion.V3 && this.pinnedServerKeys.isEmpty() && this.serverCertVerifier == null
					&& !this.acceptAnyServerKey) {
				throw new IllegalStateException("An SWS v3 client must pin the server's public key or trust a CA to "
						+ "verify its certificate (or explicitly opt in to insecureAcceptAnyServerKey)");
			}
			if (this.certificate != null
					&& (this.keyPair == null || !this.keyPair.hasPublicKey(this.certificate.getPublicKey()))) {
				throw new IllegalStateException("The client certificate's public key is not the client's key");
			}
			if (this.version == ProtocolVersion.V3 && availableV3Suites().isEmpty()) {
				throw new IllegalStateException("None of the v3 suites " + this.v3Suites + " runs on this machine; "
						+ "offer " + V3CipherSuite.CHACHAPOLY_BLAKE2B + ", which always does");
			}
			ClientHandshakeSettings settings = new ClientHandshakeSettings(this);
			if (settings.v3PayloadWithCert.length > V3_MAX_PAYLOAD) {
				throw new IllegalStateException("The client certificate is too large for an SWS v3 handshake message ("
						+ settings.v3PayloadWithCert.length + " bytes of payload, at most " + V3_MAX_PAYLOAD + ")");
			}
			return settings;
		}

	}

}
