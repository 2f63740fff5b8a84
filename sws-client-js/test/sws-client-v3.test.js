// SwsWebSocket in version 3 against a v3 server played by the test (v3-support.js): every way the
// handshake or the session can be refused (docs/protocol-v3.md sections 5 to 12), the rekey
// thresholds, the end of the counters and messages beyond Noise's 65,535 bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SwsWebSocket, FakeSocket, fromHex, toHex, TestCa, YEAR, expectFailure, expectFailureAfterOpen }
	from './support.js';
import { noise, ALL_SUITES, V3TestServer, connectV3, openV3, deliver, sentBytes, randomKeyPair, utf8, text, join }
	from './v3-support.js';

const REKEY = '"rekey":{"messages":65536,"bytes":1073741824}';

// ---------------------------------------------------------------------------------------------
// Message 1 and the version

test('message 1 is the magic, number 1, the offer 0x01 and a fresh ephemeral key; the default version is 3', () => {
	const first = connectV3();
	const second = connectV3();
	assert.equal(toHex(first.message1.subarray(0, 7)), '53575303010101');
	assert.equal(first.message1.length, 7 + 32);
	assert.notEqual(toHex(first.message1.subarray(7)), toHex(second.message1.subarray(7)), 'a new ephemeral per connection');
	assert.match(first.socket.sent[0], /^[0-9a-f]+$/, 'a binary message (the fake keeps those as hex, text as it is)');
});

for (const code of [1002, 1003]) {
	test(`a server that closes message 1 with ${code} refused version 3: no fallback, the code is passed on`, async () => {
		const { events, socket } = connectV3();
		socket.serverClose(code, '');
		const error = await expectFailure(events, 'unsupported-version', code);
		assert.match(error.message, /refused SWS version 3 .* does not fall back/);
		assert.equal(socket.sent.length, 1);
	});
}

test('a server that closes with another code, or after message 2, refused the client', async () => {
	const early = connectV3();
	early.socket.serverClose(1008, '');
	await expectFailure(early.events, 'refused-by-peer', 1008);
	const late = connectV3();
	deliver(late.socket, late.server.answer(late.message1));
	late.socket.serverClose(1002, '');
	await expectFailure(late.events, 'refused-by-peer', 1002);
});

test('text during the v3 handshake, such as a v1/v2 ServerHello, is refused with 1003', async () => {
	const { events, socket } = connectV3();
	socket.text('{"opc":1,"version":1,"server_public_key":[],"s_blackbox_a":[]}');
	await expectFailure(events, 'unexpected-frame-type', 1003);
	const waiting = connectV3();
	deliver(waiting.socket, waiting.server.answer(waiting.message1));
	waiting.socket.text('ready?');
	await expectFailure(waiting.events, 'unexpected-frame-type', 1003);
});

// ---------------------------------------------------------------------------------------------
// Message 2: framing, tampering, keys

/** The reason a client gives for message 2 changed by `change`, and that it sent nothing after message 1. */
async function refusalOf(change, options = {}, serverOptions = {}) {
	const { events, socket, server, message1 } = connectV3(options, serverOptions);
	deliver(socket, change(server.answer(message1)));
	const error = await events.next('error');
	await events.next('close');
	assert.equal(socket.sent.length, 1, `nothing revealed after message 1 (${error.reason})`);
	return error.reason;
}

const flipped = (index, bits = 0x01) => (message) => {
	const copy = message.slice();
	copy[index] ^= bits;
	return copy;
};

test('every byte of message 2 is checked: header bytes by value, the rest by the Noise transcript', async () => {
	const { server, message1 } = connectV3();
	const length = server.answer(message1).length;
	const reasons = {};
	for (let index = 0; index < length; index++) {
		const reason = await refusalOf(flipped(index));
		const expected = index < 4 ? 'malformed-message' : index === 4 ? 'unexpected-message'
			: index === 5 ? 'unsupported-version' : 'handshake-decrypt-failed';
		assert.equal(reason, expected, `byte ${index} of ${length}`);
		reasons[reason] = (reasons[reason] || 0) + 1;
	}
	assert.deepEqual(reasons, { 'malformed-message': 4, 'unexpected-message': 1, 'unsupported-version': 1,
		'handshake-decrypt-failed': length - 6 });
	assert.equal(await refusalOf(flipped(37, 0x80)), 'handshake-decrypt-failed',
		'the top bit of e, which X25519 ignores, is still in the transcript');
});

