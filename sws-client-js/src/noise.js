/*
 * The Noise Protocol Framework (revision 34, https://noiseprotocol.org/noise.html) as SWS v3
 * uses it: CipherState, SymmetricState and HandshakeState of sections 5.1 to 5.3 for the XX
 * pattern, in either role, over X25519 and a cipher and hash given as objects, so that the same
 * code runs the mandatory suite Noise_XX_25519_ChaChaPoly_BLAKE2b and, in the tests, every XX
 * vector of cacophony.
 *
 * The primitives come from audited libraries, none is written here: X25519 is tweetnacl's
 * crypto_scalarmult (the one the v1/v2 boxes use), ChaCha20-Poly1305 (RFC 8439) is
 * @noble/ciphers', BLAKE2b, SHA-256, HMAC and HKDF are @noble/hashes'. Noise's HKDF(ck, ikm, n)
 * is RFC 5869's HKDF with salt ck, empty info and n * HASHLEN bytes of output; HMAC uses the
 * hash's own block length (128 bytes for BLAKE2b, 64 for SHA-256), as Noise section 4.3 says.
 *
 * Failures are NoiseErrors whose `failure` says which: 'malformed' (a wrong length),
 * 'decrypt-failed', 'weak-key' (a low-order or all-zero public key, an all-zero DH result),
 * 'counter-exhausted' (n reached 2^64 - 1, which Noise reserves) or 'wrong-state'. The callers
 * turn them into SWS failure reasons; messages never contain a key or a plaintext.
 */
import nacl from 'tweetnacl';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { KEY_LENGTH, textEncoder, concat, isAllZero, isAcceptableBoxKey } from './bytes.js';

const DH_LENGTH = 32;
const TAG_LENGTH = 16;
const MAX_MESSAGE_LENGTH = 65535;
const MAX_NONCE = (1n << 64n) - 1n;
const EMPTY = new Uint8Array(0);

/** XX: -> e; <- e, ee, s, es; -> s, se. Message i is the initiator's when i is even. */
const XX = Object.freeze([['e'], ['e', 'ee', 's', 'es'], ['s', 'se']]);

class NoiseError extends Error {

	constructor(failure, message) {
		super(message);
		this.name = 'NoiseError';
		this.failure = failure;
	}

}

/** ChaChaPoly: ChaCha20-Poly1305 with 32 zero bits then n as 64-bit little-endian (Noise section 12.3). */
const CHACHAPOLY = Object.freeze({
	name: 'ChaChaPoly',
	encrypt(key, n, ad, plaintext) {
		return chacha20poly1305(key, littleEndianNonce(n), ad).encrypt(plaintext);
	},
	decrypt(key, n, ad, ciphertext) {
		try {
			return chacha20poly1305(key, littleEndianNonce(n), ad).decrypt(ciphertext);
		}
		catch (ex) {
			return null;
		}
	}
});

function littleEndianNonce(n) {
	const nonce = new Uint8Array(12);
	new DataView(nonce.buffer).setBigUint64(4, n, true);
	return nonce;
}

/** The hash functions: @noble/hashes' functions carry HASHLEN (outputLen) and BLOCKLEN (blockLen). */
const BLAKE2B = Object.freeze({ name: 'BLAKE2b', fn: blake2b });
const SHA256 = Object.freeze({ name: 'SHA256', fn: sha256 });

/** A Noise protocol of pattern XX over 25519: its name and its cipher and hash functions. */
function xxProtocol(cipher, hash) {
	return Object.freeze({ name: 'Noise_XX_25519_' + cipher.name + '_' + hash.name, cipher, hash });
}

/**
 * Noise section 5.1: a key k (or none) and the 64-bit counter n. Encryption and decryption at
 * n = 2^64 - 1 fail with 'counter-exhausted' before the cipher runs, so n never wraps. A message
 * may be longer than 65,535 bytes: the transport frames it (SWS v3 section 13.1).
 */
class CipherState {

