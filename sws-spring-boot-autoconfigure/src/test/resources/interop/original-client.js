// The original node-sws@1.2.1 Node client as a reference peer for dev.sws.interop.
//
//   node original-client.js '<config json>'
//   config: {url, version, keyPair, cert?, ca?, mask, action, count?, expect?, deadlineMs}
//
// mask: load mask-shim.js first (see there), so that the client masks its frames as RFC 6455
// requires; without it the client sends unmasked frames exactly as the original does.
// action and the result: see interop-driver.js. Prints one line "result <json>" last and exits.
'use strict';
var crypto = require('crypto');
var common = require('./original-common.js');
var driver = require('./interop-driver.js');

var config = JSON.parse(process.argv[2]);
if (config.mask) {
	require('./mask-shim.js');
}
var SWS = require('node-sws');

driver.run(config, {
	connect: function () {
		return new SWS(config.url, common.secinfo(config));
	},
	randomBytes: function (size) {
		return crypto.randomBytes(size);
	},
	extensions: function (client) {
		return Object.keys(client.ws.extensions || {}).join(',');
	}
}, function (result) {
	common.print('result', result);
	setImmediate(function () {
		process.exit(0);
	});
});
