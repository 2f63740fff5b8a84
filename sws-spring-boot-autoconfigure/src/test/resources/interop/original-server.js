// The original node-sws@1.2.1 server as a reference peer for dev.sws.interop: an echo server built
// exactly as the package's README shows, on 127.0.0.1 and a port the OS picks.
//
//   node original-server.js '<config json>'
//   config: {version, keyPair, cert?, ca?, requireCert?} (files in the nacl-cert tool's formats)
//
// Prints "ready <port>" once listening, then one line "event <json>" per SWS event of every
// server-side connection: {conn, ms (since its WebSocket connected), type, detail}, where type
// is one of open, error, warn, timeout, close (detail: the close code; for open, the negotiated
// WebSocket extensions). Messages are echoed, not printed.
'use strict';
var common = require('./original-common.js');
var describe = require('./interop-driver.js').describe;
var SWS = require('node-sws');

var config = JSON.parse(process.argv[2]);

// Observe, without changing, every event a server-side SecureWebSocket emits.
var emit = SWS.prototype.emit;
SWS.prototype.emit = function (type) {
	if (this.isServer && type !== 'message') {
		var conn = this.ws.interopConn || {id: 0, start: Date.now()};
		common.print('event', {
			conn: conn.id,
			ms: Date.now() - conn.start,
			type: type,
			detail: type === 'close' ? arguments[1] : (type === 'open' ? extensions(this.ws) : describe(arguments[1]))
		});
	}
	return emit.apply(this, arguments);
};

// The WebSocket extensions negotiated with the peer (ws@1.1.5 keeps them in ws.extensions).
function extensions(ws) {
	return Object.keys(ws.extensions || {}).join(',');
}

var server = new SWS.Server({port: 0, host: '127.0.0.1', path: '/sws'}, common.secinfo(config));
var connections = 0;
server.wss.on('connection', function (ws) {
	ws.interopConn = {id: ++connections, start: Date.now()};
});
server.on('connection', function (sws) {
	sws.on('message', function (message) {
		sws.send(message);
	});
});
server.on('listening', function () {
	process.stdout.write('ready ' + server.wss._server.address().port + '\n');
});
server.on('error', function (err) {
	process.stderr.write('server error: ' + err + '\n');
	process.exit(1);
});

// Never outlive the test: exit when the JVM closes our stdin (or dies), and after 5 minutes.
process.stdin.on('end', function () {
	process.exit(0);
});
process.stdin.resume();
setTimeout(function () {
	process.stderr.write('server lifetime exceeded\n');
	process.exit(3);
}, 5 * 60 * 1000).unref();
