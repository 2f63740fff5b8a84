'use strict';
// An SWS v3 client built from an independent Noise implementation (npm noise-handshake@4.2.0,
// Noise_XX_25519_ChaChaPoly_BLAKE2b) and only the framing of docs/protocol/sws-v3.md: the
// 6-byte headers, the ready message, transport messages under ChaChaPoly with counter nonces,
// and Rekey(). Nothing of ours is loaded. Node 20 runs it with --experimental-websocket.
//
// usage: node --experimental-websocket noise-handshake-client.js <ws url> <pinned server key, base64> <size>...
// prints "EVENT <json>" lines and, last, "RESULT <json>".

const Noise = require('noise-handshake');
const sodium = require('sodium-universal');

const [url, pinnedBase64, ...sizeArgs] = process.argv.slice(2);
const sizes = sizeArgs.map(Number);
const pinned = Buffer.from(pinnedBase64, 'base64');
const MAGIC = Buffer.from([0x53, 0x57, 0x53, 0x03]);
const SUITE = 0x01; // offer exactly one suite: the library makes its ephemeral key itself (section 5.6)
const REKEY = { messages: 65536, bytes: 1073741824 };
const TAG = 16;

const events = [];
function event(name, detail) {
  const entry = Object.assign({ event: name }, detail || {});
  events.push(entry);
  console.log('EVENT ' + JSON.stringify(entry));
}

function finish(result) {
  console.log('RESULT ' + JSON.stringify(Object.assign({ events }, result)));
  process.exit(0);
}

// section 9: 32 zero bits, then n as 64-bit little-endian
function nonce(n) {
  const npub = Buffer.alloc(12);
  npub.writeBigUInt64LE(BigInt(n), 4);
  return npub;
}

// One direction of the transport: key, counter and the rekey counters of section 10. Messages
// may exceed Noise's 65,535 bytes, so the AEAD is called directly (section 13.1).
class Direction {
  constructor(key, thresholds) {
    this.key = Buffer.from(key);
    this.n = 0;
    this.thresholds = thresholds;
    this.count = 0;
    this.total = 0;
  }

  seal(plaintext) {
    const out = Buffer.alloc(plaintext.length + TAG);
    sodium.crypto_aead_chacha20poly1305_ietf_encrypt(out, plaintext, null, null, nonce(this.n++), this.key);
    this.after(out.length);
    return out;
  }

  open(ciphertext) {
    if (ciphertext.length < TAG) {
      throw new Error('transport message shorter than its tag');
    }
    const out = Buffer.alloc(ciphertext.length - TAG);
    sodium.crypto_aead_chacha20poly1305_ietf_decrypt(out, null, ciphertext, null, nonce(this.n++), this.key);
    this.after(ciphertext.length);
    return out;
  }

  after(length) {
    this.count += 1;
    this.total += length;
    if (this.count >= this.thresholds.messages || this.total >= this.thresholds.bytes) {
      // Noise Rekey(): k = first 32 bytes of ENCRYPT(k, 2^64 - 1, empty, 32 zero bytes)
      const out = Buffer.alloc(32 + TAG);
      const max = Buffer.alloc(12);
      max.fill(0xff, 4);
      sodium.crypto_aead_chacha20poly1305_ietf_encrypt(out, Buffer.alloc(32), null, null, max, this.key);
      this.key = out.subarray(0, 32);
      this.count = 0;
      this.total = 0;
    }
  }
}

const noise = new Noise('XX', true);
const prologue = Buffer.concat([MAGIC, Buffer.from([0x01, 1, SUITE])]);
noise.initialise(prologue);

const socket = new WebSocket(url);
socket.binaryType = 'arraybuffer';
let state = 'message2';
let sender = null;
let receiver = null;
let index = 0;
let sent = null;
const deadline = setTimeout(() => finish({ ok: false, error: 'deadline in state ' + state }), 60000);

function sendNext() {
  if (index === sizes.length) {
    clearTimeout(deadline);
    socket.close(1000);
    finish({ ok: true, echoed: index });
    return;
  }
  sent = Buffer.alloc(sizes[index]);
  sodium.randombytes_buf(sent);
  socket.send(sender.seal(sent));
}

socket.addEventListener('open', () => {
  event('open');
  socket.send(Buffer.concat([prologue, noise.send()]));
});

socket.addEventListener('message', (message) => {
  try {
    if (typeof message.data === 'string') {
      throw new Error('text frame');
    }
    const frame = Buffer.from(message.data);
    if (state === 'message2') {
      if (frame.length < 6 + 96 || !frame.subarray(0, 4).equals(MAGIC) || frame[4] !== 0x02 || frame[5] !== SUITE) {
        throw new Error('not a message 2 for suite 01');
      }
      const payload = JSON.parse(Buffer.from(noise.recv(frame.subarray(6))).toString('utf8'));
      if (!Buffer.from(noise.rs).equals(pinned)) {
        throw new Error('the server key is not the pinned key');
      }
      if (payload.requireClientCert !== false || typeof payload.rekey !== 'object') {
        throw new Error('unexpected message 2 payload ' + JSON.stringify(payload));
      }
      event('message2', { cert: typeof payload.cert === 'object', rekey: payload.rekey });
      const message3 = noise.send(Buffer.from(JSON.stringify({ rekey: REKEY }), 'utf8'));
      socket.send(Buffer.concat([MAGIC, Buffer.from([0x03]), message3]));
      sender = new Direction(noise.tx, REKEY);
      receiver = new Direction(noise.rx, payload.rekey);
      state = 'ready';
    }
    else if (state === 'ready') {
      if (receiver.open(frame).length !== 0) {
        throw new Error('the first transport message is not the empty ready message');
      }
      event('ready');
      state = 'echo';
      sendNext();
    }
    else {
      const echoed = receiver.open(frame);
      if (!echoed.equals(sent)) {
        throw new Error('echo ' + index + ' differs (' + echoed.length + ' bytes for ' + sent.length + ')');
      }
      event('echoed', { size: sent.length });
      index += 1;
      sendNext();
    }
  }
  catch (error) {
    clearTimeout(deadline);
    socket.close(1000);
    finish({ ok: false, error: String(error && error.message || error), state });
  }
});

socket.addEventListener('close', (close) => {
  if (state !== 'echo' || index < sizes.length) {
    clearTimeout(deadline);
    finish({ ok: false, error: 'closed with ' + close.code, state, closeCode: close.code });
  }
});
