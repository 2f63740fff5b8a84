/*
 * SWS browser client: SwsWebSocket, an object with the WebSocket API that speaks SWS (Secure
 * WebSocket) over a WebSocket, so that @stomp/stompjs and other WebSocket code run end-to-end
 * encrypted without a change.
 *
 * This ES module is the package's source. The build (build.mjs) bundles it with tweetnacl,
 * @noble/ciphers and @noble/hashes into dist/sws-client.mjs (an ES module) and
 * dist/sws-client.js (a classic script that defines the global SwsWebSocket); any app with the
 * SWS starter serves both under /sws/.
 *
 * Version 3 (the default; v3.js and noise.js) is Noise XX: ephemeral keys, forward secrecy, a
 * handshake hash over every byte. Versions 1 and 2 follow the original SWS protocol byte for
 * byte. The checks on the server are those of the Java client (dev.sws.cert.TrustPolicy and
 * HostMatcher): a server certificate (v2, v3) must be signed by a trust anchor, unexpired, not
 * outliving its CA, for the server's handshake key and for the exact host of the URL;
 * self-signed and low-order keys are refused. A pinned key (v1, v3) must match.
 */
import nacl from 'tweetnacl';
import { sha256 } from '@noble/hashes/sha2.js';
import { KEY_LENGTH, textEncoder, strictUtf8, fromHex, toHex, concat, equalBytes, matchesIgnoringTopBit,
	isAcceptableBoxKey } from './bytes.js';
import { CLOSE_CODES, SwsError, invalidOption } from './errors.js';
import { V3ClientHandshake, DEFAULT_REKEY, MAX_THRESHOLD, MAX_MESSAGE_3_PAYLOAD, clientPayload,
	hasDuplicateNames } from './v3.js';
import * as noise from './noise.js';

var CONNECTING = 0;
var OPEN = 1;
var CLOSING = 2;
var CLOSED = 3;

var NONCE_LENGTH = 8;
var TAG_LENGTH = 16;
var BOX_FIXED_PLAINTEXT = NONCE_LENGTH + KEY_LENGTH;
var MAX_SAFE_TTE = 9007199254740991;
// AES-256-GCM's limit for one message, the lower of the two v3 AEADs' (SWS v3 section 13.1)
var MAX_V3_MESSAGE_SIZE = Math.pow(2, 36) - 32;

var DEFAULTS = Object.freeze({
	version: 3,
	handshakeTimeout: 2000,
	clockSkew: 60000,
	maxMessageSize: 1024 * 1024,
	maxHandshakeMessageSize: 64 * 1024,
	inboundMessages: 'text-if-utf8'
});

// Ed25519 points of small order (libsodium's ge25519_has_small_order), refused as keys and as
// the R of a signature: tweetnacl accepts them, and with the identity key [1,0,...,0] any
// signature of the form (R=[s]B, S=s) verifies (docs/protocol/sws-v1-v2.md W1).
var ED25519_SMALL_ORDER = [
	'0000000000000000000000000000000000000000000000000000000000000000',
	'0100000000000000000000000000000000000000000000000000000000000000',
	'26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
	'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
	'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
	'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
	'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'
].map(fromHex);

// The order L of the Ed25519 base point, little-endian: a signature's S must be below it.
var ED25519_ORDER = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

// ---------------------------------------------------------------------------------------------
// Randomness

/**
 * tweetnacl takes the platform's CSPRNG from `self.crypto` (browsers, workers) or from
 * `require('crypto')` (CommonJS on Node). Bundled into an ES module and run on Node it finds
 * neither, and every key or nonce would throw 'no PRNG': then it gets Web Crypto's
 * getRandomValues, the same CSPRNG, global since Node 19.
 */
function useWebCryptoIfTweetnaclHasNoRandomSource() {
	try {
		nacl.randomBytes(0);
	}
	catch (ex) {
		if (globalThis.crypto && typeof globalThis.crypto.getRandomValues === 'function') {
			nacl.setPRNG(function (target, n) {
				// getRandomValues fills at most 65536 bytes per call
				for (var i = 0; i < n; i += 65536) {
					globalThis.crypto.getRandomValues(target.subarray(i, Math.min(n, i + 65536)));
				}
			});
		}
	}
}

useWebCryptoIfTweetnaclHasNoRandomSource();

// ---------------------------------------------------------------------------------------------
// Bytes

/** A JSON array of integers 0..255 of a length in [min, max] as bytes, otherwise null. */
function byteArray(value, min, max) {
	if (!Array.isArray(value) || value.length < min || value.length > (max === undefined ? min : max)) {
		return null;
	}
	var bytes = new Uint8Array(value.length);
	for (var i = 0; i < value.length; i++) {
		var item = value[i];
		if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 255) {
			return null;
		}
		bytes[i] = item;
	}
	return bytes;
}

function base64ToBytes(text) {
	var binary = globalThis.atob(text.trim());
	var bytes = new Uint8Array(binary.length);
	for (var i = 0; i < binary.length; i++) {
		bytes[i] = binary.charCodeAt(i);
	}
	return bytes;
}

/** The SWS nonce: 8 bytes, a little-endian counter, expanded to 24 bytes by repeating it. */
function expandNonce(counter) {
	var nonce = new Uint8Array(24);
	nonce.set(counter, 0);
	nonce.set(counter, 8);
	nonce.set(counter, 16);
	return nonce;
}

function incrementNonce(counter) {
	for (var i = 0; i < NONCE_LENGTH; i++) {
		counter[i] = (counter[i] + 1) & 0xff;
		if (counter[i] !== 0) {
			return;
		}
	}
}

/**
 * The fingerprint of a public key, as dev.sws.crypto.KeyFingerprint prints it: the first 16
 * bytes of its SHA-256 in lowercase hex, in groups of four digits.
 */
function fingerprint(publicKey) {
	var hex = toHex(sha256(publicKey).subarray(0, 16));
	return hex.match(/.{4}/g).join(':');
}

// ---------------------------------------------------------------------------------------------
// Ed25519 verification with libsodium's checks

function isCanonicalScalar(s) {
	for (var i = 31; i >= 0; i--) {
		if (s[i] !== ED25519_ORDER[i]) {
			return s[i] < ED25519_ORDER[i];
		}
	}
	return false;
}

