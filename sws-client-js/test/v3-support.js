// Test support for SWS v3: the vectors (the files the Java tests read), AES-GCM from Node's crypto for
// the vectors of the suite the client leaves out, and a v3 server played by the test. The server is
// the glue of docs/protocol-v3.md around a Noise HandshakeState (the client's Noise core, in the
// responder role, which the cacophony vectors check on their own) and its own rekey bookkeeping:
// a port of the Java test-only V3Transcript, and it reproduces the server's side of the vectors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SwsWebSocket, FakeSocket, record, fromHex, toHex } from './support.js';

const noise = SwsWebSocket._internals.noise;

/** Maven passes the paths (the tests run from a copy of the package under target/). */
function readVectors(variable, path) {
	return JSON.parse(readFileSync(process.env[variable] ?? new URL(`../../${path}`, import.meta.url), 'utf8'));
}

const v3Vectors = readVectors('SWS_V3_VECTORS', 'sws-core/src/test/resources/protocol/v3-vectors.json');
const noiseVectors = readVectors('SWS_NOISE_VECTORS', 'sws-core/src/test/resources/noise/cacophony-subset.json');

const MAGIC = [0x53, 0x57, 0x53, 0x03];
const EMPTY = new Uint8Array(0);
const DEFAULT_REKEY = { messages: 65536, bytes: 1073741824 };
const utf8 = (text) => new TextEncoder().encode(text);
const text = (bytes) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const join = (...parts) => Uint8Array.from(parts.flatMap((part) => Array.from(part)));

/** A transcript of the v3 vectors by name. */
const transcriptV3 = (name) => v3Vectors.transcripts.find((t) => t.name === name);

/** The options of the transcript's client (JSON-safe but for now). */
const clientOptionsV3 = (t) => ({
	keyPair: { secretKey: fromHex(t.client.static_secret) },
	rekey: t.client.rekey,
	now: () => Date.parse(t.time),
	...(t.trust_anchor ? { trustAnchors: [t.trust_anchor] } : {}),
	...(t.pinned_server_keys ? { pinnedServerKeys: t.pinned_server_keys.map(fromHex) } : {}),
	...(t.server_requires_client_cert ? { certificate: t.client.cert } : {})
});

/**
 * Plays the server's recorded messages to `ws` over `socket` and checks every message the client
 * writes and every plaintext it delivers; returns the delivered plaintexts in hex.
 */
async function replayV3(t, ws, socket) {
	const events = record(ws);
	ws.binaryType = 'arraybuffer';
	socket.open();
	assert.equal(socket.sent[0], t.handshake[0].websocket_message, 'message 1');
	socket.binary(t.handshake[1].websocket_message);
	assert.equal(socket.sent[1], t.handshake[2].websocket_message, 'message 3');
	assert.equal(ws.readyState, SwsWebSocket.CONNECTING, 'not open before ready');
	const [ready, ...transport] = t.transport;
	socket.binary(ready.websocket_message);
	await events.next('open');
	let sent = 2;
	for (const message of transport) {
		if (message.direction === 'client->server') {
			ws.send(fromHex(message.plaintext));
			assert.equal(socket.sent[sent++], message.websocket_message, `client n=${message.n}`);
		}
		else {
			socket.binary(message.websocket_message);
			const received = await events.next('message');
			assert.equal(toHex(new Uint8Array(received.data)), message.plaintext, `server n=${message.n}`);
		}
	}
	assert.equal(socket.sent.length, sent, 'nothing else sent');
	assert.ok(!events.types().includes('error'));
	return events;
}

/** AESGCM of Noise section 12.4: AES-256-GCM with 32 zero bits then n as 64-bit big-endian; Node's crypto. */
const AESGCM = Object.freeze({
	name: 'AESGCM',
	encrypt(key, n, ad, plaintext) {
		const cipher = createCipheriv('aes-256-gcm', key, bigEndianNonce(n)).setAAD(ad);
		return join(cipher.update(plaintext), cipher.final(), cipher.getAuthTag());
	},
	decrypt(key, n, ad, ciphertext) {
		try {
			const decipher = createDecipheriv('aes-256-gcm', key, bigEndianNonce(n)).setAAD(ad);
			decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
			return join(decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final());
		}
		catch (ex) {
			return null;
		}
	}
});

function bigEndianNonce(n) {
	const nonce = new Uint8Array(12);
	new DataView(nonce.buffer).setBigUint64(4, n, false);
	return nonce;
}

/** The Noise protocol of a cacophony name, e.g. Noise_XX_25519_AESGCM_SHA256. */
function protocolNamed(name) {
	const [, pattern, dh, cipher, hash] = name.split('_');
	if (pattern !== 'XX' || dh !== '25519') {
		throw new Error(`not an XX protocol over 25519: ${name}`);
	}
	return noise.xxProtocol({ ChaChaPoly: noise.CHACHAPOLY, AESGCM }[cipher], { BLAKE2b: noise.BLAKE2B, SHA256: noise.SHA256 }[hash]);
}

/** The suites by id, 0x02 included: what the Java server speaks. */
const ALL_SUITES = Object.freeze({ 1: noise.SUITES[1], 2: protocolNamed('Noise_XX_25519_AESGCM_SHA256') });

/** One transport direction at one end: a CipherState and the thresholds its sender announced. */
class TestDirection {

	constructor(state, thresholds) {
		this.state = state;
		this.thresholds = thresholds;
		this.messages = 0;
		this.bytes = 0;
		this.rekeys = 0;
	}

