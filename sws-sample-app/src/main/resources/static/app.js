// The sample's chat page: @stomp/stompjs over SwsWebSocket, the SWS browser client.
(function () {
	'use strict';

	const REASONS = {
		'cert-untrusted-issuer': 'The server\u2019s certificate is not signed by a CA this page trusts (or it is self-signed).',
		'cert-bad-signature': 'The server\u2019s certificate names a trusted CA, but that CA did not sign it: it is forged or altered.',
		'cert-expired': 'The server\u2019s certificate, or its CA, has expired.',
		'cert-host-mismatch': 'The server\u2019s certificate is for another host than this page\u2019s.',
		'cert-key-mismatch': 'The server\u2019s certificate is for another key than the one it uses.',
		'cert-weak-key': 'The server\u2019s certificate holds a weak key.',
		'cert-malformed': 'The server sent something that is not a certificate.',
		'cert-missing': 'The server sent no certificate.',
		'weak-key': 'The server uses a weak key.',
		'pin-mismatch': 'The server\u2019s key is not the pinned key.',
		'handshake-timeout': 'The server did not complete the SWS handshake in time.',
		'handshake-decrypt-failed': 'The server\u2019s handshake message does not decrypt.',
		'refused-by-peer': 'The server closed the connection during the handshake.',
		'connect-failed': 'The page could not reach the server.',
		'decrypt-failed': 'A message did not authenticate: the connection was tampered with.'
	};

	// what the server refuses in a nickname: C0 and C1 controls, DEL, bidirectional overrides and isolates
	const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

	const $ = (id) => document.getElementById(id);
	const states = [];
	window.swsSample = { states };

	let trust = null;
	let client = null;
	let nickname = null;
	let refused = false;

	function setState(state, text) {
		states.push(state);
		const element = $('state');
		element.dataset.state = state;
		element.textContent = text;
	}

	function showRefusal(reason, detail) {
		refused = true;
		setState('refused', 'Refused');
		$('refusal-reason').textContent = reason;
		$('refusal-text').textContent = REASONS[reason] || 'The connection was refused.';
		$('refusal-detail').textContent = detail || '';
		$('refusal').hidden = false;
	}

	function showIdentity(peer) {
		const desc = peer.certificate ? peer.certificate.desc : null;
		$('id-ca').textContent = desc ? desc.ca + (trust.developmentMode ? ' (development CA)' : '') : 'no certificate (v1)';
		$('id-names').textContent = desc && desc.names && desc.names.length ? desc.names.join(', ') : '\u2013';
		$('id-ips').textContent = desc && desc.ips && desc.ips.length ? desc.ips.join(', ') : '\u2013';
		$('id-expires').textContent = desc ? new Date(desc.tte).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
			: '\u2013';
		$('id-fingerprint').textContent = peer.fingerprint;
		$('id-protocol').textContent = 'SWS v' + peer.version + (peer.version === 3
			? ', Noise XX (ChaCha20-Poly1305, forward secret)' : ', XSalsa20-Poly1305') + ', between this page and the server';
	}

	function showMessage(message) {
		const item = document.createElement('li');
		if (message.from === nickname) {
			item.className = 'mine';
		}
		const time = document.createElement('time');
		time.textContent = message.sentAt
			? new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
		const from = document.createElement('strong');
		from.textContent = message.from;
		const text = document.createElement('span');
		text.textContent = message.text;
		item.append(time, from, text);
		$('messages').append(item);
		item.scrollIntoView({ block: 'end' });
	}

	function setSending(enabled) {
		$('message').disabled = !enabled;
		$('send-button').disabled = !enabled;
		if (enabled) {
			$('message').focus();
		}
	}

	// SWS cannot protect a page whose own code may have been altered on its way here
	function warnUnlessLoadedSecurely() {
		const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(window.location.hostname);
		$('insecure-page').hidden = window.location.protocol === 'https:' || local;
	}

	function chatUrl() {
		const url = new URL('chat', window.location.href);
		url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
		return url.href;
	}

	function connect() {
		refused = false;
		$('refusal').hidden = true;
		setState('connecting', 'Connecting\u2026');
		client = new StompJs.Client({
			webSocketFactory: () => {
				// v3 (forward secret) when the server offers it; the client never falls back by itself
				const version = (trust.versions || []).indexOf(3) >= 0 ? 3 : 2;
				const socket = new SwsWebSocket(chatUrl(), { version: version, trustAnchors: trust.trustAnchors });
				socket.addEventListener('error', (event) => {
					if (event.reason) {
						showRefusal(event.reason, event.message);
					}
				});
				socket.addEventListener('open', () => {
					setState('verified', 'Server verified, joining\u2026');
					showIdentity(socket.peer);
				});
				return socket;
			},
			// the server binds this name to the session once; messages do not carry it
			connectHeaders: { nickname },
			reconnectDelay: 0,
			onConnect: () => {
				setState('connected', 'Connected, encrypted to the server');
				client.subscribe('/topic/chat', (frame) => showMessage(JSON.parse(frame.body)));
				setSending(true);
			},
			onStompError: (frame) => {
				setState('error', 'Error: ' + (frame.headers.message || 'STOMP error'));
			},
			onWebSocketClose: () => {
				setSending(false);
				$('join-button').disabled = false;
				if (!refused) {
					setState('closed', 'Disconnected');
				}
			}
		});
		client.activate();
	}

	async function start() {
		warnUnlessLoadedSecurely();
		const saved = window.localStorage.getItem('sws-sample-nickname');
		if (saved) {
			$('nickname').value = saved;
		}
		try {
			const response = await fetch('sample/trust-anchors.json', { cache: 'no-store' });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			trust = await response.json();
		}
		catch (error) {
			setState('error', 'Cannot load the trust anchors: ' + error.message);
			return;
		}
		$('dev-mode').hidden = !trust.developmentMode;
		if (trust.trustAnchors.length === 0) {
			setState('error', 'The app configures no CA for this page (sample.page.trust-anchors)');
			return;
		}
		$('join-form').addEventListener('submit', (event) => {
			event.preventDefault();
			nickname = $('nickname').value.trim();
			if (!nickname) {
				return;
			}
			if (CONTROL_CHARACTERS.test(nickname)) {
				setState('error', 'The nickname may not contain control characters');
				return;
			}
			window.localStorage.setItem('sws-sample-nickname', nickname);
			$('join-button').disabled = true;
			if (client) {
				client.deactivate();
			}
			connect();
		});
		$('send-form').addEventListener('submit', (event) => {
			event.preventDefault();
			const text = $('message').value.trim();
			if (text && client && client.connected) {
				client.publish({ destination: '/app/chat.send', body: JSON.stringify({ text }) });
				$('message').value = '';
			}
		});
		setState('ready', 'Not connected');
	}

	start();
}());
