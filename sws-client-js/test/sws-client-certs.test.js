// Certificate validation and host matching in the browser client: the same rules, order and
// reasons as dev.sws.cert.TrustPolicy and HostMatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nacl, SwsWebSocket, vectors, TestCa, YEAR } from './support.js';

const now = Date.now();
const ca = new TestCa('Example-CA', now + YEAR);
const serverKeys = nacl.box.keyPair();

function verify(cert, { anchors = [ca.cert], key = serverKeys.publicKey, host = 'localhost', at = now } = {}) {
	const rejection = SwsWebSocket.verifyServerCertificate(cert, { trustAnchors: anchors, serverPublicKey: key, host,
		now: at });
	return rejection && rejection.reason;
}

test('a cert from a trust anchor, for the key and the host, is accepted', () => {
	assert.equal(verify(ca.issue(serverKeys.publicKey)), null);
	assert.equal(verify(ca.issue(serverKeys.publicKey, { ca: 'example-ca' })), null, 'CA name ignoring case');
	assert.equal(verify(JSON.stringify(ca.issue(serverKeys.publicKey))), null, 'as JSON text');
});

test('the W1 forgery, a self-signed cert with the identity key, is refused although tweetnacl verifies it', () => {
	const identity = new Uint8Array(32);
	identity[0] = 1;
	// With A = identity, [S]B = R + [k]A = R: the signature (R = [S]B, S) verifies for any message.
	const scalar = new Uint8Array(32);
	scalar[0] = 9;
	const desc = { version: '1.0', type: 'self', ca: 'Example-CA', tte: now + YEAR, publickey: Array.from(identity) };
	const signature = new Uint8Array([...edBase(scalar), ...scalar]);
	const forged = { desc, sign: { signature: Array.from(signature) } };
	const signed = new TextEncoder().encode(JSON.stringify(desc));
	assert.equal(nacl.sign.detached.verify(signed, signature, identity), true, 'tweetnacl alone accepts it');
	assert.equal(SwsWebSocket._internals.verifyEd25519(signed, signature, identity), false);
	assert.equal(verify(forged, { key: identity }), 'weak-key', 'as a server cert');
	assert.equal(SwsWebSocket.checkTrustAnchor(forged).reason, 'bad-signature', 'as a trust anchor');
	const selfSigned = { desc: { ...desc, publickey: Array.from(serverKeys.publicKey) }, sign: forged.sign };
	assert.equal(verify(selfSigned), 'untrusted-issuer', 'a self-signed cert for the real key');
});

// [s]B, encoded, with tweetnacl's low-level Ed25519 arithmetic
function edBase(scalar) {
	const ll = nacl.lowlevel;
	const p = [ll.gf(), ll.gf(), ll.gf(), ll.gf()];
	ll.scalarbase(p, scalar);
	const inverse = ll.gf();
	for (let i = 0; i < 16; i++) {
		inverse[i] = p[2][i];
	}
	for (let a = 253; a >= 0; a--) {
		ll.S(inverse, inverse);
		if (a !== 2 && a !== 4) {
			ll.M(inverse, inverse, p[2]);
		}
	}
	const x = ll.gf();
	const y = ll.gf();
	ll.M(x, p[0], inverse);
	ll.M(y, p[1], inverse);
	const out = new Uint8Array(32);
	const xBytes = new Uint8Array(32);
	ll.pack25519(out, y);
	ll.pack25519(xBytes, x);
	out[31] ^= (xBytes[0] & 1) << 7;
	return out;
}

test('refusals carry the reasons and follow the order of TrustPolicy', () => {
	const other = new TestCa('Other-CA', now + YEAR);
	const impostor = new TestCa('Example-CA', now + YEAR);
	const weak = new Uint8Array(32);
	assert.equal(verify(ca.issue(weak), { key: weak }), 'weak-key');
	assert.equal(verify(ca.issue(serverKeys.publicKey, { type: 'self' })), 'untrusted-issuer', 'self-signed leaf');
	assert.equal(verify(ca.issue(serverKeys.publicKey, { type: 'SELF' })), 'untrusted-issuer');
	assert.equal(verify(other.issue(serverKeys.publicKey)), 'untrusted-issuer', 'unknown CA name');
	assert.equal(verify(impostor.issue(serverKeys.publicKey)), 'bad-signature', 'same name, other key');
	const altered = ca.issue(serverKeys.publicKey);
	altered.desc.names = ['evil.test'];
	assert.equal(verify(altered, { host: 'evil.test' }), 'bad-signature');
	const reordered = ca.issue(serverKeys.publicKey);
	const { version, ...rest } = reordered.desc;
	reordered.desc = { ...rest, version };
	assert.equal(verify(reordered), 'bad-signature', 'the signature covers the key order');
	const expired = ca.issue(serverKeys.publicKey, { tte: now - 61000 });
	assert.equal(verify(expired), 'expired');
	assert.equal(verify(ca.issue(serverKeys.publicKey, { tte: now - 30000 })), null, 'within the clock skew');
	const forgedAndExpired = impostor.issue(serverKeys.publicKey, { tte: now - 61000 });
	assert.equal(verify(forgedAndExpired), 'bad-signature', 'a forgery is reported as such');
	assert.equal(verify(ca.issue(serverKeys.publicKey, { tte: now + 2 * YEAR })), 'untrusted-issuer',
		'outliving its CA');
	assert.equal(verify(ca.issue(nacl.box.keyPair().publicKey)), 'key-mismatch');
	assert.equal(verify(ca.issue(serverKeys.publicKey), { host: 'example.com' }), 'host-mismatch');
});

