// What the original's client does in the interop tests, shared by the Node client
// (original-client.js) and the browser build's test page (browser/interop.js), which load it with
// require() and a <script> tag respectively. Nothing here touches the SWS protocol: it drives a
// client of the original's API (on, send, close) and records what happens.
//
//   config: {action, count?, expect?, deadlineMs}
//   action:
//     echo       send `count` random messages (sizes: echoSize) once open and compare every
//                echoed byte, in order; then close
//     listen     send one message "ping" once open, and collect `expect` messages (as UTF-8
//                text): what the server sends on its own, and its echo; then close. Stops early on
//                the first frame that fails to decrypt after open, since nothing after it can.
//     handshake  only connect; wait for the connection to open or close
//   env: {connect(): the client, randomBytes(size): Uint8Array, extensions(client): string}
//   done(result): {opened, events: [{ms, type, detail}], echoed, bytes, messages, failure,
//                  deadline, ms}, once; ms counts from connect(), the detail of open is the
//                  negotiated WebSocket extensions and that of close the close code
(function (exports) {
	'use strict';

	// The echo tests' message sizes, the same sequence as dev.sws.interop.EchoSizes: 0 B and 1 B
	// every 50 messages, 64 KiB and 1 MiB every 200, and pseudo-random sizes below 4 KiB.
	function echoSize(i) {
		if (i % 200 === 0) {
			return 1024 * 1024;
		}
		if (i % 200 === 100) {
			return 64 * 1024;
		}
		if (i % 50 === 1) {
			return 0;
		}
		if (i % 50 === 2) {
			return 1;
		}
		return (i * 2481) % 4096;
	}

	// An event's detail as short text.
	function describe(value) {
		if (value === undefined || value === null) {
			return null;
		}
		var text = typeof value === 'string' ? value : String(value.message || value.type || value);
		return text.length > 100 ? text.substring(0, 100) + '...' : text;
	}

	function sameBytes(a, b) {
		if (a.length !== b.length) {
			return false;
		}
		for (var i = 0; i < a.length; i++) {
			if (a[i] !== b[i]) {
				return false;
			}
		}
		return true;
	}

	function run(config, env, done) {
		var start = Date.now();
		var result = {opened: false, events: []};
		var finished = false;
		var client;

		function record(type, detail) {
			result.events.push({ms: Date.now() - start, type: type, detail: detail});
		}

		function finish(extra) {
			if (!finished) {
				finished = true;
				Object.assign(result, extra || {});
				result.ms = Date.now() - start;
				client.close();
				done(result);
			}
		}

		function echo() {
			var sent = [];
			result.echoed = 0;
			result.bytes = 0;
			client.on('message', function (message) {
				var received = new Uint8Array(message);
				var expected = sent[result.echoed];
				if (!expected || !sameBytes(received, expected)) {
					finish({failure: 'message ' + result.echoed + ' differs: expected '
						+ (expected ? expected.length : 'none') + ' bytes, got ' + received.length});
					return;
				}
				sent[result.echoed] = null;
				result.echoed++;
				result.bytes += received.length;
				if (result.echoed === config.count) {
					client.close();
				}
			});
			for (var i = 0; i < config.count; i++) {
				var payload = env.randomBytes(echoSize(i));
				sent.push(payload);
				client.send(payload);
			}
		}

		function listen() {
			result.messages = [];
			client.on('message', function (message) {
				result.messages.push(new TextDecoder().decode(new Uint8Array(message)));
				if (result.messages.length === config.expect) {
					client.close();
				}
			});
			client.send(new TextEncoder().encode('ping'));
		}

		setTimeout(function () {
			finish({deadline: true});
		}, config.deadlineMs || 10000);
		client = env.connect();
		client.on('error', function (err) {
			record('error', describe(err));
		});
		client.on('warn', function (warn) {
			record('warn', describe(warn));
			if (config.action === 'listen' && result.opened && String(warn).indexOf('Attacked message') === 0) {
				// a frame that does not decrypt after open: this direction never recovers (SPEC 5)
				finish({desynchronised: true});
			}
		});
		client.on('timeout', function (what) {
			record('timeout', describe(what));
		});
		client.on('close', function (code) {
			record('close', code);
			if (config.action === 'echo' && result.opened && result.echoed !== config.count) {
				finish({failure: 'closed before the echo completed'});
			}
			finish();
		});
		client.on('open', function () {
			result.opened = true;
			record('open', env.extensions(client));
			if (config.action === 'echo') {
				echo();
			} else if (config.action === 'listen') {
				listen();
			} else if (config.action !== 'await-close') {
				client.close();
			}
		});
	}

	exports.echoSize = echoSize;
	exports.describe = describe;
	exports.run = run;
})(typeof module !== 'undefined' ? module.exports : (window.interopDriver = {}));