	constructor(cipher) {
		this.cipher = cipher;
		this.key = null;
		this.n = 0n;
	}

	initializeKey(key) {
		this.key = key.slice(0, KEY_LENGTH);
		this.n = 0n;
	}

	hasKey() {
		return this.key !== null;
	}

	encryptWithAd(ad, plaintext) {
		if (this.key === null) {
			return plaintext.slice();
		}
		this.requireNonceLeft();
		const ciphertext = this.cipher.encrypt(this.key, this.n, ad, plaintext);
		this.n++;
		return ciphertext;
	}

	/** A failure leaves n unchanged. */
	decryptWithAd(ad, ciphertext) {
		if (this.key === null) {
			return ciphertext.slice();
		}
		this.requireNonceLeft();
		if (ciphertext.length < TAG_LENGTH) {
			throw new NoiseError('malformed', 'A ciphertext of ' + ciphertext.length + ' bytes is shorter than its tag');
		}
		const plaintext = this.cipher.decrypt(this.key, this.n, ad, ciphertext);
		if (plaintext === null) {
			throw new NoiseError('decrypt-failed', 'A ciphertext of ' + ciphertext.length
				+ ' bytes failed to authenticate at nonce ' + this.n);
		}
		this.n++;
		return plaintext;
	}

	/** Rekey(): k = the first 32 bytes of ENCRYPT(k, 2^64 - 1, empty, 32 zero bytes); n unchanged. */
	rekey() {
		if (this.key === null) {
			throw new NoiseError('wrong-state', 'Rekey() without a key');
		}
		const next = this.cipher.encrypt(this.key, MAX_NONCE, EMPTY, new Uint8Array(KEY_LENGTH));
		this.key.fill(0);
		this.key = next.slice(0, KEY_LENGTH);
		next.fill(0);
	}

	/** Forgets the key; a destroyed state passes data through unencrypted, so it must not be used again. */
	destroy() {
		if (this.key !== null) {
			this.key.fill(0);
		}
		this.key = null;
	}

	requireNonceLeft() {
		if (this.n >= MAX_NONCE) {
			throw new NoiseError('counter-exhausted', 'The nonce reached 2^64 - 1');
		}
	}

}

/** Noise section 5.2: the chaining key ck, the handshake hash h and a CipherState. */
class SymmetricState {

	constructor(protocol) {
		this.hash = protocol.hash.fn;
		const name = textEncoder.encode(protocol.name);
		if (name.length <= this.hash.outputLen) {
			this.h = new Uint8Array(this.hash.outputLen);
			this.h.set(name);
		}
		else {
			this.h = this.hash(name);
		}
		this.ck = this.h.slice();
		this.cipherState = new CipherState(protocol.cipher);
	}

	mixKey(inputKeyMaterial) {
		const [ck, tempKey] = this.hkdf(inputKeyMaterial, 2);
		this.ck.fill(0);
		this.ck = ck;
		this.cipherState.initializeKey(tempKey);
		tempKey.fill(0);
	}

	mixHash(data) {
		this.h = this.hash(concat([this.h, data]));
	}

	encryptAndHash(plaintext) {
		const ciphertext = this.cipherState.encryptWithAd(this.h, plaintext);
		this.mixHash(ciphertext);
		return ciphertext;
	}

	decryptAndHash(ciphertext) {
		const plaintext = this.cipherState.decryptWithAd(this.h, ciphertext);
		this.mixHash(ciphertext);
		return plaintext;
	}

	/** Split(): two CipherStates, the initiator's sending one first. */
	split() {
		const [first, second] = this.hkdf(EMPTY, 2);
		const c1 = new CipherState(this.cipherState.cipher);
		const c2 = new CipherState(this.cipherState.cipher);
		c1.initializeKey(first);
		c2.initializeKey(second);
		first.fill(0);
		second.fill(0);
		return [c1, c2];
	}

