package dev.sws.internal.noise;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Sha256;
import dev.sws.internal.json.JsBoolean;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;

/**
 * Computes the SWS v3 transcripts of {@code protocol/v3-vectors.json} (docs/protocol/sws-v3.md
 * section 17): a client and a server that follow the specification step by step, on fixed keys
 * and a certificate authority generated from a fixed seed, so that every run gives the same bytes.
 * It is written apart from the production state machines on purpose, as a second implementation;
 * {@code dev.sws.protocol.V3VectorsReplayTests} checks that the production machines reproduce the
 * file it wrote.
 *
 * <p>This is the glue the specification describes, written the way a stock Noise library would be
 * used: the client writes message 1 itself (header and ephemeral key) and starts its
 * {@link HandshakeState} only when message 2 names the suite.
 */
final class V3Transcript {

	/** "SWS" and version 3. */
	static final byte[] MAGIC = { 0x53, 0x57, 0x53, 0x03 };

	/** The time of the vectors, 2026-01-01T00:00:00Z: certificates are signed then and checked then. */
	static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

	/** Where certificates are valid: the client connects to this host. */
	static final String HOST = "localhost";

	private static final HexFormat HEX = HexFormat.of();

	private V3Transcript() {
	}

	/**
	 * Computes the whole vector document.
	 * @param mapper the mapper that builds the JSON tree
	 * @return the document
	 */
	static ObjectNode document(JsonMapper mapper) {
		ObjectNode root = mapper.createObjectNode();
		root.put("description", "SWS v3 test vectors (docs/protocol/sws-v3.md): complete handshakes and transport "
				+ "messages between fixed keys. Computed by V3Transcript; V3VectorsTests recomputes them.");
		root.put("encoding", "Byte strings are lowercase hex. Secrets are SHA-256(\"sws-v3-vector \" + label). "
				+ "websocket_message is the whole binary WebSocket message; payload_utf8 is the Noise payload as "
				+ "text. Transport message n is the Noise nonce of its direction; rekey_after means both sides "
				+ "apply Rekey() to that direction right after it.");
		ArrayNode transcripts = root.putArray("transcripts");
		transcripts.add(mutualCertificates(mapper));
		transcripts.add(pinnedKeyAesGcm(mapper));
		return root;
	}

	/**
	 * Suite 0x01, a server certificate and a required client certificate, small rekey thresholds
	 * so that both directions rekey.
	 */
	static ObjectNode mutualCertificates(JsonMapper mapper) {
		Clock clock = Clock.fixed(TIME, ZoneOffset.UTC);
		CertAuthority ca = CertAuthority.generate("sws-v3-vector-ca", Instant.parse("2126-01-01T00:00:00Z"), clock,
				new SeededRandom("ca"));
		BoxKeyPair serverStatic = keyPair("server static");
		BoxKeyPair clientStatic = keyPair("client static");
		NaclCert serverCert = ca.issue(serverStatic.getPublicKey(), List.of(HOST), List.of("127.0.0.1"),
				Instant.parse("2125-01-01T00:00:00Z"));
		NaclCert clientCert = ca.issue(clientStatic.getPublicKey(), List.of("client.test"), List.of(),
				Instant.parse("2125-01-01T00:00:00Z"));
		Setup setup = new Setup("mutual-certificates",
				"Suite 0x01 (the one every implementation has); the server presents a certificate for localhost and "
						+ "requires one from the client; both directions rekey early: the server after 3 messages, the "
						+ "client after 64 ciphertext bytes.",
				new int[] { 0x01 }, serverStatic, serverCert, true, new long[] { 3, 1L << 30 }, clientStatic, clientCert,
				new long[] { 65536, 64 });
		ObjectNode node = run(mapper, setup);
		node.set("trust_anchor", mapper.readTree(ca.getCertificate().toJson()));
		return node;
	}