test('message 2 of a wrong length or number, a wrong version byte or an unknown suite is refused', async () => {
	const withByte = (index, value) => (message) => {
		const copy = message.slice();
		copy[index] = value;
		return copy;
	};
	assert.equal(await refusalOf((m) => m.subarray(0, 101)), 'malformed-message', 'shorter than 102 bytes');
	assert.equal(await refusalOf((m) => m.subarray(0, 4)), 'malformed-message', 'only the magic');
	assert.equal(await refusalOf((m) => join(m.subarray(0, 6), new Uint8Array(65536))), 'malformed-message',
		'a Noise part over 65,535 bytes');
	assert.equal(await refusalOf((m) => m.subarray(0, m.length - 1)), 'handshake-decrypt-failed', 'truncated');
	assert.equal(await refusalOf((m) => join(m, [0])), 'handshake-decrypt-failed', 'extended');
	assert.equal(await refusalOf(withByte(3, 0x02)), 'malformed-message', 'SWS version 2 in the magic');
	assert.equal(await refusalOf(withByte(4, 0x01)), 'unexpected-message', 'message 1 again');
	assert.equal(await refusalOf(withByte(4, 0x07)), 'malformed-message', 'no such message');
	assert.equal(await refusalOf(withByte(5, 0x02)), 'unsupported-version', 'AES-GCM, which the client did not offer');
	assert.equal(await refusalOf(withByte(5, 0x00)), 'unsupported-version', 'a reserved id');
});

test('a server that answers in a suite the client did not offer is refused before any cryptography', async () => {
	const { events, socket, server, message1 } = connectV3();
	deliver(socket, server.answer(message1, { suite: 2 }));
	await expectFailure(events, 'unsupported-version', 1002);
});

test('message 1 changed on the way fails message 2: the offer is in both prologues', async () => {
	const { events, socket, server, message1 } = connectV3();
	const widened = join(message1.subarray(0, 5), [2, 1, 2], message1.subarray(7));
	deliver(socket, server.answer(widened, { suite: 1 }));
	await expectFailure(events, 'handshake-decrypt-failed', 1008);
});

test('the suite in message 2\'s header is bound by the protocol name: another offered id fails the transcript', () => {
	const handshake = new SwsWebSocket._internals.V3ClientHandshake({ offer: [2, 1], suites: ALL_SUITES,
		staticKeyPair: randomKeyPair() });
	const server = new V3TestServer();
	const message2 = server.answer(handshake.start());
	assert.equal(message2[5], 2, 'the server took the client\'s first choice');
	message2[5] = 1;
	assert.throws(() => handshake.onMessage2(message2), { name: 'SwsError', reason: 'handshake-decrypt-failed' });
	assert.throws(() => handshake.onMessage2(message2), { reason: 'unexpected-message' }, 'a failed handshake stays failed');
});

const LOW_ORDER = [
	'0000000000000000000000000000000000000000000000000000000000000000',
	'0100000000000000000000000000000000000000000000000000000000000000',
	'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
	'5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
	'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
	'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
	'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'
].flatMap((hex) => {
	const key = fromHex(hex);
	const topBit = key.slice();
	topBit[31] |= 0x80;
	return [key, topBit];
});

test('a low-order or all-zero ephemeral key in message 2 is refused (each encoding, top bit set or not)', async () => {
	for (const publicKey of LOW_ORDER) {
		const ephemeral = { publicKey, secretKey: randomKeyPair().secretKey };
		assert.equal(await refusalOf((m) => m, {}, { ephemeral }), 'weak-key', toHex(publicKey));
	}
});

