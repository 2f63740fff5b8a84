package dev.sws.cert;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Parses IP address literals without ever consulting a resolver: dotted-quad IPv4 (four decimal
 * parts, no leading zeros, no legacy short forms such as {@code 127.1}) and RFC 4291 IPv6 text,
 * with {@code ::} compression and an optional trailing dotted quad, and no zone id.
 * {@code InetAddress.getByName} is deliberately not used: it resolves anything that is not a
 * literal and accepts legacy IPv4 forms.
 */
final class IpLiteral {

	private static final int IPV4_LENGTH = 4;

	private static final int IPV6_LENGTH = 16;

	private IpLiteral() {
	}

	/**
	 * Parses a literal. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) gives the same 4
	 * bytes as {@code a.b.c.d}, so that the two forms compare equal.
	 * @param text the literal, without brackets
	 * @return 4 bytes for IPv4, 16 for other IPv6 addresses, or {@code null} if not a literal
	 */
	static byte @Nullable [] parse(String text) {
		if (text.indexOf(':') >= 0) {
			byte[] address = parseIpv6(text);
			return (address != null && isIpv4Mapped(address)) ? Arrays.copyOfRange(address, 12, 16) : address;
		}
		return parseIpv4(text);
	}

	/**
	 * Tells whether the text is an IP literal that {@link #parse} accepts.
	 * @param text the text
	 * @return {@code true} for a literal
	 */
	static boolean isLiteral(String text) {
		return parse(text) != null;
	}

	private static byte @Nullable [] parseIpv4(String text) {
		byte[] address = new byte[IPV4_LENGTH];
		int part = 0;
		int start = 0;
		for (int i = 0; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == '.') {
				if (part == IPV4_LENGTH) {
					return null;
				}
				int value = decimalOctet(text, start, i);
				if (value < 0) {
					return null;
				}
				address[part++] = (byte) value;
				start = i + 1;
			}
		}
		return (part == IPV4_LENGTH) ? address : null;
	}

	private static int decimalOctet(String text, int from, int to) {
		int length = to - from;
		if (length < 1 || length > 3 || (length > 1 && text.charAt(from) == '0')) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return (value <= 255) ? value : -1;
	}

	private static byte @Nullable [] parseIpv6(String text) {
		int gap = text.indexOf("::");
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		byte[] head = (gap < 0) ? groups(text, true) : groups(text.substring(0, gap), false);
		byte[] tail = (gap < 0) ? new byte[0] : groups(text.substring(gap + 2), true);
		if (head == null || tail == null) {
			return null;
		}
		int length = head.length + tail.length;
		if ((gap < 0) ? length != IPV6_LENGTH : length > IPV6_LENGTH - 2) {
			return null;
		}
		byte[] address = new byte[IPV6_LENGTH];
		System.arraycopy(head, 0, address, 0, head.length);
		System.arraycopy(tail, 0, address, IPV6_LENGTH - tail.length, tail.length);
		return address;
	}

	/**
	 * Parses colon-separated hex groups, the last of which may be a dotted quad if allowed.
	 */
	private static byte @Nullable [] groups(String text, boolean quadAllowedLast) {
		if (text.isEmpty()) {
			return new byte[0];
		}
		String[] parts = text.split(":", -1);
		byte[] out = new byte[IPV6_LENGTH + 2];
		int length = 0;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (length > IPV6_LENGTH - 2) {
				return null;
			}
			if (quadAllowedLast && i == parts.length - 1 && part.indexOf('.') >= 0) {
				byte[] quad = parseIpv4(part);
				if (quad == null) {
					return null;
				}
				System.arraycopy(quad, 0, out, length, IPV4_LENGTH);
				length += IPV4_LENGTH;
			}
			else {
				int value = hexGroup(part);
				if (value < 0) {
					return null;
				}
				out[length++] = (byte) (value >>> 8);
				out[length++] = (byte) value;
			}
		}
		return Arrays.copyOf(out, length);
	}

	private static int hexGroup(String part) {
		if (part.isEmpty() || part.length() > 4) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < part.length(); i++) {
			int digit = Character.digit(part.charAt(i), 16);
			if (digit < 0 || part.charAt(i) > 'f') {
				return -1;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	private static boolean isIpv4Mapped(byte[] address) {
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
	}

}
