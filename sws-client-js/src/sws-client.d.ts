/*
 * TypeScript declarations of sws-client: SwsWebSocket, a WebSocket that speaks SWS (Secure
 * WebSocket). Hand-written next to src/sws-client.js; test/types-check.ts proves them against
 * the API (npm test runs tsc over it).
 */

/** The tag of a refusal or failure, the same on the Java side (dev.sws.protocol.FailureReason). */
export type SwsFailureReason =
	| 'malformed-message'
	| 'unexpected-message'
	| 'unsupported-version'
	| 'malformed-trailer'
	| 'unexpected-frame-type'
	| 'invalid-utf8'
	| 'message-too-large'
	| 'handshake-decrypt-failed'
	| 'decrypt-failed'
	| 'weak-key'
	| 'pin-mismatch'
	| 'cert-missing'
	| 'cert-malformed'
	| 'cert-expired'
	| 'cert-untrusted-issuer'
	| 'cert-bad-signature'
	| 'cert-key-mismatch'
	| 'cert-weak-key'
	| 'cert-host-mismatch'
	| 'handshake-timeout'
	| 'counter-exhausted'
	| 'refused-by-peer'
	| 'connect-failed'
	| 'internal-error';

/** Why a certificate was refused, as dev.sws.cert.TrustPolicy says it (without the 'cert-' prefix). */
export type SwsCertificateRejectionReason =
	| 'malformed'
	| 'weak-key'
	| 'untrusted-issuer'
	| 'bad-signature'
	| 'expired'
	| 'key-mismatch'
	| 'host-mismatch';

/** A certificate refusal: its reason and a one-line detail. */
export interface SwsCertificateRejection {
	readonly reason: SwsCertificateRejectionReason;
	readonly message: string;
}

/** A certificate as the key tool writes it (`*-cert.json`), parsed; or pass its JSON text. */
export interface SwsCertificate {
	desc: {
		version: string;
		type: string;
		ca: string;
		/** Expiry, epoch milliseconds. */
		tte: number;
		/** The 32-byte public key. */
		publickey: number[];
		names?: string[];
		ips?: string[];
		macs?: string[];
		[field: string]: unknown;
	};
	sign: {
		/** The 64-byte Ed25519 signature over JSON.stringify(desc). */
		signature: number[];
	};
}

/** 32 bytes: a Uint8Array, or an array of numbers as in the key tool's JSON files. */
export type SwsKeyBytes = Uint8Array | readonly number[];

/** A box key pair: tweetnacl's form, or the content of a `box-kp.json` file. */
export type SwsKeyPair =
	| { secretKey: SwsKeyBytes; publicKey?: SwsKeyBytes }
	| { secretkey: readonly number[]; publickey?: readonly number[] };

/** The WebSocket underneath: the browser's, or e.g. the `ws` package's on Node.js. */
export interface SwsTransport {
	binaryType: string;
	readonly bufferedAmount?: number;
	readonly protocol?: string;
	readonly extensions?: string;
	onopen: ((event: any) => unknown) | null;
	onmessage: ((event: any) => unknown) | null;
	onerror: ((event: any) => unknown) | null;
	onclose: ((event: any) => unknown) | null;
	/**
	 * Sends a handshake message (a string) or an encrypted frame (a Uint8Array); typed unknown so
	 * that the send of every WebSocket implementation fits, whatever its typings.
	 */
	send(data: unknown): void;
	close(code?: number, reason?: string): void;
}

/** A WebSocket constructor, such as `WebSocket` or `import { WebSocket } from 'ws'`. */
export type SwsTransportConstructor = new (url: string, protocols?: string | string[]) => SwsTransport;

/** What every connection takes, whatever the protocol version. */
export interface SwsCommonOptions {
	/** This client's key pair; default: a fresh one per connection. */
	keyPair?: SwsKeyPair;
	/**
	 * How decrypted messages arrive: 'text-if-utf8' (default: a string when valid UTF-8, else as
	 * binaryType says), 'text' (invalid UTF-8 closes with 1007) or 'binary'.
	 */
	inboundMessages?: 'text-if-utf8' | 'text' | 'binary';
	/** Milliseconds for the whole handshake; default 2000. */
	handshakeTimeout?: number;
	/** Milliseconds of clock difference allowed on expiry times; default 60000. */
	clockSkew?: number;
	/** Largest message in bytes; larger ones close with 1009 before decryption. Default 1 MiB. */
	maxMessageSize?: number;
	/** Largest v1/v2 handshake message in characters; default 64 KiB (v3's are bound by Noise's 65,535 bytes). */
	maxHandshakeMessageSize?: number;
	/** WebSocket subprotocols, e.g. ['v12.stomp']. */
	protocols?: string | string[];
	/** The WebSocket implementation underneath; default: the global WebSocket. */
	WebSocket?: SwsTransportConstructor;
	/** The clock, epoch milliseconds; default Date.now. */
	now?: () => number;
}

