// SwsWebSocket against the original's recorded transcripts, then every way a handshake or a
// session can fail, and the WebSocket API that @stomp/stompjs relies on.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { nacl, SwsWebSocket, vectors, fromHex, toHex, base64, secureRandom, scriptRandom, transcript, replayTranscript,
	nonce24, increment, FakeSocket, record, TestCa, YEAR, expectFailure, expectFailureAfterOpen } from './support.js';

afterEach(secureRandom);

async function replay(name, url, options) {
	const { v, clientRandom } = transcript(name);
	scriptRandom(clientRandom);
	const ws = new SwsWebSocket(url, { keyPair: { secretKey: fromHex(v.client_box_secret_key) }, WebSocket: FakeSocket,
		...options });
	const socket = FakeSocket.last;
	const events = await replayTranscript(name, ws, socket);
	return { ws, socket, events };
}

test('v1 reproduces the original transcript byte for byte', async () => {
	const { ws } = await replay('handshake_v1', 'ws://127.0.0.1:47201/wspp',
		{ version: 1, pinnedServerKeys: [base64(fromHex(vectors.handshake_v1.server_box_public_key))] });
	assert.equal(ws.peer.version, 1);
	assert.equal(ws.peer.certificate, null);
	assert.equal(ws.peer.fingerprint, '622e:1e60:bad8:5fcf:b24b:82eb:478e:2eb3');
});

test('v2 with a required client certificate reproduces the original transcript', async () => {
	const v = vectors.handshake_v2_requireCert;
	const { ws } = await replay('handshake_v2_requireCert', 'ws://127.0.0.1:47202/wspp',
		{ version: 2, trustAnchors: [v.ca_cert], certificate: v.client_cert });
	assert.deepEqual(ws.peer.certificate, v.server_cert);
});

test('v2 accepts the trust anchor as JSON text and matches localhost by name', async () => {
	const v = vectors.handshake_v2_requireCert;
	const { clientFrames, serverFrames, clientRandom } = transcript('handshake_v2_requireCert');
	scriptRandom(clientRandom);
	const ws = new SwsWebSocket('ws://LOCALHOST.:47202/wspp', { version: 2, trustAnchors: [JSON.stringify(v.ca_cert)],
		certificate: JSON.stringify(v.client_cert), keyPair: { secretkey: Array.from(fromHex(v.client_box_secret_key)) },
		WebSocket: FakeSocket });
	const events = record(ws);
	FakeSocket.last.open();
	FakeSocket.last.text(serverFrames[0].text);
	assert.equal(FakeSocket.last.sent[1], clientFrames[1].text);
	await events.next('open');
});

function connectV1(options = {}) {
	const server = nacl.box.keyPair();
	const ws = new SwsWebSocket('ws://127.0.0.1:1/chat', { version: 1, pinnedServerKeys: [base64(server.publicKey)],
		WebSocket: FakeSocket, ...options });
	const events = record(ws);
	const socket = FakeSocket.last;
	socket.open();
	const hello = JSON.parse(socket.sent[0]);
	return { ws, events, socket, server, hello };
}

/** Plays a server: answers the ClientHello with a ServerHello carrying this plaintext. */
function serverHello(server, hello, { version = hello.version, plaintext, publicKey = server.publicKey } = {}) {
	const nonce = Uint8Array.from(hello.nonce);
	const shared = nacl.box.before(Uint8Array.from(hello.client_public_key), server.secretKey);
	const n24 = new Uint8Array(24);
	[0, 8, 16].forEach((offset) => n24.set(nonce, offset));
	const box = nacl.secretbox(plaintext || nacl.randomBytes(40), n24, shared);
	return JSON.stringify({ opc: 1, version, server_public_key: Array.from(publicKey), s_blackbox_a: Array.from(box) });
}

test('a server key that is not pinned is refused', async () => {
	const { events, socket, hello } = connectV1();
	socket.text(serverHello(nacl.box.keyPair(), hello));
	await expectFailure(events, 'pin-mismatch', 1008);
	assert.equal(socket.closedWith.code, 1000, 'a browser may only close with 1000');
});

test('a low-order server key is refused before anything else', async () => {
	const { events, socket, server, hello } = connectV1();
	const lowOrder = new Uint8Array(32);
	lowOrder[0] = 1;
	socket.text(serverHello(server, hello, { publicKey: lowOrder }));
	await expectFailure(events, 'weak-key', 1008);
});

