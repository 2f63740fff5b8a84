package dev.sws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import dev.sws.protocol.V3CipherSuite;
import dev.sws.websocket.InboundMessageMode;

/**
 * Configuration properties for SWS (Secure WebSocket), bound from {@code sws.*}.
 *
 * <p>Keys and certificates are given as "location or inline content": a resource location
 * ({@code file:}, {@code classpath:}, or a plain path) or the content itself (the JSON of the file,
 * or for a key pair the base64 of the 32-byte secret key).
 */
@ConfigurationProperties("sws")
public class SwsProperties {

	private final Server server = new Server();

	private final Client client = new Client();

	public Server getServer() {
		return this.server;
	}

	public Client getClient() {
		return this.client;
	}

	/**
	 * What the server and the client sides share: keys, certificates, trust anchors and limits.
	 */
	public abstract static class Side {

		/**
		 * Whether to enable this side.
		 */
		private boolean enabled = true;

		/**
		 * Box key pair: location of a key file made by the cert tool (box-kp.json), or inline
		 * content (that JSON, or the 32-byte secret key in base64, base64url or hex).
		 */
		private @Nullable String keyPair;

		/**
		 * NaCl certificate of this side (v2): location of a cert file made by the cert tool, or its
		 * inline JSON. Its public key must be this side's.
		 */
		private @Nullable String certificate;

		/**
		 * Trust anchors for the peer's certificates: self-signed CA certificates (locations or
		 * inline JSON). Several may be given, for CA rotation.
		 */
		private List<String> trustAnchors = new ArrayList<>();

		/**
		 * Clock skew allowed when checking certificate expiry.
		 */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * How long the handshake may take; a stalled peer is closed with 1008.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(2);

		/**
		 * Largest accepted message (plaintext); larger frames are closed with 1009 before any
		 * decryption. On the server it also raises STOMP's message size limits; on the client it
		 * is the STOMP client's inbound limit.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(1);

		/**
		 * How decrypted messages are handed to handlers: auto (text for TextWebSocketHandler,
		 * binary for STOMP and BinaryWebSocketHandler, text-if-utf8 otherwise; text-if-utf8 on
		 * WebFlux), text, binary or text-if-utf8.
		 */
		private InboundMessageMode inboundMessages = InboundMessageMode.AUTO;

		/**
		 * Encrypted bytes that may wait for a peer that does not read fast enough (held back
		 * after the handshake, or queued behind a write in progress); beyond them the session is
		 * closed with 4500. One message always goes through when nothing else waits.
		 */
		private DataSize maxOutboundBuffer = DataSize.ofMegabytes(4);

		/**
		 * How long writing one frame to the peer may take; a session whose peer stopped reading
		 * is closed with 4500 once a write has been stuck that long.
		 */
		private Duration sendTimeLimit = Duration.ofSeconds(10);

		private final V3 v3 = new V3();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getKeyPair() {
			return this.keyPair;
		}

		public void setKeyPair(@Nullable String keyPair) {
			this.keyPair = keyPair;
		}

		public @Nullable String getCertificate() {
			return this.certificate;
		}

		public void setCertificate(@Nullable String certificate) {
			this.certificate = certificate;
		}

		public List<String> getTrustAnchors() {
			return this.trustAnchors;
		}

		public void setTrustAnchors(List<String> trustAnchors) {
			this.trustAnchors = trustAnchors;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public InboundMessageMode getInboundMessages() {
			return this.inboundMessages;
		}

		public void setInboundMessages(InboundMessageMode inboundMessages) {
			this.inboundMessages = inboundMessages;
		}

		public DataSize getMaxOutboundBuffer() {
			return this.maxOutboundBuffer;
		}

		public void setMaxOutboundBuffer(DataSize maxOutboundBuffer) {
			this.maxOutboundBuffer = maxOutboundBuffer;
		}

		public Duration getSendTimeLimit() {
			return this.sendTimeLimit;
		}

		public void setSendTimeLimit(Duration sendTimeLimit) {
			this.sendTimeLimit = sendTimeLimit;
		}

		public V3 getV3() {
			return this.v3;
		}

	}

	/**
	 * SWS v3 (Noise XX): the cipher suites and when this side rekeys its sending direction.
	 */
	public static class V3 {

