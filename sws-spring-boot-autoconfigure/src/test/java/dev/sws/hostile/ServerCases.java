package dev.sws.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.sws.cert.NaclCert;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.wire.ClientReady;
import dev.sws.protocol.FailureReason;
import dev.sws.testsupport.WeakKeys;
import dev.sws.testsupport.hostile.ForgedClient;
import dev.sws.testsupport.hostile.ForgedNoiseClient;
import dev.sws.testsupport.hostile.HostileClient;
import dev.sws.testsupport.hostile.RawWebSocket;

import static dev.sws.hostile.ServerCase.MTLS;
import static dev.sws.hostile.ServerCase.PLAIN;
import static dev.sws.protocol.FailureReason.CERT_BAD_SIGNATURE;
import static dev.sws.protocol.FailureReason.CERT_EXPIRED;
import static dev.sws.protocol.FailureReason.CERT_KEY_MISMATCH;
import static dev.sws.protocol.FailureReason.CERT_MALFORMED;
import static dev.sws.protocol.FailureReason.CERT_MISSING;
import static dev.sws.protocol.FailureReason.CERT_UNTRUSTED_ISSUER;
import static dev.sws.protocol.FailureReason.CERT_WEAK_KEY;
import static dev.sws.protocol.FailureReason.COUNTER_EXHAUSTED;
import static dev.sws.protocol.FailureReason.DECRYPT_FAILED;
import static dev.sws.protocol.FailureReason.HANDSHAKE_DECRYPT_FAILED;
import static dev.sws.protocol.FailureReason.HANDSHAKE_TIMEOUT;
import static dev.sws.protocol.FailureReason.MALFORMED_MESSAGE;
import static dev.sws.protocol.FailureReason.MALFORMED_TRAILER;
import static dev.sws.protocol.FailureReason.MESSAGE_TOO_LARGE;
import static dev.sws.protocol.FailureReason.REPLAYED_HELLO;
import static dev.sws.protocol.FailureReason.UNEXPECTED_FRAME_TYPE;
import static dev.sws.protocol.FailureReason.UNEXPECTED_MESSAGE;
import static dev.sws.protocol.FailureReason.UNSUPPORTED_VERSION;
import static dev.sws.protocol.FailureReason.WEAK_KEY;
import static dev.sws.testsupport.hostile.HostileClient.WAIT;

/**
 * Every attack of the hostile client on the server, as data: the table the server conformance
 * test runs, and the issue note's table.
 */
final class ServerCases {

	private static final int MAX_MESSAGE = 1024 * 1024;

	private ServerCases() {
	}

	static List<ServerCase> all() {
		List<ServerCase> cases = new ArrayList<>();
		keysAndCertificates(cases);
		replayAndOrder(cases);
		frames(cases);
		malformedJson(cases);
		slowPeers(cases);
		webSocketFraming(cases);
		v3(cases);
		return cases;
	}