	/**
	 * Suites 0x02 then 0x01 offered, the server picks 0x02; no certificates: the client pins the
	 * server's static key, the server accepts any client.
	 */
	static ObjectNode pinnedKeyAesGcm(JsonMapper mapper) {
		BoxKeyPair serverStatic = keyPair("pinned server static");
		Setup setup = new Setup("pinned-key-aesgcm",
				"Suites 0x02 and 0x01 offered in that order, the server picks 0x02 (AES-GCM with hardware support). "
						+ "The server has no certificate: the client pins the server's static key. No client "
						+ "certificate; the client uses a fresh static key. Default rekey thresholds.",
				new int[] { 0x02, 0x01 }, serverStatic, null, false, new long[] { 65536, 1L << 30 },
				keyPair("pinned client static"), null, new long[] { 65536, 1L << 30 });
		ObjectNode node = run(mapper, setup);
		node.putArray("pinned_server_keys").add(hex(serverStatic.getPublicKey()));
		return node;
	}

	private static ObjectNode run(JsonMapper mapper, Setup setup) {
		ObjectNode node = mapper.createObjectNode();
		node.put("name", setup.name);
		node.put("description", setup.description);
		node.put("time", TIME.toString());
		node.put("host", HOST);
		ArrayNode handshake = mapper.createArrayNode();
		String serverLabel = setup.name + " server ephemeral";
		String clientLabel = setup.name + " client ephemeral";

		// message 1, client: header with the offer, then e; the prologue is the header
		BoxKeyPair clientEphemeral = keyPair(clientLabel);
		byte[] header1 = concat(MAGIC, new byte[] { 1, (byte) setup.offered.length }, toBytes(setup.offered));
		byte[] message1 = concat(header1, clientEphemeral.getPublicKey());
		handshake.add(message(mapper, 1, "client->server", header1, message1, ""));

		// server: parse the header, pick the first offered suite it supports, read message 1
		byte[] prologue = Arrays.copyOf(message1, 6 + (message1[5] & 0xFF));
		int suite = chooseSuite(Arrays.copyOfRange(prologue, 6, prologue.length));
		NoiseProtocol protocol = protocolOf(suite);
		HandshakeState server = HandshakeState.builder(protocol, NoiseRole.RESPONDER)
			.prologue(prologue)
			.localStaticKey(setup.serverStatic)
			.localEphemeralKey(keyPair(serverLabel))
			.build();
		byte[] payload1 = server.readMessage(Arrays.copyOfRange(message1, prologue.length, message1.length));
		require(payload1.length == 0, "message 1 carries an empty payload");

		// message 2, server: its certificate (if it has one), whether it wants the client's, its rekey
		JsObject serverPayload = new JsObject();
		if (setup.serverCert != null) {
			serverPayload.put("cert", setup.serverCert.toJsValue());
		}
		serverPayload.put("requireClientCert", new JsBoolean(setup.requireClientCert))
			.put("rekey", rekey(setup.serverRekey));
		String payload2 = JsJson.stringify(serverPayload);
		byte[] header2 = concat(MAGIC, new byte[] { 2, (byte) suite });
		byte[] message2 = concat(header2, server.writeMessage(utf8(payload2)));
		handshake.add(message(mapper, 2, "server->client", header2, message2, payload2));

		// client: the suite is known now; replay message 1 into a fresh HandshakeState, then read message 2
		require(message2[4] == 2 && Arrays.equals(Arrays.copyOf(message2, 4), MAGIC), "message 2 header");
		int chosen = message2[5] & 0xFF;
		require(contains(setup.offered, chosen), "the server chose an offered suite");
		HandshakeState client = HandshakeState.builder(protocolOf(chosen), NoiseRole.INITIATOR)
			.prologue(header1)
			.localStaticKey(setup.clientStatic)
			.localEphemeralKey(clientEphemeral)
			.build();
		require(Arrays.equals(client.writeMessage(new byte[0]), clientEphemeral.getPublicKey()),
				"message 1 does not depend on the suite");
		require(payload2.equals(new String(client.readMessage(Arrays.copyOfRange(message2, 6, message2.length)),
				StandardCharsets.UTF_8)), "the client reads the server's payload");

		// message 3, client: its certificate when required, its rekey
		JsObject clientPayload = new JsObject();
		if (setup.requireClientCert) {
			clientPayload.put("cert", Objects.requireNonNull(setup.clientCert).toJsValue());
		}
		clientPayload.put("rekey", rekey(setup.clientRekey));
		String payload3 = JsJson.stringify(clientPayload);
		byte[] header3 = concat(MAGIC, new byte[] { 3 });
		byte[] message3 = concat(header3, client.writeMessage(utf8(payload3)));
		handshake.add(message(mapper, 3, "client->server", header3, message3, payload3));
		require(payload3.equals(new String(server.readMessage(Arrays.copyOfRange(message3, 5, message3.length)),
				StandardCharsets.UTF_8)), "the server reads the client's payload");
		require(Arrays.equals(client.getHandshakeHash(), server.getHandshakeHash()), "same handshake hash");

		ObjectNode serverNode = side(mapper, setup.serverStatic, serverLabel, setup.serverCert, setup.serverRekey);
		ObjectNode clientNode = side(mapper, setup.clientStatic, clientLabel, setup.clientCert, setup.clientRekey);
		node.putArray("suites_offered").addAll(Arrays.stream(setup.offered).mapToObj(mapper.getNodeFactory()::numberNode).toList());
		node.put("suite_chosen", suite);
		node.put("protocol_name", protocol.getName());
		node.set("server", serverNode);
		node.set("client", clientNode);
		node.put("server_requires_client_cert", setup.requireClientCert);
		node.put("prologue", hex(prologue));
		node.set("handshake", handshake);
		node.put("handshake_hash", hex(server.getHandshakeHash()));
		node.set("transport", transport(mapper, client.split(), server.split(), setup));
		return node;
	}