test('a low-order or all-zero static key in message 2 is refused before the pins are looked at', async () => {
	for (const publicKey of LOW_ORDER) {
		const keyPair = { publicKey, secretKey: randomKeyPair().secretKey };
		assert.equal(await refusalOf((m) => m, { pinnedServerKeys: [publicKey] }, { keyPair }), 'weak-key', toHex(publicKey));
	}
});

test('a server key that is not pinned is refused, before its payload is read', async () => {
	assert.equal(await refusalOf((m) => m, { pinnedServerKeys: [randomKeyPair().publicKey] }), 'pin-mismatch');
	const { events, socket, server, message1 } = connectV3({ pinnedServerKeys: [randomKeyPair().publicKey] });
	deliver(socket, server.answer(message1, { payload: 'not json' }));
	await expectFailure(events, 'pin-mismatch', 1008);
});

// ---------------------------------------------------------------------------------------------
// Message 2: the payload

for (const payload of ['not json', '[]', '{}', '"text"', '{"requireClientCert":false}',
	`{"requireClientCert":"false",${REKEY}}`,
	'{"requireClientCert":false,"rekey":{"messages":1,"bytes":0}}',
	'{"requireClientCert":false,"rekey":{"messages":-1,"bytes":1}}',
	'{"requireClientCert":false,"rekey":{"messages":1.5,"bytes":1}}',
	'{"requireClientCert":false,"rekey":{"messages":9007199254740992,"bytes":1}}',
	'{"requireClientCert":false,"rekey":{"messages":1e300,"bytes":1}}',
	'{"requireClientCert":false,"rekey":{"messages":"1","bytes":1}}',
	'{"requireClientCert":false,"rekey":[1,1]}',
	`{"requireClientCert":false,"requireClientCert":true,${REKEY}}`,
	`{"requireClientCert":false,"\\u0072ekey":{"messages":1,"bytes":1},${REKEY}}`,
	'{"requireClientCert":false,"rekey":{"messages":1,"bytes":1,"bytes":2}}',
	`{"requireClientCert":false,${REKEY},"x":[{"a":1},{"b":{"c":1,"c":1}}]}`,
	`{"cert":[],"requireClientCert":false,${REKEY}}`,
	`{"cert":null,"requireClientCert":false,${REKEY}}`]) {
	test(`a message 2 payload ${payload.length > 60 ? payload.substring(0, 60) + '...' : payload} is malformed-trailer`,
		async () => {
			const { events, socket, server, message1 } = connectV3();
			deliver(socket, server.answer(message1, { payload }));
			await expectFailure(events, 'malformed-trailer', 1002);
		});
}

test('a payload that is not UTF-8 is malformed-trailer', async () => {
	const { events, socket, server, message1 } = connectV3();
	deliver(socket, server.answer(message1, { payload: join(utf8(`{"requireClientCert":false,${REKEY},"x":"`), [0xc3],
		utf8('"}')) }));
	await expectFailure(events, 'malformed-trailer', 1002);
});

test('unknown members are ignored and thresholds are read by value: 1.0 is 1, 2e2 is 200', async () => {
	const spelled = connectV3({}, new V3TestServer({ rekey: { messages: 1, bytes: 200 } }));
	deliver(spelled.socket, spelled.server.answer(spelled.message1, {
		payload: '{"v4":{"x":[]},"requireClientCert":false,"rekey":{"messages":1.0,"bytes":2e2,"unit":"B"},"z":null}' }));
	spelled.server.finish(sentBytes(spelled.socket, 1));
	deliver(spelled.socket, spelled.server.ready());
	await spelled.events.next('open');
	for (const word of ['one', 'two', 'three']) {
		deliver(spelled.socket, spelled.server.seal(utf8(word)));
		assert.equal((await spelled.events.next('message')).data, word, 'the client rekeys after every server message');
	}
	assert.equal(spelled.server.tx.rekeys, 4, 'ready and three messages');
});

// ---------------------------------------------------------------------------------------------
// Certificates (section 7)

const ca = new TestCa('ca.test', Date.now() + YEAR);