function isCanonicalPoint(p) {
	if ((p[31] & 0x7f) !== 0x7f) {
		return true;
	}
	for (var i = 30; i > 0; i--) {
		if (p[i] !== 0xff) {
			return true;
		}
	}
	return p[0] < 0xed;
}

/**
 * Ed25519 verification as libsodium does it: tweetnacl's check, plus the refusal of
 * small-order and non-canonical keys, small-order R and non-canonical S.
 */
function verifyEd25519(message, signature, publicKey) {
	if (signature.length !== 64 || publicKey.length !== 32) {
		return false;
	}
	if (!isCanonicalPoint(publicKey) || matchesIgnoringTopBit(publicKey, ED25519_SMALL_ORDER)) {
		return false;
	}
	if (matchesIgnoringTopBit(signature.subarray(0, 32), ED25519_SMALL_ORDER)
			|| !isCanonicalScalar(signature.subarray(32))) {
		return false;
	}
	return nacl.sign.detached.verify(message, signature, publicKey);
}

// ---------------------------------------------------------------------------------------------
// Certificates (dev.sws.cert.NaclCert and TrustPolicy)

function isObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function reject(reason, message) {
	return { reason: reason, message: message };
}

function quote(text) {
	var shortened = text.length > 64 ? text.substring(0, 64) + '...' : text;
	return JSON.stringify(shortened);
}

function optionalStrings(desc, key) {
	var value = desc[key];
	if (value === undefined) {
		return [];
	}
	if (!Array.isArray(value) || !value.every(function (item) {
		return typeof item === 'string';
	})) {
		return null;
	}
	return value.slice();
}

/**
 * Reads a certificate: a cert object or its JSON text. Returns {cert, desc, publicKey,
 * signature, tte, names, ips} or a rejection {reason: 'malformed', message}.
 */
function readCert(value) {
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		}
		catch (ex) {
			return reject('malformed', 'The cert is not valid JSON');
		}
	}
	if (!isObject(value) || !isObject(value.desc) || !isObject(value.sign)) {
		return reject('malformed', 'A cert is an object with the objects desc and sign');
	}
	var desc = value.desc;
	var signature = byteArray(value.sign.signature, 64);
	if (signature === null) {
		return reject('malformed', "The cert's signature is not an array of 64 bytes");
	}
	var publicKey = byteArray(desc.publickey, 32);
	if (publicKey === null) {
		return reject('malformed', "The cert's publickey is not an array of 32 bytes");
	}
	var missing = ['version', 'type', 'ca'].filter(function (key) {
		return typeof desc[key] !== 'string';
	});
	if (missing.length > 0) {
		return reject('malformed', 'The cert has no string desc.' + missing[0]);
	}
	if (typeof desc.tte !== 'number' || !(desc.tte >= 0 && desc.tte <= MAX_SAFE_TTE)) {
		return reject('malformed', "The cert's desc.tte is not a time in milliseconds");
	}
	var lists = {};
	for (var key of ['names', 'ips', 'macs']) {
		lists[key] = optionalStrings(desc, key);
		if (lists[key] === null) {
			return reject('malformed', "The cert's desc." + key + ' is not an array of strings');
		}
	}
	if (desc.version !== '1.0') {
		return reject('malformed', "The cert's version is " + quote(desc.version) + ', not "1.0"');
	}
	var type = desc.type.toLowerCase();
	if (type !== 'ca' && type !== 'self') {
		return reject('malformed', "The cert's type is " + quote(desc.type) + ', not "ca" or "self"');
	}
	return {
		cert: value,
		desc: desc,
		selfSigned: type === 'self',
		ca: desc.ca,
		publicKey: publicKey,
		signature: signature,
		tte: Math.ceil(desc.tte),
		names: lists.names,
		ips: lists.ips
	};
}

function signedBytes(parsed) {
	// What the issuer signed: JSON.stringify(desc) in the desc's own key order (docs/protocol/sws-v1-v2.md section 7.2).
	return textEncoder.encode(JSON.stringify(parsed.desc));
}

function isExpired(parsed, now, clockSkew) {
	return parsed.tte <= now - clockSkew;
}

function expiry(parsed) {
	return new Date(parsed.tte).toISOString();
}

/**
 * Checks a trust anchor: a well-formed, self-signed CA cert whose self-signature verifies and
 * which has not expired (TrustPolicy.checkTrustAnchor). Returns null or a rejection.
 */
function checkTrustAnchor(anchor, now, clockSkew) {
	var parsed = readCert(anchor);
	if (parsed.reason) {
		return parsed;
	}
	if (!parsed.selfSigned) {
		return reject('untrusted-issuer', 'The CA cert ' + quote(parsed.ca) + ' is not self-signed (type '
			+ quote(parsed.desc.type) + ')');
	}
	if (!verifyEd25519(signedBytes(parsed), parsed.signature, parsed.publicKey)) {
		return reject('bad-signature', 'The self-signature of the CA cert ' + quote(parsed.ca) + ' does not verify');
	}
	if (isExpired(parsed, now, clockSkew)) {
		return reject('expired', 'The CA cert ' + quote(parsed.ca) + ' expired at ' + expiry(parsed));
	}
	return null;
}

/**
 * Compares ignoring the case of ASCII letters only (dev.sws.cert.AsciiCase): every other
 * character must be identical, so that 'admın' (dotless ı) is not 'admin', nor the Kelvin sign
 * 'K' (U+212A) a 'k', nor the long s 'ſ' an 's'.
 */
function equalsIgnoringAsciiCase(a, b) {
	if (a.length !== b.length) {
		return false;
	}
	for (var i = 0; i < a.length; i++) {
		var x = a.charCodeAt(i);
		var y = b.charCodeAt(i);
		if (x !== y && asciiLowerCase(x) !== asciiLowerCase(y)) {
			return false;
		}
	}
	return true;
}

function asciiLowerCase(code) {
	return (code >= 65 && code <= 90) ? code + 32 : code;
}

/**
 * Validates a peer cert against trust anchors (TrustPolicy.validate): form, weak key,
 * self-signed, issuer by name, signature, expiry, lifetime within the CA's. Returns null or a
 * rejection.
 */
