// Test support for the SWS client: the vectors, a scripted random source, a fake WebSocket that
// plays the server's side, and a throwaway CA. The client under test is the built ES module,
// imported by the package's own name (its exports map), as a user's code imports it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import nacl from 'tweetnacl';
import { SwsWebSocket } from 'sws-client';

/**
 * The protocol's recorded vectors, the file the Java tests read (sws-test-support): Maven passes its
 * path in SWS_VECTORS, since the tests run from a staged copy of the package under target/.
 */
const vectorsFile = process.env.SWS_VECTORS
	?? new URL('../../sws-test-support/src/core-fixtures/resources/protocol/vectors.json', import.meta.url);
const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8'));

const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');
const base64 = (bytes) => Buffer.from(bytes).toString('base64');

// The client bundles its own tweetnacl, which draws from Web Crypto's getRandomValues: the tests
// script that, as a page's scripts could, and the test's own tweetnacl (Node's crypto) is untouched.
const webCrypto = globalThis.crypto;

/** Gives the client the platform's random source back. */
function secureRandom() {
	delete webCrypto.getRandomValues;
}

/** Makes the client's random source return these byte strings, in this order, then fail. */
function scriptRandom(hexValues) {
	const queue = hexValues.map(fromHex);
	webCrypto.getRandomValues = (target) => {
		const next = queue.shift();
		if (!next || next.length !== target.length) {
			throw new Error(`Unscripted getRandomValues(${target.length} bytes)`);
		}
		target.set(next);
		return target;
	};
}

/**
 * The messages of one of the original's recorded transcripts, by direction, and what the client
 * drew from its random source: Nc1, then Nc2 and Kc (Ns and Ks are the server's).
 */
function transcript(name) {
	const v = vectors[name];
	const frames = v.frames.filter((frame) => frame.opcode !== undefined);
	return {
		v,
		clientFrames: frames.filter((frame) => frame.dir === 'C->S'),
		serverFrames: frames.filter((frame) => frame.dir === 'S->C'),
		clientRandom: [v.prng_outputs_in_call_order[0], v.prng_outputs_in_call_order[3], v.prng_outputs_in_call_order[4]]
	};
}

/**
 * Plays the server's side of a recorded transcript to a client that has drawn the transcript's
 * random bytes: the client must send the recorded ClientHello, ClientReady and data frames, byte
 * for byte, and deliver the server's messages. `socket` is the fake WebSocket under `ws`.
 */
async function replayTranscript(name, ws, socket) {
	const { v, clientFrames, serverFrames } = transcript(name);
	ws.binaryType = 'arraybuffer';
	const events = record(ws);
	assert.equal(ws.readyState, ws.CONNECTING);
	socket.open();
	assert.equal(socket.sent[0], clientFrames[0].text, 'ClientHello');
	socket.text(serverFrames[0].text);
	assert.equal(socket.sent[1], clientFrames[1].text, 'ClientReady');
	await events.next('open');
	assert.equal(ws.readyState, ws.OPEN);
	assert.equal(toHex(ws.peer.publicKey), v.server_box_public_key);
	v.app_messages_client_to_server_hex.forEach((hex) => ws.send(fromHex(hex)));
	assert.deepEqual(Array.from(socket.sent).slice(2), clientFrames.slice(2).map((frame) => frame.hex), 'data frames');
	serverFrames.slice(1).forEach((frame) => socket.binary(frame.hex));
	const received = events.events.filter((e) => e.type === 'message').map((e) => e.data);
	assert.equal(received[0], 'hello sws', 'UTF-8 arrives as a string');
	assert.equal(received[1], '', 'the empty message');
	// toString, not instanceof: a page's ArrayBuffer comes from the page's realm
	assert.equal(Object.prototype.toString.call(received[2]), '[object ArrayBuffer]', 'non-UTF-8 arrives as binaryType says');
	assert.equal(toHex(new Uint8Array(received[2])), v.app_messages_client_to_server_hex[2]);
	return events;
}

/** The SWS nonce of a counter: its 8 bytes repeated three times. */
function nonce24(counter) {
	const nonce = new Uint8Array(24);
	[0, 8, 16].forEach((offset) => nonce.set(counter, offset));
	return nonce;
}

/** Adds one to a little-endian 8-byte counter. */
function increment(counter) {
	for (let i = 0; i < 8 && ++counter[i] === 256; i++) {
		counter[i] = 0;
	}
}