	private static void keysAndCertificates(List<ServerCase> cases) {
		String group = "keys and certificates";
		cases.add(handshake(group, "W1 forgery as client: ClientHello with key [1,0,...,0]", MTLS, 2, WEAK_KEY,
				(c, s) -> c.ws.sendText(c.sws.helloWith(WeakKeys.identity()))));
		for (Map.Entry<String, byte[]> weak : WeakKeys.lowOrderPoints().entrySet()) {
			cases.add(handshake(group, "low-order client key: " + weak.getKey(), PLAIN, 1, WEAK_KEY,
					(c, s) -> c.ws.sendText(c.sws.helloWith(weak.getValue()))));
		}
		cases.add(handshake(group, "W1 forged self-signed cert (key [1,0,...,0]) presented with a genuine key", MTLS, 2,
				CERT_WEAK_KEY, (c, s) -> ready(c, HostilePki.w1Forgery().toJson())));
		cases.add(handshake(group, "self-signed cert for the client's own key", MTLS, 2, CERT_UNTRUSTED_ISSUER,
				(c, s) -> ready(c, HostilePki.selfSignedFor(c.publicKey()).toJson())));
		cases.add(handshake(group, "valid cert from an untrusted CA", MTLS, 2, CERT_UNTRUSTED_ISSUER,
				(c, s) -> ready(c, HostilePki.untrustedFor(c.publicKey()).toJson())));
		cases.add(handshake(group, "expired cert from the trusted CA", MTLS, 2, CERT_EXPIRED,
				(c, s) -> ready(c, HostilePki.expiredFor(c.publicKey()).toJson())));
		cases.add(handshake(group, "cert key != handshake key (a trusted cert for another key)", MTLS, 2,
				CERT_KEY_MISMATCH, (c, s) -> ready(c, HostilePki.TRUSTED.clientCert.toJson())));
		cases.add(handshake(group, "trusted cert altered after signing (names added)", MTLS, 2, CERT_BAD_SIGNATURE,
				(c, s) -> ready(c, HostilePki.tamperedFor(c.publicKey()).toJson())));
		cases.add(handshake(group, "no cert where one is required ({})", MTLS, 2, CERT_MISSING, (c, s) -> ready(c, "{}")));
		cases.add(handshake(group, "malformed cert (63-byte signature)", MTLS, 2, CERT_MALFORMED, (c, s) -> {
			JsObject cert = HostilePki.trustedFor(c.publicKey()).toJsValue();
			cert.put("sign", new JsObject().put("signature", JsArray.ofBytes(new byte[63])));
			ready(c, JsJson.stringify(cert));
		}));
		cases.add(handshake(group, "v1 downgrade against a server that requires client certs", MTLS, 1,
				UNSUPPORTED_VERSION, (c, s) -> c.hello()));
		cases.add(handshake(group, "v2 trailer that is not JSON", MTLS, 2, MALFORMED_TRAILER,
				(c, s) -> ready(c, "not json")));
		cases.add(handshake(group, "v2 trailer that is not UTF-8", MTLS, 2, MALFORMED_TRAILER, (c, s) -> {
			c.sws.open(c.helloAndAnswer());
			c.ws.sendText(c.sws.ready(new byte[] { '"', (byte) 0xC3, '(', '"' }));
		}));
		cases.add(handshake(group, "v1 ClientReady with a trailer", PLAIN, 1, MALFORMED_TRAILER, (c, s) -> ready(c, "{}")));
	}

	private static void replayAndOrder(List<ServerCase> cases) {
		String group = "replay and order";
		cases.add(handshake(group, "replayed ClientHello (same key and nonce) after its handshake completed", PLAIN, 1,
				REPLAYED_HELLO, (c, s) -> {
					try (HostileClient victim = s.connect(PLAIN, 1)) {
						String hello = victim.hello();
						victim.sws.open(victim.ws.nextText(WAIT));
						victim.ws.sendText(victim.sws.ready((NaclCert) null));
						victim.roundTrip("victim");
						c.ws.sendText(hello);
					}
				}));
		cases.add(handshake(group, "replayed ClientHello while the original handshake is pending", PLAIN, 2,
				REPLAYED_HELLO, (c, s) -> {
					try (HostileClient victim = s.connect(PLAIN, 2)) {
						String hello = victim.hello();
						victim.ws.nextText(WAIT);
						c.ws.sendText(hello);
					}
				}));
		cases.add(handshake(group, "reflected ServerHello (the server's own message sent back)", PLAIN, 1,
				UNEXPECTED_MESSAGE, (c, s) -> c.ws.sendText(c.helloAndAnswer())));
		cases.add(handshake(group, "ServerHello from another connection as the first message", PLAIN, 1,
				UNEXPECTED_MESSAGE, (c, s) -> {
					try (HostileClient other = s.connect(PLAIN, 1)) {
						c.ws.sendText(other.helloAndAnswer());
					}
				}));
		cases.add(handshake(group, "ClientReady before any ClientHello", PLAIN, 1, UNEXPECTED_MESSAGE,
				(c, s) -> c.ws.sendText(ForgedClient.CODEC.encode(new ClientReady(1, new byte[56])))));
		cases.add(handshake(group, "duplicate ClientHello", PLAIN, 1, UNEXPECTED_MESSAGE, (c, s) -> {
			c.helloAndAnswer();
			c.ws.sendText(c.sws.hello());
		}));
		cases.add(session(group, "duplicate ClientReady (a text frame once established)", PLAIN, 1,
				UNEXPECTED_FRAME_TYPE, List.of(), (c, s) -> {
					c.sws.open(c.helloAndAnswer());
					String ready = c.sws.ready((NaclCert) null);
					c.ws.sendText(ready);
					c.ws.sendText(ready);
				}));
		cases.add(handshake(group, "ClientReady replayed from another connection", PLAIN, 1, HANDSHAKE_DECRYPT_FAILED,
				(c, s) -> {
					try (HostileClient victim = s.connect(PLAIN, 1)) {
						victim.sws.open(victim.helloAndAnswer());
						String ready = victim.sws.ready((NaclCert) null);
						victim.ws.sendText(ready);
						c.helloAndAnswer();
						c.ws.sendText(ready);
					}
				}));
		cases.add(handshake(group, "ClientReady box tampered (one bit flipped)", PLAIN, 1, HANDSHAKE_DECRYPT_FAILED,
				(c, s) -> {
					c.sws.open(c.helloAndAnswer());
					ClientReady ready = (ClientReady) ForgedClient.CODEC.decode(c.sws.ready((NaclCert) null));
					byte[] box = ready.blackbox();
					box[box.length - 1] ^= 1;
					c.ws.sendText(ForgedClient.CODEC.encode(new ClientReady(1, box)));
				}));
		cases.add(handshake(group, "text ClientHello claiming version 3 (v3 is binary)", PLAIN, 3, UNSUPPORTED_VERSION,
				(c, s) -> c.hello()));
		cases.add(handshake(group, "ClientReady in another version than the ClientHello", PLAIN, 1, UNSUPPORTED_VERSION,
				(c, s) -> {
					c.sws.open(c.helloAndAnswer());
					ClientReady ready = (ClientReady) ForgedClient.CODEC.decode(c.sws.ready((NaclCert) null));
					c.ws.sendText(ForgedClient.CODEC.encode(new ClientReady(2, ready.blackbox())));
				}));
	}