function validateCert(parsed, anchors, now, clockSkew) {
	if (!isAcceptableBoxKey(parsed.publicKey)) {
		return reject('weak-key', "The cert's public key is all-zero or of low order");
	}
	if (parsed.selfSigned) {
		return reject('untrusted-issuer', 'The cert is self-signed; a peer must present a cert signed by a trusted CA');
	}
	var named = anchors.filter(function (anchor) {
		return equalsIgnoringAsciiCase(anchor.ca, parsed.ca);
	});
	if (named.length === 0) {
		return reject('untrusted-issuer', "The cert's CA " + quote(parsed.ca) + ' is not a trust anchor');
	}
	var message = signedBytes(parsed);
	var issuers = named.filter(function (anchor) {
		return verifyEd25519(message, parsed.signature, anchor.publicKey);
	});
	if (issuers.length === 0) {
		return reject('bad-signature', "The cert's signature does not verify with the key of CA " + quote(parsed.ca));
	}
	if (isExpired(parsed, now, clockSkew)) {
		return reject('expired', 'The cert expired at ' + expiry(parsed));
	}
	var first = null;
	for (var i = 0; i < issuers.length; i++) {
		var issuer = issuers[i];
		var rejection = null;
		if (isExpired(issuer, now, clockSkew)) {
			rejection = reject('expired', "The cert's CA " + quote(issuer.ca) + ' expired at ' + expiry(issuer));
		}
		else if (parsed.tte > issuer.tte) {
			rejection = reject('untrusted-issuer', 'The cert expires at ' + expiry(parsed) + ', after its CA '
				+ quote(issuer.ca) + ' (' + expiry(issuer) + ')');
		}
		if (rejection === null) {
			return null;
		}
		first = first || rejection;
	}
	return first;
}

/**
 * Checks a server's cert as the client does (TrustPolicy.verifyServer): validation against
 * the anchors, then the key, then the host. Returns null or a rejection {reason, message}
 * whose reason is a certificate tag ('untrusted-issuer', 'host-mismatch', ...).
 *
 * options: {trustAnchors: [cert objects or JSON], serverPublicKey: Uint8Array, host: string,
 * now: epoch ms (default Date.now()), clockSkew: ms (default 60000)}
 */
function verifyServerCertificate(cert, options) {
	var now = options.now !== undefined ? options.now : Date.now();
	var clockSkew = options.clockSkew !== undefined ? options.clockSkew : DEFAULTS.clockSkew;
	var anchors = (options.trustAnchors || []).map(function (anchor) {
		var parsed = readCert(anchor);
		if (parsed.reason) {
			throw invalidOption('Not a usable trust anchor: ' + parsed.message);
		}
		return parsed;
	});
	var parsed = readCert(cert);
	if (parsed.reason) {
		return parsed;
	}
	return verifyParsedServerCert(parsed, anchors, options.serverPublicKey, options.host, now, clockSkew);
}