/** A WebSocket the test drives from the server's side. */
class FakeSocket {

	constructor(url, protocols) {
		this.url = url;
		this.protocols = protocols;
		this.readyState = 0;
		this.sent = [];
		this.closedWith = null;
		FakeSocket.last = this;
	}

	send(data) {
		this.sent.push(typeof data === 'string' ? data : toHex(data));
	}

	close(code, reason) {
		if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
			throw new Error('InvalidAccessError');
		}
		this.closedWith = { code, reason };
		if (this.readyState < 2) {
			this.readyState = 2;
			setImmediate(() => this.serverClose(code === undefined ? 1005 : code, reason || ''));
		}
	}

	open() {
		this.readyState = 1;
		this.onopen({});
	}

	text(text) {
		this.onmessage({ data: text });
	}

	binary(hex) {
		const bytes = fromHex(hex);
		this.onmessage({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
	}

	serverClose(code, reason) {
		if (this.readyState === 3) {
			return;
		}
		this.readyState = 3;
		this.onclose({ code, reason: reason || '', wasClean: true });
	}

}

/** Records a socket's events in order; next(type) waits for the following event of that type. */
function record(ws) {
	const events = [];
	const pending = new Set();
	const consumed = {};
	for (const type of ['open', 'message', 'error', 'close']) {
		ws.addEventListener(type, (event) => {
			events.push(event);
			[...pending].forEach((check) => check());
		});
	}
	return {
		events,
		types: () => events.map((e) => e.type),
		next(type, timeoutMs = 2000) {
			const index = consumed[type] = (consumed[type] || 0) + 1;
			const find = () => events.filter((e) => e.type === type)[index - 1];
			return new Promise((resolve, reject) => {
				if (find()) {
					resolve(find());
					return;
				}
				const check = () => {
					if (find()) {
						clearTimeout(timer);
						pending.delete(check);
						resolve(find());
					}
				};
				const timer = setTimeout(() => {
					pending.delete(check);
					reject(new Error(`no ${type} event #${index} within ${timeoutMs} ms`));
				}, timeoutMs);
				pending.add(check);
			});
		}
	};
}

/** Waits for a refusal during the handshake: the error with this reason, then the close with this code. */
async function expectFailure(events, reason, code) {
	const error = await events.next('error');
	assert.equal(error.reason, reason, error.message);
	const close = await events.next('close');
	assert.equal(close.code, code);
	assert.equal(close.reason, reason);
	assert.equal(close.wasClean, false);
	assert.ok(!events.types().includes('open'), 'never open');
	return error;
}

/** Waits for a failure after open: the error with this reason, then the close with this code. */
async function expectFailureAfterOpen(events, reason, code) {
	const error = await events.next('error');
	assert.equal(error.reason, reason);
	const close = await events.next('close');
	assert.equal(close.code, code);
	assert.equal(close.reason, reason);
}

/** A CA made with tweetnacl, issuing certs as the original nacl-cert does. */
class TestCa {

	constructor(name, tte, keyPair) {
		this.keyPair = keyPair || nacl.sign.keyPair();
		this.name = name;
		this.cert = TestCa.sign({ version: '1.0', type: 'self', ca: name, tte, publickey: Array.from(this.keyPair.publicKey),
			signtime: Date.now(), gid: '00000000-0000-4000-8000-000000000000' }, this.keyPair.secretKey);
	}

	static sign(desc, secretKey) {
		const signature = nacl.sign.detached(new TextEncoder().encode(JSON.stringify(desc)), secretKey);
		return { desc, sign: { signature: Array.from(signature) } };
	}

	issue(boxPublicKey, { names = ['localhost'], ips = ['127.0.0.1'], tte = this.cert.desc.tte, ca = this.name,
		type = 'ca' } = {}) {
		return TestCa.sign({ version: '1.0', type, tte, publickey: Array.from(boxPublicKey), names, ips, ca,
			signtime: Date.now(), gid: '00000000-0000-4000-8000-000000000001' }, this.keyPair.secretKey);
	}

}

const YEAR = 365 * 24 * 3600 * 1000;

export { nacl, SwsWebSocket, vectors, fromHex, toHex, base64, secureRandom, scriptRandom, transcript, replayTranscript,
	nonce24, increment, FakeSocket, record, TestCa, YEAR, expectFailure, expectFailureAfterOpen };
