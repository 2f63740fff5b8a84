// The SWS v3 transcripts of the specification (sws-core's v3-vectors.json, computed by the Java
// V3Transcript) reproduced byte for byte: by SwsWebSocket given the client's recorded keys (its
// ephemeral through the scripted random source), by the client's v3 machine for the AES-GCM
// transcript (with the test's AES-GCM, since the client does not offer 0x02), and by the test's
// played server, which the other v3 tests rely on.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { SwsWebSocket, FakeSocket, fromHex, toHex, scriptRandom, secureRandom } from './support.js';
import { v3Vectors, ALL_SUITES, V3TestServer, noise, transcriptV3, clientOptionsV3, replayV3 } from './v3-support.js';

afterEach(secureRandom);

test('SwsWebSocket reproduces the mutual-certificates transcript byte for byte, rekeys included', async () => {
	const t = transcriptV3('mutual-certificates');
	assert.ok(t.transport.some((m) => m.rekey_after && m.direction === 'client->server'), 'the client rekeys');
	assert.ok(t.transport.some((m) => m.rekey_after && m.direction === 'server->client'), 'the server rekeys');
	scriptRandom([t.client.ephemeral_secret]);
	const ws = new SwsWebSocket(`ws://${t.host}:8443/chat`, { ...clientOptionsV3(t), inboundMessages: 'binary',
		WebSocket: FakeSocket });
	await replayV3(t, ws, FakeSocket.last);
	assert.equal(ws.peer.version, 3);
	assert.equal(toHex(ws.peer.publicKey), t.server.static_public);
	assert.deepEqual(ws.peer.certificate, t.server.cert);
	assert.equal(ws.peer.authenticated, true);
});

test('the v3 machine reproduces both transcripts, the AES-GCM one with suites 0x02 and 0x01 offered', () => {
	for (const t of v3Vectors.transcripts) {
		const anchors = t.trust_anchor ? [SwsWebSocket.checkTrustAnchor(t.trust_anchor, { now: Date.parse(t.time) })] : [];
		assert.deepEqual(anchors, anchors.map(() => null), 'a usable trust anchor');
		const verified = [];
		const handshake = new SwsWebSocket._internals.V3ClientHandshake({
			offer: t.suites_offered,
			suites: ALL_SUITES,
			staticKeyPair: noise.dhKeyPair(fromHex(t.client.static_secret)),
			ephemeralSecret: fromHex(t.client.ephemeral_secret),
			rekey: t.client.rekey,
			certificate: t.client.cert ?? null,
			pinnedServerKeys: (t.pinned_server_keys ?? []).map(fromHex),
			verifyCertificate: t.trust_anchor ? (cert, serverKey) => {
				assert.equal(SwsWebSocket.verifyServerCertificate(cert, { trustAnchors: [t.trust_anchor], serverPublicKey: serverKey,
					host: t.host, now: Date.parse(t.time) }), null);
				verified.push(cert);
			} : null
		});
		assert.equal(toHex(handshake.start()), t.handshake[0].websocket_message, `${t.name} message 1`);
		assert.equal(toHex(handshake.onMessage2(fromHex(t.handshake[1].websocket_message))), t.handshake[2].websocket_message,
			`${t.name} message 3`);
		assert.equal(verified.length, t.trust_anchor ? 1 : 0);
		assert.equal(toHex(handshake.handshakeHash), t.handshake_hash);
		assert.equal(handshake.peer.requiredClientCert, t.server_requires_client_cert);
		const [ready, ...transport] = t.transport;
		const channel = handshake.onReady(fromHex(ready.websocket_message));
		for (const message of transport) {
			if (message.direction === 'client->server') {
				assert.equal(toHex(channel.seal(fromHex(message.plaintext))), message.websocket_message, `${t.name} n=${message.n}`);
			}
			else {
				assert.equal(toHex(channel.open(fromHex(message.websocket_message))), message.plaintext, `${t.name} n=${message.n}`);
			}
		}
	}
});

test('the played server reproduces the server side of both transcripts', () => {
	for (const t of v3Vectors.transcripts) {
		const server = new V3TestServer({ keyPair: noise.dhKeyPair(fromHex(t.server.static_secret)),
			ephemeralSecret: t.server.ephemeral_secret, cert: t.server.cert ?? null,
			requireClientCert: t.server_requires_client_cert, rekey: t.server.rekey });
		assert.equal(toHex(server.answer(fromHex(t.handshake[0].websocket_message))), t.handshake[1].websocket_message,
			`${t.name} message 2`);
		assert.equal(server.finish(fromHex(t.handshake[2].websocket_message)), t.handshake[2].payload_utf8);
		assert.equal(toHex(server.handshakeHash), t.handshake_hash);
		for (const message of t.transport) {
			if (message.direction === 'server->client') {
				assert.equal(toHex(server.seal(fromHex(message.plaintext))), message.websocket_message, `${t.name} n=${message.n}`);
			}
			else {
				assert.equal(toHex(server.open(fromHex(message.websocket_message))), message.plaintext, `${t.name} n=${message.n}`);
			}
		}
	}
});