function verifyParsedServerCert(parsed, anchors, serverPublicKey, host, now, clockSkew) {
	var rejection = validateCert(parsed, anchors, now, clockSkew);
	if (rejection) {
		return rejection;
	}
	if (!equalBytes(parsed.publicKey, serverPublicKey)) {
		return reject('key-mismatch', "The cert's public key is not the peer's handshake key");
	}
	if (!hostMatches(parsed.names, parsed.ips, host)) {
		return reject('host-mismatch', 'The cert does not cover host ' + quote(String(host)));
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Host matching (dev.sws.cert.HostMatcher and IpLiteral)

/**
 * Whether a host matches one of the names or addresses: exact names ignoring ASCII case and one
 * trailing dot, '*.' covering exactly one more label, IP hosts against ips as addresses (never
 * against an IP written among the names).
 */
function hostMatches(names, ips, host) {
	if (!host) {
		return false;
	}
	var bracketed = host.length > 2 && host.charAt(0) === '[' && host.charAt(host.length - 1) === ']';
	if (bracketed && host.indexOf(':') < 0) {
		return false;
	}
	var address = parseIp(bracketed ? host.substring(1, host.length - 1) : host);
	if (address) {
		return ips.some(function (ip) {
			var parsed = parseIp(ip);
			return parsed !== null && equalBytes(parsed, address);
		});
	}
	if (bracketed) {
		return false;
	}
	var dnsHost = withoutTrailingDot(host);
	return dnsHost.length > 0 && names.some(function (name) {
		return nameMatches(name, dnsHost);
	});
}

function isWildcard(name) {
	if (name.indexOf('*.') !== 0) {
		return false;
	}
	var base = withoutTrailingDot(name.substring(2));
	var dot = base.indexOf('.');
	return dot > 0 && dot < base.length - 1 && base.indexOf('*') < 0 && base.indexOf('..') < 0;
}

function nameMatches(name, host) {
	var pattern = withoutTrailingDot(name);
	if (!isWildcard(pattern)) {
		return pattern.length > 0 && equalsIgnoringAsciiCase(pattern, host);
	}
	var base = pattern.substring(2);
	var labelEnd = host.indexOf('.');
	return labelEnd > 0 && host.length - labelEnd - 1 === base.length
		&& equalsIgnoringAsciiCase(host.substring(labelEnd + 1), base);
}

function withoutTrailingDot(name) {
	return name.charAt(name.length - 1) === '.' ? name.substring(0, name.length - 1) : name;
}

/** Parses an IP literal without resolving anything: 4 bytes for IPv4 and mapped IPv6, else 16. */
function parseIp(text) {
	if (text.indexOf(':') >= 0) {
		var address = parseIpv6(text);
		if (address !== null && isIpv4Mapped(address)) {
			return address.subarray(12, 16);
		}
		return address;
	}
	return parseIpv4(text);
}

function parseIpv4(text) {
	var parts = text.split('.');
	if (parts.length !== 4) {
		return null;
	}
	var address = new Uint8Array(4);
	for (var i = 0; i < 4; i++) {
		var part = parts[i];
		if (!/^[0-9]{1,3}$/.test(part) || (part.length > 1 && part.charAt(0) === '0') || Number(part) > 255) {
			return null;
		}
		address[i] = Number(part);
	}
	return address;
}

function parseIpv6(text) {
	var gap = text.indexOf('::');
	if (gap >= 0 && text.indexOf('::', gap + 1) >= 0) {
		return null;
	}
	var head = gap < 0 ? ipv6Groups(text, true) : ipv6Groups(text.substring(0, gap), false);
	var tail = gap < 0 ? [] : ipv6Groups(text.substring(gap + 2), true);
	if (head === null || tail === null) {
		return null;
	}
	var length = head.length + tail.length;
	if (gap < 0 ? length !== 16 : length > 14) {
		return null;
	}
	var address = new Uint8Array(16);
	address.set(head, 0);
	address.set(tail, 16 - tail.length);
	return address;
}

function ipv6Groups(text, quadAllowedLast) {
	if (text.length === 0) {
		return [];
	}
	var parts = text.split(':');
	var out = [];
	for (var i = 0; i < parts.length; i++) {
		var part = parts[i];
		if (out.length > 14) {
			return null;
		}
		if (quadAllowedLast && i === parts.length - 1 && part.indexOf('.') >= 0) {
			var quad = parseIpv4(part);
			if (quad === null) {
				return null;
			}
			out.push(quad[0], quad[1], quad[2], quad[3]);
		}
		else {
			if (!/^[0-9a-fA-F]{1,4}$/.test(part)) {
				return null;
			}
			var value = parseInt(part, 16);
			out.push(value >>> 8, value & 0xff);
		}
	}
	return out;
}

function isIpv4Mapped(address) {
	for (var i = 0; i < 10; i++) {
		if (address[i] !== 0) {
			return false;
		}
	}
	return address[10] === 0xff && address[11] === 0xff;
}

// ---------------------------------------------------------------------------------------------
// Options

function readKeyPair(value) {
	if (value === undefined || value === null) {
		return nacl.box.keyPair();
	}
	var secretKey = value.secretKey !== undefined ? value.secretKey : value.secretkey;
	if (Array.isArray(secretKey)) {
		secretKey = byteArray(secretKey, 32);
	}
	if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
		throw invalidOption('keyPair.secretKey must be 32 bytes (a Uint8Array, or an array as in box-kp.json)');
	}
	var pair = nacl.box.keyPair.fromSecretKey(secretKey);
	var publicKey = value.publicKey !== undefined ? value.publicKey : value.publickey;
	if (publicKey !== undefined && !equalBytes(Array.isArray(publicKey) ? byteArray(publicKey, 32) || [] : publicKey,
			pair.publicKey)) {
		throw invalidOption('keyPair.publicKey does not belong to keyPair.secretKey');
	}
	return pair;
}

function readPinnedKey(value) {
	var key = value;
	if (typeof value === 'string') {
		try {
			key = base64ToBytes(value);
		}
		catch (ex) {
			throw invalidOption('A pinned server key is not base64: ' + quote(value));
		}
	}
	else if (Array.isArray(value)) {
		key = byteArray(value, 32);
	}
	if (!(key instanceof Uint8Array) || key.length !== 32) {
		throw invalidOption('A pinned server key must be 32 bytes (base64, as /actuator/info shows it)');
	}
	return key;
}

function positiveNumber(options, name) {
	var value = options[name] !== undefined ? options[name] : DEFAULTS[name];
	if (typeof value !== 'number' || !(value >= 0) || !isFinite(value)) {
		throw invalidOption(name + ' must be a non-negative number, not ' + value);
	}
	return value;
}

function readSettings(options) {
	var version = options.version !== undefined ? options.version : DEFAULTS.version;
	if (version !== 1 && version !== 2 && version !== 3) {
		throw invalidOption('version must be 1, 2 or 3, not ' + version);
	}
	var inbound = options.inboundMessages || DEFAULTS.inboundMessages;
	if (['text-if-utf8', 'text', 'binary'].indexOf(inbound) < 0) {
		throw invalidOption("inboundMessages must be 'text-if-utf8', 'text' or 'binary', not " + inbound);
	}
	var settings = {
		version: version,
		keyPair: readKeyPair(options.keyPair),
		ownsKeyPair: options.keyPair === undefined || options.keyPair === null,
		pinnedServerKeys: (options.pinnedServerKeys || []).map(readPinnedKey),
		insecureAcceptAnyServerKey: options.insecureAcceptAnyServerKey === true,
		handshakeTimeout: positiveNumber(options, 'handshakeTimeout'),
		clockSkew: positiveNumber(options, 'clockSkew'),
		maxMessageSize: positiveNumber(options, 'maxMessageSize'),
		maxHandshakeMessageSize: positiveNumber(options, 'maxHandshakeMessageSize'),
		inboundMessages: inbound,
		now: typeof options.now === 'function' ? options.now : Date.now,
		trustAnchors: [],
		certificate: null,
		rekey: readRekeyOption(options.rekey, version)
	};
	if (version === 1 && settings.pinnedServerKeys.length === 0 && !settings.insecureAcceptAnyServerKey) {
		throw invalidOption('Version 1 does not authenticate the server by itself: give pinnedServerKeys '
			+ '(the server key, as /actuator/info shows it), or use version 3 or 2 with trustAnchors');
	}
	if (version === 1) {
		return settings;
	}
	if (version === 3 && settings.maxMessageSize > MAX_V3_MESSAGE_SIZE) {
		throw invalidOption('maxMessageSize must be at most 2^36 - 32 bytes in version 3 (the AEAD limit per message)');
	}
	var anchors = options.trustAnchors || [];
	if (version === 2 && anchors.length === 0) {
		throw invalidOption('Version 2 needs trustAnchors: the CA cert(s) that sign server certificates');
	}
	if (version === 3 && anchors.length === 0 && settings.pinnedServerKeys.length === 0
			&& !settings.insecureAcceptAnyServerKey) {
		throw invalidOption('Version 3 needs trustAnchors (the CA cert(s) that sign server certificates) or '
			+ 'pinnedServerKeys (the server key, as /actuator/info shows it)');
	}
	settings.trustAnchors = anchors.map(function (anchor) {
		var rejection = checkTrustAnchor(anchor, settings.now(), settings.clockSkew);
		if (rejection) {
			throw new SwsError('cert-' + rejection.reason, 'Not a usable trust anchor: ' + rejection.message);
		}
		return readCert(anchor);
	});
	if (options.certificate !== undefined && options.certificate !== null) {
		var certificate = readCert(options.certificate);
		if (certificate.reason) {
			throw invalidOption('certificate: ' + certificate.message);
		}
		if (!equalBytes(certificate.publicKey, settings.keyPair.publicKey)) {
			throw invalidOption("certificate: the cert's public key is not keyPair's");
		}
		if (version === 3 && clientPayload(certificate.cert, settings.rekey).length > MAX_MESSAGE_3_PAYLOAD) {
			throw invalidOption('certificate: too large for a v3 handshake message (at most ' + MAX_MESSAGE_3_PAYLOAD
				+ ' bytes of payload with the rekey thresholds)');
		}
		settings.certificate = certificate.cert;
	}
	return settings;
}

/** The v3 rekey thresholds this client announces for its sending direction (section 10). */
function readRekeyOption(value, version) {
	if (value === undefined || value === null) {
		return DEFAULT_REKEY;
	}
	if (version !== 3) {
		throw invalidOption('rekey applies to version 3 only');
	}
	var rekey = { messages: value.messages, bytes: value.bytes };
	['messages', 'bytes'].forEach(function (name) {
		if (rekey[name] === undefined) {
			rekey[name] = DEFAULT_REKEY[name];
		}
		if (!Number.isInteger(rekey[name]) || rekey[name] < 1 || rekey[name] > MAX_THRESHOLD) {
			throw invalidOption('rekey.' + name + ' must be an integer from 1 to 2^53 - 1, not ' + rekey[name]);
		}
	});
	return Object.freeze(rekey);
}

function resolveUrl(url) {
	var base = globalThis.location && globalThis.location.href;
	var parsed = base ? new URL(url, base) : new URL(url);
	if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
		parsed.protocol = parsed.protocol === 'http:' ? 'ws:' : 'wss:';
	}
	if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
		throw invalidOption('An SWS URL starts with ws: or wss:, not ' + parsed.protocol);
	}
	return parsed;
}