test('a ServerHello box that does not open is refused', async () => {
	const { events, socket, server, hello } = connectV1();
	socket.text(serverHello(server, { ...hello, nonce: [1, 2, 3, 4, 5, 6, 7, 8] }));
	await expectFailure(events, 'handshake-decrypt-failed', 1008);
});

test('a v1 ServerHello with a trailer is refused', async () => {
	const { events, socket, server, hello } = connectV1();
	socket.text(serverHello(server, hello, { plaintext: nacl.randomBytes(41) }));
	await expectFailure(events, 'malformed-trailer', 1002);
});

test('a ServerHello in another version is refused', async () => {
	const { events, socket, server, hello } = connectV1();
	socket.text(serverHello(server, hello, { version: 2 }));
	await expectFailure(events, 'unsupported-version', 1002);
});

for (const [name, text, reason] of [
	['not JSON', '{"opc":1,', 'malformed-message'],
	['an array', '[1]', 'malformed-message'],
	['an unknown opc', '{"opc":7,"version":1}', 'malformed-message'],
	['a string version', '{"opc":1,"version":"1","server_public_key":[],"s_blackbox_a":[]}', 'malformed-message'],
	['an extra field', '{"opc":2,"version":1,"s_blackbox_a":[],"x":1}', 'malformed-message'],
	['a short key', `{"opc":1,"version":1,"server_public_key":[1,2],"s_blackbox_a":${JSON.stringify(Array(56).fill(0))}}`,
		'malformed-message'],
	['a byte out of range', `{"opc":1,"version":1,"server_public_key":${JSON.stringify(Array(32).fill(256))},"s_blackbox_a":[]}`,
		'malformed-message'],
	['a ClientReady', `{"opc":2,"version":1,"s_blackbox_a":${JSON.stringify(Array(56).fill(0))}}`, 'unexpected-message']
]) {
	test(`a handshake message that is ${name} is refused`, async () => {
		const { events, socket } = connectV1();
		socket.text(text);
		await expectFailure(events, reason, 1002);
	});
}

test('an oversized handshake message is refused', async () => {
	const { events, socket } = connectV1({ maxHandshakeMessageSize: 300 });
	socket.text(' '.repeat(301));
	await expectFailure(events, 'message-too-large', 1009);
});

test('a binary frame during the handshake is refused', async () => {
	const { events, socket } = connectV1();
	socket.binary('00');
	await expectFailure(events, 'unexpected-frame-type', 1003);
});

test('a stalled handshake times out', async () => {
	const { events } = connectV1({ handshakeTimeout: 30 });
	await expectFailure(events, 'handshake-timeout', 1008);
});

test('a server that closes during the handshake refused the client', async () => {
	const { events, socket } = connectV1();
	socket.serverClose(1002, '');
	const error = await events.next('error');
	assert.equal(error.reason, 'refused-by-peer');
	const close = await events.next('close');
	assert.equal(close.code, 1002);
	assert.equal(close.reason, 'refused-by-peer');
});

test('a socket that cannot connect reports connect-failed', async () => {
	const ws = new SwsWebSocket('ws://127.0.0.1:1/chat', { version: 1, insecureAcceptAnyServerKey: true,
		WebSocket: FakeSocket });
	const events = record(ws);
	FakeSocket.last.onerror({});
	FakeSocket.last.serverClose(1006, '');
	assert.equal((await events.next('error')).reason, 'connect-failed');
	assert.equal((await events.next('close')).code, 1006);
});

async function openV1(options) {
	const connection = connectV1(options);
	const { socket, server, hello, events } = connection;
	const plaintext = nacl.randomBytes(40);
	socket.text(serverHello(server, hello, { plaintext }));
	await events.next('open');
	const ready = JSON.parse(socket.sent[1]);
	const shared = nacl.box.before(Uint8Array.from(hello.client_public_key), server.secretKey);
	const clientPlain = nacl.secretbox.open(Uint8Array.from(ready.s_blackbox_a), nonce24(plaintext.subarray(0, 8)), shared);
	return {
		...connection,
		serverCounter: plaintext.slice(0, 8),
		serverKey: plaintext.slice(8, 40),
		clientCounter: clientPlain.slice(0, 8),
		clientKey: clientPlain.slice(8, 40)
	};
}

function serverSends(session, bytes) {
	const box = nacl.secretbox(bytes, nonce24(session.serverCounter), session.serverKey);
	increment(session.serverCounter);
	session.socket.binary(toHex(box));
}