/**
 * When a v3 client rekeys its sending direction: after this many messages or ciphertext bytes
 * since the last rekey, whichever comes first; each 1 to 2^53 - 1 (defaults 65536 and 1 GiB).
 */
export interface SwsRekeyThresholds {
	messages?: number;
	bytes?: number;
}

/** What every version 3 connection takes. */
export interface SwsV3CommonOptions extends SwsCommonOptions {
	/** Version 3, the default: Noise XX, forward secret. */
	version?: 3;
	/** CA certificates (objects or JSON text) that sign server certificates; several while a CA is rotated. */
	trustAnchors?: ReadonlyArray<SwsCertificate | string>;
	/** Base64 box public keys (as the server's /actuator/info shows it); the server's must be one of them. */
	pinnedServerKeys?: ReadonlyArray<string | SwsKeyBytes>;
	/** This client's certificate (for keyPair), sent when the server requires one. */
	certificate?: SwsCertificate | string | null;
	/** When this client rekeys its sending direction. */
	rekey?: SwsRekeyThresholds;
	insecureAcceptAnyServerKey?: boolean;
}

/** Version 3 with certificates: the server's is checked against trust anchors (and pins, if given). */
export interface SwsV3CertificateOptions extends SwsV3CommonOptions {
	trustAnchors: ReadonlyArray<SwsCertificate | string>;
}

/** Version 3 with pinned keys: the server's static key must be one of them. */
export interface SwsV3PinnedOptions extends SwsV3CommonOptions {
	pinnedServerKeys: ReadonlyArray<string | SwsKeyBytes>;
}

/** Version 3 without pins or trust anchors: encrypted, forward secret, but NOT authenticated; for development only. */
export interface SwsV3InsecureOptions extends SwsV3CommonOptions {
	insecureAcceptAnyServerKey: true;
}

/** Version 2: the server's certificate is checked against trust anchors. */
export interface SwsV2Options extends SwsCommonOptions {
	version: 2;
	/** CA certificates (objects or JSON text) that sign server certificates; several while a CA is rotated. */
	trustAnchors: ReadonlyArray<SwsCertificate | string>;
	/** Base64 box public keys: an extra check, the server's must be one of them. */
	pinnedServerKeys?: ReadonlyArray<string | SwsKeyBytes>;
	/** This client's certificate, sent when the server requires one. */
	certificate?: SwsCertificate | string | null;
}

/** Version 1: the server's key must be pinned. */
export interface SwsV1PinnedOptions extends SwsCommonOptions {
	version: 1;
	/** Base64 box public keys (as the server's /actuator/info shows it); the server's must be one of them. */
	pinnedServerKeys: ReadonlyArray<string | SwsKeyBytes>;
	insecureAcceptAnyServerKey?: boolean;
}

/** Version 1 without a pin: encrypted but NOT authenticated; for development only. */
export interface SwsV1InsecureOptions extends SwsCommonOptions {
	version: 1;
	insecureAcceptAnyServerKey: true;
	pinnedServerKeys?: ReadonlyArray<string | SwsKeyBytes>;
}

/** The options of a connection. */
export type SwsWebSocketOptions = SwsV3CertificateOptions | SwsV3PinnedOptions | SwsV3InsecureOptions | SwsV2Options
	| SwsV1PinnedOptions | SwsV1InsecureOptions;

/** Who the server is, once the connection is open. */
export interface SwsPeer {
	readonly version: 1 | 2 | 3;
	/** The server's box key (v1, v2) or Noise static key (v3): the same key pair on the server. */
	readonly publicKey: Uint8Array;
	/** As dev.sws.crypto.KeyFingerprint prints it: 'xxxx:xxxx:...' (the first 16 bytes of SHA-256). */
	readonly fingerprint: string;
	/** The verified server certificate when the client checks certificates (v2, v3 with trustAnchors), else null. */
	readonly certificate: SwsCertificate | null;
	/** False only for insecureAcceptAnyServerKey without pins: then anyone could be at the other end. */
	readonly authenticated: boolean;
}

/** A decrypted message. */
export interface SwsMessageEvent extends Event {
	readonly type: 'message';
	/** A string, or an ArrayBuffer or Blob as binaryType and inboundMessages say. */
	readonly data: string | ArrayBuffer | Blob;
	readonly origin: string;
}

/** A refusal or failure (reason set), or an error of the WebSocket underneath (reason null). */
export interface SwsErrorEvent extends Event {
	readonly type: 'error';
	readonly reason: SwsFailureReason | null;
	/** A one-line detail; never a key or a message's content. */
	readonly message: string;
	readonly closeCode?: number;
}

/** The end of the connection; after a refusal, code is the reason's close code and reason its tag. */
export interface SwsCloseEvent extends Event {
	readonly type: 'close';
	readonly code: number;
	readonly reason: string;
	readonly wasClean: boolean;
}

