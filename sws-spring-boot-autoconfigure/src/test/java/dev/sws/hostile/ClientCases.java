package dev.sws.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.web.socket.CloseStatus;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.ServerHello;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.SwsHandshakeException.Kind;
import dev.sws.testsupport.WeakKeys;
import dev.sws.testsupport.hostile.ForgedClient;

import static dev.sws.protocol.FailureReason.CERT_BAD_SIGNATURE;
import static dev.sws.protocol.FailureReason.CERT_EXPIRED;
import static dev.sws.protocol.FailureReason.CERT_HOST_MISMATCH;
import static dev.sws.protocol.FailureReason.CERT_KEY_MISMATCH;
import static dev.sws.protocol.FailureReason.CERT_MALFORMED;
import static dev.sws.protocol.FailureReason.CERT_MISSING;
import static dev.sws.protocol.FailureReason.CERT_UNTRUSTED_ISSUER;
import static dev.sws.protocol.FailureReason.CERT_WEAK_KEY;
import static dev.sws.protocol.FailureReason.DECRYPT_FAILED;
import static dev.sws.protocol.FailureReason.HANDSHAKE_DECRYPT_FAILED;
import static dev.sws.protocol.FailureReason.HANDSHAKE_TIMEOUT;
import static dev.sws.protocol.FailureReason.MALFORMED_MESSAGE;
import static dev.sws.protocol.FailureReason.MALFORMED_TRAILER;
import static dev.sws.protocol.FailureReason.MESSAGE_TOO_LARGE;
import static dev.sws.protocol.FailureReason.PIN_MISMATCH;
import static dev.sws.protocol.FailureReason.REFUSED_BY_PEER;
import static dev.sws.protocol.FailureReason.UNEXPECTED_FRAME_TYPE;
import static dev.sws.protocol.FailureReason.UNEXPECTED_MESSAGE;
import static dev.sws.protocol.FailureReason.UNSUPPORTED_VERSION;
import static dev.sws.protocol.FailureReason.WEAK_KEY;
import static dev.sws.testsupport.hostile.HostileClient.WAIT;

/**
 * Every attack of the hostile server on our client, as data: the table the client conformance
 * test runs, and the issue note's table. The client under test trusts {@link HostilePki#TRUSTED}
 * (v2), pins its server key (v1), or both (v3), and connects to {@code 127.0.0.1}.
 */
final class ClientCases {

	private static final int MAX_MESSAGE = 1024 * 1024;

	private ClientCases() {
	}

	static List<ClientCase> all() {
		List<ClientCase> cases = new ArrayList<>();
		keysAndCertificates(cases);
		replayAndOrder(cases);
		frames(cases);
		malformedJson(cases);
		slowPeers(cases);
		v3(cases);
		return cases;
	}