	private static void frames(List<ServerCase> cases) {
		String group = "frames";
		cases.add(handshake(group, "binary frame without the v3 magic as the first message (v3 accepted)", PLAIN, 1,
				MALFORMED_MESSAGE, (c, s) -> c.ws.sendBinary(new byte[64])));
		cases.add(handshake(group, "binary frame between ClientHello and ClientReady", PLAIN, 1, UNEXPECTED_FRAME_TYPE,
				(c, s) -> {
					c.helloAndAnswer();
					c.ws.sendBinary(new byte[64]);
				}));
		cases.add(session(group, "text frame after the handshake", PLAIN, 1, UNEXPECTED_FRAME_TYPE, List.of(),
				(c, s) -> {
					established(c);
					c.ws.sendText("hello in clear");
				}));
		cases.add(session(group, "tampered data frame (one bit flipped)", PLAIN, 1, DECRYPT_FAILED, List.of(),
				(c, s) -> {
					established(c);
					byte[] frame = c.seal("tampered");
					frame[20] ^= 1;
					c.ws.sendBinary(frame);
				}));
		cases.add(session(group, "truncated data frame (last byte cut)", PLAIN, 1, DECRYPT_FAILED, List.of(),
				(c, s) -> {
					established(c);
					byte[] frame = c.seal("truncated");
					c.ws.sendBinary(Arrays.copyOf(frame, frame.length - 1));
				}));
		cases.add(session(group, "data frame shorter than a tag (15 bytes)", PLAIN, 1, DECRYPT_FAILED, List.of(),
				(c, s) -> {
					established(c);
					c.ws.sendBinary(new byte[15]);
				}));
		cases.add(session(group, "empty binary frame", PLAIN, 1, DECRYPT_FAILED, List.of(), (c, s) -> {
			established(c);
			c.ws.sendBinary(new byte[0]);
		}));
		cases.add(session(group, "duplicated data frame", PLAIN, 1, DECRYPT_FAILED, List.of("first"), (c, s) -> {
			established(c);
			byte[] frame = c.seal("first");
			c.ws.sendBinary(frame);
			c.ws.sendBinary(frame);
		}));
		cases.add(session(group, "reordered data frames", PLAIN, 2, DECRYPT_FAILED, List.of(), (c, s) -> {
			established(c);
			byte[] first = c.seal("first");
			byte[] second = c.seal("second");
			c.ws.sendBinary(second);
			c.ws.sendBinary(first);
		}));
		cases.add(session(group, "dropped data frame", PLAIN, 1, DECRYPT_FAILED, List.of("first"), (c, s) -> {
			established(c);
			c.ws.sendBinary(c.seal("first"));
			c.seal("second (dropped)");
			c.ws.sendBinary(c.seal("third"));
		}));
		cases.add(session(group, "the server's own data frame reflected back", PLAIN, 1, DECRYPT_FAILED,
				List.of("ping"), (c, s) -> {
					established(c);
					c.ws.sendBinary(c.seal("ping"));
					c.ws.sendBinary(c.ws.nextBinary(WAIT));
				}));
		cases.add(session(group, "frame over the size cap (1 MiB + 17 bytes), refused before decryption", PLAIN, 1,
				MESSAGE_TOO_LARGE, List.of(), (c, s) -> {
					established(c);
					c.ws.sendBinary(new byte[MAX_MESSAGE + 17]);
				}));
		cases.add(session(group, "fragmented message over the size cap", PLAIN, 1, MESSAGE_TOO_LARGE, List.of(),
				(c, s) -> {
					established(c);
					c.ws.send(RawWebSocket.BINARY, false, new byte[MAX_MESSAGE / 2 + 10]);
					c.ws.send(RawWebSocket.CONTINUATION, false, new byte[MAX_MESSAGE / 2 + 10]);
				}));
		cases.add(session(group, "frame header announcing 2^62 bytes, then 2 MiB of them", PLAIN, 1, MESSAGE_TOO_LARGE,
				List.of(), (c, s) -> {
					established(c);
					inBackground(() -> c.ws.sendFrame(RawWebSocket.BINARY, true, true, 1L << 62, new byte[2 * MAX_MESSAGE]));
				}));
		cases.add(session(group, "unmasked data frame", PLAIN, 1, MALFORMED_MESSAGE, List.of(), (c, s) -> {
			established(c);
			byte[] frame = c.seal("unmasked");
			c.ws.sendFrame(RawWebSocket.BINARY, true, false, frame.length, frame);
		}));
		cases.add(session(group, "invalid UTF-8 in a text frame once established", PLAIN, 1, FailureReason.INVALID_UTF8,
				List.of(), (c, s) -> {
					established(c);
					c.ws.send(RawWebSocket.TEXT, true, new byte[] { (byte) 0xC3, '(' });
				}));
	}