/** A client that trusts `ca`, against a server that presents `cert(serverKeyPair)`. */
async function certificateRefusal(cert, options = {}) {
	const keyPair = randomKeyPair();
	return refusalOf((m) => m, { trustAnchors: [ca.cert], ...options }, { keyPair, cert: cert(keyPair) });
}

test('the server certificate must be signed by a trust anchor, unexpired, for the server key and the host', async () => {
	assert.equal(await certificateRefusal((keys) => ca.issue(keys.publicKey, { type: 'self' })), 'cert-untrusted-issuer',
		'self-signed');
	assert.equal(await certificateRefusal((keys) => new TestCa('other.test', Date.now() + YEAR).issue(keys.publicKey)),
		'cert-untrusted-issuer', 'another CA');
	assert.equal(await certificateRefusal((keys) => new TestCa('ca.test', Date.now() + YEAR).issue(keys.publicKey)),
		'cert-bad-signature', 'another key in the trust anchor\'s name');
	assert.equal(await certificateRefusal((keys) => ca.issue(keys.publicKey, { tte: Date.now() - 2 * 60000 })),
		'cert-expired');
	assert.equal(await certificateRefusal(() => ca.issue(randomKeyPair().publicKey)), 'cert-key-mismatch',
		'someone else\'s certificate');
	assert.equal(await certificateRefusal((keys) => ca.issue(keys.publicKey, { names: ['other.test'], ips: [] })),
		'cert-host-mismatch');
	assert.equal(await certificateRefusal((keys) => ca.issue(keys.publicKey), { url: 'ws://127.0.0.2:1/chat' }),
		'cert-host-mismatch', 'an IP the cert does not name');
	assert.equal(await certificateRefusal(() => null), 'cert-missing', 'no certificate at all');
	assert.equal(await certificateRefusal(() => ({ desc: {}, sign: {} })), 'cert-malformed');
});

test('a valid certificate opens the session; a client with pins and anchors checks the pin first', async () => {
	const keyPair = randomKeyPair();
	const cert = ca.issue(keyPair.publicKey);
	const { ws } = await openV3({ trustAnchors: [ca.cert], url: 'ws://127.0.0.1:9/chat' }, { keyPair, cert });
	assert.deepEqual(ws.peer.certificate, cert);
	assert.equal(ws.peer.fingerprint, SwsWebSocket.fingerprint(keyPair.publicKey));
	assert.equal(await certificateRefusal((keys) => ca.issue(keys.publicKey),
		{ pinnedServerKeys: [randomKeyPair().publicKey] }), 'pin-mismatch');
	const pinned = randomKeyPair();
	assert.equal(await refusalOf((m) => m, { trustAnchors: [ca.cert], pinnedServerKeys: [pinned.publicKey] },
		{ keyPair: pinned, cert: ca.issue(pinned.publicKey, { names: ['other.test'] }) }), 'cert-host-mismatch',
		'the right pin does not excuse the certificate');
});

test('a client that pins the server key ignores the certificate the server sends', async () => {
	const { ws } = await openV3({}, { cert: { any: 1 } });
	assert.equal(ws.peer.certificate, null);
	assert.equal(ws.peer.authenticated, true);
});

test('insecureAcceptAnyServerKey connects to any key and says the session is not authenticated', async () => {
	const { ws } = await openV3({ insecureAcceptAnyServerKey: true });
	assert.equal(ws.peer.version, 3);
	assert.equal(ws.peer.authenticated, false);
});

test('a server that requires a client certificate gets it in message 3 with the client\'s static key', async () => {
	const keyPair = randomKeyPair();
	const certificate = ca.issue(keyPair.publicKey, { names: ['client.test'], ips: [] });
	const session = await openV3({ keyPair, certificate, rekey: { messages: 10 } }, { requireClientCert: true });
	assert.deepEqual(JSON.parse(session.clientPayload), { cert: certificate, rekey: { messages: 10, bytes: 1073741824 } });
	assert.equal(toHex(session.server.clientStatic), toHex(keyPair.publicKey));
	assert.equal(toHex(keyPair.secretKey) === '00'.repeat(32), false, 'a key pair given in the options is left alone');
	const anonymous = await openV3({}, { requireClientCert: false });
	assert.deepEqual(JSON.parse(anonymous.clientPayload), { rekey: { messages: 65536, bytes: 1073741824 } });
	assert.equal(toHex(anonymous.ws._settings.keyPair.secretKey), '00'.repeat(32),
		'the fresh static key of this connection is wiped once message 3 is written (section 7.3)');
});

