// The browser client (sws-client.mjs, as the starter serves it) on Node.js over the ws package:
// connects, sends one message, prints its echo and the close code. Arguments: the URL, the version,
// then either "ca" and a CA certificate's JSON or "pin" and the server's base64 public key.
import { WebSocket } from 'ws';
import { SwsWebSocket } from './sws-client.mjs';

const [url, version, mode, value] = process.argv.slice(2);
const options = { version: Number(version), WebSocket };
if (mode === 'ca') {
	options.trustAnchors = [JSON.parse(value)];
}
else {
	options.pinnedServerKeys = [value];
}
const timer = setTimeout(() => {
	console.log('TIMEOUT');
	process.exit(2);
}, 15000);
const ws = new SwsWebSocket(url, options);
ws.onopen = () => ws.send('hello from Node');
ws.onmessage = (event) => {
	console.log('ECHO ' + event.data + ' (v' + ws.peer.version + ')');
	ws.close(1000, 'done');
};
ws.onerror = (event) => console.log('ERROR ' + (event.message || event.type));
ws.onclose = (event) => {
	console.log('CLOSE ' + event.code);
	clearTimeout(timer);
	process.exit(0);
};