	private static void keysAndCertificates(List<ClientCase> cases) {
		String group = "keys and certificates";
		cases.add(handshake(group, "W1 forgery as server: key [1,0,...,0], the forged self-signed cert, "
				+ "boxed with the public constant key the original derives", 2, WEAK_KEY,
				(c) -> lowOrderServerHello(c, WeakKeys.identity(), HostilePki.w1Forgery())));
		for (Map.Entry<String, byte[]> weak : WeakKeys.lowOrderPoints().entrySet()) {
			cases.add(handshake(group, "low-order server key: " + weak.getKey(), 2, WEAK_KEY,
					(c) -> lowOrderServerHello(c, weak.getValue(), HostilePki.TRUSTED.serverCert)));
		}
		cases.add(handshake(group, "W1 forged self-signed cert (key [1,0,...,0]) with a genuine server key", 2,
				CERT_WEAK_KEY, (c) -> serveCert(c, HostilePki.TRUSTED.serverKeys, HostilePki.w1Forgery())));
		BoxKeyPair forger = BoxKeyPair.generate(RandomSource.secure());
		cases.add(handshake(group, "self-signed cert for the server's own key", 2, CERT_UNTRUSTED_ISSUER,
				(c) -> serveCert(c, forger, HostilePki.selfSignedFor(forger.getPublicKey()))));
		cases.add(handshake(group, "valid cert from an untrusted CA", 2, CERT_UNTRUSTED_ISSUER,
				(c) -> serveCert(c, forger, HostilePki.untrustedFor(forger.getPublicKey()))));
		cases.add(handshake(group, "expired cert from the trusted CA", 2, CERT_EXPIRED,
				(c) -> serveCert(c, forger, HostilePki.expiredFor(forger.getPublicKey()))));
		cases.add(handshake(group, "host mismatch: a trusted cert for example.org and 192.0.2.1", 2, CERT_HOST_MISMATCH,
				(c) -> serveCert(c, forger, HostilePki.elsewhereFor(forger.getPublicKey()))));
		cases.add(handshake(group, "cert key != handshake key (the genuine server's cert, another key)", 2,
				CERT_KEY_MISMATCH, (c) -> serveCert(c, forger, HostilePki.TRUSTED.serverCert)));
		cases.add(handshake(group, "trusted cert altered after signing (names added)", 2, CERT_BAD_SIGNATURE,
				(c) -> serveCert(c, forger, HostilePki.tamperedFor(forger.getPublicKey()))));
		cases.add(handshake(group, "malformed cert (63-byte signature)", 2, CERT_MALFORMED, (c) -> {
			JsObject cert = HostilePki.trustedFor(forger.getPublicKey()).toJsValue();
			cert.put("sign", new JsObject().put("signature", JsArray.ofBytes(new byte[63])));
			serve(c, forger, "{\"cert\":" + JsJson.stringify(cert) + ",\"requireCert\":false}");
		}));
		cases.add(handshake(group, "no cert in the v2 trailer", 2, CERT_MISSING,
				(c) -> serve(c, HostilePki.TRUSTED.serverKeys, "{\"requireCert\":false}")));
		cases.add(handshake(group, "v2 trailer without requireCert", 2, MALFORMED_TRAILER,
				(c) -> serve(c, HostilePki.TRUSTED.serverKeys, "{\"cert\":" + HostilePki.TRUSTED.serverCert.toJson() + "}")));
		cases.add(handshake(group, "v2 trailer that is not JSON", 2, MALFORMED_TRAILER,
				(c) -> serve(c, HostilePki.TRUSTED.serverKeys, "not json")));
		cases.add(handshake(group, "server requires a client cert this client does not have", 2, CERT_MISSING,
				(c) -> serve(c, HostilePki.TRUSTED.serverKeys,
						"{\"cert\":" + HostilePki.TRUSTED.serverCert.toJson() + ",\"requireCert\":true}")));
		cases.add(handshake(group, "v1 server key that is not pinned", 1, PIN_MISMATCH,
				(c) -> serve(c, forger, new byte[0])));
		cases.add(handshake(group, "v1 ServerHello with a trailer", 1, MALFORMED_TRAILER,
				(c) -> serve(c, HostilePki.TRUSTED.serverKeys, "{}")));
	}