	private static void malformedJson(List<ServerCase> cases) {
		String group = "malformed handshake JSON";
		String key = bytes(32);
		String nonce = bytes(8);
		String tail = ",\"client_public_key\":" + key + ",\"nonce\":" + nonce + "}";
		malformed(cases, group, "deep nesting (30,000 levels, within the size cap)",
				"{\"opc\":" + "[".repeat(30_000) + "]".repeat(30_000) + ",\"version\":1" + tail);
		malformed(cases, group, "huge integer (1,000 digits)", "{\"opc\":" + "9".repeat(1000) + ",\"version\":1" + tail);
		malformed(cases, group, "huge number (1e999999)", "{\"opc\":1e999999,\"version\":1" + tail);
		malformed(cases, group, "number beyond int (2^31)", "{\"opc\":0,\"version\":2147483649" + tail);
		malformed(cases, group, "duplicate keys", "{\"opc\":0,\"opc\":0,\"version\":1" + tail);
		malformed(cases, group, "byte value 256", "{\"opc\":0,\"version\":1,\"client_public_key\":"
				+ key.replaceFirst("\\[0", "[256") + ",\"nonce\":" + nonce + "}");
		malformed(cases, group, "byte value -1", "{\"opc\":0,\"version\":1,\"client_public_key\":"
				+ key.replaceFirst("\\[0", "[-1") + ",\"nonce\":" + nonce + "}");
		malformed(cases, group, "byte value 1.5", "{\"opc\":0,\"version\":1,\"client_public_key\":"
				+ key.replaceFirst("\\[0", "[1.5") + ",\"nonce\":" + nonce + "}");
		malformed(cases, group, "byte value \"1\"", "{\"opc\":0,\"version\":1,\"client_public_key\":"
				+ key.replaceFirst("\\[0", "[\"1\"") + ",\"nonce\":" + nonce + "}");
		malformed(cases, group, "version as a string \"1\"", "{\"opc\":0,\"version\":\"1\"" + tail);
		malformed(cases, group, "opc as a float 0.0", "{\"opc\":0.0,\"version\":1" + tail);
		malformed(cases, group, "31-byte key", "{\"opc\":0,\"version\":1,\"client_public_key\":" + bytes(31)
				+ ",\"nonce\":" + nonce + "}");
		malformed(cases, group, "9-byte nonce", "{\"opc\":0,\"version\":1,\"client_public_key\":" + key
				+ ",\"nonce\":" + bytes(9) + "}");
		malformed(cases, group, "missing nonce", "{\"opc\":0,\"version\":1,\"client_public_key\":" + key + "}");
		malformed(cases, group, "extra field", "{\"opc\":0,\"version\":1,\"extra\":1" + tail);
		malformed(cases, group, "unknown opc 7", "{\"opc\":7,\"version\":1" + tail);
		malformed(cases, group, "an array, not an object", "[0,1]");
		malformed(cases, group, "null", "null");
		malformed(cases, group, "empty text", "");
		malformed(cases, group, "content after the object", "{\"opc\":0,\"version\":1" + tail + "{}");
		malformed(cases, group, "byte order mark first", "\uFEFF{\"opc\":0,\"version\":1" + tail);
		malformed(cases, group, "comment", "{\"opc\":0,/* hi */\"version\":1" + tail);
		malformed(cases, group, "single quotes", "{'opc':0,\"version\":1" + tail);
		malformed(cases, group, "NaN", "{\"opc\":NaN,\"version\":1" + tail);
		malformed(cases, group, "lone surrogate escape in a key", "{\"\\ud800\":0,\"opc\":0,\"version\":1" + tail);
		cases.add(handshake(group, "invalid UTF-8 in the text frame (C3 28)", PLAIN, 1, FailureReason.INVALID_UTF8,
				(c, s) -> c.ws.send(RawWebSocket.TEXT, true, new byte[] { '{', (byte) 0xC3, '(', '}' })));
		cases.add(handshake(group, "UTF-8-encoded surrogate in the text frame (ED A0 80)", PLAIN, 1,
				FailureReason.INVALID_UTF8,
				(c, s) -> c.ws.send(RawWebSocket.TEXT, true, new byte[] { '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"' })));
		cases.add(handshake(group, "10 MB ClientHello", PLAIN, 1, MESSAGE_TOO_LARGE,
				(c, s) -> sendLarge(c, "{\"opc\":0,\"version\":1,\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}")));
		cases.add(handshake(group, "10 MB ClientReady after a valid ClientHello", PLAIN, 1, MESSAGE_TOO_LARGE,
				(c, s) -> {
					c.helloAndAnswer();
					sendLarge(c, "{\"opc\":2,\"version\":1,\"s_blackbox_a\":[" + "0,".repeat(5 * 1024 * 1024) + "0]}");
				}));
	}