// ---------------------------------------------------------------------------------------------
// Handshake messages

function parseServerHello(text, maxChars) {
	if (text.length > maxChars) {
		throw new SwsError('message-too-large', 'Handshake message of ' + text.length + ' characters exceeds '
			+ maxChars);
	}
	var message;
	try {
		message = JSON.parse(text);
	}
	catch (ex) {
		throw malformed('not valid JSON');
	}
	if (!isObject(message)) {
		throw malformed('not a JSON object');
	}
	var opc = message.opc;
	if (!Number.isInteger(opc) || !Number.isInteger(message.version)) {
		throw malformed('opc and version must be integers');
	}
	var fields = { 0: ['client_public_key', 'nonce'], 1: ['server_public_key', 's_blackbox_a'], 2: ['s_blackbox_a'] }[opc];
	if (!fields) {
		throw malformed('unknown opc ' + opc);
	}
	if (Object.keys(message).length !== fields.length + 2 || fields.some(function (field) {
		return !Array.isArray(message[field]);
	})) {
		throw malformed('unexpected fields for opc ' + opc);
	}
	if (opc !== 1) {
		throw new SwsError('unexpected-message', 'Unexpected handshake message (opc ' + opc + ') awaiting ServerHello');
	}
	var serverPublicKey = byteArray(message.server_public_key, 32);
	var blackbox = byteArray(message.s_blackbox_a, TAG_LENGTH + BOX_FIXED_PLAINTEXT, Infinity);
	if (serverPublicKey === null || blackbox === null) {
		throw malformed('bad byte arrays in ServerHello');
	}
	return { version: message.version, serverPublicKey: serverPublicKey, blackbox: blackbox };
}

function malformed(detail) {
	return new SwsError('malformed-message', 'Malformed handshake message: ' + detail);
}

function handshakeJson(fields) {
	var out = {};
	Object.keys(fields).forEach(function (key) {
		var value = fields[key];
		out[key] = value instanceof Uint8Array ? Array.from(value) : value;
	});
	return JSON.stringify(out);
}

// ---------------------------------------------------------------------------------------------
// Events

function makeEvent(type, properties) {
	var event = new Event(type);
	Object.keys(properties || {}).forEach(function (key) {
		Object.defineProperty(event, key, { value: properties[key], enumerable: true });
	});
	return event;
}

function invalidState(message) {
	if (typeof DOMException === 'function') {
		return new DOMException(message, 'InvalidStateError');
	}
	var error = new Error(message);
	error.name = 'InvalidStateError';
	return error;
}

// ---------------------------------------------------------------------------------------------
// SwsWebSocket

/**
 * A WebSocket that speaks SWS. The API is the browser's WebSocket: readyState, onopen,
 * onmessage, onerror, onclose (and addEventListener), send(), close(), binaryType,
 * bufferedAmount, url, protocol, extensions.
 *
 * options:
 *   version: 3 (default: Noise XX, forward secret), 2 or 1; never another than the one given
 *   trustAnchors: [CA cert objects or their JSON] (v2; v3 with certificates)
 *   pinnedServerKeys: [base64 box public keys] (v1; v3 with pinned keys; an extra check in v2)
 *   insecureAcceptAnyServerKey: true to accept any v1 or v3 server key (NOT authenticated)
 *   keyPair: {publicKey, secretKey} (default: a fresh key pair for this connection)
 *   certificate: this client's cert, sent when the server requires one (v2, v3)
 *   rekey: {messages, bytes}, when this client rekeys its sending direction (v3; 65536, 1 GiB)
 *   inboundMessages: 'text-if-utf8' (default: UTF-8 messages arrive as strings, others as
 *     binaryType says), 'text' (always strings; invalid UTF-8 closes with 1007) or 'binary'
 *   handshakeTimeout: ms (2000), clockSkew: ms (60000), maxMessageSize: bytes (1 MiB),
 *   maxHandshakeMessageSize: characters (64 KiB), protocols: WebSocket subprotocols,
 *   WebSocket: the WebSocket constructor underneath (default: the global one), now: clock
 *
 * A refusal fires an 'error' event whose `reason` is the tag ('cert-untrusted-issuer',
 * 'cert-host-mismatch', 'pin-mismatch', 'handshake-timeout', 'refused-by-peer',
 * 'connect-failed', ...) and `message` a one-line detail, then a 'close' event with the
 * matching close code (1008 for certificate refusals) and the tag as its reason.
 */
class SwsWebSocket extends EventTarget {

