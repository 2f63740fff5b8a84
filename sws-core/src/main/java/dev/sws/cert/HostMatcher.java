package dev.sws.cert;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a certificate covers the host a client connected to. This replaces the
 * original's {@code checkDomain}, which builds an unanchored regular expression from each name so
 * that a cert for {@code example.com} also covers {@code notexample.com} and
 * {@code example.com.evil.net} (docs/protocol/sws-v1-v2.md section 7.4, W9). No regular expression
 * is ever built from certificate content here.
 *
 * <ul>
 * <li>A DNS host matches a name exactly, ignoring the case of ASCII letters only and a single
 * trailing dot. Other characters must be identical: {@code admın.example.com} (dotless ı) does
 * not match {@code admin.example.com}, nor the Kelvin sign {@code K} (U+212A) a {@code k}. Names in
 * certificates are ASCII, internationalised names written as A-labels ({@code xn--...}, the form
 * browsers put in a URL's host; {@code java.net.URI} has no host for a non-ASCII one); a non-ASCII
 * name in a received cert only ever matches a host spelled the same.</li>
 * <li>A name {@code *.example.com} matches exactly one extra leftmost label:
 * {@code a.example.com}, but neither {@code example.com} nor {@code a.b.example.com}. The part
 * after {@code *.} must itself have at least two labels, so {@code *.com} matches nothing. A
 * {@code *} anywhere else is an ordinary character.</li>
 * <li>An IP literal host ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}) matches the cert's
 * {@code ips} compared as addresses, so {@code ::ffff:127.0.0.1} equals {@code 127.0.0.1}.
 * Literals are parsed without any name resolution.</li>
 * <li>An IP host never matches {@code names}, and a DNS host never matches {@code ips}: an IP
 * match never stands in for a name match (W9).</li>
 * </ul>
 */
public final class HostMatcher {

	private static final String WILDCARD_PREFIX = "*.";

	private HostMatcher() {
	}

	/**
	 * Tells whether the certificate covers {@code host}.
	 * @param cert the certificate
	 * @param host the host of the URI the client connected to
	 * @return {@code true} if one of the cert's names or addresses matches
	 */
	public static boolean matches(NaclCert cert, @Nullable String host) {
		return matches(cert.getNames(), cert.getIps(), host);
	}

	/**
	 * Tells whether a host matches one of the names or addresses.
	 * @param names DNS names, possibly with a leading {@code *.} label
	 * @param ips IP literals
	 * @param host the host of the URI the client connected to, IPv6 possibly in brackets
	 * @return {@code true} on a match
	 */
	public static boolean matches(List<String> names, List<String> ips, @Nullable String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
		if (bracketed && host.indexOf(':') < 0) {
			return false;
		}
		byte[] address = IpLiteral.parse(bracketed ? host.substring(1, host.length() - 1) : host);
		if (address != null) {
			return ips.stream().map(IpLiteral::parse).anyMatch((ip) -> ip != null && Arrays.equals(ip, address));
		}
		if (bracketed) {
			return false;
		}
		String dnsHost = withoutTrailingDot(host);
		return !dnsHost.isEmpty() && names.stream().anyMatch((name) -> nameMatches(name, dnsHost));
	}

	/**
	 * Tells whether a name is acceptable as a wildcard pattern: {@code *.} followed by a name of at
	 * least two labels, with no other {@code *}.
	 * @param name the name
	 * @return {@code true} for a usable wildcard name
	 */
	public static boolean isWildcard(String name) {
		if (!name.startsWith(WILDCARD_PREFIX)) {
			return false;
		}
		String base = withoutTrailingDot(name.substring(WILDCARD_PREFIX.length()));
		int dot = base.indexOf('.');
		return dot > 0 && dot < base.length() - 1 && base.indexOf('*') < 0 && !base.contains("..");
	}

	/**
	 * Tells whether the text is an IP literal in the forms this class understands (dotted-quad
	 * IPv4 or RFC 4291 IPv6, without brackets or zone).
	 * @param text the text
	 * @return {@code true} for an IP literal
	 */
	public static boolean isIpLiteral(String text) {
		return IpLiteral.isLiteral(text);
	}

	private static boolean nameMatches(String name, String host) {
		String pattern = withoutTrailingDot(name);
		if (!isWildcard(pattern)) {
			return !pattern.isEmpty() && AsciiCase.equalsIgnoreCase(pattern, host);
		}
		String base = pattern.substring(WILDCARD_PREFIX.length());
		int labelEnd = host.indexOf('.');
		return labelEnd > 0 && host.length() - labelEnd - 1 == base.length()
				&& AsciiCase.regionMatchesIgnoreCase(host, labelEnd + 1, base, 0, base.length());
	}

	private static String withoutTrailingDot(String name) {
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

}