	/** HKDF(ck, ikm, count) of Noise section 4.3: count outputs of HASHLEN bytes. */
	hkdf(inputKeyMaterial, count) {
		const hashLength = this.hash.outputLen;
		const okm = hkdf(this.hash, inputKeyMaterial, this.ck, EMPTY, count * hashLength);
		const outputs = [];
		for (let i = 0; i < count; i++) {
			outputs.push(okm.slice(i * hashLength, (i + 1) * hashLength));
		}
		okm.fill(0);
		return outputs;
	}

	destroy() {
		this.ck.fill(0);
		this.cipherState.destroy();
	}

}

/** An X25519 key pair from 32 random or given secret bytes. */
function dhKeyPair(secretKey) {
	return { publicKey: nacl.scalarMult.base(secretKey), secretKey: secretKey };
}

/** DH(), refusing an all-zero result (SWS v3 section 7.4). */
function dh(keyPair, publicKey) {
	const shared = nacl.scalarMult(keyPair.secretKey, publicKey);
	if (isAllZero(shared)) {
		throw new NoiseError('weak-key', 'A DH gives an all-zero result');
	}
	return shared;
}

/**
 * Noise section 5.3 for the XX pattern: one handshake, as initiator or responder.
 *
 * options: {protocol, initiator (boolean), prologue, s ({publicKey, secretKey}: the static key
 * pair), e (optional: the ephemeral key pair, for a client that sent it before it knew the
 * suite, and for test vectors; otherwise made from nacl.randomBytes)}
 *
 * Received public keys that are all-zero or of low order, and all-zero DH results, are refused
 * with 'weak-key'. After the third message: handshakeHash, remoteStatic and split().
 */
class HandshakeState {

	constructor(options) {
		this.initiator = options.initiator;
		this.symmetric = new SymmetricState(options.protocol);
		this.s = options.s;
		this.e = options.e || null;
		this.rs = null;
		this.re = null;
		this.index = 0;
		this.failed = false;
		this.handshakeHash = null;
		this.cipherStates = null;
		this.symmetric.mixHash(options.prologue);
	}

	isComplete() {
		return this.handshakeHash !== null;
	}

	get remoteStatic() {
		return this.rs;
	}

	/** WriteMessage(payload): the message; the payload is encrypted once a key exists. */
	writeMessage(payload) {
		this.requireTurn(true);
		try {
			const parts = [];
			for (const token of XX[this.index]) {
				if (token === 'e') {
					if (this.e === null) {
						this.e = dhKeyPair(nacl.randomBytes(DH_LENGTH));
					}
					parts.push(this.e.publicKey);
					this.symmetric.mixHash(this.e.publicKey);
				}
				else if (token === 's') {
					parts.push(this.symmetric.encryptAndHash(this.s.publicKey));
				}
				else {
					this.mixDh(token);
				}
			}
			parts.push(this.symmetric.encryptAndHash(payload));
			const message = concat(parts);
			if (message.length > MAX_MESSAGE_LENGTH) {
				throw new NoiseError('malformed', 'A handshake message of ' + message.length + ' bytes exceeds 65535');
			}
			this.advance();
			return message;
		}
		catch (ex) {
			this.abort();
			throw ex;
		}
	}

	/** ReadMessage(message): the payload. */
	readMessage(message) {
		this.requireTurn(false);
		try {
			const tokens = XX[this.index];
			const minimum = this.messageLength(tokens);
			if (message.length < minimum || message.length > MAX_MESSAGE_LENGTH) {
				throw new NoiseError('malformed', 'Handshake message ' + (this.index + 1) + ' has ' + message.length
					+ ' bytes; it needs ' + minimum + ' to ' + MAX_MESSAGE_LENGTH);
			}
			let offset = 0;
			for (const token of tokens) {
				if (token === 'e') {
					this.re = acceptable(message.slice(offset, offset + DH_LENGTH), 'ephemeral');
					offset += DH_LENGTH;
					this.symmetric.mixHash(this.re);
				}
				else if (token === 's') {
					const length = DH_LENGTH + (this.symmetric.cipherState.hasKey() ? TAG_LENGTH : 0);
					this.rs = acceptable(this.symmetric.decryptAndHash(message.subarray(offset, offset + length)), 'static');
					offset += length;
				}
				else {
					this.mixDh(token);
				}
			}
			const payload = this.symmetric.decryptAndHash(message.subarray(offset));
			this.advance();
			return payload;
		}
		catch (ex) {
			this.abort();
			throw ex;
		}
	}