	constructor(url, options) {
		super();
		options = options || {};
		var settings = readSettings(options);
		var parsedUrl = resolveUrl(url);
		var WebSocketImpl = options.WebSocket || globalThis.WebSocket;
		if (typeof WebSocketImpl !== 'function') {
			throw invalidOption('No WebSocket implementation: pass options.WebSocket');
		}
		this._settings = settings;
		this._url = parsedUrl.href;
		this._host = parsedUrl.hostname;
		this._readyState = CONNECTING;
		this._binaryType = 'blob';
		this._handlers = {};
		this._failure = null;
		this._closeRequested = false;
		this._phase = 'connecting';
		this._timer = null;
		this._peer = null;
		this._channel = null;
		this._v3 = null;
		var socket = options.protocols !== undefined ? new WebSocketImpl(this._url, options.protocols)
			: new WebSocketImpl(this._url);
		socket.binaryType = 'arraybuffer';
		this._socket = socket;
		socket.onopen = this._onSocketOpen.bind(this);
		socket.onmessage = this._onSocketMessage.bind(this);
		socket.onerror = this._onSocketError.bind(this);
		socket.onclose = this._onSocketClose.bind(this);
	}

	get url() {
		return this._url;
	}

	get readyState() {
		return this._readyState;
	}

	get bufferedAmount() {
		return this._socket.bufferedAmount || 0;
	}

	get protocol() {
		return this._socket.protocol || '';
	}

	get extensions() {
		return this._socket.extensions || '';
	}

	get binaryType() {
		return this._binaryType;
	}

	set binaryType(value) {
		if (value === 'blob' || value === 'arraybuffer') {
			this._binaryType = value;
		}
	}

	/**
	 * Who the server is, once open: {version, publicKey, fingerprint, certificate (the verified
	 * cert object, else null), authenticated (false only without pins and trust anchors)}.
	 */
	get peer() {
		return this._peer;
	}

	/**
	 * Sends a string (as its UTF-8 bytes), an ArrayBuffer or a typed array, encrypted in one
	 * binary frame. Throws InvalidStateError before open, as a WebSocket does.
	 */
	send(data) {
		if (this._readyState === CONNECTING) {
			throw invalidState('SwsWebSocket is still connecting');
		}
		if (this._readyState !== OPEN) {
			return;
		}
		var bytes;
		if (typeof data === 'string') {
			bytes = textEncoder.encode(data);
		}
		else if (data instanceof ArrayBuffer) {
			bytes = new Uint8Array(data);
		}
		else if (ArrayBuffer.isView(data)) {
			bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		}
		else if (typeof Blob === 'function' && data instanceof Blob) {
			throw new TypeError('SwsWebSocket sends strings, ArrayBuffers and typed arrays, not Blobs');
		}
		else {
			bytes = textEncoder.encode(String(data));
		}
		var frame;
		try {
			frame = this._channel.seal(bytes);
		}
		catch (ex) {
			if (ex && ex.name === 'SwsError') {
				this._fail(ex.reason, ex.message);
				return;
			}
			throw ex;
		}
		this._socket.send(frame);
	}

	/** Closes the connection, as WebSocket.close(code, reason) does. */
	close(code, reason) {
		if (this._readyState === CLOSING || this._readyState === CLOSED) {
			return;
		}
		if (code !== undefined) {
			this._socket.close(code, reason);
		}
		else {
			this._socket.close();
		}
		this._closeRequested = true;
		this._clearTimer();
		this._readyState = CLOSING;
	}

	_onSocketOpen() {
		this._openedAt = Date.now();
		var self = this;
		this._timer = setTimeout(function () {
			self._fail('handshake-timeout', 'The handshake did not complete within ' + self._settings.handshakeTimeout
				+ ' ms');
		}, this._settings.handshakeTimeout);
		if (this._settings.version === 3) {
			this._phase = 'v3-message-2';
			this._v3 = this._v3Handshake();
			this._socket.send(this._v3.start());
			return;
		}
		this._phase = 'awaiting-server-hello';
		this._helloNonce = nacl.randomBytes(NONCE_LENGTH);
		this._socket.send(handshakeJson({
			opc: 0,
			version: this._settings.version,
			client_public_key: this._settings.keyPair.publicKey,
			nonce: this._helloNonce
		}));
	}

	_onSocketMessage(event) {
		if (this._failure || this._closeRequested) {
			return;
		}
		try {
			var data = event.data;
			if (this._phase === 'v3-message-2' || this._phase === 'v3-ready') {
				if (typeof data === 'string') {
					throw new SwsError('unexpected-frame-type', 'Text frame during the v3 handshake');
				}
				if (this._phase === 'v3-message-2') {
					this._onMessage2(binaryData(data));
				}
				else {
					this._onReady(this._checkSize(binaryData(data)));
				}
				return;
			}
			if (this._phase === 'awaiting-server-hello') {
				if (typeof data !== 'string') {
					throw new SwsError('unexpected-frame-type', 'Binary frame during the handshake');
				}
				this._onServerHello(data);
				return;
			}
			if (this._phase === 'confirming') {
				this._open();
			}
			if (this._phase === 'open') {
				if (typeof data === 'string') {
					throw new SwsError('unexpected-frame-type', 'Text frame after the handshake');
				}
				this._onData(data);
			}
		}
		catch (ex) {
			if (ex && ex.name === 'SwsError') {
				this._fail(ex.reason, ex.message);
			}
			else {
				this._fail('internal-error', String(ex && ex.message || ex));
			}
		}
	}