test('an anchor that expired since the socket was made refuses its certs', () => {
	const shortLived = new TestCa('short.test', now + 1000);
	const cert = shortLived.issue(serverKeys.publicKey);
	assert.equal(verify(cert, { anchors: [shortLived.cert] }), null);
	assert.equal(verify(cert, { anchors: [shortLived.cert], at: now + 120000 }), 'expired');
});

test('rotation: several anchors of the same name are each tried', () => {
	const next = new TestCa('Example-CA', now + 2 * YEAR);
	const cert = next.issue(serverKeys.publicKey, { tte: now + YEAR + 1000 });
	assert.equal(verify(cert, { anchors: [ca.cert, next.cert] }), null);
	assert.equal(verify(cert, { anchors: [ca.cert] }), 'bad-signature');
});

test('malformed certs are refused as malformed', () => {
	const good = ca.issue(serverKeys.publicKey);
	const variants = [
		'{not json',
		[],
		{ desc: good.desc },
		{ desc: good.desc, sign: { signature: good.sign.signature.slice(1) } },
		{ desc: { ...good.desc, publickey: [...good.desc.publickey, 0] }, sign: good.sign },
		{ desc: { ...good.desc, publickey: good.desc.publickey.map(() => 256) }, sign: good.sign },
		{ desc: { ...good.desc, version: '2.0' }, sign: good.sign },
		{ desc: { ...good.desc, version: 1 }, sign: good.sign },
		{ desc: { ...good.desc, type: 'leaf' }, sign: good.sign },
		{ desc: { ...good.desc, tte: String(good.desc.tte) }, sign: good.sign },
		{ desc: { ...good.desc, tte: -1 }, sign: good.sign },
		{ desc: { ...good.desc, names: 'localhost' }, sign: good.sign },
		{ desc: { ...good.desc, ips: [127] }, sign: good.sign },
		{ desc: { ...good.desc, ca: undefined }, sign: good.sign }
	];
	for (const variant of variants) {
		assert.equal(verify(variant), 'malformed', JSON.stringify(variant).slice(0, 80));
	}
});

test('trust anchors: self-signed, verifying, unexpired', () => {
	assert.equal(SwsWebSocket.checkTrustAnchor(ca.cert), null);
	assert.equal(SwsWebSocket.checkTrustAnchor(ca.issue(serverKeys.publicKey)).reason, 'untrusted-issuer');
	const tampered = JSON.parse(JSON.stringify(ca.cert));
	tampered.desc.ca = 'renamed';
	assert.equal(SwsWebSocket.checkTrustAnchor(tampered).reason, 'bad-signature');
	assert.equal(SwsWebSocket.checkTrustAnchor(new TestCa('old', now - YEAR).cert).reason, 'expired');
});

test("the original's published root is a valid anchor and its expired testCA is not", () => {
	const root = vectors.nacl_cert.rootCACert_published_1_0_4.cert;
	assert.equal(SwsWebSocket.checkTrustAnchor(root), null);
	const deterministic = vectors.nacl_cert.deterministic;
	assert.equal(SwsWebSocket.checkTrustAnchor(deterministic.ca_cert), null);
});

test("the original's deterministic CA-signed cert verifies, and its negative cases do not", () => {
	const deterministic = vectors.nacl_cert.deterministic;
	const cert = deterministic.cert;
	const key = Uint8Array.from(cert.desc.publickey);
	const host = cert.desc.names[0];
	const at = cert.desc.tte - YEAR;
	assert.equal(verify(cert, { anchors: [deterministic.ca_cert], key, host, at }), null);
	const wrongCa = vectors.handshake_v2_requireCert.ca_cert;
	assert.notEqual(verify(cert, { anchors: [wrongCa], key, host, at }), null);
});

