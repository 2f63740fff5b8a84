package dev.sws.protocol;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.HandshakeMessage;
import dev.sws.internal.wire.ServerHello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The strict handshake codec: every malformed input is a typed {@link SwsProtocolException},
 * never a NullPointerException or an index error.
 */
class HandshakeCodecTests {

	private static final String KEY = bytes(32, 7);

	private static final String NONCE = bytes(8, 1);

	private static final String BLOB = bytes(56, 3);

	private final HandshakeCodec codec = new HandshakeCodec(4096);

	@Test
	void encodesInTheOriginalFieldOrder() {
		byte[] key = new byte[32];
		key[0] = (byte) 255;
		assertThat(this.codec.encode(new ClientHello(1, key, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })))
			.startsWith("{\"opc\":0,\"version\":1,\"client_public_key\":[255,0,")
			.endsWith(",\"nonce\":[1,2,3,4,5,6,7,8]}");
		assertThat(this.codec.encode(new ClientReady(2, new byte[] { 0, 1 })))
			.isEqualTo("{\"opc\":2,\"version\":2,\"s_blackbox_a\":[0,1]}");
	}

	@Test
	void decodesWhatItEncodesWhateverTheFieldOrder() {
		HandshakeMessage message = this.codec
			.decode("{ \"nonce\" : " + NONCE + ", \"client_public_key\":" + KEY + ",\"version\":2,\"opc\":0}");
		assertThat(message).isInstanceOf(ClientHello.class);
		ClientHello hello = (ClientHello) message;
		assertThat(hello.version()).isEqualTo(2);
		assertThat(hello.clientPublicKey()).hasSize(32).containsOnly((byte) 7);
		assertThat(this.codec.decode(this.codec.encode(hello))).usingRecursiveComparison().isEqualTo(hello);
		assertThat(this.codec.decode("{\"opc\":1,\"version\":1,\"server_public_key\":" + KEY + ",\"s_blackbox_a\":" + BLOB + "}"))
			.isInstanceOf(ServerHello.class);
		assertThat(this.codec.decode("{\"opc\":2,\"version\":1,\"s_blackbox_a\":" + BLOB + "}")).isInstanceOf(ClientReady.class);
	}

	static Stream<Arguments> malformed() {
		return Stream.of(
				Arguments.of("key of 31 bytes", hello("1", bytes(31, 1), NONCE)),
				Arguments.of("key of 33 bytes", hello("1", bytes(33, 1), NONCE)),
				Arguments.of("nonce of 7 bytes", hello("1", KEY, bytes(7, 1))),
				Arguments.of("nonce of 9 bytes", hello("1", KEY, bytes(9, 1))),
				Arguments.of("byte 256", hello("1", KEY, "[1,2,3,4,5,6,7,256]")),
				Arguments.of("negative byte", hello("1", KEY, "[1,2,3,4,5,6,7,-1]")),
				Arguments.of("float byte", hello("1", KEY, "[1,2,3,4,5,6,7,1.0]")),
				Arguments.of("exponent byte", hello("1", KEY, "[1,2,3,4,5,6,7,1e2]")),
				Arguments.of("string byte", hello("1", KEY, "[1,2,3,4,5,6,7,\"1\"]")),
				Arguments.of("null byte", hello("1", KEY, "[1,2,3,4,5,6,7,null]")),
				Arguments.of("nested array", hello("1", KEY, "[1,2,3,4,5,6,7,[1]]")),
				Arguments.of("huge byte", hello("1", KEY, "[1,2,3,4,5,6,7,99999999999999999999]")),
				Arguments.of("version as string", hello("\"1\"", KEY, NONCE)),
				Arguments.of("version as float", hello("1.0", KEY, NONCE)),
				Arguments.of("version null", hello("null", KEY, NONCE)),
				Arguments.of("version bool", hello("true", KEY, NONCE)),
				Arguments.of("opc as string", "{\"opc\":\"0\",\"version\":1,\"client_public_key\":" + KEY + ",\"nonce\":" + NONCE + "}"),
				Arguments.of("unknown opc", "{\"opc\":3,\"version\":1,\"s_blackbox_a\":" + BLOB + "}"),
				Arguments.of("negative opc", "{\"opc\":-1,\"version\":1,\"s_blackbox_a\":" + BLOB + "}"),
				Arguments.of("missing opc", "{\"version\":1,\"client_public_key\":" + KEY + ",\"nonce\":" + NONCE + "}"),
				Arguments.of("missing version", "{\"opc\":0,\"client_public_key\":" + KEY + ",\"nonce\":" + NONCE + "}"),
				Arguments.of("missing nonce", "{\"opc\":0,\"version\":1,\"client_public_key\":" + KEY + "}"),
				Arguments.of("extra field", "{\"opc\":0,\"version\":1,\"client_public_key\":" + KEY + ",\"nonce\":" + NONCE + ",\"x\":1}"),
				Arguments.of("field of another opc", "{\"opc\":2,\"version\":1,\"s_blackbox_a\":" + BLOB + ",\"nonce\":" + NONCE + "}"),
				Arguments.of("duplicate key", "{\"opc\":0,\"opc\":0,\"version\":1,\"client_public_key\":" + KEY + ",\"nonce\":" + NONCE + "}"),
				Arguments.of("object value", "{\"opc\":0,\"version\":1,\"client_public_key\":{},\"nonce\":" + NONCE + "}"),
				Arguments.of("blob too short", "{\"opc\":2,\"version\":1,\"s_blackbox_a\":" + bytes(55, 1) + "}"),
				Arguments.of("trailing garbage", hello("1", KEY, NONCE) + "x"),
				Arguments.of("second document", hello("1", KEY, NONCE) + " {}"),
				Arguments.of("array document", "[" + hello("1", KEY, NONCE) + "]"),
				Arguments.of("not JSON", "hello"),
				Arguments.of("empty", ""),
				Arguments.of("truncated", hello("1", KEY, NONCE).substring(0, 40)),
				Arguments.of("deep nesting", "{\"opc\":" + "[".repeat(1000) + "]".repeat(1000) + "}"),
				Arguments.of("comment", "/*x*/" + hello("1", KEY, NONCE)),
				Arguments.of("NaN", hello("NaN", KEY, NONCE)),
				Arguments.of("huge version", hello("1" + "0".repeat(30), KEY, NONCE)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformed")
	void refusesMalformedMessages(String description, String text) {
		assertThatExceptionOfType(SwsProtocolException.class).isThrownBy(() -> this.codec.decode(text))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.MALFORMED_MESSAGE));
	}

	@Test
	void refusesOversizedMessagesBeforeParsing() {
		String huge = "{\"opc\":0," + " ".repeat(5000) + "}";
		assertThatExceptionOfType(SwsProtocolException.class).isThrownBy(() -> this.codec.decode(huge))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.MESSAGE_TOO_LARGE));
		String tenMegabytes = "[" + "1,".repeat(5 * 1024 * 1024) + "1]";
		assertThatExceptionOfType(SwsProtocolException.class)
			.isThrownBy(() -> new HandshakeCodec().decode(tenMegabytes))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.MESSAGE_TOO_LARGE));
	}

	static String hello(String version, String key, String nonce) {
		return "{\"opc\":0,\"version\":" + version + ",\"client_public_key\":" + key + ",\"nonce\":" + nonce + "}";
	}

	static String bytes(int length, int value) {
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < length; i++) {
			out.append(i > 0 ? "," : "").append(value);
		}
		return out.append(']').toString();
	}

}
