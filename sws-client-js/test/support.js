'use strict';
// Test support for the SWS browser client: the vectors, a scripted PRNG, a fake WebSocket that
// plays the server's side, and a throwaway CA.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const nacl = require('tweetnacl');
const SwsWebSocket = require('../../main/js/sws-client.js');

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'resources', 'protocol', 'vectors.json'), 'utf8'));

const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');
const base64 = (bytes) => Buffer.from(bytes).toString('base64');

function secureRandom() {
	nacl.setPRNG((target, n) => target.set(crypto.randomBytes(n)));
}

/** Makes tweetnacl return these byte strings, in this order, then fail. */
function scriptRandom(hexValues) {
	const queue = hexValues.map(fromHex);
	nacl.setPRNG((target, n) => {
		const next = queue.shift();
		if (!next || next.length !== n) {
			throw new Error(`Unscripted randomBytes(${n})`);
		}
		target.set(next);
	});
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

module.exports = { nacl, SwsWebSocket, vectors, fromHex, toHex, base64, secureRandom, scriptRandom, FakeSocket,
	record, TestCa, YEAR };