	/** The ready message, then application messages both ways, applying each side's rekey thresholds. */
	private static ArrayNode transport(JsonMapper mapper, CipherStatePair client, CipherStatePair server, Setup setup) {
		ArrayNode out = mapper.createArrayNode();
		Direction serverToClient = new Direction("server->client", server.getSender(), client.getReceiver(),
				setup.serverRekey);
		Direction clientToServer = new Direction("client->server", client.getSender(), server.getReceiver(),
				setup.clientRekey);
		out.add(serverToClient.send(mapper, new byte[0], "ready: the server's first transport message, empty"));
		out.add(clientToServer.send(mapper, utf8("hello, server"), null));
		out.add(serverToClient.send(mapper, utf8("hello, client"), null));
		out.add(clientToServer.send(mapper, utf8("a second message, long enough to reach 64 bytes"), null));
		out.add(serverToClient.send(mapper, utf8("third server message"), null));
		out.add(clientToServer.send(mapper, utf8("after the client's rekey"), null));
		out.add(serverToClient.send(mapper, utf8("after the server's rekey"), null));
		return out;
	}

	private static int chooseSuite(byte[] offered) {
		for (byte id : offered) {
			if (id == 0x01 || (id == 0x02 && NoiseCipher.AESGCM.isAvailable())) {
				return id;
			}
		}
		throw new IllegalStateException("no common suite");
	}

	static NoiseProtocol protocolOf(int suite) {
		return switch (suite) {
			case 0x01 -> NoiseProtocol.parse("Noise_XX_25519_ChaChaPoly_BLAKE2b");
			case 0x02 -> NoiseProtocol.parse("Noise_XX_25519_AESGCM_SHA256");
			default -> throw new IllegalArgumentException("unknown suite " + suite);
		};
	}

	private static ObjectNode message(JsonMapper mapper, int number, String direction, byte[] header, byte[] message,
			String payload) {
		ObjectNode node = mapper.createObjectNode();
		node.put("message", number);
		node.put("direction", direction);
		node.put("header", hex(header));
		node.put("noise_message", hex(Arrays.copyOfRange(message, header.length, message.length)));
		node.put("payload_utf8", payload);
		node.put("websocket_message", hex(message));
		return node;
	}

