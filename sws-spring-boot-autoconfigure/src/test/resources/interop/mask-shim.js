// Test-only shim for the original Node client. node-sws@1.2.1 passes an explicit {mask: false}
// to ws@1.1.5 for every frame its client sends (sws.js lines 255 and 323: ClientReady and
// ClientHello; line 644: data), which RFC 6455 forbids and Tomcat refuses with close 1002. This
// shim wraps ws's WebSocket.prototype.send so that a client-side socket sends those frames with
// {mask: true} instead; it is equivalent to replacing "mask: false" by "mask: true" on exactly
// those three lines. Nothing else changes: not the payloads, not the frame types, not a single
// line of SWS or nacl-cert logic. Server-side sockets (the original server's) are untouched.
'use strict';
var path = require('path');
var WebSocket = require(require.resolve('ws', {paths: [path.dirname(require.resolve('node-sws'))]}));

var send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data, options, cb) {
	if (!this._isServer && options && typeof options === 'object' && options.mask === false) {
		options = Object.assign({}, options, {mask: true});
	}
	return send.call(this, data, options, cb);
};
