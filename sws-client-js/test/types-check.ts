// Type-checked by types.test.js (tsc --noEmit, strict), never run: dist/sws-client.d.ts, imported
// by the package's name, accepts the README's uses and refuses misuses (each @ts-expect-error
// fails the check when its line compiles).
import { Client } from '@stomp/stompjs';
import { SwsError, SwsWebSocket } from 'sws-client';
import type { SwsCertificate, SwsErrorEvent, SwsFailureReason, SwsPeer, SwsWebSocketOptions } from 'sws-client';

declare const caCert: SwsCertificate;

// v3, the default: the server's certificate checked against a CA
const ws = new SwsWebSocket('wss://chat.example.com/chat', { trustAnchors: [caCert] });
ws.binaryType = 'arraybuffer';
ws.onopen = () => ws.send('hello');
ws.onmessage = (event) => {
	const data: string | ArrayBuffer | Blob = event.data;
	console.log(data, event.origin);
};
ws.onerror = function (event) {
	const reason: SwsFailureReason | null = event.reason;
	console.log(reason, event.message, this.url);
};
ws.onclose = (event) => console.log(event.code, event.reason, event.wasClean);
ws.addEventListener('error', (event: SwsErrorEvent) => {
	if (event.reason === 'cert-host-mismatch' || event.reason === 'counter-exhausted') {
		console.log(event.message);
	}
});
ws.addEventListener('message', (event) => console.log(event.data));
ws.send(new Uint8Array([1, 2]));
ws.send(new ArrayBuffer(2));
ws.send(new DataView(new ArrayBuffer(2)));
if (ws.readyState === SwsWebSocket.OPEN && ws.peer !== null) {
	const peer: SwsPeer = ws.peer;
	const version: 1 | 2 | 3 = peer.version;
	console.log(peer.fingerprint, version, peer.certificate?.desc.names, peer.authenticated);
}

// v3 with a pinned key, with both checks, with a client certificate and rekey thresholds, and without authentication
new SwsWebSocket('ws://localhost:8080/echo', { version: 3, pinnedServerKeys: ['2t0Yq9kOtv3qF8u1oAAAAAAAAAAAAAAAAAAAAAAAAAA='] });
new SwsWebSocket('ws://localhost:8080/echo', { pinnedServerKeys: [new Uint8Array(32)], trustAnchors: [caCert] });
const v3: SwsWebSocketOptions = { trustAnchors: [caCert], certificate: caCert, keyPair: { secretKey: new Uint8Array(32) },
	rekey: { messages: 1000, bytes: 1 << 20 } };
new SwsWebSocket('wss://chat.example.com/chat', v3);
new SwsWebSocket('ws://localhost:8080/echo', { insecureAcceptAnyServerKey: true, rekey: { bytes: 4096 } });

// v2, named
new SwsWebSocket('wss://chat.example.com/chat', { version: 2, trustAnchors: [caCert], certificate: caCert });
ws.close(1000, 'bye');

// v1 with a pinned key, a relative URL, a box-kp.json key pair and every tuning option
const pinned: SwsWebSocketOptions = {
	version: 1,
	pinnedServerKeys: ['2t0Yq9kOtv3qF8u1oAAAAAAAAAAAAAAAAAAAAAAAAAA='],
	keyPair: { secretkey: new Array<number>(32).fill(1) },
	inboundMessages: 'text',
	handshakeTimeout: 5000,
	clockSkew: 1000,
	maxMessageSize: 1 << 20,
	maxHandshakeMessageSize: 1 << 16,
	protocols: ['v12.stomp'],
	WebSocket,
	now: Date.now
};
new SwsWebSocket('/echo', pinned);
new SwsWebSocket(new URL('ws://localhost:8080/echo'), { version: 1, insecureAcceptAnyServerKey: true });
new SwsWebSocket('wss://chat.example.com/chat', { version: 2, trustAnchors: [JSON.stringify(caCert)], certificate: caCert,
	keyPair: { secretKey: new Uint8Array(32) } });

// the socket that @stomp/stompjs takes
const stomp = new Client({
	webSocketFactory: () => new SwsWebSocket('wss://chat.example.com/chat', { trustAnchors: [caCert] })
});
stomp.activate();

// errors and the static helpers
try {
	new SwsWebSocket('wss://chat.example.com/chat', { trustAnchors: [] });
}
catch (error) {
	if (error instanceof SwsError && error.reason === 'invalid-options') {
		console.log(error.message, error.closeCode);
	}
	if (error instanceof SwsWebSocket.SwsError) {
		console.log(error.reason);
	}
}
const rejection = SwsWebSocket.verifyServerCertificate(caCert, { trustAnchors: [caCert], serverPublicKey: new Uint8Array(32),
	host: 'chat.example.com' });
console.log(rejection?.reason === 'host-mismatch', SwsWebSocket.checkTrustAnchor(caCert)?.message,
	SwsWebSocket.hostMatches(['*.example.com'], [], 'chat.example.com'), SwsWebSocket.fingerprint(new Uint8Array(32)),
	SwsWebSocket.closeCodes['cert-expired']);

// misuses
// @ts-expect-error version 3 (the default) needs trustAnchors or pinnedServerKeys
new SwsWebSocket('wss://chat.example.com/chat', {});
// @ts-expect-error version 2 needs trustAnchors
new SwsWebSocket('wss://chat.example.com/chat', { version: 2, pinnedServerKeys: ['AAAA'] });
// @ts-expect-error rekey thresholds are v3's
new SwsWebSocket('wss://chat.example.com/chat', { version: 2, trustAnchors: [caCert], rekey: { messages: 10 } });
// @ts-expect-error insecureAcceptAnyServerKey is v1's and v3's
new SwsWebSocket('wss://chat.example.com/chat', { version: 2, insecureAcceptAnyServerKey: true });
// @ts-expect-error options are required: a connection without them is refused
new SwsWebSocket('wss://chat.example.com/chat');
// @ts-expect-error version 1 needs pinnedServerKeys (or insecureAcceptAnyServerKey)
new SwsWebSocket('ws://localhost:8080/echo', { version: 1 });
// @ts-expect-error only versions 1, 2 and 3 exist
new SwsWebSocket('wss://chat.example.com/chat', { version: 4, trustAnchors: [caCert] });
// @ts-expect-error an unknown option
new SwsWebSocket('wss://chat.example.com/chat', { trustAnchors: [caCert], handshakeTimeoutMs: 100 });
// @ts-expect-error a Blob is not sent
ws.send(new Blob(['hi']));
// @ts-expect-error peer is null until open
console.log(ws.peer.fingerprint);
// @ts-expect-error readyState is read-only
ws.readyState = SwsWebSocket.OPEN;
// @ts-expect-error binaryType is 'blob' or 'arraybuffer'
ws.binaryType = 'nodebuffer';
// @ts-expect-error an error's reason is a known tag
ws.onerror = (event) => event.reason === 'cert-unknown';
