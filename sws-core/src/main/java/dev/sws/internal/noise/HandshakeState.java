package dev.sws.internal.noise;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.RandomSource;
import dev.sws.crypto.WeakKeyException;
import dev.sws.internal.crypto.X25519;

/**
 * The HandshakeState of Noise section 5.3: one side of a handshake, which writes and reads the
 * pattern's messages in turn and ends in a {@link CipherStatePair}.
 *
 * <p>Usage: build one per connection with {@link #builder}, then call {@link #writeMessage} and
 * {@link #readMessage} as {@link #isWriteTurn()} says until {@link #isComplete()}; then take the
 * transport keys with {@link #split()} and, for channel binding, {@link #getHandshakeHash()}.
 *
 * <p>Stricter than Noise requires: every public key received (and a pre-message key) must not be
 * malformed, all-zero or of low order ({@link NoiseFailure#WEAK_KEY}), and every DH result must
 * not be all-zero. Any failure while reading ends the handshake: the state zeroes its secrets and
 * refuses further messages ({@link NoiseFailure#WRONG_STATE}). Handshake messages are limited to
 * Noise's 65,535 bytes.
 *
 * <p>Not thread-safe. The ephemeral key pair (generated, or given to the builder) belongs to the
 * handshake, which destroys it when it completes or fails; the local static key pair stays the
 * caller's. {@link #toString()} never shows keys.
 */
public final class HandshakeState {

	/** Noise's limit on the length of a handshake message, in bytes (section 3). */
	public static final int MAX_MESSAGE_LENGTH = 65535;

	private static final int DH_LENGTH = X25519.KEY_LENGTH;

	private final NoiseProtocol protocol;

	private final NoiseRole role;

	private final SymmetricState symmetric;

	private final @Nullable BoxKeyPair localStatic;

	private @Nullable BoxKeyPair localEphemeral;

	private byte @Nullable [] remoteStatic;

	private byte @Nullable [] remoteEphemeral;

	private final RandomSource random;

	private int messageIndex;

	private boolean failed;

	private @Nullable CipherStatePair split;

	private boolean splitTaken;

	private byte @Nullable [] handshakeHash;

	private HandshakeState(Builder builder) {
		this.protocol = builder.protocol;
		this.role = builder.role;
		this.localStatic = builder.localStatic;
		this.localEphemeral = builder.localEphemeral;
		this.remoteStatic = (builder.remoteStatic != null) ? builder.remoteStatic.clone() : null;
		this.random = builder.random;
		this.symmetric = new SymmetricState(this.protocol);
		this.symmetric.mixHash(builder.prologue);
		if (this.protocol.getPattern().isResponderStaticKnownInAdvance()) {
			this.symmetric.mixHash((this.role == NoiseRole.INITIATOR) ? Objects.requireNonNull(this.remoteStatic)
					: Objects.requireNonNull(this.localStatic).getPublicKey());
		}
	}

	/**
	 * Starts building one side of a handshake.
	 * @param protocol the protocol, for example {@code NoiseProtocol.parse("Noise_XX_25519_ChaChaPoly_BLAKE2b")}
	 * @param role this side's role
	 * @return a builder
	 */
	public static Builder builder(NoiseProtocol protocol, NoiseRole role) {
		return new Builder(protocol, role);
	}

	/**
	 * {@code WriteMessage(payload)}: the next message of the pattern, which must be this side's.
	 * @param payload the payload (may be empty); encrypted once the pattern has done a DH
	 * @return the message to send
	 * @throws NoiseException {@link NoiseFailure#WRONG_STATE} if it is not this side's turn or the
	 * handshake is over (nothing changes); {@link NoiseFailure#MALFORMED} if the message would
	 * exceed 65,535 bytes (nothing changes either)
	 */
	public byte[] writeMessage(byte[] payload) {
		requireTurnOf(this.role);
		List<NoiseToken> tokens = this.protocol.getPattern().message(this.messageIndex);
		long length = messageLength(tokens, payload.length);
		if (length > MAX_MESSAGE_LENGTH) {
			throw new NoiseException(NoiseFailure.MALFORMED, "Message " + (this.messageIndex + 1) + " would have "
					+ length + " bytes, more than Noise's 65535; send a smaller payload");
		}
		byte[] message = new byte[(int) length];
		int offset = 0;
		try {
			for (NoiseToken token : tokens) {
				switch (token) {
					case E -> {
						if (this.localEphemeral == null) {
							this.localEphemeral = BoxKeyPair.generate(this.random);
						}
						byte[] publicKey = this.localEphemeral.getPublicKey();
						offset = append(message, offset, publicKey);
						this.symmetric.mixHash(publicKey);
					}
					case S -> offset = append(message, offset,
							this.symmetric.encryptAndHash(Objects.requireNonNull(this.localStatic).getPublicKey()));
					default -> mixDh(token);
				}
			}
			append(message, offset, this.symmetric.encryptAndHash(payload));
		}
		catch (RuntimeException ex) {
			abort();
			throw ex;
		}
		advance();
		return message;
	}

