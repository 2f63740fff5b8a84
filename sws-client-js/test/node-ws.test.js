// The ES module on Node.js, over the ws package's WebSocket and a real socket: a server on
// 127.0.0.1 plays SWS version 1 with tweetnacl, or version 3 with the test's v3 server, and echoes
// every message back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket, WebSocketServer } from 'ws';
import { nacl, SwsWebSocket, base64, nonce24, increment, record } from './support.js';
import { V3TestServer, randomKeyPair } from './v3-support.js';

/** An SWS v1 echo server on 127.0.0.1 and a free port. */
async function echoServer() {
	const keys = nacl.box.keyPair();
	const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	server.on('connection', (socket) => {
		let shared;
		let serverCounter;
		let serverKey;
		let clientCounter;
		let clientKey;
		socket.on('message', (data, isBinary) => {
			if (!isBinary) {
				const message = JSON.parse(data.toString('utf8'));
				if (message.opc === 0) {
					shared = nacl.box.before(Uint8Array.from(message.client_public_key), keys.secretKey);
					const plaintext = nacl.randomBytes(40);
					serverCounter = plaintext.slice(0, 8);
					serverKey = plaintext.slice(8);
					const box = nacl.secretbox(plaintext, nonce24(Uint8Array.from(message.nonce)), shared);
					socket.send(JSON.stringify({ opc: 1, version: 1, server_public_key: Array.from(keys.publicKey),
						s_blackbox_a: Array.from(box) }));
				}
				else {
					const plaintext = nacl.secretbox.open(Uint8Array.from(message.s_blackbox_a), nonce24(serverCounter), shared);
					clientCounter = plaintext.slice(0, 8);
					clientKey = plaintext.slice(8, 40);
				}
				return;
			}
			const message = nacl.secretbox.open(new Uint8Array(data), nonce24(clientCounter), clientKey);
			increment(clientCounter);
			socket.send(nacl.secretbox(message, nonce24(serverCounter), serverKey));
			increment(serverCounter);
		});
	});
	await new Promise((resolve) => server.once('listening', resolve));
	return { url: `ws://127.0.0.1:${server.address().port}/echo`, publicKey: keys.publicKey, close: () => server.close() };
}

test('on Node.js the ES module speaks SWS over the ws package: handshake, echo, close', async () => {
	const server = await echoServer();
	try {
		const ws = new SwsWebSocket(server.url, { version: 1, pinnedServerKeys: [base64(server.publicKey)], WebSocket });
		ws.binaryType = 'arraybuffer';
		const events = record(ws);
		await events.next('open', 5000);
		assert.equal(ws.peer.version, 1);
		assert.equal(ws.peer.fingerprint, SwsWebSocket.fingerprint(server.publicKey));
		ws.send('grüße über ws');
		ws.send(new Uint8Array([0xff, 0, 1]));
		assert.equal((await events.next('message', 5000)).data, 'grüße über ws');
		assert.deepEqual(Array.from(new Uint8Array((await events.next('message', 5000)).data)), [0xff, 0, 1]);
		ws.close(1000, 'done');
		const close = await events.next('close', 5000);
		assert.equal(close.code, 1000);
		assert.equal(close.wasClean, true);
		assert.ok(!events.types().includes('error'), 'no error');
	}
	finally {
		server.close();
	}
});

/** An SWS v3 echo server on 127.0.0.1 and a free port: message 1, message 3, then echo. */
async function echoServerV3() {
	const keyPair = randomKeyPair();
	const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	server.on('connection', (socket) => {
		const v3 = new V3TestServer({ keyPair, rekey: { messages: 2, bytes: 1 << 30 } });
		let received = 0;
		socket.on('message', (data, isBinary) => {
			const bytes = new Uint8Array(data);
			received++;
			if (!isBinary) {
				socket.close(1003);
			}
			else if (received === 1) {
				socket.send(v3.answer(bytes));
			}
			else if (received === 2) {
				v3.finish(bytes);
				socket.send(v3.ready());
			}
			else {
				socket.send(v3.seal(v3.open(bytes)));
			}
		});
	});
	await new Promise((resolve) => server.once('listening', resolve));
	return { url: `ws://127.0.0.1:${server.address().port}/echo`, publicKey: keyPair.publicKey, close: () => server.close() };
}

test('on Node.js the ES module speaks SWS v3 over the ws package: handshake, echo beyond 64 KiB, rekeys, close',
	async () => {
		const server = await echoServerV3();
		try {
			const ws = new SwsWebSocket(server.url, { pinnedServerKeys: [base64(server.publicKey)], WebSocket,
				rekey: { messages: 3 } });
			ws.binaryType = 'arraybuffer';
			const events = record(ws);
			await events.next('open', 5000);
			assert.equal(ws.peer.version, 3);
			const big = new Uint8Array(100000).map((_, i) => i);
			for (const message of ['one', 'zwei', 'trois', 'four', 'cinq']) {
				ws.send(message);
				assert.equal((await events.next('message', 5000)).data, message);
			}
			ws.send(big);
			assert.deepEqual(new Uint8Array((await events.next('message', 5000)).data), big);
			ws.close(1000, 'done');
			const close = await events.next('close', 5000);
			assert.equal(close.code, 1000);
			assert.ok(!events.types().includes('error'), 'no error');
		}
		finally {
			server.close();
		}
	});
