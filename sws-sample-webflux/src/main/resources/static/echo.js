// The reactive sample's page: the SWS browser client against the echo handler at /echo. In
// development mode it trusts the development CA the app serves (trust on first use).
(async () => {
	'use strict';
	const $ = (id) => document.getElementById(id);
	const log = (text) => {
		const item = document.createElement('li');
		item.textContent = text;
		$('log').appendChild(item);
	};
	let anchor;
	try {
		const response = await fetch('sws-dev/ca-cert.json', { cache: 'no-store' });
		if (!response.ok) {
			throw new Error('HTTP ' + response.status);
		}
		anchor = await response.json();
	}
	catch (error) {
		$('state').textContent = 'Cannot load the development CA: ' + error.message;
		return;
	}
	const url = new URL('echo', window.location.href);
	url.protocol = (url.protocol === 'https:') ? 'wss:' : 'ws:';
	const socket = new SwsWebSocket(url.href, { version: 2, trustAnchors: [anchor] });
	socket.onopen = () => { $('state').textContent = 'Connected, encrypted to the server'; };
	socket.onmessage = (event) => log('echo: ' + event.data);
	socket.onclose = (event) => { $('state').textContent = 'Closed (' + event.code + ')'; };
	$('form').addEventListener('submit', (event) => {
		event.preventDefault();
		if ($('text').value) {
			socket.send($('text').value);
			$('text').value = '';
		}
	});
})();
