package dev.sws.internal.wire;

import java.util.Arrays;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SwsProtocolException;

/**
 * Frames and parses the SWS v3 handshake messages (docs/protocol/sws-v3.md section 5): a header that
 * starts with the magic {@code 53 57 53 03} ("SWS", version 3) and a message number, then exactly
 * one Noise handshake message. The codec checks the header and the lengths; the Noise part is the
 * handshake state's to read. Every refusal is an {@link SwsProtocolException} with the reason of
 * the specification's table: a wrong magic, an unknown message number or a wrong length is
 * {@link FailureReason#MALFORMED_MESSAGE}, a known number in the wrong place
 * {@link FailureReason#UNEXPECTED_MESSAGE}.
 */
public final class V3HandshakeCodec {

	/** Noise's limit on one handshake message, in bytes. */
	public static final int MAX_NOISE_LENGTH = 65535;

	/** The most suites message 1 may offer. */
	public static final int MAX_SUITES = 8;

	/** Length of message 2's header: magic, number, suite. */
	public static final int MESSAGE_2_HEADER = 6;

	/** Length of message 3's header: magic, number. */
	public static final int MESSAGE_3_HEADER = 5;

	/** The longest handshake message: message 2's header and the longest Noise message. */
	public static final int MAX_MESSAGE_LENGTH = MESSAGE_2_HEADER + MAX_NOISE_LENGTH;

	private static final int KEY_LENGTH = 32;

	private static final int TAG_LENGTH = 16;

	/** Message 2 with an empty payload: header, {@code e}, encrypted {@code s}, the payload's tag. */
	public static final int MESSAGE_2_MIN = MESSAGE_2_HEADER + KEY_LENGTH + KEY_LENGTH + TAG_LENGTH + TAG_LENGTH;

	/** Message 3 with an empty payload: header, encrypted {@code s}, the payload's tag. */
	public static final int MESSAGE_3_MIN = MESSAGE_3_HEADER + KEY_LENGTH + TAG_LENGTH + TAG_LENGTH;

	private static final byte[] MAGIC = { 0x53, 0x57, 0x53, 0x03 };

	private static final int NUMBER_OFFSET = MAGIC.length;

	private static final int SUITES_OFFSET = 6;

	/**
	 * What a binary first message is, as far as its first four bytes tell (section 4).
	 */
	public enum FirstMessage {

		/** It starts with {@code 53 57 53 03}: a v3 message. */
		V3,

		/** It starts with {@code 53 57 53} and another version byte. */
		OTHER_SWS_VERSION,

		/** Anything else. */
		NOT_SWS

	}

	/**
	 * Message 1 as received.
	 *
	 * @param prologue its first {@code 6 + n} bytes, the prologue of both handshake states
	 * @param suiteIds the offered suite ids, in the client's order of preference
	 * @param noiseMessage the Noise message: the client's ephemeral key
	 */
	@SuppressWarnings("ArrayRecordComponent") // a carrier from the codec to one handshake: never compared or hashed
	public record MessageOne(byte[] prologue, byte[] suiteIds, byte[] noiseMessage) {
	}

	/**
	 * Message 2 as received.
	 *
	 * @param suiteId the suite the server chose, 0 to 255
	 * @param noiseMessage the Noise message
	 */
	@SuppressWarnings("ArrayRecordComponent") // a carrier from the codec to one handshake: never compared or hashed
	public record MessageTwo(int suiteId, byte[] noiseMessage) {
	}

	private V3HandshakeCodec() {
	}

	/**
	 * Tells what a binary first message is.
	 * @param frame the message
	 * @return its kind
	 */
	public static FirstMessage classify(byte[] frame) {
		if (frame.length < MAGIC.length || frame[0] != MAGIC[0] || frame[1] != MAGIC[1] || frame[2] != MAGIC[2]) {
			return FirstMessage.NOT_SWS;
		}
		return (frame[3] == MAGIC[3]) ? FirstMessage.V3 : FirstMessage.OTHER_SWS_VERSION;
	}

	/**
	 * Tells whether a message starts with the v3 magic.
	 * @param frame the message
	 * @return {@code true} if its first four bytes are {@code 53 57 53 03}
	 */
	public static boolean hasMagic(byte[] frame) {
		return classify(frame) == FirstMessage.V3;
	}

	/**
	 * Returns message 1's header, which is also the prologue: magic, number 1, the number of suites
	 * and their ids.
	 * @param suiteIds the ids to offer, in order of preference
	 * @return the header
	 */
	public static byte[] prologue(byte[] suiteIds) {
		if (suiteIds.length < 1 || suiteIds.length > MAX_SUITES) {
			throw new IllegalArgumentException("A v3 client offers 1 to 8 suites, not " + suiteIds.length);
		}
		return HandshakeTrailers.concat(MAGIC, new byte[] { 1, (byte) suiteIds.length }, suiteIds);
	}

