/*
 * SWS v3, the client's side (docs/protocol-v3.md of the SWS repository): the framing of the
 * three handshake messages, the JSON payloads, the order of the checks, and the transport channel
 * with its rekey thresholds and the end of its counters. The Noise work is noise.js'; checking a
 * server certificate is the caller's (sws-client.js), through the verifyCertificate function it
 * passes in. Nothing here touches a socket: V3ClientHandshake takes and returns bytes.
 */
import nacl from 'tweetnacl';
import { KEY_LENGTH, textEncoder, strictUtf8, concat, equalBytes } from './bytes.js';
import { SwsError } from './errors.js';
import { NoiseError, HandshakeState, SUITES, MAX_MESSAGE_LENGTH, dhKeyPair } from './noise.js';

const MAGIC = Uint8Array.of(0x53, 0x57, 0x53, 0x03);
const MESSAGE_2_HEADER = 6;
const MESSAGE_3_HEADER = 5;
const TAG_LENGTH = 16;
/** Message 2 with an empty payload: header, e, encrypted s, the payload's tag. */
const MESSAGE_2_MIN = MESSAGE_2_HEADER + KEY_LENGTH + KEY_LENGTH + TAG_LENGTH + TAG_LENGTH;
/** The longest payload message 3 can carry: 65,535 less the encrypted s and the tag. */
const MAX_MESSAGE_3_PAYLOAD = MAX_MESSAGE_LENGTH - KEY_LENGTH - TAG_LENGTH - TAG_LENGTH;
const MAX_THRESHOLD = Number.MAX_SAFE_INTEGER;
const DEFAULT_REKEY = Object.freeze({ messages: 65536, bytes: 1073741824 });
const EMPTY = new Uint8Array(0);

/**
 * The client's side of one v3 handshake: start() gives message 1; onMessage2(frame) checks the
 * server and gives message 3; onReady(frame) takes the server's first transport message and
 * gives the channel. Each throws an SwsError with the failure reason of the specification's
 * section 12, and a failed handshake stays failed.
 *
 * options: {
 *   offer: suite ids in order of preference (default [1]), suites: id -> Noise protocol (SUITES),
 *   staticKeyPair: {publicKey, secretKey}, ownsStaticKey: true to wipe its secret after message 3,
 *   ephemeralSecret: 32 bytes (default: nacl.randomBytes), rekey: {messages, bytes} announced,
 *   certificate: this client's cert object or null, pinnedServerKeys: [Uint8Array],
 *   verifyCertificate: null, or function (cert, serverKey) that throws an SwsError for a refused cert
 * }
 */
class V3ClientHandshake {

	constructor(options) {
		this.offer = Uint8Array.from(options.offer || [1]);
		this.suites = options.suites || SUITES;
		this.staticKeyPair = options.staticKeyPair;
		this.ownsStaticKey = options.ownsStaticKey === true;
		this.ephemeralSecret = options.ephemeralSecret || null;
		this.rekey = options.rekey || DEFAULT_REKEY;
		this.certificate = options.certificate || null;
		this.pinnedServerKeys = options.pinnedServerKeys || [];
		this.verifyCertificate = options.verifyCertificate || null;
		this.state = 'new';
		this.prologue = null;
		this.ephemeral = null;
		this.noise = null;
		this.channel = null;
		this.peer = null;
		this.handshakeHash = null;
	}

	/** Message 1: the header with the offer (the prologue), then the ephemeral public key. */
	start() {
		this.expectState('new');
		this.prologue = concat([MAGIC, Uint8Array.of(1, this.offer.length), this.offer]);
		this.ephemeral = dhKeyPair(this.ephemeralSecret || nacl.randomBytes(KEY_LENGTH));
		this.state = 'message-2';
		return concat([this.prologue, this.ephemeral.publicKey]);
	}

