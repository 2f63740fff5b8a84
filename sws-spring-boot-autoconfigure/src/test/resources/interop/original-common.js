// Helpers shared by original-server.js and original-client.js, which drive the original
// node-sws@1.2.1 (installed from npm) for the tests in dev.sws.interop. Nothing here touches the
// SWS protocol: it reads the key and cert files of the original's nacl-cert tool, builds the
// secinfo object node-sws expects, and prints JSON lines on stdout.
'use strict';
var fs = require('fs');

function readJson(file) {
	return JSON.parse(fs.readFileSync(file).toString());
}

// secinfo as node-sws@1.2.1 takes it: {version, myPublicKey, mySecretKey, cert, ca, requireCert}.
// The key pair file is the nacl-cert tool's box-kp.json: {"secretkey":[..],"publickey":[..]}.
function secinfo(config) {
	var keys = readJson(config.keyPair);
	var info = {
		version: config.version,
		myPublicKey: new Uint8Array(keys.publickey),
		mySecretKey: new Uint8Array(keys.secretkey)
	};
	if (config.cert) {
		info.cert = readJson(config.cert);
	}
	if (config.ca) {
		info.ca = readJson(config.ca);
	}
	if (typeof config.requireCert === 'boolean') {
		info.requireCert = config.requireCert;
	}
	return info;
}

function print(kind, value) {
	process.stdout.write(kind + ' ' + JSON.stringify(value) + '\n');
}

module.exports = {readJson: readJson, secinfo: secinfo, print: print};
