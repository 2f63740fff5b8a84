// The client's Noise core (noise.js, from the built bundle) against the public cacophony vectors for
// XX, the pattern SWS v3 uses, with all four cipher and hash pairs of the subset: played once as
// initiator and once as responder, each against the recorded messages of the other side. Every
// message this side writes, every payload it reads, the handshake hash and the transport messages
// after Split() must match. ChaChaPoly, BLAKE2b and SHA-256 are the bundled ones; AESGCM, which the
// client does not offer, is Node's, so that the core's handling of any cipher is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noise, noiseVectors, protocolNamed } from './v3-support.js';
import { fromHex, toHex } from './support.js';

const xx = noiseVectors.vectors.filter((vector) => vector.protocol_name.startsWith('Noise_XX_'));

test('the subset has the four XX vectors: ChaChaPoly and AESGCM, each with BLAKE2b and SHA256', () => {
	assert.deepEqual(xx.map((vector) => vector.protocol_name).sort(), ['Noise_XX_25519_AESGCM_BLAKE2b',
		'Noise_XX_25519_AESGCM_SHA256', 'Noise_XX_25519_ChaChaPoly_BLAKE2b', 'Noise_XX_25519_ChaChaPoly_SHA256']);
	assert.equal(noise.SUITES[1].name, 'Noise_XX_25519_ChaChaPoly_BLAKE2b', 'suite 0x01 is the bundled protocol');
});

for (const vector of xx) {
	for (const initiator of [true, false]) {
		test(`${vector.protocol_name} as ${initiator ? 'initiator' : 'responder'}`, () => play(vector, initiator));
	}
}

function play(vector, initiator) {
	const side = initiator ? 'init' : 'resp';
	const protocol = vector.protocol_name === noise.SUITES[1].name ? noise.SUITES[1] : protocolNamed(vector.protocol_name);
	assert.equal(protocol.name, vector.protocol_name);
	const handshake = new noise.HandshakeState({
		protocol,
		initiator,
		prologue: fromHex(vector[`${side}_prologue`]),
		s: noise.dhKeyPair(fromHex(vector[`${side}_static`])),
		e: noise.dhKeyPair(fromHex(vector[`${side}_ephemeral`]))
	});
	let transport = null;
	vector.messages.forEach((message, index) => {
		const ours = (index % 2 === 0) === initiator;
		const what = `message ${index} ${ours ? 'written' : 'read'}`;
		const payload = fromHex(message.payload);
		const ciphertext = fromHex(message.ciphertext);
		if (transport === null) {
			assert.equal(toHex(ours ? handshake.writeMessage(payload) : handshake.readMessage(ciphertext)),
				ours ? message.ciphertext : message.payload, what);
			if (handshake.isComplete()) {
				assert.equal(index, 2, 'XX has three messages');
				assert.equal(toHex(handshake.handshakeHash), vector.handshake_hash);
				assert.equal(toHex(handshake.remoteStatic), toHex(noise.dhKeyPair(fromHex(vector[`${initiator ? 'resp' : 'init'}_static`])).publicKey));
				transport = handshake.split();
			}
		}
		else if (ours) {
			assert.equal(toHex(transport.send.encryptWithAd(new Uint8Array(0), payload)), message.ciphertext, what);
		}
		else {
			assert.equal(toHex(transport.receive.decryptWithAd(new Uint8Array(0), ciphertext)), message.payload, what);
		}
	});
	assert.ok(transport !== null, 'the handshake completed');
	assert.equal(transport.send.n + transport.receive.n, 3n, 'three transport messages');
}