function serverReads(session, index) {
	const plain = nacl.secretbox.open(fromHex(session.socket.sent[index]), nonce24(session.clientCounter), session.clientKey);
	increment(session.clientCounter);
	return plain;
}

test('strings go out as UTF-8 and arrive as strings; the counters advance per frame', async () => {
	const session = await openV1();
	session.ws.send('grüße 👋');
	session.ws.send(new Uint16Array([0x4241]));
	session.ws.send(new Uint8Array([0xff, 0]).buffer);
	assert.equal(Buffer.from(serverReads(session, 2)).toString('utf8'), 'grüße 👋');
	assert.deepEqual(Array.from(serverReads(session, 3)), [0x41, 0x42]);
	assert.deepEqual(Array.from(serverReads(session, 4)), [0xff, 0]);
	serverSends(session, new TextEncoder().encode('\uFEFFbom kept'));
	serverSends(session, new Uint8Array([0xc3]));
	assert.equal((await session.events.next('message')).data, '\uFEFFbom kept');
	const binary = (await session.events.next('message')).data;
	assert.ok(binary instanceof Blob, 'binaryType blob by default');
	assert.deepEqual(Array.from(new Uint8Array(await binary.arrayBuffer())), [0xc3]);
});

test("inboundMessages 'text' closes on invalid UTF-8 with 1007; 'binary' never decodes", async () => {
	const text = await openV1({ inboundMessages: 'text' });
	serverSends(text, new Uint8Array([0xc3]));
	await expectFailureAfterOpen(text.events, 'invalid-utf8', 1007);
	const binary = await openV1({ inboundMessages: 'binary' });
	binary.ws.binaryType = 'arraybuffer';
	serverSends(binary, new TextEncoder().encode('hi'));
	assert.ok((await binary.events.next('message')).data instanceof ArrayBuffer);
});

test('a tampered, replayed or dropped frame closes the session with decrypt-failed', async () => {
	const session = await openV1();
	const box = nacl.secretbox(new Uint8Array([1]), nonce24(session.serverCounter), session.serverKey);
	box[16] ^= 1;
	session.socket.binary(toHex(box));
	await expectFailureAfterOpen(session.events, 'decrypt-failed', 1008);
	assert.equal(session.ws.readyState, SwsWebSocket.CLOSED);
	session.ws.send('after close');
	assert.equal(session.socket.sent.length, 2, 'nothing is sent once closed');
});

test('a text frame after the handshake closes with 1003', async () => {
	const session = await openV1();
	session.socket.text('plain');
	await expectFailureAfterOpen(session.events, 'unexpected-frame-type', 1003);
});

test('a message over maxMessageSize closes with 1009 before decryption', async () => {
	const session = await openV1({ maxMessageSize: 4 });
	serverSends(session, new Uint8Array(5));
	await expectFailureAfterOpen(session.events, 'message-too-large', 1009);
});

test('the WebSocket API: states, on-handlers, send before open, close', async () => {
	const server = nacl.box.keyPair();
	const ws = new SwsWebSocket('ws://127.0.0.1:1/chat', { version: 1, pinnedServerKeys: [server.publicKey],
		WebSocket: FakeSocket, protocols: ['v12.stomp'] });
	assert.equal(FakeSocket.last.binaryType, 'arraybuffer');
	assert.deepEqual(FakeSocket.last.protocols, ['v12.stomp']);
	assert.equal(ws.url, 'ws://127.0.0.1:1/chat');
	assert.throws(() => ws.send('too early'), { name: 'InvalidStateError' });
	const seen = [];
	ws.onopen = () => seen.push('open');
	ws.onclose = (event) => seen.push(`close ${event.code}`);
	ws.onopen = function () {
		seen.push(`open again, this is the socket: ${this === ws}`);
	};
	assert.equal(typeof ws.onopen, 'function');
	const events = record(ws);
	const socket = FakeSocket.last;
	socket.open();
	socket.text(serverHello(server, JSON.parse(socket.sent[0])));
	await events.next('open');
	assert.equal(ws.readyState, ws.OPEN);
	assert.throws(() => ws.close(1008), /InvalidAccessError/);
	ws.close(1000, 'bye');
	assert.equal(ws.readyState, SwsWebSocket.CLOSING);
	const close = await events.next('close');
	assert.equal(close.code, 1000);
	assert.equal(close.wasClean, true);
	assert.equal(ws.readyState, SwsWebSocket.CLOSED);
	assert.deepEqual(seen, ['open again, this is the socket: true', 'close 1000']);
});

