// Drives the original's browser build (window.sws from node-sws@1.2.1 demos/content/sws.js) for
// OriginalBrowserClientInteropTests, which calls interop.run(config, done) through WebDriver's
// executeAsyncScript. Like original-client.js, with keys and certificates inline:
//   config: {url, version, keys?: {publicKey, secretKey} (byte arrays; else a fresh pair),
//            cert?, ca? (cert objects), action, count?, expect?, deadlineMs}
// action and the result: see interop-driver.js. The browser's WebSocket masks every frame, as
// RFC 6455 requires.
'use strict';
window.interop = {
	run: function (config, done) {
		var keys = config.keys
			? {publicKey: new Uint8Array(config.keys.publicKey), secretKey: new Uint8Array(config.keys.secretKey)}
			: sws.keyPair();
		var secinfo = {version: config.version, myPublicKey: keys.publicKey, mySecretKey: keys.secretKey};
		if (config.cert) {
			secinfo.cert = config.cert;
		}
		if (config.ca) {
			secinfo.ca = config.ca;
		}
		interopDriver.run(config, {
			connect: function () {
				return new sws.SecureWebSocket(config.url, secinfo);
			},
			randomBytes: function (size) {
				var bytes = new Uint8Array(size);
				for (var offset = 0; offset < size; offset += 65536) {
					crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
				}
				return bytes;
			},
			extensions: function (client) {
				return client.ws.extensions;
			}
		}, done);
	}
};