	_onServerHello(text) {
		var settings = this._settings;
		var hello = parseServerHello(text, settings.maxHandshakeMessageSize);
		if (hello.version !== settings.version) {
			throw new SwsError('unsupported-version', 'Server answered in version ' + hello.version + ', client speaks '
				+ settings.version);
		}
		var serverPublicKey = hello.serverPublicKey;
		if (!isAcceptableBoxKey(serverPublicKey)) {
			throw new SwsError('weak-key', "The server's public key is all-zero or of low order");
		}
		if (settings.pinnedServerKeys.length > 0 && !settings.pinnedServerKeys.some(function (pin) {
			return equalBytes(pin, serverPublicKey);
		})) {
			throw new SwsError('pin-mismatch', 'The server key is not one of the pinned keys');
		}
		var sharedKey = nacl.box.before(serverPublicKey, settings.keyPair.secretKey);
		var plaintext = nacl.secretbox.open(hello.blackbox, expandNonce(this._helloNonce), sharedKey);
		if (!plaintext) {
			throw new SwsError('handshake-decrypt-failed', 'ServerHello box does not open');
		}
		var certificate = null;
		var certRequired = false;
		if (settings.version === 1) {
			if (plaintext.length !== BOX_FIXED_PLAINTEXT) {
				throw new SwsError('malformed-trailer', 'A v1 ServerHello box has a trailer');
			}
		}
		else {
			var trailer = parseTrailer(plaintext);
			if (trailer.cert === undefined) {
				throw new SwsError('cert-missing', 'The server sent no certificate');
			}
			if (typeof trailer.requireCert !== 'boolean') {
				throw new SwsError('malformed-trailer', 'The v2 trailer has no boolean requireCert');
			}
			certRequired = trailer.requireCert;
			this._checkServerCertificate(trailer.cert, serverPublicKey);
			if (certRequired && !settings.certificate) {
				throw new SwsError('cert-missing', 'The server requires a client certificate and none is configured');
			}
			certificate = trailer.cert;
		}
		var serverNonce = plaintext.slice(0, NONCE_LENGTH);
		var serverKey = plaintext.slice(NONCE_LENGTH, BOX_FIXED_PLAINTEXT);
		var clientNonce = nacl.randomBytes(NONCE_LENGTH);
		var clientKey = nacl.randomBytes(KEY_LENGTH);
		var clientTrailer = new Uint8Array(0);
		if (settings.version === 2) {
			clientTrailer = textEncoder.encode(certRequired ? JSON.stringify(settings.certificate) : '{}');
		}
		var box = nacl.secretbox(concat([clientNonce, clientKey, clientTrailer]), expandNonce(serverNonce), sharedKey);
		this._channel = new SecretBoxChannel(clientNonce, clientKey, serverNonce, serverKey);
		this._peer = this._makePeer(serverPublicKey, certificate);
		this._socket.send(handshakeJson({ opc: 2, version: settings.version, s_blackbox_a: box }));
		this._clearTimer();
		if (certRequired) {
			this._awaitConfirmation();
		}
		else {
			this._open();
		}
	}

	/** Checks a server certificate (v2, v3) or throws the SwsError of its refusal. */
	_checkServerCertificate(cert, serverPublicKey) {
		var settings = this._settings;
		var parsed = readCert(cert);
		if (parsed.reason) {
			throw new SwsError('cert-malformed', parsed.message);
		}
		var rejection = verifyParsedServerCert(parsed, settings.trustAnchors, serverPublicKey, this._host,
			settings.now(), settings.clockSkew);
		if (rejection) {
			throw new SwsError('cert-' + rejection.reason, rejection.message);
		}
	}

	_makePeer(serverPublicKey, certificate) {
		var settings = this._settings;
		return Object.freeze({
			version: settings.version,
			publicKey: serverPublicKey,
			fingerprint: fingerprint(serverPublicKey),
			certificate: certificate,
			authenticated: settings.pinnedServerKeys.length > 0 || settings.trustAnchors.length > 0
		});
	}

	_v3Handshake() {
		var settings = this._settings;
		return new V3ClientHandshake({
			staticKeyPair: settings.keyPair,
			ownsStaticKey: settings.ownsKeyPair,
			rekey: settings.rekey,
			certificate: settings.certificate,
			pinnedServerKeys: settings.pinnedServerKeys,
			verifyCertificate: settings.trustAnchors.length > 0 ? this._checkServerCertificate.bind(this) : null
		});
	}

	/** v3 message 2: the server is checked, message 3 goes out, and the session waits for ready. */
	_onMessage2(frame) {
		var message3 = this._v3.onMessage2(frame);
		this._phase = 'v3-ready';
		this._socket.send(message3);
	}

	/** v3 ready: the server accepted this client; the session opens. */
	_onReady(frame) {
		this._channel = this._v3.onReady(frame);
		this._peer = this._makePeer(this._v3.peer.publicKey, this._v3.peer.certificate);
		this._open();
	}

	/**
	 * A server that required this client's cert may still refuse it by closing: the session
	 * opens after twice the handshake's round trip plus 50 ms (within the handshake timeout),
	 * or as soon as the server sends data, as the Java client does.
	 */
	_awaitConfirmation() {
		this._phase = 'confirming';
		var roundTrip = Date.now() - this._openedAt;
		var window = Math.max(0, Math.min(2 * roundTrip + 50, this._settings.handshakeTimeout - roundTrip));
		var self = this;
		this._timer = setTimeout(function () {
			if (self._phase === 'confirming' && !self._failure && !self._closeRequested) {
				self._open();
			}
		}, window);
	}

	_open() {
		this._clearTimer();
		this._phase = 'open';
		this._readyState = OPEN;
		this.dispatchEvent(makeEvent('open'));
	}

	_onData(data) {
		var plaintext = this._channel.open(this._checkSize(binaryData(data)));
		this.dispatchEvent(makeEvent('message', { data: this._deliverable(plaintext), origin: this._origin() }));
	}

	/** Refuses a data frame larger than maxMessageSize plus the tag before decrypting anything. */
	_checkSize(cipher) {
		if (cipher.length - TAG_LENGTH > this._settings.maxMessageSize) {
			throw new SwsError('message-too-large', 'Message of ' + (cipher.length - TAG_LENGTH) + ' bytes exceeds '
				+ this._settings.maxMessageSize);
		}
		return cipher;
	}

	_deliverable(plaintext) {
		var mode = this._settings.inboundMessages;
		if (mode !== 'binary') {
			try {
				return strictUtf8.decode(plaintext);
			}
			catch (ex) {
				if (mode === 'text') {
					throw new SwsError('invalid-utf8', 'A message is not valid UTF-8');
				}
			}
		}
		var bytes = plaintext.slice();
		return this._binaryType === 'arraybuffer' ? bytes.buffer : new Blob([bytes]);
	}

	_origin() {
		var url = new URL(this._url);
		return url.protocol + '//' + url.host;
	}

	_onSocketError() {
		if (this._failure || this._closeRequested) {
			return;
		}
		if (this._phase === 'connecting') {
			this._failure = { reason: 'connect-failed', message: 'Could not connect to ' + this._url };
			this.dispatchEvent(makeEvent('error', this._failure));
			return;
		}
		this.dispatchEvent(makeEvent('error', { reason: null, message: 'WebSocket error' }));
	}