test('a client asked for a certificate it lacks stops before message 3', async () => {
	assert.equal(await refusalOf((m) => m, {}, { requireClientCert: true }), 'cert-missing');
});

test('a server that refuses the client certificate closes before ready: the session never opens', async () => {
	const keyPair = randomKeyPair();
	const { events, socket, server, message1 } = connectV3({ keyPair,
		certificate: ca.issue(keyPair.publicKey, { names: ['client.test'] }) }, { requireClientCert: true });
	deliver(socket, server.answer(message1));
	server.finish(sentBytes(socket, 1));
	socket.serverClose(1008, '');
	await expectFailure(events, 'refused-by-peer', 1008);
});

test('options: a client certificate too large for message 3, or for another key, is refused when the socket is made', () => {
	const keyPair = randomKeyPair();
	const huge = ca.issue(keyPair.publicKey, { names: Array(6000).fill('a-rather-long-name.example') });
	assert.throws(() => new SwsWebSocket('ws://localhost/x', { trustAnchors: [ca.cert], keyPair, certificate: huge,
		WebSocket: FakeSocket }), { reason: 'invalid-options', message: /too large for a v3 handshake message/ });
	assert.doesNotThrow(() => new SwsWebSocket('ws://localhost/x', { version: 2, trustAnchors: [ca.cert], keyPair,
		certificate: huge, WebSocket: FakeSocket }), 'v2 has no such limit');
	assert.throws(() => new SwsWebSocket('ws://localhost/x', { trustAnchors: [ca.cert], keyPair: randomKeyPair(),
		certificate: ca.issue(keyPair.publicKey), WebSocket: FakeSocket }), { reason: 'invalid-options' });
});

// ---------------------------------------------------------------------------------------------
// Ready (section 8)

test('the session opens only on ready, the empty first transport message', async () => {
	const { ws, events, socket, server, message1 } = connectV3();
	deliver(socket, server.answer(message1));
	server.finish(sentBytes(socket, 1));
	assert.equal(ws.readyState, SwsWebSocket.CONNECTING);
	assert.throws(() => ws.send('too early'), { name: 'InvalidStateError' });
	deliver(socket, server.ready());
	await events.next('open');
	assert.equal(ws.peer.version, 3);
});

/** The reason and close code of a client given `frame(server, message2)` as its first transport message. */
async function readyRefusal(frame) {
	const { events, socket, server, message1 } = connectV3();
	const message2 = server.answer(message1);
	deliver(socket, message2);
	server.finish(sentBytes(socket, 1));
	deliver(socket, frame(server, message2));
	const { reason } = await events.next('error');
	const { code } = await events.next('close');
	assert.ok(!events.types().includes('open'), 'never open');
	return `${reason} ${code}`;
}

test('a first transport message that is not the empty ready message, or does not decrypt, is refused', async () => {
	assert.equal(await readyRefusal((server) => server.seal(utf8('data before ready'))), 'unexpected-message 1002');
	assert.equal(await readyRefusal((server) => {
		server.ready();
		return server.seal(new Uint8Array(0));
	}), 'decrypt-failed 1008', 'ready skipped (n = 1)');
	assert.equal(await readyRefusal((server, message2) => message2), 'decrypt-failed 1008', 'message 2 repeated');
	assert.equal(await readyRefusal(() => new Uint8Array(15)), 'decrypt-failed 1008', 'shorter than a tag');
});

test('a handshake that stalls before ready times out', async () => {
	const { events, socket, server, message1 } = connectV3({ handshakeTimeout: 50 });
	deliver(socket, server.answer(message1));
	await expectFailure(events, 'handshake-timeout', 1008);
});

// ---------------------------------------------------------------------------------------------
// Transport (sections 9 to 11)