	/** Section 10: after the message that reaches a threshold, Rekey() and count from zero. */
	count(length) {
		this.messages++;
		this.bytes += length;
		if (this.messages >= this.thresholds.messages || this.bytes >= this.thresholds.bytes) {
			this.state.rekey();
			this.messages = 0;
			this.bytes = 0;
			this.rekeys++;
		}
	}

}

/**
 * A v3 server played by the test: answer(message 1) gives message 2, finish(message 3) reads the
 * client's payload, then ready(), seal() and open() run the transport.
 *
 * options: keyPair (its static key pair; may be a forged one), ephemeral (a key pair) or
 * ephemeralSecret, cert, requireClientCert, rekey, suites (id -> protocol)
 */
class V3TestServer {

	constructor({ keyPair = randomKeyPair(), ephemeral = null, ephemeralSecret = null, cert = null,
		requireClientCert = false, rekey = DEFAULT_REKEY, suites = ALL_SUITES } = {}) {
		this.keyPair = keyPair;
		this.ephemeral = ephemeral ?? (ephemeralSecret ? noise.dhKeyPair(fromHex(ephemeralSecret)) : randomKeyPair());
		this.cert = cert;
		this.requireClientCert = requireClientCert;
		this.rekey = rekey;
		this.suites = suites;
	}

	/**
	 * Reads message 1 and writes message 2. Overrides, to play a broken or hostile server: payload
	 * (its text or bytes), suite (the id in the header), protocol (the suite the transcript really uses).
	 */
	answer(message1, { payload, suite, protocol } = {}) {
		if (message1[4] !== 1 || !MAGIC.every((byte, i) => message1[i] === byte)) {
			throw new Error('not a v3 message 1');
		}
		const prologue = message1.slice(0, 6 + message1[5]);
		const offer = Array.from(prologue.subarray(6));
		const chosen = suite ?? offer.find((id) => this.suites[id]);
		this.noise = new noise.HandshakeState({ protocol: protocol ?? this.suites[chosen], initiator: false, prologue,
			s: this.keyPair, e: this.ephemeral });
		this.noise.readMessage(message1.subarray(prologue.length));
		const content = payload ?? JSON.stringify({ ...(this.cert ? { cert: this.cert } : {}),
			requireClientCert: this.requireClientCert, rekey: this.rekey });
		return join(MAGIC, [2, chosen], this.noise.writeMessage(typeof content === 'string' ? utf8(content) : content));
	}

	/** Reads message 3; returns the client's payload text. The transport keys are ready. */
	finish(message3) {
		if (message3[4] !== 3 || !MAGIC.every((byte, i) => message3[i] === byte)) {
			throw new Error('not a v3 message 3');
		}
		const payload = text(this.noise.readMessage(message3.subarray(5)));
		this.clientStatic = this.noise.remoteStatic;
		this.handshakeHash = this.noise.handshakeHash;
		const { send, receive } = this.noise.split();
		this.tx = new TestDirection(send, this.rekey);
		this.rx = new TestDirection(receive, JSON.parse(payload).rekey);
		return payload;
	}

	/** The ready message: the encryption of nothing, n = 0. */
	ready() {
		return this.seal(EMPTY);
	}

	seal(plaintext) {
		const frame = this.tx.state.encryptWithAd(EMPTY, plaintext);
		this.tx.count(frame.length);
		return frame;
	}

	open(frame) {
		const plaintext = this.rx.state.decryptWithAd(EMPTY, frame);
		this.rx.count(frame.length);
		return plaintext;
	}

}

/**
 * An X25519 key pair from Node's random source: the client's is the page's crypto.getRandomValues,
 * which some tests script.
 */
function randomKeyPair() {
	return noise.dhKeyPair(new Uint8Array(randomBytes(32)));
}

/** The bytes the client sent as its index-th WebSocket message (FakeSocket keeps binary ones as hex). */
const sentBytes = (socket, index) => fromHex(socket.sent[index]);

/**
 * A v3 client on a FakeSocket, opened, message 1 sent. The client pins the server's key unless
 * the options say how to trust it.
 */
function connectV3(options = {}, serverOptions = {}) {
	const server = serverOptions instanceof V3TestServer ? serverOptions : new V3TestServer(serverOptions);
	const trust = options.trustAnchors || options.pinnedServerKeys || options.insecureAcceptAnyServerKey ? {}
		: { pinnedServerKeys: [server.keyPair.publicKey] };
	const ws = new SwsWebSocket(options.url ?? 'ws://localhost:8443/chat', { WebSocket: FakeSocket, ...trust, ...options });
	ws.binaryType = 'arraybuffer';
	const events = record(ws);
	const socket = FakeSocket.last;
	socket.open();
	return { ws, events, socket, server, message1: sentBytes(socket, 0) };
}

/** Sends bytes from the played server to the client. */
function deliver(socket, bytes) {
	socket.binary(toHex(bytes));
}

/** A v3 session through ready: the client open, the server holding the transport keys. */
async function openV3(options, serverOptions) {
	const session = connectV3(options, serverOptions);
	const { socket, server, events, message1 } = session;
	deliver(socket, server.answer(message1));
	session.clientPayload = server.finish(sentBytes(socket, 1));
	deliver(socket, server.ready());
	await events.next('open');
	return session;
}

export { noise, v3Vectors, transcriptV3, clientOptionsV3, replayV3, randomKeyPair, noiseVectors, AESGCM, ALL_SUITES, DEFAULT_REKEY, MAGIC, protocolNamed, V3TestServer,
	connectV3, openV3, deliver, sentBytes, utf8, text, join };