		/**
		 * v3 cipher suites: the client offers them in this order, the server chooses among them
		 * in the client's order. chachapoly-blake2b (0x01) is mandatory; aesgcm-sha256 (0x02) is
		 * used only where libsodium runs AES-256-GCM on hardware support.
		 */
		private List<V3CipherSuite> suites = new ArrayList<>(
				List.of(V3CipherSuite.AESGCM_SHA256, V3CipherSuite.CHACHAPOLY_BLAKE2B));

		/**
		 * Transport messages this side sends under one key before it rekeys (Noise Rekey); the
		 * peer learns it in the handshake. From 1 to 2^53 - 1.
		 */
		private long rekeyAfterMessages = 65536;

		/**
		 * Ciphertext this side sends under one key before it rekeys, whichever of the two
		 * thresholds comes first.
		 */
		private DataSize rekeyAfterBytes = DataSize.ofGigabytes(1);

		public List<V3CipherSuite> getSuites() {
			return this.suites;
		}

		public void setSuites(List<V3CipherSuite> suites) {
			this.suites = suites;
		}

		public long getRekeyAfterMessages() {
			return this.rekeyAfterMessages;
		}

		public void setRekeyAfterMessages(long rekeyAfterMessages) {
			this.rekeyAfterMessages = rekeyAfterMessages;
		}

		public DataSize getRekeyAfterBytes() {
			return this.rekeyAfterBytes;
		}

		public void setRekeyAfterBytes(DataSize rekeyAfterBytes) {
			this.rekeyAfterBytes = rekeyAfterBytes;
		}

	}

	/**
	 * Server-side SWS: the decorator around STOMP endpoints and opted-in handlers.
	 */
	public static class Server extends Side {

		/**
		 * Protocol versions the server accepts (1, 2, 3 or several); the server answers in the
		 * client's version. Defaults to 1, 2 and 3 when a certificate is configured, to 1 and 3
		 * without one, and to 2 and 3 when client certificates are required (3 alone without a
		 * certificate).
		 */
		private List<Integer> versions = new ArrayList<>();

		/**
		 * Whether clients must present a certificate signed by one of the trust anchors. Only v2
		 * and v3 clients can, so the server then refuses v1.
		 */
		private boolean requireClientCert;

		/**
		 * Maximum number of handshakes in progress at once; a connection arriving at the cap
		 * closes the oldest pending handshake with 1013.
		 */
		private int maxPendingHandshakes = 1000;

		/**
		 * Largest accepted v1/v2 handshake message (JSON text); v2 handshakes carry certificates
		 * of about 2.5 KB. v3 handshake messages are bounded by the protocol (6 + 65,535 bytes).
		 */
		private DataSize maxHandshakeMessageSize = DataSize.ofKilobytes(64);

		/**
		 * Delay before the first data frame of each v1/v2 session: original JavaScript clients
		 * drop data that arrives within 20 ms of their ClientReady. v3 sessions start with the
		 * ready message and need no delay.
		 */
		private Duration firstFrameDelay = Duration.ofMillis(50);

		/**
		 * How long the server remembers each ClientHello (client key and nonce) to refuse its
		 * replay; with replay-cache-size it bounds the handshakes accepted per window.
		 */
		private Duration replayWindow = Duration.ofMinutes(10);

		/**
		 * Most ClientHellos remembered at once, about 200 bytes of heap each; when that many are
		 * younger than replay-window, new handshakes are refused with 1013 until the oldest expires.
		 */
		private int replayCacheSize = 100_000;

		/**
		 * Time before the server certificate's expiry from which the health endpoint reports a
		 * warning.
		 */
		private Duration certificateExpiryWarning = Duration.ofDays(14);

		private final Stomp stomp = new Stomp();

		private final DevMode devMode = new DevMode();

		@NestedConfigurationProperty
		private final SwsSecurityProperties security = new SwsSecurityProperties();

		public List<Integer> getVersions() {
			return this.versions;
		}

		public void setVersions(List<Integer> versions) {
			this.versions = versions;
		}

		public boolean isRequireClientCert() {
			return this.requireClientCert;
		}