	private static void slowPeers(List<ServerCase> cases) {
		String group = "slow peers";
		cases.add(handshake(group, "opens the WebSocket and never speaks", PLAIN, 1, HANDSHAKE_TIMEOUT, (c, s) -> {
		}));
		cases.add(handshake(group, "sends ClientHello and stalls", PLAIN, 1, HANDSHAKE_TIMEOUT, (c, s) -> c.helloAndAnswer()));
		cases.add(handshake(group, "sends half a ClientHello (unfinished fragment) and stalls", PLAIN, 1,
				HANDSHAKE_TIMEOUT, (c, s) -> c.ws.send(RawWebSocket.TEXT, false, "{\"opc\":0,".getBytes(StandardCharsets.UTF_8))));
		cases.add(handshake(group, "sends the first byte of a frame header and stalls", PLAIN, 1, HANDSHAKE_TIMEOUT,
				(c, s) -> c.ws.sendRaw(new byte[] { (byte) 0x81 })));
	}

	private static void webSocketFraming(List<ServerCase> cases) {
		String group = "WebSocket framing";
		byte[] hello = new ForgedClient(1).hello().getBytes(StandardCharsets.UTF_8);
		cases.add(handshake(group, "unmasked client frame", PLAIN, 1, MALFORMED_MESSAGE,
				(c, s) -> c.ws.sendFrame(RawWebSocket.TEXT, true, false, hello.length, hello)));
		cases.add(handshake(group, "reserved opcode 0x3", PLAIN, 1, MALFORMED_MESSAGE,
				(c, s) -> c.ws.send(0x3, true, hello)));
		cases.add(handshake(group, "control frame over 125 bytes (ping)", PLAIN, 1, MALFORMED_MESSAGE,
				(c, s) -> c.ws.send(RawWebSocket.PING, true, new byte[126])));
		cases.add(handshake(group, "continuation frame with nothing to continue", PLAIN, 1, MALFORMED_MESSAGE,
				(c, s) -> c.ws.send(RawWebSocket.CONTINUATION, true, hello)));
		cases.add(handshake(group, "RSV1 bit set without a negotiated extension", PLAIN, 1, MALFORMED_MESSAGE,
				(c, s) -> c.ws.send(0x40 | RawWebSocket.TEXT, true, hello)));
	}