	/**
	 * {@code ReadMessage(message)}: the peer's next message of the pattern.
	 * @param message the message as received
	 * @return the payload it carried
	 * @throws NoiseException {@link NoiseFailure#WRONG_STATE} if it is this side's turn to write or
	 * the handshake is over (nothing changes); otherwise the handshake fails for good:
	 * {@link NoiseFailure#MALFORMED} if the message is shorter than its tokens and tag need or
	 * longer than 65,535 bytes, {@link NoiseFailure#DECRYPT_FAILED} if the static key or payload
	 * does not authenticate, {@link NoiseFailure#WEAK_KEY} for a low-order key or an all-zero DH
	 */
	public byte[] readMessage(byte[] message) {
		requireTurnOf(opposite(this.role));
		try {
			List<NoiseToken> tokens = this.protocol.getPattern().message(this.messageIndex);
			long minimum = messageLength(tokens, 0);
			if (message.length < minimum || message.length > MAX_MESSAGE_LENGTH) {
				throw new NoiseException(NoiseFailure.MALFORMED, "Message " + (this.messageIndex + 1) + " has "
						+ message.length + " bytes; it needs " + minimum + " to " + MAX_MESSAGE_LENGTH);
			}
			int offset = 0;
			for (NoiseToken token : tokens) {
				switch (token) {
					case E -> {
						byte[] publicKey = Arrays.copyOfRange(message, offset, offset + DH_LENGTH);
						offset += DH_LENGTH;
						requireAcceptable(publicKey, "ephemeral");
						this.remoteEphemeral = publicKey;
						this.symmetric.mixHash(publicKey);
					}
					case S -> {
						int length = DH_LENGTH + (this.symmetric.hasKey() ? NoiseCipher.TAG_LENGTH : 0);
						byte[] publicKey = this.symmetric.decryptAndHash(Arrays.copyOfRange(message, offset, offset + length));
						offset += length;
						requireAcceptable(publicKey, "static");
						this.remoteStatic = publicKey;
					}
					default -> mixDh(token);
				}
			}
			byte[] payload = this.symmetric.decryptAndHash(Arrays.copyOfRange(message, offset, message.length));
			advance();
			return payload;
		}
		catch (RuntimeException ex) {
			abort();
			throw ex;
		}
	}

	/**
	 * Tells whether the next step is this side's {@link #writeMessage}.
	 * @return {@code true} if this side writes next; {@code false} if it reads next, or the
	 * handshake is over
	 */
	public boolean isWriteTurn() {
		return !isOver() && HandshakePattern.senderOf(this.messageIndex) == this.role;
	}

	/**
	 * Tells whether every message of the pattern was written or read successfully.
	 * @return {@code true} once {@link #split()} may be called
	 */
	public boolean isComplete() {
		return this.handshakeHash != null && !this.failed;
	}

	/**
	 * Tells whether the handshake failed (or was {@linkplain #destroy() destroyed}).
	 * @return {@code true} if no more messages can be processed
	 */
	public boolean isFailed() {
		return this.failed;
	}

	/**
	 * Returns the peer's static public key, once known: from the builder (XK and IK initiators)
	 * or from the message that carried it. Check it (certificate, pin) before trusting the session.
	 * @return a copy of the key, or empty before it is known
	 */
	public Optional<byte[]> getRemoteStaticKey() {
		return Optional.ofNullable(this.remoteStatic).map(byte[]::clone);
	}