/** The events of an SwsWebSocket, by type. */
export interface SwsWebSocketEventMap {
	open: Event;
	message: SwsMessageEvent;
	error: SwsErrorEvent;
	close: SwsCloseEvent;
}

/**
 * A refusal or a configuration error, thrown by the SwsWebSocket constructor: `reason` is a
 * failure tag (e.g. 'cert-expired' for an expired trust anchor) or 'invalid-options'.
 */
export declare class SwsError extends Error {
	constructor(reason: SwsFailureReason | 'invalid-options', message: string);
	readonly name: 'SwsError';
	readonly reason: SwsFailureReason | 'invalid-options';
	/** The close code of the reason; undefined for 'invalid-options'. */
	readonly closeCode: number | undefined;
}

/**
 * A WebSocket that speaks SWS: the browser's WebSocket API (readyState, onopen, onmessage,
 * onerror, onclose, addEventListener, send, close, binaryType, bufferedAmount, url), so it is the
 * socket to hand to @stomp/stompjs. Every message is encrypted end to end.
 */
export declare class SwsWebSocket extends EventTarget {
	/**
	 * Connects, in the version the options name (3 by default; never another). Throws an SwsError
	 * for unusable options (a v3 connection with neither trustAnchors nor pinnedServerKeys, a v2
	 * connection without trustAnchors, a v1 connection without pinnedServerKeys, an expired trust
	 * anchor, ...).
	 * @param url a ws:, wss:, http: or https: URL, or a path relative to the page
	 */
	constructor(url: string | URL, options: SwsWebSocketOptions);

	static readonly CONNECTING: 0;
	static readonly OPEN: 1;
	static readonly CLOSING: 2;
	static readonly CLOSED: 3;
	readonly CONNECTING: 0;
	readonly OPEN: 1;
	readonly CLOSING: 2;
	readonly CLOSED: 3;

	/** The SwsError class. */
	static readonly SwsError: typeof SwsError;
	/** The close code of each failure reason. */
	static readonly closeCodes: Readonly<Record<SwsFailureReason, number>>;
	/** A public key's fingerprint, as dev.sws.crypto.KeyFingerprint prints it. */
	static fingerprint(publicKey: Uint8Array): string;
	/** Whether a host is covered by a certificate's names or IP addresses (dev.sws.cert.HostMatcher). */
	static hostMatches(names: readonly string[], ips: readonly string[], host: string): boolean;
	/**
	 * Checks a server certificate as the handshake does; null when it is accepted. Throws an
	 * SwsError for an unreadable trust anchor.
	 */
	static verifyServerCertificate(cert: SwsCertificate | string, options: {
		trustAnchors: ReadonlyArray<SwsCertificate | string>;
		serverPublicKey: Uint8Array;
		host: string;
		now?: number;
		clockSkew?: number;
	}): SwsCertificateRejection | null;
	/** Checks a trust anchor: self-signed, verifying, unexpired; null when it is usable. */
	static checkTrustAnchor(anchor: SwsCertificate | string, options?: {
		now?: number;
		clockSkew?: number;
	}): SwsCertificateRejection | null;

	readonly url: string;
	readonly readyState: 0 | 1 | 2 | 3;
	readonly bufferedAmount: number;
	readonly protocol: string;
	readonly extensions: string;
	/** How binary messages arrive: 'blob' (default) or 'arraybuffer'. */
	binaryType: 'blob' | 'arraybuffer';
	/** Who the server is, once open; null before. */
	readonly peer: SwsPeer | null;

	onopen: ((this: SwsWebSocket, event: Event) => unknown) | null;
	onmessage: ((this: SwsWebSocket, event: SwsMessageEvent) => unknown) | null;
	onerror: ((this: SwsWebSocket, event: SwsErrorEvent) => unknown) | null;
	onclose: ((this: SwsWebSocket, event: SwsCloseEvent) => unknown) | null;

	/**
	 * Sends a message encrypted in one binary frame: a string (as its UTF-8 bytes), an ArrayBuffer
	 * or a typed array, not a Blob. Throws InvalidStateError while connecting.
	 */
	send(data: string | ArrayBufferLike | ArrayBufferView): void;
	/** Closes the connection, as WebSocket.close does (a browser allows 1000 and 3000-4999). */
	close(code?: number, reason?: string): void;

	addEventListener<K extends keyof SwsWebSocketEventMap>(type: K,
		listener: (this: SwsWebSocket, event: SwsWebSocketEventMap[K]) => unknown,
		options?: boolean | AddEventListenerOptions): void;
	addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
		options?: boolean | AddEventListenerOptions): void;
	removeEventListener<K extends keyof SwsWebSocketEventMap>(type: K,
		listener: (this: SwsWebSocket, event: SwsWebSocketEventMap[K]) => unknown,
		options?: boolean | EventListenerOptions): void;
	removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
		options?: boolean | EventListenerOptions): void;
}