test('a server that requires a client cert may still refuse it by closing', async () => {
	const ca = new TestCa('ca.test', Date.now() + YEAR);
	const server = nacl.box.keyPair();
	const client = nacl.box.keyPair();
	const ws = new SwsWebSocket('ws://localhost:1/chat', { version: 2, trustAnchors: [ca.cert], keyPair: client,
		certificate: ca.issue(client.publicKey, { names: ['client.test'] }), WebSocket: FakeSocket, handshakeTimeout: 5000 });
	const events = record(ws);
	const socket = FakeSocket.last;
	socket.open();
	const trailer = new TextEncoder().encode(JSON.stringify({ cert: ca.issue(server.publicKey), requireCert: true }));
	const plaintext = new Uint8Array(40 + trailer.length);
	plaintext.set(nacl.randomBytes(40));
	plaintext.set(trailer, 40);
	socket.text(serverHello(server, JSON.parse(socket.sent[0]), { plaintext }));
	assert.equal(socket.sent.length, 2, 'ClientReady sent');
	assert.equal(ws.readyState, SwsWebSocket.CONNECTING, 'not open until the server had time to refuse');
	socket.serverClose(1008, '');
	const error = await events.next('error');
	assert.equal(error.reason, 'refused-by-peer');
	assert.equal((await events.next('close')).code, 1008);
	assert.ok(!events.types().includes('open'));
});

test('options are checked when the socket is made', () => {
	const anchor = new TestCa('ca.test', Date.now() + YEAR).cert;
	const expired = new TestCa('old.test', Date.now() - 2 * 60000).cert;
	const cases = [
		[{ version: 4 }, 'invalid-options', /version must be 1, 2 or 3/],
		[{}, 'invalid-options', /Version 3 needs trustAnchors .* or pinnedServerKeys/],
		[{ version: 2 }, 'invalid-options', /trustAnchors/],
		[{ version: 2, trustAnchors: [anchor], rekey: { messages: 1 } }, 'invalid-options', /version 3 only/],
		[{ trustAnchors: [anchor], rekey: { messages: 0 } }, 'invalid-options', /rekey.messages must be an integer/],
		[{ trustAnchors: [anchor], rekey: { bytes: 2 ** 53 } }, 'invalid-options', /rekey.bytes must be an integer/],
		[{ trustAnchors: [anchor], maxMessageSize: 2 ** 36 }, 'invalid-options', /at most 2\^36 - 32 bytes/],
		[{ version: 1 }, 'invalid-options', /pinnedServerKeys/],
		[{ version: 1, pinnedServerKeys: ['AAAA'] }, 'invalid-options', /32 bytes/],
		[{ trustAnchors: [expired] }, 'cert-expired', /expired/],
		[{ trustAnchors: [{ desc: {} }] }, 'cert-malformed', /sign/],
		[{ trustAnchors: [anchor], inboundMessages: 'blob' }, 'invalid-options', /inboundMessages/],
		[{ trustAnchors: [anchor], keyPair: { secretKey: new Uint8Array(31) } }, 'invalid-options', /secretKey/]
	];
	for (const [options, reason, message] of cases) {
		assert.throws(() => new SwsWebSocket('ws://localhost/x', { WebSocket: FakeSocket, ...options }),
			(error) => error.name === 'SwsError' && error.reason === reason && message.test(error.message),
			JSON.stringify(options));
	}
	assert.throws(() => new SwsWebSocket('ftp://localhost/x', { trustAnchors: [anchor], WebSocket: FakeSocket }),
		/ws: or wss:/);
	assert.equal(new SwsWebSocket('http://localhost:8/x', { trustAnchors: [anchor], WebSocket: FakeSocket }).url,
		'ws://localhost:8/x');
});

test('fingerprints are KeyFingerprint.of: the first 16 bytes of SHA-256', () => {
	const sha256 = SwsWebSocket._internals.sha256;
	assert.equal(toHex(sha256(new TextEncoder().encode('abc'))),
		'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	assert.equal(toHex(sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	const long = new Uint8Array(1000).map((_, i) => i);
	assert.equal(toHex(sha256(long)), createHash('sha256').update(long).digest('hex'));
	assert.equal(SwsWebSocket.fingerprint(fromHex(vectors.handshake_v1.server_box_public_key)),
		'622e:1e60:bad8:5fcf:b24b:82eb:478e:2eb3');
});