	private static ObjectNode side(JsonMapper mapper, BoxKeyPair staticKey, String ephemeralLabel,
			@Nullable NaclCert cert, long[] rekey) {
		ObjectNode node = mapper.createObjectNode();
		node.put("static_secret", hex(staticKey.exportSecretKey()));
		node.put("static_public", hex(staticKey.getPublicKey()));
		BoxKeyPair ephemeral = keyPair(ephemeralLabel);
		node.put("ephemeral_secret", hex(ephemeral.exportSecretKey()));
		node.put("ephemeral_public", hex(ephemeral.getPublicKey()));
		if (cert != null) {
			node.set("cert", mapper.readTree(cert.toJson()));
		}
		node.putObject("rekey").put("messages", rekey[0]).put("bytes", rekey[1]);
		return node;
	}

	private static JsObject rekey(long[] thresholds) {
		return new JsObject().put("messages", new JsNumber(thresholds[0])).put("bytes", new JsNumber(thresholds[1]));
	}

	/** A fixed secret: SHA-256 of a label, so that the file says how each key was made. */
	static BoxKeyPair keyPair(String label) {
		return BoxKeyPair.fromSecretKey(Sha256.hash(utf8("sws-v3-vector " + label)));
	}

	static String hex(byte[] bytes) {
		return HEX.formatHex(bytes);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] toBytes(int[] ids) {
		byte[] bytes = new byte[ids.length];
		for (int i = 0; i < ids.length; i++) {
			bytes[i] = (byte) ids[i];
		}
		return bytes;
	}

	private static boolean contains(int[] ids, int id) {
		return Arrays.stream(ids).anyMatch((candidate) -> candidate == id);
	}

	private static byte[] concat(byte[]... parts) {
		int length = Arrays.stream(parts).mapToInt((part) -> part.length).sum();
		byte[] joined = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, joined, offset, part.length);
			offset += part.length;
		}
		return joined;
	}

	private static void require(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("The transcript broke an invariant: " + what);
		}
	}

	/** The inputs of one transcript; thresholds are {messages, bytes}. */
	private record Setup(String name, String description, int[] offered, BoxKeyPair serverStatic,
			@Nullable NaclCert serverCert, boolean requireClientCert, long[] serverRekey, BoxKeyPair clientStatic,
			@Nullable NaclCert clientCert, long[] clientRekey) {
	}

	/** One direction of the transport: its two cipher states and the sender's rekey thresholds. */
	private static final class Direction {

		private final String name;

		private final CipherState sender;

		private final CipherState receiver;

		private final long[] thresholds;

		private long messages;

		private long bytes;

		Direction(String name, CipherState sender, CipherState receiver, long[] thresholds) {
			this.name = name;
			this.sender = sender;
			this.receiver = receiver;
			this.thresholds = thresholds;
		}

		ObjectNode send(JsonMapper mapper, byte[] plaintext, @Nullable String note) {
			long n = this.sender.getNonce();
			byte[] message = this.sender.encrypt(plaintext);
			require(Arrays.equals(this.receiver.decrypt(message), plaintext), "the receiver decrypts " + this.name);
			this.messages++;
			this.bytes += message.length;
			boolean rekey = this.messages >= this.thresholds[0] || this.bytes >= this.thresholds[1];
			if (rekey) {
				this.sender.rekey();
				this.receiver.rekey();
				this.messages = 0;
				this.bytes = 0;
			}
			ObjectNode node = mapper.createObjectNode();
			node.put("direction", this.name);
			node.put("n", n);
			node.put("plaintext", hex(plaintext));
			node.put("websocket_message", hex(message));
			node.put("rekey_after", rekey);
			if (note != null) {
				node.put("note", note);
			}
			return node;
		}

	}

	/**
	 * Deterministic "random" bytes for the certificate authority: SHA-256 of a label and a counter.
	 * Only for vectors.
	 */
	private static final class SeededRandom implements RandomSource {

		private final String label;

		private int counter;

		SeededRandom(String label) {
			this.label = label;
		}

		@Override
		public void nextBytes(byte[] bytes) {
			for (int offset = 0; offset < bytes.length; offset += 32) {
				byte[] block = Sha256.hash(utf8("sws-v3-vector " + this.label + " " + this.counter++));
				System.arraycopy(block, 0, bytes, offset, Math.min(32, bytes.length - offset));
			}
		}

	}

}
