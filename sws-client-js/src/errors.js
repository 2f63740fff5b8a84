/*
 * The failure reasons of every version with their close codes, and SwsError.
 */

/** The close code of each failure reason, as in dev.sws.protocol.FailureReason. */
var CLOSE_CODES = Object.freeze({
	'malformed-message': 1002,
	'unexpected-message': 1002,
	'unsupported-version': 1002,
	'malformed-trailer': 1002,
	'unexpected-frame-type': 1003,
	'invalid-utf8': 1007,
	'message-too-large': 1009,
	'handshake-decrypt-failed': 1008,
	'decrypt-failed': 1008,
	'weak-key': 1008,
	'pin-mismatch': 1008,
	'cert-missing': 1008,
	'cert-malformed': 1008,
	'cert-expired': 1008,
	'cert-untrusted-issuer': 1008,
	'cert-bad-signature': 1008,
	'cert-key-mismatch': 1008,
	'cert-weak-key': 1008,
	'cert-host-mismatch': 1008,
	'handshake-timeout': 1008,
	'counter-exhausted': 1013,
	'refused-by-peer': 1000,
	'connect-failed': 1006,
	'internal-error': 1011
});

/**
 * A refusal or a configuration error. `reason` is a tag such as 'cert-untrusted-issuer' (the
 * same tags as the Java side) or 'invalid-options'.
 */
function SwsError(reason, message) {
	var error = new Error(message);
	Object.setPrototypeOf(error, SwsError.prototype);
	error.name = 'SwsError';
	error.reason = reason;
	error.closeCode = CLOSE_CODES[reason];
	return error;
}
SwsError.prototype = Object.create(Error.prototype, { constructor: { value: SwsError } });

function invalidOption(message) {
	return new SwsError('invalid-options', message);
}

export { CLOSE_CODES, SwsError, invalidOption };