	/**
	 * Message 2: header, length and suite, ReadMessage, the pinned key, the payload, the
	 * certificate (section 5.1's order); then message 3. Returns {message3, peer}; peer is
	 * {publicKey, certificate (the verified cert object, or null), requiredClientCert}.
	 */
	onMessage2(frame) {
		this.expectState('message-2');
		this.state = 'failed';
		try {
			requireHeader(frame, 2);
			if (frame.length < MESSAGE_2_MIN || frame.length - MESSAGE_2_HEADER > MAX_MESSAGE_LENGTH) {
				throw new SwsError('malformed-message', 'Message 2 has ' + frame.length + ' bytes; it needs '
					+ MESSAGE_2_MIN + ' to ' + (MESSAGE_2_HEADER + MAX_MESSAGE_LENGTH));
			}
			const protocol = this.offered(frame[5]);
			this.noise = new HandshakeState({ protocol, initiator: true, prologue: this.prologue, s: this.staticKeyPair,
				e: this.ephemeral });
			// message 1 went out before the suite was known; writing it again rebuilds the same transcript (5.5)
			this.noise.writeMessage(EMPTY);
			const payload = readNoise(this.noise, frame.subarray(MESSAGE_2_HEADER), 2);
			const serverKey = this.noise.remoteStatic;
			if (this.pinnedServerKeys.length > 0 && !this.pinnedServerKeys.some((pin) => equalBytes(pin, serverKey))) {
				throw new SwsError('pin-mismatch', 'The server key is not one of the pinned keys');
			}
			const received = readServerPayload(payload);
			let certificate = null;
			if (this.verifyCertificate !== null) {
				if (received.cert === undefined) {
					throw new SwsError('cert-missing', 'The server sent no certificate');
				}
				this.verifyCertificate(received.cert, serverKey);
				certificate = received.cert;
			}
			if (received.requireClientCert && this.certificate === null) {
				throw new SwsError('cert-missing', 'The server requires a client certificate and none is configured');
			}
			const message3 = concat([MAGIC, Uint8Array.of(3),
				writeNoise(this.noise, clientPayload(received.requireClientCert ? this.certificate : null, this.rekey))]);
			const { send, receive } = this.noise.split();
			this.handshakeHash = this.noise.handshakeHash;
			this.channel = new V3Channel(send, this.rekey, receive, received.rekey);
			this.peer = { publicKey: serverKey, certificate, requiredClientCert: received.requireClientCert };
			this.state = 'ready';
			return message3;
		}
		finally {
			if (this.state === 'failed') {
				this.destroy();
			}
			if (this.ownsStaticKey) {
				this.staticKeyPair.secretKey.fill(0); // a key pair for this connection only (section 7.3)
			}
		}
	}

	/**
	 * The server's first transport message, which must be the empty ready message (section 8).
	 * Returns the channel, with ready counted.
	 */
	onReady(frame) {
		this.expectState('ready');
		this.state = 'failed';
		let ready;
		try {
			ready = this.channel.open(frame);
		}
		catch (ex) {
			this.destroy();
			throw ex;
		}
		if (ready.length !== 0) {
			this.destroy();
			throw new SwsError('unexpected-message', 'The server\'s first transport message is not the empty ready message');
		}
		this.state = 'established';
		return this.channel;
	}

	/** Forgets every secret: the ephemeral key, the handshake and the channel. */
	destroy() {
		if (this.noise !== null) {
			this.noise.destroy();
		}
		else if (this.ephemeral !== null) {
			this.ephemeral.secretKey.fill(0);
		}
		if (this.channel !== null && this.state !== 'established') {
			this.channel.destroy();
		}
	}

	/** The protocol of the suite message 2 names, which must be one this client offered (section 5.3). */
	offered(id) {
		if (this.offer.indexOf(id) < 0 || !this.suites[id]) {
			throw new SwsError('unsupported-version', 'The server chose v3 suite ' + id + ', which this client did not '
				+ 'offer (' + Array.from(this.offer).join(', ') + ')');
		}
		return this.suites[id];
	}

	expectState(state) {
		if (this.state !== state) {
			throw new SwsError('unexpected-message', 'The v3 handshake is ' + this.state + ', not awaiting ' + state);
		}
	}

}

/** Checks the magic and the message number (section 5.1). */
function requireHeader(frame, expected) {
	if (frame.length <= MAGIC.length || !equalBytes(frame.subarray(0, MAGIC.length), MAGIC)) {
		throw new SwsError('malformed-message', 'Expected v3 handshake message ' + expected + ' but the frame of '
			+ frame.length + ' bytes does not start with 53 57 53 03 and a message number');
	}
	const number = frame[MAGIC.length];
	if (number < 1 || number > 3) {
		throw new SwsError('malformed-message', 'Unknown v3 handshake message number ' + number);
	}
	if (number !== expected) {
		throw new SwsError('unexpected-message', 'Expected v3 handshake message ' + expected + ' but received message '
			+ number);
	}
}

function readNoise(noise, message, number) {
	try {
		return noise.readMessage(message);
	}
	catch (ex) {
		throw noiseFailure(ex, 'v3 message ' + number, {
			'decrypt-failed': 'handshake-decrypt-failed', 'weak-key': 'weak-key', malformed: 'malformed-message'
		});
	}
}

function writeNoise(noise, payload) {
	try {
		return noise.writeMessage(payload);
	}
	catch (ex) {
		throw noiseFailure(ex, 'v3 message 3', { 'weak-key': 'weak-key' });
	}
}

function noiseFailure(ex, what, reasons) {
	if (!(ex instanceof NoiseError)) {
		return ex;
	}
	return new SwsError(reasons[ex.failure] || 'internal-error', what + ': ' + ex.message);
}

// ---------------------------------------------------------------------------------------------
// Payloads (section 6)

/** Message 3's payload: the certificate when the server asked for it, then the rekey thresholds. */
function clientPayload(certificate, rekey) {
	const payload = {};
	if (certificate !== null) {
		payload.cert = certificate;
	}
	payload.rekey = { messages: rekey.messages, bytes: rekey.bytes };
	return textEncoder.encode(JSON.stringify(payload));
}

/**
 * Reads message 2's payload: a UTF-8 JSON object without a duplicate name, a boolean
 * requireClientCert, a rekey object, a cert object if present; unknown members ignored.
 */