	/** Split(): {send, receive}, this side's CipherStates for the transport. */
	split() {
		if (this.cipherStates === null) {
			throw new NoiseError('wrong-state', 'The handshake is not complete');
		}
		const [c1, c2] = this.cipherStates;
		this.cipherStates = null;
		return this.initiator ? { send: c1, receive: c2 } : { send: c2, receive: c1 };
	}

	/** Forgets the ephemeral secret and the symmetric state, as after a failure. */
	destroy() {
		this.abort();
		if (this.cipherStates !== null) {
			this.cipherStates.forEach((state) => state.destroy());
			this.cipherStates = null;
		}
	}

	mixDh(token) {
		const initiator = this.initiator;
		let shared;
		if (token === 'ee') {
			shared = dh(this.e, this.re);
		}
		else if (token === 'es') {
			shared = initiator ? dh(this.e, this.rs) : dh(this.s, this.re);
		}
		else if (token === 'se') {
			shared = initiator ? dh(this.s, this.re) : dh(this.e, this.rs);
		}
		else {
			throw new NoiseError('wrong-state', 'Not a token of XX: ' + token);
		}
		this.symmetric.mixKey(shared);
		shared.fill(0);
	}

	/** The length of the current message with an empty payload. */
	messageLength(tokens) {
		let keyed = this.symmetric.cipherState.hasKey();
		let length = 0;
		for (const token of tokens) {
			if (token === 'e') {
				length += DH_LENGTH;
			}
			else if (token === 's') {
				length += DH_LENGTH + (keyed ? TAG_LENGTH : 0);
			}
			else {
				keyed = true;
			}
		}
		return length + (keyed ? TAG_LENGTH : 0);
	}

	requireTurn(writing) {
		if (this.failed || this.isComplete()) {
			throw new NoiseError('wrong-state', 'The handshake is ' + (this.failed ? 'failed' : 'complete'));
		}
		const initiatorsTurn = this.index % 2 === 0;
		if ((initiatorsTurn === this.initiator) !== writing) {
			throw new NoiseError('wrong-state', 'Handshake message ' + (this.index + 1) + ' is the other side\'s to '
				+ (writing ? 'write' : 'read'));
		}
	}

	advance() {
		this.index++;
		if (this.index === XX.length) {
			this.handshakeHash = this.symmetric.h.slice();
			this.cipherStates = this.symmetric.split();
			this.symmetric.destroy();
			this.forgetEphemeral();
		}
	}

	abort() {
		this.failed = !this.isComplete();
		this.symmetric.destroy();
		this.forgetEphemeral();
	}

	forgetEphemeral() {
		if (this.e !== null) {
			this.e.secretKey.fill(0);
		}
	}

}

function acceptable(publicKey, which) {
	if (!isAcceptableBoxKey(publicKey)) {
		throw new NoiseError('weak-key', 'The peer\'s ' + which + ' key is all-zero or of low order');
	}
	return publicKey;
}

/** The suites SWS v3 speaks, by id (SWS v3 section 3). 0x02 (AES-GCM) is left out on purpose: see README. */
const SUITES = Object.freeze({ 1: xxProtocol(CHACHAPOLY, BLAKE2B) });

export { NoiseError, CipherState, SymmetricState, HandshakeState, CHACHAPOLY, BLAKE2B, SHA256, SUITES, MAX_NONCE,
	MAX_MESSAGE_LENGTH, dhKeyPair, xxProtocol };