	/** SWS v3 (docs/protocol/sws-v3.md): the hostile client speaks Noise XX with bent frames. */
	private static void v3(List<ServerCase> cases) {
		String group = "v3";
		cases.add(handshake(group, "replayed message 1 and message 3 of a completed session", PLAIN, 3,
				HANDSHAKE_DECRYPT_FAILED, (c, s) -> {
					try (HostileClient victim = s.connect(PLAIN, 3)) {
						byte[] message1 = victim.noise.message1();
						victim.ws.sendBinary(message1);
						victim.noise.readMessage2(victim.ws.nextBinary(WAIT));
						byte[] message3 = victim.noise.message3WithCertificate(null);
						victim.ws.sendBinary(message3);
						victim.noise.open(victim.ws.nextBinary(WAIT));
						victim.v3RoundTrip("victim");
						c.ws.sendBinary(message1);
						c.ws.nextBinary(WAIT); // a fresh message 2, under a fresh server ephemeral
						c.ws.sendBinary(message3);
					}
				}));
		cases.add(handshake(group, "message 1 with another version byte (SWS 04)", PLAIN, 3, UNSUPPORTED_VERSION,
				(c, s) -> {
					byte[] message1 = c.noise.message1();
					message1[3] = 0x04;
					c.ws.sendBinary(message1);
				}));
		cases.add(handshake(group, "message 1 with a bad magic", PLAIN, 3, MALFORMED_MESSAGE, (c, s) -> {
			byte[] message1 = c.noise.message1();
			message1[0] = 'X';
			c.ws.sendBinary(message1);
		}));
		cases.add(handshake(group, "message 1 offering only unknown suites (07, 08)", PLAIN, 3, UNSUPPORTED_VERSION,
				(c, s) -> {
					byte[] message1 = c.noise.message1();
					byte[] tampered = new byte[message1.length + 1];
					System.arraycopy(message1, 0, tampered, 0, 5);
					tampered[5] = 2;
					tampered[6] = 7;
					tampered[7] = 8;
					System.arraycopy(message1, 7, tampered, 8, 32);
					c.ws.sendBinary(tampered);
				}));
		cases.add(handshake(group, "message 1 offering a suite twice", PLAIN, 3, MALFORMED_MESSAGE, (c, s) -> {
			byte[] message1 = c.noise.message1();
			byte[] tampered = new byte[message1.length + 1];
			System.arraycopy(message1, 0, tampered, 0, 5);
			tampered[5] = 2;
			tampered[6] = 1;
			tampered[7] = 1;
			System.arraycopy(message1, 7, tampered, 8, 32);
			c.ws.sendBinary(tampered);
		}));
		cases.add(handshake(group, "truncated message 1 (last byte cut)", PLAIN, 3, MALFORMED_MESSAGE, (c, s) -> {
			byte[] message1 = c.noise.message1();
			c.ws.sendBinary(Arrays.copyOf(message1, message1.length - 1));
		}));
		for (Map.Entry<String, byte[]> weak : WeakKeys.lowOrderPoints().entrySet()) {
			cases.add(handshake(group, "low-order ephemeral key in message 1: " + weak.getKey(), PLAIN, 3, WEAK_KEY,
					(c, s) -> c.ws.sendBinary(c.noise.message1With(weak.getValue()))));
		}
		cases.add(handshake(group, "message 3 with one bit of the encrypted static key flipped", PLAIN, 3,
				HANDSHAKE_DECRYPT_FAILED, (c, s) -> {
					c.noise.readMessage2(c.message1AndAnswer());
					byte[] message3 = c.noise.message3WithCertificate(null);
					message3[10] ^= 1;
					c.ws.sendBinary(message3);
				}));
		cases.add(handshake(group, "message 3 with one bit of the payload flipped", PLAIN, 3, HANDSHAKE_DECRYPT_FAILED,
				(c, s) -> {
					c.noise.readMessage2(c.message1AndAnswer());
					byte[] message3 = c.noise.message3WithCertificate(null);
					message3[message3.length - 20] ^= 1;
					c.ws.sendBinary(message3);
				}));
		cases.add(handshake(group, "message 3 with a changed header (message number 02)", PLAIN, 3, UNEXPECTED_MESSAGE,
				(c, s) -> {
					c.noise.readMessage2(c.message1AndAnswer());
					byte[] message3 = c.noise.message3WithCertificate(null);
					message3[4] = 0x02;
					c.ws.sendBinary(message3);
				}));
		cases.add(handshake(group, "truncated message 3 (last byte cut)", PLAIN, 3, HANDSHAKE_DECRYPT_FAILED, (c, s) -> {
			c.noise.readMessage2(c.message1AndAnswer());
			byte[] message3 = c.noise.message3WithCertificate(null);
			c.ws.sendBinary(Arrays.copyOf(message3, message3.length - 1));
		}));
		cases.add(handshake(group, "message 3 payload that is not JSON", PLAIN, 3, MALFORMED_TRAILER, (c, s) -> {
			c.noise.readMessage2(c.message1AndAnswer());
			c.ws.sendBinary(c.noise.message3("not json"));
		}));
		cases.add(handshake(group, "message 3 payload with a duplicate member", PLAIN, 3, MALFORMED_TRAILER, (c, s) -> {
			c.noise.readMessage2(c.message1AndAnswer());
			c.ws.sendBinary(c.noise.message3("{" + ForgedNoiseClient.REKEY + "," + ForgedNoiseClient.REKEY + "}"));
		}));
		cases.add(handshake(group, "message 3 as the first message", PLAIN, 3, UNEXPECTED_MESSAGE, (c, s) -> {
			try (HostileClient other = s.connect(PLAIN, 3)) {
				other.noise.readMessage2(other.message1AndAnswer());
				c.ws.sendBinary(other.noise.message3WithCertificate(null));
			}
		}));
		cases.add(handshake(group, "message 1 twice", PLAIN, 3, UNEXPECTED_MESSAGE, (c, s) -> {
			byte[] message1 = c.noise.message1();
			c.ws.sendBinary(message1);
			c.ws.nextBinary(WAIT);
			c.ws.sendBinary(message1);
		}));
		cases.add(handshake(group, "transport message before ready (instead of message 3)", PLAIN, 3,
				UNEXPECTED_MESSAGE, (c, s) -> {
					c.message1AndAnswer();
					c.ws.sendBinary(new byte[32]);
				}));
		cases.add(handshake(group, "text frame during the v3 handshake", PLAIN, 3, UNEXPECTED_FRAME_TYPE, (c, s) -> {
			c.message1AndAnswer();
			c.ws.sendText("{}");
		}));
		cases.add(handshake(group, "stalls after message 1", PLAIN, 3, HANDSHAKE_TIMEOUT, (c, s) -> c.message1AndAnswer()));
		cases.add(session(group, "reordered transport messages", PLAIN, 3, DECRYPT_FAILED, List.of(), (c, s) -> {
			c.v3Handshake(null);
			byte[] first = c.noise.seal(utf8("first"));
			byte[] second = c.noise.seal(utf8("second"));
			c.ws.sendBinary(second);
			c.ws.sendBinary(first);
		}));
		cases.add(session(group, "duplicated transport message", PLAIN, 3, DECRYPT_FAILED, List.of("first"), (c, s) -> {
			c.v3Handshake(null);
			byte[] frame = c.noise.seal(utf8("first"));
			c.ws.sendBinary(frame);
			c.ws.sendBinary(frame);
		}));
		cases.add(session(group, "truncated transport message", PLAIN, 3, DECRYPT_FAILED, List.of(), (c, s) -> {
			c.v3Handshake(null);
			byte[] frame = c.noise.seal(utf8("truncated"));
			c.ws.sendBinary(Arrays.copyOf(frame, frame.length - 1));
		}));
		cases.add(session(group, "the server's ready message reflected back", PLAIN, 3, DECRYPT_FAILED, List.of(),
				(c, s) -> {
					c.v3UpToMessage3(null);
					byte[] ready = c.ws.nextBinary(WAIT);
					c.noise.open(ready);
					c.ws.sendBinary(ready);
				}));
		cases.add(session(group, "text frame after the v3 handshake", PLAIN, 3, UNEXPECTED_FRAME_TYPE, List.of(),
				(c, s) -> {
					c.v3Handshake(null);
					c.ws.sendText("hello in clear");
				}));
		cases.add(session(group, "counter wrap: a message after n = 2^64 - 2 (test hook moves the counters)",
				HostileConfiguration.WRAP_PATH, 3, COUNTER_EXHAUSTED, List.of("last"), (c, s) -> {
					c.v3Handshake(null);
					c.noise.channel().getSender().setNonce(HostileConfiguration.WRAP_AT);
					c.v3RoundTrip("last");
					c.ws.sendBinary(new byte[16]);
				}));
		cases.add(handshake(group, "no cert where one is required", MTLS, 3, CERT_MISSING, (c, s) -> c.v3UpToMessage3(null)));
		cases.add(handshake(group, "valid cert from an untrusted CA", MTLS, 3, CERT_UNTRUSTED_ISSUER,
				(c, s) -> c.v3UpToMessage3(HostilePki.untrustedFor(c.publicKey()).toJson())));
		cases.add(handshake(group, "wrong static key: a trusted cert for another key", MTLS, 3, CERT_KEY_MISMATCH,
				(c, s) -> c.v3UpToMessage3(HostilePki.TRUSTED.clientCert.toJson())));
		cases.add(handshake(group, "expired cert from the trusted CA", MTLS, 3, CERT_EXPIRED,
				(c, s) -> c.v3UpToMessage3(HostilePki.expiredFor(c.publicKey()).toJson())));
		cases.add(handshake(group, "trusted cert altered after signing", MTLS, 3, CERT_BAD_SIGNATURE,
				(c, s) -> c.v3UpToMessage3(HostilePki.tamperedFor(c.publicKey()).toJson())));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void malformed(List<ServerCase> cases, String group, String name, String text) {
		cases.add(handshake(group, name, PLAIN, 1, MALFORMED_MESSAGE, (c, s) -> c.ws.sendText(text)));
	}

	/** Writes a large message from another thread: the server may close before reading all of it. */
	private static void sendLarge(HostileClient client, String text) {
		inBackground(() -> client.ws.sendText(text));
	}

	private static void inBackground(Write write) {
		Thread writer = new Thread(() -> {
			try {
				write.run();
			}
			catch (IOException ex) {
				// the server closed first, as it should
			}
		}, "hostile-writer");
		writer.setDaemon(true);
		writer.start();
	}

	@FunctionalInterface
	private interface Write {

		void run() throws IOException;

	}

	private static void ready(HostileClient client, String trailer) throws Exception {
		client.sws.open(client.helloAndAnswer());
		client.ws.sendText(client.sws.ready(trailer));
	}

	/** Completes an honest handshake (frames sent next are read after the ClientReady). */
	private static void established(HostileClient client) throws Exception {
		client.handshake(null);
	}

	/** A JSON byte array of zeros. */
	static String bytes(int length) {
		return Arrays.toString(new byte[length]).replace(" ", "");
	}

	private static ServerCase handshake(String group, String name, String path, int version, FailureReason reason,
			ServerCase.Attack attack) {
		return new ServerCase(group, name, path, version, reason, Stage.HANDSHAKE, List.of(), attack);
	}

	private static ServerCase session(String group, String name, String path, int version, FailureReason reason,
			List<String> delivered, ServerCase.Attack attack) {
		return new ServerCase(group, name, path, version, reason, Stage.SESSION, delivered, attack);
	}

}