		public void setRequireClientCert(boolean requireClientCert) {
			this.requireClientCert = requireClientCert;
		}

		public int getMaxPendingHandshakes() {
			return this.maxPendingHandshakes;
		}

		public void setMaxPendingHandshakes(int maxPendingHandshakes) {
			this.maxPendingHandshakes = maxPendingHandshakes;
		}

		public DataSize getMaxHandshakeMessageSize() {
			return this.maxHandshakeMessageSize;
		}

		public void setMaxHandshakeMessageSize(DataSize maxHandshakeMessageSize) {
			this.maxHandshakeMessageSize = maxHandshakeMessageSize;
		}

		public Duration getFirstFrameDelay() {
			return this.firstFrameDelay;
		}

		public void setFirstFrameDelay(Duration firstFrameDelay) {
			this.firstFrameDelay = firstFrameDelay;
		}

		public Duration getReplayWindow() {
			return this.replayWindow;
		}

		public void setReplayWindow(Duration replayWindow) {
			this.replayWindow = replayWindow;
		}

		public int getReplayCacheSize() {
			return this.replayCacheSize;
		}

		public void setReplayCacheSize(int replayCacheSize) {
			this.replayCacheSize = replayCacheSize;
		}

		public Duration getCertificateExpiryWarning() {
			return this.certificateExpiryWarning;
		}

		public void setCertificateExpiryWarning(Duration certificateExpiryWarning) {
			this.certificateExpiryWarning = certificateExpiryWarning;
		}

		public Stomp getStomp() {
			return this.stomp;
		}

		public DevMode getDevMode() {
			return this.devMode;
		}

		public SwsSecurityProperties getSecurity() {
			return this.security;
		}

	}

	/**
	 * Development mode: keys and a certificate for localhost made on the fly, for development
	 * machines only.
	 */
	public static class DevMode {

		/**
		 * Whether to run the server with development keys: a development CA, a server key pair and
		 * a certificate for localhost, 127.0.0.1 and ::1, made in the directory on the first start
		 * and reused later. Never in production: refused with sws.server.key-pair or
		 * sws.server.certificate, or with a profile named prod or production active.
		 */
		private boolean enabled;

		/**
		 * Folder of the development keys, created owner-only; relative paths start in the working
		 * directory. Keep it out of version control.
		 */
		private String directory = ".sws-dev";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

	}

	/**
	 * SWS on STOMP endpoints.
	 */
	public static class Stomp {

		/**
		 * Whether STOMP endpoints of @EnableWebSocketMessageBroker apps speak SWS.
		 */
		private boolean enabled = true;

		@NestedConfigurationProperty
		private final SwsStompRelayProperties relay = new SwsStompRelayProperties();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public SwsStompRelayProperties getRelay() {
			return this.relay;
		}

	}

	/**
	 * Client-side SWS: SwsWebSocketClient and SwsStompClient beans.
	 */
	public static class Client extends Side {

		/**
		 * Protocol version the client speaks (1, 2 or 3); it never falls back to another.
		 */
		private int version = 3;

		/**
		 * Pinned server box public keys (base64); the server's key must be one of them. Required
		 * for v1 unless insecure-accept-any-server-key is set; in v3 pinned keys or trust anchors
		 * (or both) authenticate the server.
		 */
		private List<String> pinnedServerKeys = new ArrayList<>();

		/**
		 * Accept any server key in v1 (and in v3 without pins or trust anchors). The connection
		 * is encrypted but the server is NOT authenticated; for development only.
		 */
		private boolean insecureAcceptAnyServerKey;

		public int getVersion() {
			return this.version;
		}

		public void setVersion(int version) {
			this.version = version;
		}

		public List<String> getPinnedServerKeys() {
			return this.pinnedServerKeys;
		}

		public void setPinnedServerKeys(List<String> pinnedServerKeys) {
			this.pinnedServerKeys = pinnedServerKeys;
		}

		public boolean isInsecureAcceptAnyServerKey() {
			return this.insecureAcceptAnyServerKey;
		}

		public void setInsecureAcceptAnyServerKey(boolean insecureAcceptAnyServerKey) {
			this.insecureAcceptAnyServerKey = insecureAcceptAnyServerKey;
		}

	}

}