	_onSocketClose(event) {
		this._clearTimer();
		var code = event && event.code !== undefined ? event.code : 1006;
		if (!this._failure && !this._closeRequested && this._phase !== 'open') {
			this._failure = this._phase === 'v3-message-2' && (code === 1002 || code === 1003) ? {
				// a server without v3 closes message 1 with 1002, one that predates v3 with 1003 (section 4)
				reason: 'unsupported-version',
				message: 'The server refused SWS version 3 (it closed with ' + code + ' before message 2); '
					+ 'this client does not fall back: accept 3 in sws.server.versions, or give version 2',
				closeCode: code
			} : {
				reason: 'refused-by-peer',
				message: 'The server closed the connection during the handshake (code ' + code + ')',
				closeCode: code
			};
			this.dispatchEvent(makeEvent('error', this._failure));
		}
		this._readyState = CLOSED;
		this._phase = 'closed';
		this._forgetSecrets();
		var failure = this._failure;
		if (failure) {
			var failureCode = failure.closeCode !== undefined ? failure.closeCode : code;
			this.dispatchEvent(makeEvent('close', { code: failureCode, reason: failure.reason, wasClean: false }));
		}
		else {
			this.dispatchEvent(makeEvent('close', {
				code: code,
				reason: (event && event.reason) || '',
				wasClean: !!(event && event.wasClean)
			}));
		}
	}

	_fail(reason, message) {
		if (this._failure || this._readyState === CLOSED) {
			return;
		}
		this._clearTimer();
		this._failure = { reason: reason, message: message, closeCode: CLOSE_CODES[reason] };
		this._readyState = CLOSING;
		this._phase = 'failed';
		this.dispatchEvent(makeEvent('error', this._failure));
		try {
			// A browser may close only with 1000 or 3000-4999; the reason stays on this side.
			this._socket.close(1000);
		}
		catch (ex) {
			this._socket.close();
		}
	}

	/** The session is over: its keys go (as far as JavaScript lets memory be wiped). */
	_forgetSecrets() {
		if (this._v3 !== null) {
			this._v3.destroy();
		}
		if (this._channel !== null) {
			this._channel.destroy();
		}
	}

	_clearTimer() {
		if (this._timer !== null) {
			clearTimeout(this._timer);
			this._timer = null;
		}
	}

}

/** The bytes of a binary WebSocket message (an ArrayBuffer, or a view as some implementations give). */
function binaryData(data) {
	if (data instanceof ArrayBuffer || Object.prototype.toString.call(data) === '[object ArrayBuffer]') {
		return new Uint8Array(data);
	}
	if (ArrayBuffer.isView(data)) {
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	}
	throw new SwsError('unexpected-frame-type', 'Unsupported frame data');
}

/**
 * The v1/v2 data phase: one secretbox per message under each direction's key, with the 8-byte
 * counter repeated to a 24-byte nonce.
 */
class SecretBoxChannel {

	constructor(txNonce, txKey, rxNonce, rxKey) {
		this.txNonce = txNonce;
		this.txKey = txKey;
		this.rxNonce = rxNonce;
		this.rxKey = rxKey;
	}

	seal(plaintext) {
		var frame = nacl.secretbox(plaintext, expandNonce(this.txNonce), this.txKey);
		incrementNonce(this.txNonce);
		return frame;
	}

	open(frame) {
		var plaintext = frame.length < TAG_LENGTH ? null : nacl.secretbox.open(frame, expandNonce(this.rxNonce), this.rxKey);
		if (!plaintext) {
			throw new SwsError('decrypt-failed', 'A data frame does not authenticate');
		}
		incrementNonce(this.rxNonce);
		return plaintext;
	}

	destroy() {
		this.txKey.fill(0);
		this.rxKey.fill(0);
	}

}

function parseTrailer(plaintext) {
	if (plaintext.length === BOX_FIXED_PLAINTEXT) {
		throw new SwsError('malformed-trailer', 'The v2 trailer is missing');
	}
	var value;
	try {
		value = JSON.parse(strictUtf8.decode(plaintext.subarray(BOX_FIXED_PLAINTEXT)));
	}
	catch (ex) {
		throw new SwsError('malformed-trailer', 'The v2 trailer is not valid UTF-8 JSON');
	}
	if (!isObject(value)) {
		throw new SwsError('malformed-trailer', 'The v2 trailer is not a JSON object');
	}
	return value;
}

['open', 'message', 'error', 'close'].forEach(function (type) {
	Object.defineProperty(SwsWebSocket.prototype, 'on' + type, {
		get: function () {
			var handler = this._handlers[type];
			return handler ? handler.callback : null;
		},
		set: function (callback) {
			var previous = this._handlers[type];
			if (previous) {
				this.removeEventListener(type, previous.listener);
			}
			if (typeof callback === 'function') {
				var self = this;
				var listener = function (event) {
					callback.call(self, event);
				};
				this._handlers[type] = { callback: callback, listener: listener };
				this.addEventListener(type, listener);
			}
			else {
				this._handlers[type] = null;
			}
		},
		enumerable: true,
		configurable: true
	});
});

[['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]].forEach(function (entry) {
	Object.defineProperty(SwsWebSocket, entry[0], { value: entry[1], enumerable: true });
	Object.defineProperty(SwsWebSocket.prototype, entry[0], { value: entry[1], enumerable: true });
});

SwsWebSocket.SwsError = SwsError;
SwsWebSocket.closeCodes = CLOSE_CODES;
SwsWebSocket.fingerprint = fingerprint;
SwsWebSocket.hostMatches = hostMatches;
SwsWebSocket.verifyServerCertificate = verifyServerCertificate;
SwsWebSocket.checkTrustAnchor = function (anchor, options) {
	options = options || {};
	return checkTrustAnchor(anchor, options.now !== undefined ? options.now : Date.now(),
		options.clockSkew !== undefined ? options.clockSkew : DEFAULTS.clockSkew);
};
SwsWebSocket._internals = {
	sha256: sha256,
	verifyEd25519: verifyEd25519,
	parseIp: parseIp,
	noise: noise,
	V3ClientHandshake: V3ClientHandshake,
	hasDuplicateNames: hasDuplicateNames
};

export { SwsWebSocket, SwsError };
