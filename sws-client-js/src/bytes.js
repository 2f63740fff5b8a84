/*
 * Byte helpers shared by the v1/v2 code (sws-client.js) and the Noise core (noise.js, v3.js),
 * and the X25519 public keys every version refuses.
 */

var KEY_LENGTH = 32;

var textEncoder = new TextEncoder();
var strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fromHex(hex) {
	var bytes = new Uint8Array(hex.length / 2);
	for (var i = 0; i < bytes.length; i++) {
		bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
	}
	return bytes;
}

function toHex(bytes) {
	var hex = '';
	for (var i = 0; i < bytes.length; i++) {
		hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
	}
	return hex;
}

function concat(parts) {
	var length = 0;
	parts.forEach(function (part) {
		length += part.length;
	});
	var out = new Uint8Array(length);
	var offset = 0;
	parts.forEach(function (part) {
		out.set(part, offset);
		offset += part.length;
	});
	return out;
}

/** Compares in time that depends only on the lengths. */
function equalBytes(a, b) {
	if (a.length !== b.length) {
		return false;
	}
	var diff = 0;
	for (var i = 0; i < a.length; i++) {
		diff |= a[i] ^ b[i];
	}
	return diff === 0;
}

function isAllZero(bytes) {
	var bits = 0;
	for (var i = 0; i < bytes.length; i++) {
		bits |= bytes[i];
	}
	return bits === 0;
}

function matchesIgnoringTopBit(key, list) {
	return list.some(function (bad) {
		var diff = 0;
		for (var i = 0; i < 31; i++) {
			diff |= key[i] ^ bad[i];
		}
		return (diff | ((key[31] & 0x7f) ^ bad[31])) === 0;
	});
}

// X25519 public keys that give a public shared key: libsodium's blocklist, as in
// dev.sws.crypto.BoxPublicKeys, compared with the top bit ignored.
var BOX_LOW_ORDER = [
	'0000000000000000000000000000000000000000000000000000000000000000',
	'0100000000000000000000000000000000000000000000000000000000000000',
	'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
	'5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
	'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
	'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
	'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'
].map(fromHex);

/** Whether a box (X25519) public key may be used: 32 bytes, neither all-zero nor of low order. */
function isAcceptableBoxKey(key) {
	return key instanceof Uint8Array && key.length === KEY_LENGTH && !matchesIgnoringTopBit(key, BOX_LOW_ORDER);
}

export { KEY_LENGTH, textEncoder, strictUtf8, fromHex, toHex, concat, equalBytes, isAllZero, matchesIgnoringTopBit,
	isAcceptableBoxKey };
