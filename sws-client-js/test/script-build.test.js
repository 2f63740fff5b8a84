// The classic-script build as a page loads it: dist/sws-client.js runs in a realm of its own that
// holds only what a browser gives a page (no require, module, Buffer or tweetnacl), defines the
// global SwsWebSocket and nothing else, and speaks the original's transcripts byte for byte with
// the tweetnacl bundled into it, and SWS v3 with the bundled @noble/ciphers and @noble/hashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { vectors, transcript, replayTranscript, fromHex, toHex, base64 } from './support.js';
import { transcriptV3, replayV3 } from './v3-support.js';

const SCRIPT = readFileSync(new URL('../dist/sws-client.js', import.meta.url), 'utf8');

// Runs in the page's realm, so that its WebSocket hands the client that realm's ArrayBuffers and
// its TextEncoder returns that realm's Uint8Arrays, as a browser's do.
const BROWSER = `
globalThis.self = globalThis;
globalThis.window = globalThis;
globalThis.TextEncoder = class TextEncoder {
	encode(text) {
		return Uint8Array.from(host.encodeUtf8(text));
	}
};
globalThis.WebSocket = class WebSocket {
	constructor(url, protocols) {
		this.url = url;
		this.protocols = protocols;
		this.sent = [];
		WebSocket.last = this;
	}
	send(data) {
		this.sent.push(typeof data === 'string' ? data : host.toHex(data));
	}
	close(code) {
		this.closedWith = code;
	}
	open() {
		this.onopen({});
	}
	text(text) {
		this.onmessage({ data: text });
	}
	binary(hex) {
		this.onmessage({ data: Uint8Array.from(host.fromHex(hex)).buffer });
	}
};
`;

/**
 * A page at `location` whose crypto.getRandomValues returns these byte strings in order, with
 * the script build loaded; run(code) evaluates page code in it.
 */
function page(location, randomHex) {
	const random = randomHex.map(fromHex);
	const window = vm.createContext({
		EventTarget, Event, URL, Blob, DOMException, TextDecoder, atob, setTimeout, clearTimeout,
		location: { href: location },
		crypto: {
			getRandomValues(array) {
				const next = random.shift();
				if (!next || next.length !== array.length) {
					throw new Error(`Unscripted getRandomValues(${array.length} bytes)`);
				}
				array.set(next);
				return array;
			}
		},
		host: { encodeUtf8: (text) => new TextEncoder().encode(text), toHex, fromHex }
	});
	const run = (code) => vm.runInContext(code, window);
	run(BROWSER);
	const globals = () => run('Object.getOwnPropertyNames(globalThis)');
	const before = globals();
	vm.runInContext(SCRIPT, window, { filename: 'sws-client.js' });
	const defined = Array.from(globals()).filter((name) => !before.includes(name));
	return { run, defined };
}

test('the script defines the global SwsWebSocket and nothing else, not even nacl', () => {
	const { run, defined } = page('http://127.0.0.1:8080/', []);
	assert.deepEqual(defined, ['SwsWebSocket']);
	assert.equal(run('typeof SwsWebSocket'), 'function');
	assert.equal(run('typeof nacl'), 'undefined');
	const sha256 = createHash('sha256').update(new Uint8Array(32)).digest('hex');
	assert.equal(run('SwsWebSocket.fingerprint(new Uint8Array(32))'), sha256.slice(0, 32).match(/.{4}/g).join(':'));
});

test('the script replays the original v1 transcript, from a URL relative to the page', async () => {
	const { v, clientRandom } = transcript('handshake_v1');
	const { run } = page('http://127.0.0.1:47201/chat/index.html', clientRandom);
	const options = { version: 1, pinnedServerKeys: [base64(fromHex(v.server_box_public_key))],
		keyPair: { secretkey: Array.from(fromHex(v.client_box_secret_key)) } };
	const ws = run(`new SwsWebSocket('/wspp', ${JSON.stringify(options)})`);
	assert.equal(ws.url, 'ws://127.0.0.1:47201/wspp');
	await replayTranscript('handshake_v1', ws, run('WebSocket.last'));
	assert.equal(ws.peer.fingerprint, '622e:1e60:bad8:5fcf:b24b:82eb:478e:2eb3');
});

test('the script replays the original v2 transcript: the server certificate checked, the client certificate sent',
	async () => {
		const { v, clientRandom } = transcript('handshake_v2_requireCert');
		const { run } = page('http://127.0.0.1:47202/', clientRandom);
		const options = { version: 2, trustAnchors: [v.ca_cert], certificate: v.client_cert,
			keyPair: { secretkey: Array.from(fromHex(v.client_box_secret_key)) } };
		const ws = run(`new SwsWebSocket('ws://127.0.0.1:47202/wspp', ${JSON.stringify(options)})`);
		await replayTranscript('handshake_v2_requireCert', ws, run('WebSocket.last'));
		assert.deepEqual(JSON.parse(JSON.stringify(ws.peer.certificate)), v.server_cert);
	});

// Both vector CAs are named vector-ca.test: to the client, the server's cert is a forgery in that CA's name.
test('the script refuses a certificate in its CA\'s name but not signed by its key, as the Java side does', async () => {
	const { v, clientRandom } = transcript('handshake_v2_requireCert');
	const { run } = page('http://127.0.0.1:47202/', clientRandom.slice(0, 1));
	const options = { version: 2, trustAnchors: [vectors.nacl_cert.deterministic.ca_cert],
		keyPair: { secretkey: Array.from(fromHex(v.client_box_secret_key)) } };
	const ws = run(`new SwsWebSocket('ws://127.0.0.1:47202/wspp', ${JSON.stringify(options)})`);
	const seen = [];
	ws.onerror = (event) => seen.push(`error ${event.reason}: ${event.message}`);
	ws.onclose = (event) => seen.push(`close ${event.code} ${event.reason}`);
	const socket = run('WebSocket.last');
	socket.open();
	socket.text(transcript('handshake_v2_requireCert').serverFrames[0].text);
	assert.equal(socket.closedWith, 1000, 'a page may only close with 1000');
	socket.onclose({ code: 1000, reason: '', wasClean: true });
	assert.deepEqual(seen, [
		'error cert-bad-signature: The cert\'s signature does not verify with the key of CA "vector-ca.test"',
		'close 1008 cert-bad-signature'
	]);
	assert.equal(ws.readyState, ws.CLOSED);
});

test('the script speaks SWS v3: the mutual-certificates transcript byte for byte, rekeys included', async () => {
	const t = transcriptV3('mutual-certificates');
	const { run } = page(`http://${t.host}:8443/chat/`, [t.client.ephemeral_secret]);
	const options = { trustAnchors: [t.trust_anchor], certificate: t.client.cert, rekey: t.client.rekey,
		keyPair: { secretkey: Array.from(fromHex(t.client.static_secret)) }, inboundMessages: 'binary' };
	const ws = run(`new SwsWebSocket('/chat', Object.assign(${JSON.stringify(options)}, {
		now: function () { return ${Date.parse(t.time)}; } }))`);
	assert.equal(ws.url, `ws://${t.host}:8443/chat`);
	await replayV3(t, ws, run('WebSocket.last'));
	assert.equal(ws.peer.version, 3);
	assert.deepEqual(JSON.parse(JSON.stringify(ws.peer.certificate)), t.server.cert);
});
