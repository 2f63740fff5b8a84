// The original node-sws@1.2.1 as an SWS v1 echo server on 127.0.0.1, for the end-to-end benchmark.
// Usage: node node-echo-server.js <node_modules dir> <box-kp.json>; prints "READY <port>".
'use strict';
const path = require('path');
const fs = require('fs');
const SWS = require(path.join(process.argv[2], 'node-sws'));
const kp = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const server = new SWS.Server({ port: 0, host: '127.0.0.1', path: '/sws', perMessageDeflate: false, maxPayload: 128 * 1024 * 1024 }, {
	version: 1,
	myPublicKey: new Uint8Array(kp.publickey),
	mySecretKey: new Uint8Array(kp.secretkey)
});
server.on('connection', (sws) => {
	sws.on('message', (message) => sws.send(message));
	sws.on('error', () => {});
	sws.on('warn', () => {});
});
server.on('listening', () => console.log('READY ' + server.wss._server.address().port));
server.on('error', (err) => { console.error(err); process.exit(1); });