test('host matching is exact, one-label wildcards, IPs as addresses', () => {
	const matches = (names, ips, host) => SwsWebSocket.hostMatches(names, ips, host);
	assert.ok(matches(['example.com'], [], 'example.com'));
	assert.ok(matches(['Example.COM'], [], 'example.com'));
	assert.ok(matches(['example.com.'], [], 'example.com'));
	assert.ok(matches(['example.com'], [], 'example.com.'));
	assert.ok(!matches(['example.com'], [], 'notexample.com'));
	assert.ok(!matches(['example.com'], [], 'example.com.evil.net'));
	assert.ok(!matches(['example.com'], [], 'exampleXcom'));
	assert.ok(!matches(['example.com'], [], 'www.example.com'));
	assert.ok(matches(['*.example.com'], [], 'www.example.com'));
	assert.ok(!matches(['*.example.com'], [], 'example.com'));
	assert.ok(!matches(['*.example.com'], [], 'a.b.example.com'));
	assert.ok(!matches(['*.com'], [], 'example.com'));
	assert.ok(!matches(['w*.example.com'], [], 'www.example.com'));
	assert.ok(!matches(['*'], [], 'example.com'));
	assert.ok(!matches(['localhost'], [], '127.0.0.1'));
	assert.ok(matches([], ['127.0.0.1'], '127.0.0.1'));
	assert.ok(matches([], ['::ffff:127.0.0.1'], '127.0.0.1'));
	assert.ok(matches([], ['127.0.0.1'], '[::ffff:7f00:1]'));
	assert.ok(matches([], ['::1'], '[::1]'));
	assert.ok(matches([], ['0:0:0:0:0:0:0:1'], '[::1]'));
	assert.ok(!matches([], ['::1'], '[::2]'));
	assert.ok(!matches(['127.0.0.1'], [], '127.0.0.1'), 'an IP host never matches names');
	assert.ok(!matches([], ['127.0.0.1'], 'localhost'), 'a name never matches ips');
	assert.ok(!matches([], ['127.0.0.01'], '127.0.0.1'), 'no leading zeros');
	assert.ok(!matches(['localhost'], [], ''));
	assert.ok(!matches(['[localhost]'], [], '[localhost]'));
});

test('host and CA names fold ASCII case only, as HostMatcher and TrustPolicy do', () => {
	const matches = (names, host) => SwsWebSocket.hostMatches(names, [], host);
	// U+0131 dotless i, U+212A Kelvin sign, U+017F long s: Unicode case folding equates them with i, k, s
	assert.ok(!matches(['admin.example.com'], 'adm\u0131n.example.com'));
	assert.ok(!matches(['adm\u0131n.example.com'], 'ADMIN.example.com'));
	assert.ok(!matches(['kit.example.com'], '\u212Ait.example.com'));
	assert.ok(!matches(['\u212Ait.example.com'], 'kit.example.com'));
	assert.ok(!matches(['sso.example.com'], '\u017Fso.example.com'));
	assert.ok(!matches(['*.kit.test'], 'a.\u212Ait.test'));
	assert.ok(!matches(['*.\u212Aelvin.test'], 'a.kelvin.test'));
	assert.ok(!matches(['b\u00fccher.test'], 'B\u00dcCHER.test'));
	assert.ok(matches(['ADMIN.EXAMPLE.COM'], 'admin.example.com'));
	assert.ok(matches(['*.example.com'], 'x.EXAMPLE.com'));
	assert.ok(matches(['adm\u0131n.example.com'], 'adm\u0131n.example.com'), 'identical text still matches');
	const longS = new TestCa('ca.te\u017Ft', now + YEAR);
	assert.equal(verify(longS.issue(serverKeys.publicKey, { ca: 'ca.test' }), { anchors: [longS.cert] }), 'untrusted-issuer',
		'the CA name as well');
});

test('IP literals parse as the Java side parses them', () => {
	const parse = (text) => {
		const bytes = SwsWebSocket._internals.parseIp(text);
		return bytes && Array.from(bytes).join('.');
	};
	assert.equal(parse('10.0.0.255'), '10.0.0.255');
	assert.equal(parse('127.1'), null);
	assert.equal(parse('256.0.0.1'), null);
	assert.equal(parse('1.2.3.4.5'), null);
	assert.equal(parse('::'), '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0');
	assert.equal(parse('::ffff:1.2.3.4'), '1.2.3.4');
	assert.equal(parse('2001:db8::1'), '32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1');
	assert.equal(parse(':::1'), null);
	assert.equal(parse('1::2::3'), null);
	assert.equal(parse('1:2:3:4:5:6:7:8:9'), null);
	assert.equal(parse('1:2:3:4:5:6:7::8'), null);
	assert.equal(parse('12345::'), null);
	assert.equal(parse('fe80::1%eth0'), null);
});