	/**
	 * Returns message 1.
	 * @param prologue the header from {@link #prologue}
	 * @param ephemeralPublicKey the client's ephemeral public key
	 * @return the whole message
	 */
	public static byte[] message1(byte[] prologue, byte[] ephemeralPublicKey) {
		return HandshakeTrailers.concat(prologue, ephemeralPublicKey);
	}

	/**
	 * Parses message 1 (section 5.2): exactly {@code 6 + n + 32} bytes, 1 to 8 suites, no id twice.
	 * @param frame the message
	 * @return its parts
	 * @throws SwsProtocolException if the header or the length is wrong
	 */
	public static MessageOne readMessage1(byte[] frame) {
		requireHeader(frame, 1);
		if (frame.length <= SUITES_OFFSET) {
			throw malformed("Message 1 ends before its suite list");
		}
		int count = frame[SUITES_OFFSET - 1] & 0xFF;
		if (count < 1 || count > MAX_SUITES) {
			throw malformed("Message 1 offers " + count + " suites; 1 to 8 are allowed");
		}
		int prologueLength = SUITES_OFFSET + count;
		if (frame.length != prologueLength + KEY_LENGTH) {
			throw malformed("Message 1 offering " + count + " suites must have " + (prologueLength + KEY_LENGTH)
					+ " bytes, not " + frame.length);
		}
		byte[] suiteIds = Arrays.copyOfRange(frame, SUITES_OFFSET, prologueLength);
		for (int i = 0; i < suiteIds.length; i++) {
			for (int j = i + 1; j < suiteIds.length; j++) {
				if (suiteIds[i] == suiteIds[j]) {
					throw malformed("Message 1 offers suite " + (suiteIds[i] & 0xFF) + " twice");
				}
			}
		}
		return new MessageOne(Arrays.copyOf(frame, prologueLength), suiteIds,
				Arrays.copyOfRange(frame, prologueLength, frame.length));
	}

	/**
	 * Returns message 2.
	 * @param suiteId the chosen suite
	 * @param noiseMessage the server's Noise message
	 * @return the whole message
	 */
	public static byte[] message2(int suiteId, byte[] noiseMessage) {
		return HandshakeTrailers.concat(MAGIC, new byte[] { 2, (byte) suiteId }, noiseMessage);
	}

	/**
	 * Parses message 2 (section 5.3): at least 102 bytes, a Noise part of at most 65,535.
	 * @param frame the message
	 * @return its parts
	 * @throws SwsProtocolException if the header or the length is wrong
	 */
	public static MessageTwo readMessage2(byte[] frame) {
		requireHeader(frame, 2);
		requireLength(frame, 2, MESSAGE_2_MIN, MESSAGE_2_HEADER);
		return new MessageTwo(frame[SUITES_OFFSET - 1] & 0xFF, Arrays.copyOfRange(frame, MESSAGE_2_HEADER, frame.length));
	}

	/**
	 * Returns message 3.
	 * @param noiseMessage the client's Noise message
	 * @return the whole message
	 */
	public static byte[] message3(byte[] noiseMessage) {
		return HandshakeTrailers.concat(MAGIC, new byte[] { 3 }, noiseMessage);
	}

	/**
	 * Parses message 3 (section 5.4): at least 69 bytes, a Noise part of at most 65,535.
	 * @param frame the message
	 * @return its Noise part
	 * @throws SwsProtocolException if the header or the length is wrong
	 */
	public static byte[] readMessage3(byte[] frame) {
		requireHeader(frame, 3);
		requireLength(frame, 3, MESSAGE_3_MIN, MESSAGE_3_HEADER);
		return Arrays.copyOfRange(frame, MESSAGE_3_HEADER, frame.length);
	}

	private static void requireHeader(byte[] frame, int expected) {
		if (frame.length <= NUMBER_OFFSET || !hasMagic(frame)) {
			throw malformed("Expected v3 handshake message " + expected + " but the frame of " + frame.length
					+ " bytes does not start with 53 57 53 03 and a message number");
		}
		int number = frame[NUMBER_OFFSET] & 0xFF;
		if (number < 1 || number > 3) {
			throw malformed("Unknown v3 handshake message number " + number);
		}
		if (number != expected) {
			throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"Expected v3 handshake message " + expected + " but received message " + number);
		}
	}

	private static void requireLength(byte[] frame, int number, int minimum, int headerLength) {
		if (frame.length < minimum || frame.length - headerLength > MAX_NOISE_LENGTH) {
			throw malformed("Message " + number + " has " + frame.length + " bytes; it needs " + minimum + " to "
					+ (headerLength + MAX_NOISE_LENGTH));
		}
	}

	private static SwsProtocolException malformed(String detail) {
		return new SwsProtocolException(FailureReason.MALFORMED_MESSAGE, detail);
	}

}