	/**
	 * {@code GetHandshakeHash()}: the final handshake hash {@code h}, a value both sides share
	 * and no one else can choose (for channel binding).
	 * @return a copy of HASHLEN bytes
	 * @throws NoiseException {@link NoiseFailure#WRONG_STATE} before the handshake completed
	 */
	public byte[] getHandshakeHash() {
		if (!isComplete()) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "The handshake hash exists only after the handshake");
		}
		return Objects.requireNonNull(this.handshakeHash).clone();
	}

	/**
	 * Hands over the transport cipher states of the completed handshake ({@code Split()}). Only
	 * once, so that two users never share a nonce.
	 * @return the two cipher states
	 * @throws NoiseException {@link NoiseFailure#WRONG_STATE} before the handshake completed, or
	 * on a second call
	 */
	public CipherStatePair split() {
		if (!isComplete()) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "The handshake is not complete; nothing to split");
		}
		if (this.splitTaken) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "split() was already called");
		}
		this.splitTaken = true;
		return Objects.requireNonNull(this.split);
	}

	/**
	 * Abandons the handshake: zeroes the chaining key, the handshake cipher key, the ephemeral
	 * secret and any transport keys not yet handed over by {@link #split()}.
	 */
	public void destroy() {
		abort();
		if (this.split != null && !this.splitTaken) {
			this.split.destroy();
		}
	}

	/**
	 * Returns the protocol.
	 * @return the protocol
	 */
	public NoiseProtocol getProtocol() {
		return this.protocol;
	}

	/**
	 * Returns this side's role.
	 * @return the role
	 */
	public NoiseRole getRole() {
		return this.role;
	}

	private void mixDh(NoiseToken token) {
		boolean initiator = this.role == NoiseRole.INITIATOR;
		switch (token) {
			case EE -> mixDh(this.localEphemeral, this.remoteEphemeral);
			case ES -> mixDh(initiator ? this.localEphemeral : this.localStatic,
					initiator ? this.remoteStatic : this.remoteEphemeral);
			case SE -> mixDh(initiator ? this.localStatic : this.localEphemeral,
					initiator ? this.remoteEphemeral : this.remoteStatic);
			case SS -> mixDh(this.localStatic, this.remoteStatic);
			default -> throw new IllegalStateException("Not a DH token: " + token);
		}
	}

	private void mixDh(@Nullable BoxKeyPair ours, byte @Nullable [] theirs) {
		byte[] shared;
		try {
			shared = X25519.dh(Objects.requireNonNull(ours), Objects.requireNonNull(theirs));
		}
		catch (WeakKeyException ex) {
			throw new NoiseException(NoiseFailure.WEAK_KEY, "A DH in message " + (this.messageIndex + 1)
					+ " gives an all-zero result or uses a low-order key");
		}
		try {
			this.symmetric.mixKey(shared);
		}
		finally {
			Arrays.fill(shared, (byte) 0);
		}
	}

	private void advance() {
		this.messageIndex++;
		if (this.messageIndex == this.protocol.getPattern().getMessageCount()) {
			this.handshakeHash = this.symmetric.getHandshakeHash();
			this.split = this.symmetric.split(this.role);
			this.symmetric.destroy();
			destroyEphemeral();
		}
	}

	private void abort() {
		this.failed = true;
		this.symmetric.destroy();
		destroyEphemeral();
	}

	private void destroyEphemeral() {
		if (this.localEphemeral != null) {
			this.localEphemeral.destroy();
		}
	}

	private boolean isOver() {
		return this.failed || this.handshakeHash != null;
	}

	private void requireTurnOf(NoiseRole writer) {
		if (this.failed) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "The handshake failed; start a new one");
		}
		if (this.handshakeHash != null) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "The handshake is complete; use split()");
		}
		NoiseRole sender = HandshakePattern.senderOf(this.messageIndex);
		if (sender != writer) {
			throw new NoiseException(NoiseFailure.WRONG_STATE,
					"Message " + (this.messageIndex + 1) + " of " + this.protocol.getPattern() + " is the " + name(sender)
							+ "'s to write, not the " + name(writer) + "'s");
		}
	}

	/** The length of this message: its tokens' keys, the payload, and a tag on each once keyed. */
	private long messageLength(List<NoiseToken> tokens, int payloadLength) {
		boolean keyed = this.symmetric.hasKey();
		long length = 0;
		for (NoiseToken token : tokens) {
			switch (token) {
				case E -> length += DH_LENGTH;
				case S -> length += DH_LENGTH + (keyed ? NoiseCipher.TAG_LENGTH : 0);
				default -> keyed = true;
			}
		}
		return length + payloadLength + (keyed ? NoiseCipher.TAG_LENGTH : 0);
	}

	private static void requireAcceptable(byte[] publicKey, String which) {
		if (!BoxPublicKeys.isAcceptable(publicKey)) {
			throw new NoiseException(NoiseFailure.WEAK_KEY,
					"The peer's " + which + " key is malformed, all-zero or of low order");
		}
	}

	private static int append(byte[] target, int offset, byte[] bytes) {
		System.arraycopy(bytes, 0, target, offset, bytes.length);
		return offset + bytes.length;
	}

	private static NoiseRole opposite(NoiseRole role) {
		return (role == NoiseRole.INITIATOR) ? NoiseRole.RESPONDER : NoiseRole.INITIATOR;
	}

	private static String name(NoiseRole role) {
		return role.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		String progress = this.failed ? "failed" : (this.handshakeHash != null) ? "complete"
				: "message " + (this.messageIndex + 1) + " of " + this.protocol.getPattern().getMessageCount();
		return "HandshakeState[" + this.protocol + ", " + name(this.role) + ", " + progress + ", keys hidden]";
	}

	/**
	 * Collects the keys and options of one side of a handshake.
	 */
	public static final class Builder {

		private final NoiseProtocol protocol;

		private final NoiseRole role;

		private byte[] prologue = new byte[0];

		private @Nullable BoxKeyPair localStatic;

		private byte @Nullable [] remoteStatic;

		private @Nullable BoxKeyPair localEphemeral;

		private RandomSource random = RandomSource.secure();

		private Builder(NoiseProtocol protocol, NoiseRole role) {
			this.protocol = protocol;
			this.role = role;
		}

		/**
		 * Sets the prologue, data both sides must agree on (Noise section 6); empty by default.
		 * @param prologue the bytes (copied)
		 * @return this builder
		 */
		public Builder prologue(byte[] prologue) {
			this.prologue = prologue.clone();
			return this;
		}

		/**
		 * Sets this side's static key pair (the {@code s} of the pattern), needed by every role
		 * that sends {@code s}: both sides of XX, the initiator of XK and IK, and the responder of
		 * XK and IK (the pre-message). The caller keeps ownership.
		 * @param keyPair the key pair
		 * @return this builder
		 */
		public Builder localStaticKey(BoxKeyPair keyPair) {
			this.localStatic = keyPair;
			return this;
		}

		/**
		 * Sets the responder's static public key that an XK or IK initiator knows in advance.
		 * @param publicKey 32 bytes (copied)
		 * @return this builder
		 */
		public Builder remoteStaticKey(byte[] publicKey) {
			this.remoteStatic = publicKey.clone();
			return this;
		}

		/**
		 * Sets the ephemeral key pair instead of generating one: for test vectors, and for an
		 * initiator that sent its first message ({@code e} and an empty payload) before it knew
		 * the protocol. The handshake takes ownership and destroys it when done.
		 * @param keyPair the key pair
		 * @return this builder
		 */
		public Builder localEphemeralKey(BoxKeyPair keyPair) {
			this.localEphemeral = keyPair;
			return this;
		}

		/**
		 * Sets where ephemeral key pairs come from; {@link RandomSource#secure()} by default.
		 * @param random the source
		 * @return this builder
		 */
		public Builder random(RandomSource random) {
			this.random = random;
			return this;
		}

		/**
		 * Initializes the handshake state ({@code Initialize()} of Noise section 5.3).
		 * @return the handshake state, ready for the first message
		 * @throws IllegalArgumentException if a key the pattern needs is missing, or one it does not
		 * use is given
		 * @throws IllegalStateException if the cipher is not available on this machine (AESGCM
		 * without hardware AES)
		 * @throws NoiseException {@link NoiseFailure#WEAK_KEY} if the remote static key is
		 * malformed, all-zero or of low order
		 */
		public HandshakeState build() {
			HandshakePattern pattern = this.protocol.getPattern();
			if (!this.protocol.getCipher().isAvailable()) {
				throw new IllegalStateException(this.protocol + " needs AES-256-GCM, which libsodium does not offer on "
						+ "this CPU (no hardware AES); use a ChaChaPoly protocol");
			}
			boolean needsStatic = pattern.needsLocalStatic(this.role);
			if (needsStatic != (this.localStatic != null)) {
				throw new IllegalArgumentException(this.protocol + (needsStatic ? " needs" : " does not use")
						+ " a local static key pair for the " + name(this.role));
			}
			boolean knowsRemote = this.role == NoiseRole.INITIATOR && pattern.isResponderStaticKnownInAdvance();
			if (knowsRemote != (this.remoteStatic != null)) {
				throw new IllegalArgumentException(this.protocol + " " + (knowsRemote ? "needs" : "does not take")
						+ " the remote static key in advance for the " + name(this.role));
			}
			if (this.remoteStatic != null) {
				requireAcceptable(this.remoteStatic, "static");
			}
			return new HandshakeState(this);
		}

	}

}
