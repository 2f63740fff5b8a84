package dev.sws.internal.noise;

import java.util.List;

import org.jspecify.annotations.Nullable;

import static dev.sws.internal.noise.NoiseToken.E;
import static dev.sws.internal.noise.NoiseToken.EE;
import static dev.sws.internal.noise.NoiseToken.ES;
import static dev.sws.internal.noise.NoiseToken.S;
import static dev.sws.internal.noise.NoiseToken.SE;
import static dev.sws.internal.noise.NoiseToken.SS;

/**
 * The interactive handshake patterns of Noise section 7.5 that this implementation supports.
 * Messages alternate, starting with the initiator; the only pre-message is the responder's
 * static key in XK and IK.
 */
@SuppressWarnings("ImmutableEnumChecker") // the token lists are List.of(...), unmodifiable
public enum HandshakePattern {

	/** {@code -> e; <- e, ee}: no authentication. */
	NN(false, List.of(List.of(E), List.of(E, EE))),

	/**
	 * {@code -> e; <- e, ee, s, es; -> s, se}: both static keys travel encrypted, the initiator's
	 * only once the responder is authenticated. The SWS v3 pattern.
	 */
	XX(false, List.of(List.of(E), List.of(E, EE, S, ES), List.of(S, SE))),

	/**
	 * {@code <- s; ...; -> e, es; <- e, ee; -> s, se}: the initiator knows the responder's static
	 * key in advance.
	 */
	XK(true, List.of(List.of(E, ES), List.of(E, EE), List.of(S, SE))),

	/**
	 * {@code <- s; ...; -> e, es, s, ss; <- e, ee, se}: the initiator knows the responder's static
	 * key in advance and sends its own in the first message.
	 */
	IK(true, List.of(List.of(E, ES, S, SS), List.of(E, EE, SE)));

	private final boolean responderStaticPreMessage;

	private final List<List<NoiseToken>> messages;

	HandshakePattern(boolean responderStaticPreMessage, List<List<NoiseToken>> messages) {
		this.responderStaticPreMessage = responderStaticPreMessage;
		this.messages = messages;
	}

	/**
	 * Returns how many handshake messages the pattern has.
	 * @return 2 or 3
	 */
	public int getMessageCount() {
		return this.messages.size();
	}

	/**
	 * Tells whether the initiator must know the responder's static key before the handshake
	 * (the pre-message {@code <- s}).
	 * @return {@code true} for XK and IK
	 */
	public boolean isResponderStaticKnownInAdvance() {
		return this.responderStaticPreMessage;
	}

	/**
	 * Tells whether a role sends a static key during (or before) the handshake, and so needs one.
	 * @param role the role
	 * @return {@code true} if that role needs a static key pair
	 */
	public boolean needsLocalStatic(NoiseRole role) {
		if (role == NoiseRole.RESPONDER && this.responderStaticPreMessage) {
			return true;
		}
		for (int i = 0; i < this.messages.size(); i++) {
			if (senderOf(i) == role && this.messages.get(i).contains(S)) {
				return true;
			}
		}
		return false;
	}

	List<NoiseToken> message(int index) {
		return this.messages.get(index);
	}

	static NoiseRole senderOf(int messageIndex) {
		return (messageIndex % 2 == 0) ? NoiseRole.INITIATOR : NoiseRole.RESPONDER;
	}

	static @Nullable HandshakePattern named(String name) {
		for (HandshakePattern pattern : values()) {
			if (pattern.name().equals(name)) {
				return pattern;
			}
		}
		return null;
	}

}