function readServerPayload(utf8) {
	let payload;
	let duplicates;
	try {
		const text = strictUtf8.decode(utf8);
		payload = JSON.parse(text);
		duplicates = hasDuplicateNames(text);
	}
	catch (ex) {
		throw malformedPayload('is not UTF-8 JSON');
	}
	if (duplicates) {
		throw malformedPayload('has a member name twice');
	}
	if (!isObject(payload)) {
		throw malformedPayload('is not a JSON object');
	}
	if (typeof payload.requireClientCert !== 'boolean') {
		throw malformedPayload('has no boolean requireClientCert');
	}
	if (payload.cert !== undefined && !isObject(payload.cert)) {
		throw malformedPayload('has a cert that is not an object');
	}
	return { cert: payload.cert, requireClientCert: payload.requireClientCert, rekey: readRekey(payload.rekey) };
}

function readRekey(rekey) {
	if (!isObject(rekey)) {
		throw malformedPayload('has no rekey object');
	}
	for (const name of ['messages', 'bytes']) {
		if (!isThreshold(rekey[name])) {
			throw malformedPayload('has a rekey.' + name + ' that is not an integer from 1 to 2^53 - 1');
		}
	}
	return { messages: rekey.messages, bytes: rekey.bytes };
}

/** An integer from 1 to 2^53 - 1 by value, whatever its spelling (1.0 and 1e3 are integers; section 6.1). */
function isThreshold(value) {
	return Number.isInteger(value) && value >= 1 && value <= MAX_THRESHOLD;
}

function malformedPayload(detail) {
	return new SwsError('malformed-trailer', 'Message 2\'s payload ' + detail);
}

function isObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether valid JSON text has a name twice in one object, at any depth: JSON.parse keeps the
 * last value, another parser may keep the first. Names are compared after unescaping.
 */
function hasDuplicateNames(text) {
	const open = [];
	let nameNext = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charAt(i);
		if (c === '"') {
			let end = i + 1;
			while (text.charAt(end) !== '"') {
				end += text.charAt(end) === '\\' ? 2 : 1;
			}
			const names = open[open.length - 1];
			if (nameNext && names) {
				const name = JSON.parse(text.substring(i, end + 1));
				if (names.has(name)) {
					return true;
				}
				names.add(name);
			}
			nameNext = false;
			i = end;
		}
		else if (c === '{' || c === '[') {
			open.push(c === '{' ? new Set() : null);
			nameNext = c === '{';
		}
		else if (c === '}' || c === ']') {
			open.pop();
		}
		else if (c === ',') {
			nameNext = open[open.length - 1] !== null;
		}
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// Transport (sections 9 to 11)

/**
 * The two CipherStates of Split(), one per direction, each with the thresholds its sender
 * announced: after the message that makes a direction's count reach `messages` or its
 * ciphertext bytes reach `bytes`, both sides Rekey() it and count from zero (section 10). A
 * direction whose n would be 2^64 - 1 fails with 'counter-exhausted' (1013, section 11).
 */
class V3Channel {

	constructor(sender, sendRekey, receiver, receiveRekey) {
		this.tx = new Direction(sender, sendRekey);
		this.rx = new Direction(receiver, receiveRekey);
	}

	/** The WebSocket message for a plaintext: ciphertext || tag. */
	seal(plaintext) {
		let frame;
		try {
			frame = this.tx.state.encryptWithAd(EMPTY, plaintext);
		}
		catch (ex) {
			throw transportFailure(ex);
		}
		this.tx.counted(frame.length);
		return frame;
	}

	/** The plaintext of a WebSocket message; 'decrypt-failed' for one that does not authenticate. */
	open(frame) {
		let plaintext;
		try {
			plaintext = this.rx.state.decryptWithAd(EMPTY, frame);
		}
		catch (ex) {
			throw transportFailure(ex);
		}
		this.rx.counted(frame.length);
		return plaintext;
	}

	destroy() {
		this.tx.state.destroy();
		this.rx.state.destroy();
	}

}

class Direction {

	constructor(state, thresholds) {
		this.state = state;
		this.thresholds = thresholds;
		this.messages = 0;
		this.bytes = 0;
	}

	counted(length) {
		this.messages++;
		this.bytes += length;
		if (this.messages >= this.thresholds.messages || this.bytes >= this.thresholds.bytes) {
			this.state.rekey();
			this.messages = 0;
			this.bytes = 0;
		}
	}

}

function transportFailure(ex) {
	if (!(ex instanceof NoiseError)) {
		return ex;
	}
	if (ex.failure === 'counter-exhausted') {
		return new SwsError('counter-exhausted', 'The v3 message counter reached 2^64 - 1; reconnect for fresh keys');
	}
	return new SwsError(ex.failure === 'wrong-state' ? 'internal-error' : 'decrypt-failed', ex.message);
}

export { V3ClientHandshake, V3Channel, MAGIC, DEFAULT_REKEY, MAX_THRESHOLD, MAX_MESSAGE_3_PAYLOAD, clientPayload,
	readServerPayload, hasDuplicateNames };