	private static void replayAndOrder(List<ClientCase> cases) {
		String group = "replay and order";
		cases.add(handshake(group, "reflected ClientHello (the client's own message sent back)", 2, UNEXPECTED_MESSAGE,
				(c) -> c.sendText(c.nextText(WAIT))));
		cases.add(handshake(group, "ClientReady-shaped message instead of a ServerHello", 2, UNEXPECTED_MESSAGE, (c) -> {
			c.nextText(WAIT);
			c.sendText(ForgedClient.CODEC.encode(new ClientReady(2, new byte[56])));
		}));
		cases.add(handshake(group, "ServerHello boxed under a stale nonce (replayed from another connection)", 2,
				HANDSHAKE_DECRYPT_FAILED, (c) -> {
					ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
					ClientHello hello = server.read(c.nextText(WAIT));
					c.sendText(server.serverHello(2, HostilePki.TRUSTED.serverKeys.getPublicKey(),
							SharedBoxKey.between(HostilePki.TRUSTED.serverKeys, hello.clientPublicKey()),
							Nonce.random(RandomSource.secure()), ForgedServer.certTrailer(HostilePki.TRUSTED.serverCert)));
				}));
		cases.add(handshake(group, "ServerHello box tampered (one bit flipped)", 2, HANDSHAKE_DECRYPT_FAILED, (c) -> {
			ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextText(WAIT));
			ServerHello hello = (ServerHello) ForgedClient.CODEC
				.decode(server.serverHello(ForgedServer.certTrailer(HostilePki.TRUSTED.serverCert)));
			byte[] box = hello.blackbox();
			box[3] ^= 1;
			c.sendText(ForgedClient.CODEC.encode(new ServerHello(2, hello.serverPublicKey(), box)));
		}));
		cases.add(handshake(group, "ServerHello in version 1 to a v2 client", 2, UNSUPPORTED_VERSION, (c) -> {
			ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextText(WAIT));
			c.sendText(server.serverHello(1, HostilePki.TRUSTED.serverKeys.getPublicKey(), new byte[0]));
		}));
		cases.add(new ClientCase(group, "server closes with 1002 after the ClientHello (how SWS refuses a version)", 2,
				UNSUPPORTED_VERSION, Stage.HANDSHAKE, Kind.VERSION_REFUSED, List.of(), (c) -> {
					c.nextText(WAIT);
					c.session.close(CloseStatus.PROTOCOL_ERROR);
				}));
		cases.add(new ClientCase(group, "server closes normally during the handshake", 2, REFUSED_BY_PEER,
				Stage.HANDSHAKE, Kind.CLOSED_BY_SERVER, List.of(), (c) -> {
					c.nextText(WAIT);
					c.session.close(CloseStatus.NORMAL);
				}));
		cases.add(session(group, "duplicate ServerHello (a text frame once established)", UNEXPECTED_FRAME_TYPE,
				List.of(), (c) -> {
					ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
					server.read(c.nextText(WAIT));
					String hello = server.serverHello(ForgedServer.certTrailer(HostilePki.TRUSTED.serverCert));
					c.sendText(hello);
					server.established(c.nextText(WAIT));
					c.sendText(hello);
				}));
	}

	private static void frames(List<ClientCase> cases) {
		String group = "frames";
		cases.add(handshake(group, "binary frame instead of a ServerHello", 2, UNEXPECTED_FRAME_TYPE, (c) -> {
			c.nextText(WAIT);
			c.sendBinary(new byte[64]);
		}));
		cases.add(session(group, "text frame after the handshake", UNEXPECTED_FRAME_TYPE, List.of(), (c) -> {
			established(c);
			c.sendText("hello in clear");
		}));
		cases.add(session(group, "tampered data frame (one bit flipped)", DECRYPT_FAILED, List.of(), (c) -> {
			byte[] frame = seal(established(c), "tampered");
			frame[20] ^= 1;
			c.sendBinary(frame);
		}));
		cases.add(session(group, "truncated data frame (last byte cut)", DECRYPT_FAILED, List.of(), (c) -> {
			byte[] frame = seal(established(c), "truncated");
			c.sendBinary(Arrays.copyOf(frame, frame.length - 1));
		}));
		cases.add(session(group, "data frame shorter than a tag (15 bytes)", DECRYPT_FAILED, List.of(), (c) -> {
			established(c);
			c.sendBinary(new byte[15]);
		}));
		cases.add(session(group, "duplicated data frame", DECRYPT_FAILED, List.of("first"), (c) -> {
			byte[] frame = seal(established(c), "first");
			c.sendBinary(frame);
			c.sendBinary(frame);
		}));
		cases.add(session(group, "reordered data frames", DECRYPT_FAILED, List.of(), (c) -> {
			SecureChannel channel = established(c);
			byte[] first = seal(channel, "first");
			c.sendBinary(seal(channel, "second"));
			c.sendBinary(first);
		}));
		cases.add(session(group, "dropped data frame", DECRYPT_FAILED, List.of("first"), (c) -> {
			SecureChannel channel = established(c);
			c.sendBinary(seal(channel, "first"));
			seal(channel, "second (dropped)");
			c.sendBinary(seal(channel, "third"));
		}));
		cases.add(session(group, "frame over the size cap (1 MiB + 17 bytes), refused before decryption",
				MESSAGE_TOO_LARGE, List.of(), (c) -> {
					established(c);
					c.sendBinary(new byte[MAX_MESSAGE + 17]);
				}));
	}

	private static void malformedJson(List<ClientCase> cases) {
		String group = "malformed handshake JSON";
		String tail = ",\"server_public_key\":" + ServerCases.bytes(32) + ",\"s_blackbox_a\":" + ServerCases.bytes(56) + "}";
		malformed(cases, group, "deep nesting (30,000 levels, within the size cap)",
				"{\"opc\":" + "[".repeat(30_000) + "]".repeat(30_000) + ",\"version\":2" + tail);
		malformed(cases, group, "huge integer (1,000 digits)", "{\"opc\":" + "9".repeat(1000) + ",\"version\":2" + tail);
		malformed(cases, group, "huge number (1e999999)", "{\"opc\":1e999999,\"version\":2" + tail);
		malformed(cases, group, "duplicate keys", "{\"opc\":1,\"opc\":1,\"version\":2" + tail);
		malformed(cases, group, "byte value 256",
				"{\"opc\":1,\"version\":2,\"server_public_key\":" + ServerCases.bytes(32).replaceFirst("\\[0", "[256")
						+ ",\"s_blackbox_a\":" + ServerCases.bytes(56) + "}");
		malformed(cases, group, "short box (55 bytes)",
				"{\"opc\":1,\"version\":2,\"server_public_key\":" + ServerCases.bytes(32) + ",\"s_blackbox_a\":" + ServerCases.bytes(55) + "}");
		malformed(cases, group, "an array, not an object", "[1,2]");
		cases.add(handshake(group, "10 MB ServerHello", 2, MESSAGE_TOO_LARGE, (c) -> {
			c.nextText(WAIT);
			try {
				c.sendText("{\"opc\":1,\"version\":2,\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}");
			}
			catch (IOException | IllegalStateException ex) {
				// the client closed before the end of the message, as it should
			}
		}));
	}

	private static void slowPeers(List<ClientCase> cases) {
		String group = "slow peers";
		cases.add(handshake(group, "server never answers the ClientHello", 2, HANDSHAKE_TIMEOUT, (c) -> c.nextText(WAIT)));
		cases.add(handshake(group, "server sends half a ServerHello (unfinished fragment) and stalls", 2,
				HANDSHAKE_TIMEOUT, (c) -> {
					c.nextText(WAIT);
					c.sendFirstFragment("{\"opc\":1,");
				}));
	}

	/** The W1 attack shape: a low-order key, and a box sealed with the constant key it yields. */
	private static void lowOrderServerHello(ScriptedServer.Connection c, byte[] key, NaclCert cert) throws Exception {
		ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
		ClientHello hello = server.read(c.nextText(WAIT));
		c.sendText(server.serverHello(2, key, WeakKeys.lowOrderSharedKey(), Nonce.fromWire(hello.nonce()),
				ForgedServer.certTrailer(cert)));
	}

	private static void serveCert(ScriptedServer.Connection c, BoxKeyPair keys, NaclCert cert) throws Exception {
		ForgedServer server = new ForgedServer(keys);
		server.read(c.nextText(WAIT));
		c.sendText(server.serverHello(ForgedServer.certTrailer(cert)));
	}

	private static void serve(ScriptedServer.Connection c, BoxKeyPair keys, String trailer) throws Exception {
		serve(c, keys, trailer.getBytes(StandardCharsets.UTF_8));
	}

	private static void serve(ScriptedServer.Connection c, BoxKeyPair keys, byte[] trailer) throws Exception {
		ForgedServer server = new ForgedServer(keys);
		server.read(c.nextText(WAIT));
		c.sendText(server.serverHello(trailer));
	}

	/** Completes an honest v2 handshake as the trusted server. */
	private static SecureChannel established(ScriptedServer.Connection c) throws Exception {
		ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
		server.read(c.nextText(WAIT));
		c.sendText(server.serverHello(ForgedServer.certTrailer(HostilePki.TRUSTED.serverCert)));
		return server.established(c.nextText(WAIT));
	}

	private static byte[] seal(SecureChannel channel, String message) {
		return channel.seal(message.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * SWS v3: the client under test pins the trusted server key and trusts its CA; the hostile
	 * server plays Noise XX by hand ({@link ForgedNoiseServer}).
	 */
	private static void v3(List<ClientCase> cases) {
		String group = "v3";
		String honest = ForgedNoiseServer.payload(HostilePki.TRUSTED.serverCert, false);
		cases.add(handshake(group, "wrong static key: message 2 from a key that is not pinned (with a valid cert for it)",
				3, PIN_MISMATCH, (c) -> {
					BoxKeyPair other = BoxKeyPair.generate(RandomSource.secure());
					ForgedNoiseServer server = new ForgedNoiseServer(other);
					server.read(c.nextBinary(WAIT));
					c.sendBinary(server.message2(ForgedNoiseServer.payload(HostilePki.trustedFor(other.getPublicKey()), false)));
				}));
		cases.add(handshake(group, "an unpinned key with a malformed payload: the pin is checked first", 3, PIN_MISMATCH,
				(c) -> {
					ForgedNoiseServer server = new ForgedNoiseServer(BoxKeyPair.generate(RandomSource.secure()));
					server.read(c.nextBinary(WAIT));
					c.sendBinary(server.message2("not json"));
				}));
		cases.add(handshake(group, "message 2 payload that is not JSON", 3, MALFORMED_TRAILER, (c) -> {
			ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextBinary(WAIT));
			c.sendBinary(server.message2("not json"));
		}));
		cases.add(handshake(group, "message 2 with one bit of the payload flipped", 3, HANDSHAKE_DECRYPT_FAILED, (c) -> {
			ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextBinary(WAIT));
			byte[] message2 = server.message2(honest);
			message2[message2.length - 20] ^= 1;
			c.sendBinary(message2);
		}));
		cases.add(handshake(group, "message 2 naming a suite the client did not offer (07)", 3, UNSUPPORTED_VERSION,
				(c) -> {
					ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
					server.read(c.nextBinary(WAIT));
					byte[] message2 = server.message2(honest);
					message2[5] = 0x07;
					c.sendBinary(message2);
				}));
		cases.add(handshake(group, "message 2 with a bad magic", 3, MALFORMED_MESSAGE, (c) -> {
			ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextBinary(WAIT));
			byte[] message2 = server.message2(honest);
			message2[0] = 'X';
			c.sendBinary(message2);
		}));
		cases.add(handshake(group, "truncated message 2 (under the minimum length)", 3, MALFORMED_MESSAGE, (c) -> {
			ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextBinary(WAIT));
			c.sendBinary(Arrays.copyOf(server.message2(honest), 101));
		}));
		for (Map.Entry<String, byte[]> weak : WeakKeys.lowOrderPoints().entrySet()) {
			cases.add(handshake(group, "low-order server ephemeral in message 2: " + weak.getKey(), 3, WEAK_KEY, (c) -> {
				c.nextBinary(WAIT);
				byte[] noise = new byte[32 + 48 + 64];
				System.arraycopy(weak.getValue(), 0, noise, 0, 32);
				c.sendBinary(V3HandshakeCodec.message2(0x01, noise));
			}));
		}
		cases.add(handshake(group, "a text frame instead of message 2", 3, UNEXPECTED_FRAME_TYPE, (c) -> {
			c.nextBinary(WAIT);
			c.sendText("{}");
		}));
		cases.add(handshake(group, "server requires a client cert this client does not have", 3, CERT_MISSING, (c) -> {
			ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextBinary(WAIT));
			c.sendBinary(server.message2(ForgedNoiseServer.payload(HostilePki.TRUSTED.serverCert, true)));
		}));
		cases.add(handshake(group, "transport before ready: a data message instead of the empty ready", 3,
				UNEXPECTED_MESSAGE, (c) -> {
					ForgedNoiseServer server = v3UpToMessage3(c);
					c.sendBinary(server.seal("data before ready"));
				}));
		cases.add(handshake(group, "truncated ready (15 bytes)", 3, DECRYPT_FAILED, (c) -> {
			v3UpToMessage3(c);
			c.sendBinary(new byte[15]);
		}));
		cases.add(handshake(group, "message 2 again instead of ready", 3, DECRYPT_FAILED, (c) -> {
			ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextBinary(WAIT));
			byte[] message2 = server.message2(honest);
			c.sendBinary(message2);
			server.readMessage3(c.nextBinary(WAIT));
			c.sendBinary(message2);
		}));
		cases.add(session3(group, "reordered transport messages", DECRYPT_FAILED, List.of(), (c) -> {
			ForgedNoiseServer server = v3UpToMessage3(c);
			c.sendBinary(server.seal(""));
			byte[] first = server.seal("first");
			byte[] second = server.seal("second");
			c.sendBinary(second);
			c.sendBinary(first);
		}));
		cases.add(session3(group, "truncated transport message", DECRYPT_FAILED, List.of("first"), (c) -> {
			ForgedNoiseServer server = v3UpToMessage3(c);
			c.sendBinary(server.seal(""));
			c.sendBinary(server.seal("first"));
			byte[] second = server.seal("second");
			c.sendBinary(Arrays.copyOf(second, second.length - 1));
		}));
		cases.add(session3(group, "text frame after the v3 handshake", UNEXPECTED_FRAME_TYPE, List.of(), (c) -> {
			ForgedNoiseServer server = v3UpToMessage3(c);
			c.sendBinary(server.seal(""));
			c.sendText("hello in clear");
		}));
	}

	/** Plays the trusted server honestly through message 3; the ready message is the script's. */
	private static ForgedNoiseServer v3UpToMessage3(ScriptedServer.Connection c) throws Exception {
		ForgedNoiseServer server = new ForgedNoiseServer(HostilePki.TRUSTED.serverKeys);
		server.read(c.nextBinary(WAIT));
		c.sendBinary(server.message2(ForgedNoiseServer.payload(HostilePki.TRUSTED.serverCert, false)));
		server.readMessage3(c.nextBinary(WAIT));
		return server;
	}

	private static ClientCase session3(String group, String name, FailureReason reason, List<String> delivered,
			ScriptedServer.Script script) {
		return new ClientCase(group, name, 3, reason, Stage.SESSION, null, delivered, script);
	}

	private static void malformed(List<ClientCase> cases, String group, String name, String text) {
		cases.add(handshake(group, name, 2, MALFORMED_MESSAGE, (c) -> {
			c.nextText(WAIT);
			c.sendText(text);
		}));
	}

	private static ClientCase handshake(String group, String name, int version, FailureReason reason,
			ScriptedServer.Script script) {
		return new ClientCase(group, name, version, reason, Stage.HANDSHAKE, Kind.REFUSED_BY_CLIENT, List.of(), script);
	}

	private static ClientCase session(String group, String name, FailureReason reason, List<String> delivered,
			ScriptedServer.Script script) {
		return new ClientCase(group, name, 2, reason, Stage.SESSION, null, delivered, script);
	}

}