test('messages go both ways as one binary frame each, ciphertext and a 16-byte tag', async () => {
	const { ws, events, socket, server } = await openV3();
	ws.send('grüße');
	ws.send(new Uint8Array([0xff, 0]));
	ws.send('');
	assert.equal(text(server.open(sentBytes(socket, 2))), 'grüße');
	assert.equal(sentBytes(socket, 3).length, 2 + 16);
	assert.deepEqual(Array.from(server.open(sentBytes(socket, 3))), [0xff, 0]);
	assert.equal(server.open(sentBytes(socket, 4)).length, 0, 'an empty message is 16 bytes on the wire');
	deliver(socket, server.seal(utf8('hello')));
	deliver(socket, server.seal(new Uint8Array([0xc3])));
	assert.equal((await events.next('message')).data, 'hello');
	assert.deepEqual(Array.from(new Uint8Array((await events.next('message')).data)), [0xc3]);
	assert.equal(ws._channel.tx.state.n, 3n);
	assert.equal(ws._channel.rx.state.n, 3n, 'ready was n = 0');
});

test('messages larger than Noise\'s 65,535 bytes go both ways', async () => {
	const { ws, events, socket, server } = await openV3({ inboundMessages: 'binary' });
	const big = new Uint8Array(200000).map((_, i) => i * 7);
	ws.send(big);
	assert.equal(sentBytes(socket, 2).length, big.length + 16);
	assert.equal(toHex(server.open(sentBytes(socket, 2))), toHex(big));
	deliver(socket, server.seal(big));
	assert.equal(toHex(new Uint8Array((await events.next('message')).data)), toHex(big));
});

test('a message over maxMessageSize closes with 1009 before decryption', async () => {
	const { events, socket, server } = await openV3({ maxMessageSize: 4 });
	deliver(socket, server.seal(new Uint8Array(5)));
	await expectFailureAfterOpen(events, 'message-too-large', 1009);
});

test('reordered, duplicated, truncated, tampered or short transport frames close with decrypt-failed', async () => {
	const cases = {
		reordered: (first, second) => [second, first],
		duplicated: (first) => [first, first],
		truncated: (first) => [first.subarray(0, first.length - 1)],
		extended: (first) => [join(first, [0])],
		tampered: (first) => [flipped(0)(first)],
		'tag tampered': (first) => [flipped(first.length - 1)(first)],
		short: () => [new Uint8Array(15)],
		dropped: (first, second) => [second]
	};
	for (const [name, frames] of Object.entries(cases)) {
		const { ws, events, socket, server } = await openV3();
		const first = server.seal(utf8('first'));
		const second = server.seal(utf8('second'));
		const delivered = frames(first, second);
		delivered.forEach((frame) => deliver(socket, frame));
		const error = await events.next('error');
		assert.equal(error.reason, 'decrypt-failed', name);
		assert.equal((await events.next('close')).code, 1008, name);
		assert.equal(ws.readyState, SwsWebSocket.CLOSED);
		const messages = events.types().filter((type) => type === 'message').length;
		assert.equal(messages, name === 'duplicated' ? 1 : 0, `${name}: what arrived before the failure`);
	}
});

test('a text frame after the handshake closes with 1003', async () => {
	const { events, socket } = await openV3();
	socket.text('plain');
	await expectFailureAfterOpen(events, 'unexpected-frame-type', 1003);
});

