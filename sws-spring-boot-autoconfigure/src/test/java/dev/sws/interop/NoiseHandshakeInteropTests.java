package dev.sws.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sws.protocol.ProtocolVersion;
import dev.sws.testsupport.NodeJs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our server against an SWS v3 client built from an independent Noise implementation:
 * {@code noise-handshake@4.2.0} from npm (Holepunch's {@code Noise_XX_25519_ChaChaPoly_BLAKE2b}),
 * glued to a WebSocket with nothing but the framing of docs/protocol/sws-v3.md
 * ({@code noise-handshake-client.js}: the headers, the ready message, ChaChaPoly transport
 * messages with counter nonces, Rekey()). It pins our server's key, completes the handshake on
 * the endpoint that serves v1, v2 and v3, and echoes messages of several sizes, including some
 * over Noise's 65,535-byte limit.
 */
@Tag("interop")
class NoiseHandshakeInteropTests extends InteropServerSupport {

	static final Path PREFIX = Path.of("target", "npm-noise").toAbsolutePath();

	/** Sizes around the Noise limit (65,535 bytes with the tag) and a large message. */
	static final int[] SIZES = { 0, 1, 100, 4096, 65_519, 65_520, 65_536, 1024 * 1024 };

	@Test
	void anIndependentNoiseLibrarySpeaksV3WithOurServer() throws Exception {
		Path modules = NodeJs.install(PREFIX, "noise-handshake@4.2.0");
		List<String> command = new ArrayList<>(List.of("node", "--experimental-websocket",
				OriginalSws.script("noise-handshake-client.js").toString(), url("/echo"),
				Base64.getEncoder().encodeToString(this.pki.ours.serverKeys.getPublicKey())));
		for (int size : SIZES) {
			command.add(Integer.toString(size));
		}
		NodeJs.Outcome outcome = NodeJs.run(modules, PREFIX, Duration.ofSeconds(90), command);
		String result = outcome.lastLine("RESULT");
		assertThat(result).as(outcome.output()).contains("\"ok\":true").contains("\"echoed\":" + SIZES.length);
		assertThat(result).contains("\"event\":\"ready\"").contains("\"cert\":true");
		ServerEvents.Event handshake = this.events.await(ServerEvents.AUTO, "handshake-succeeded", Duration.ofSeconds(5));
		assertThat(handshake.version()).isEqualTo(ProtocolVersion.V3);
		System.out.printf("interop: noise-handshake@4.2.0 -> our server: %d messages echoed (%s bytes)%n", SIZES.length,
				java.util.Arrays.toString(SIZES));
	}

	@Test
	void anUnpinnedServerKeyStopsTheClientBeforeMessage3() {
		Path modules = NodeJs.install(PREFIX, "noise-handshake@4.2.0");
		// a server key the client does not pin: it must stop after message 2, never send message 3
		byte[] other = new byte[32];
		other[0] = 9;
		NodeJs.Outcome outcome = NodeJs.run(modules, PREFIX, Duration.ofSeconds(60),
				List.of("node", "--experimental-websocket", OriginalSws.script("noise-handshake-client.js").toString(),
						url("/echo"), Base64.getEncoder().encodeToString(other), "1"));
		String result = outcome.lastLine("RESULT");
		assertThat(result).as(outcome.output()).contains("\"ok\":false").contains("not the pinned key");
	}

}