test('both directions rekey after the announced messages or bytes, and n keeps counting', async () => {
	const server = new V3TestServer({ rekey: { messages: 3, bytes: 1 << 30 } });
	const { ws, events, socket } = await openV3({ rekey: { messages: 1 << 20, bytes: 100 }, inboundMessages: 'binary' },
		server);
	const before = ws._channel.tx.state.key.slice();
	const sizes = [1, 40, 70, 0, 150, 10, 90, 5, 33, 64, 120, 2];
	sizes.forEach((size, i) => {
		ws.send(new Uint8Array(size).fill(i));
		deliver(socket, server.seal(new Uint8Array(size).fill(255 - i)));
	});
	for (let i = 0; i < sizes.length; i++) {
		assert.deepEqual(Array.from(server.open(sentBytes(socket, 2 + i))), Array(sizes[i]).fill(i), `client message ${i}`);
		const received = new Uint8Array((await events.next('message')).data);
		assert.deepEqual(Array.from(received), Array(sizes[i]).fill(255 - i), `server message ${i}`);
	}
	assert.equal(server.tx.rekeys, 4, 'the server rekeyed after every third message, ready included');
	// 17 + 56 + 86 | 16 + 166 | 26 + 106 | 21 + 49 + 80 | 136 | 18 ciphertext bytes: 100 is reached five times
	assert.equal(server.rx.rekeys, 5, 'the client rekeyed by bytes');
	assert.notEqual(toHex(ws._channel.tx.state.key), toHex(before));
	assert.equal(ws._channel.tx.state.n, BigInt(sizes.length), 'Rekey() does not reset n');
	assert.equal(ws._channel.rx.state.n, BigInt(sizes.length + 1));
});

test('a client that did not rekey would not be understood: the thresholds are honoured, not ignored', async () => {
	const server = new V3TestServer({ rekey: { messages: 1 << 20, bytes: 1 << 30 } });
	const { ws, socket } = await openV3({ rekey: { messages: 2, bytes: 1 << 30 } }, server);
	const lazy = new noise.CipherState(noise.CHACHAPOLY);
	lazy.key = server.rx.state.key.slice();
	ws.send('one');
	ws.send('two');
	ws.send('three');
	assert.equal(text(lazy.decryptWithAd(new Uint8Array(0), sentBytes(socket, 2))), 'one');
	assert.equal(text(lazy.decryptWithAd(new Uint8Array(0), sentBytes(socket, 3))), 'two');
	assert.throws(() => lazy.decryptWithAd(new Uint8Array(0), sentBytes(socket, 4)), { failure: 'decrypt-failed' },
		'the third message is under the rekeyed key');
	['one', 'two', 'three'].forEach((word, i) => assert.equal(text(server.open(sentBytes(socket, 2 + i))), word));
});

// The test hook: the channel's CipherStates hold n, as Java's CipherState.setNonce lets its tests set it.
test('a client that would send with n = 2^64 - 1 closes with 1013 instead (counter-exhausted)', async () => {
	const { ws, events, socket, server } = await openV3();
	ws._channel.tx.state.n = noise.MAX_NONCE - 1n;
	server.rx.state.n = noise.MAX_NONCE - 1n;
	ws.send('the last one');
	assert.equal(text(server.open(sentBytes(socket, 2))), 'the last one');
	ws.send('one too many');
	await expectFailureAfterOpen(events, 'counter-exhausted', 1013);
	assert.equal(socket.sent.length, 3, 'nothing encrypted at 2^64 - 1');
	assert.equal(socket.closedWith.code, 1000, 'a browser may only close with 1000');
});

test('a client whose next received n would be 2^64 - 1 closes with 1013', async () => {
	const { ws, events, socket, server } = await openV3();
	ws._channel.rx.state.n = noise.MAX_NONCE - 1n;
	server.tx.state.n = noise.MAX_NONCE - 1n;
	deliver(socket, server.seal(utf8('the last one')));
	assert.equal((await events.next('message')).data, 'the last one');
	assert.equal(ws._channel.rx.state.n, noise.MAX_NONCE);
	deliver(socket, new Uint8Array(16));
	await expectFailureAfterOpen(events, 'counter-exhausted', 1013);
});

test('hasDuplicateNames finds a repeated name at any depth, after unescaping, and nothing else', () => {
	const duplicates = SwsWebSocket._internals.hasDuplicateNames;
	assert.equal(duplicates('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}],"d":"a","e":["a","a"]}'), false);
	assert.equal(duplicates('{"a":1,"\\u0061":2}'), true);
	assert.equal(duplicates('{"x":{"y":[1,{"k":"\\"","k":0}]}}'), true);
	assert.equal(duplicates('{"k\\\\":1,"k":2}'), false);
	assert.equal(duplicates('[{"a":1},{"a":1}]'), false);
});
