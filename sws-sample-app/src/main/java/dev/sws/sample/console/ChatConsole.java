package dev.sws.sample.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.cert.CertFileException;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.sample.chat.ChatConfiguration;
import dev.sws.sample.chat.ChatMessage;
import dev.sws.sample.chat.ChatPost;
import dev.sws.sample.chat.ChatText;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * A terminal client of the sample chat, on {@link SwsStompClient}: it verifies the server's
 * certificate against a CA file (the development CA by default), joins the chat under a nickname
 * (sent once, in the CONNECT frame), prints what everyone says and sends each line typed.
 * {@code /quit} or end of input leaves. Nothing it prints holds a control character, whatever the
 * server sends.
 *
 * <pre>
 * --url=ws://localhost:8080/chat   the chat endpoint
 * --name=NICKNAME                  default: the user name
 * --ca=FILE                        the CA cert that signs the server's cert;
 *                                  default: the development CA in .sws-dev/
 * --version=3                      the SWS version to speak: 3 (default, forward secret) or 2;
 *                                  never another: a server that refuses it is reported
 * </pre>
 * Exit codes: 0 after leaving, 1 when the connection is refused or lost, 2 for bad arguments.
 */
public final class ChatConsole {

	/** The development CA's certificate file, relative to the sample's working directory. */
	static final Path DEV_CA = Path.of(".sws-dev", CertFiles.caCertFileName(DevModeKeys.CA_NAME));

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

	private static final int CONNECT_TIMEOUT_SECONDS = 15;

	private final URI url;

	private final String name;

	private final Path caFile;

	private final Terminal out;

	private final ProtocolVersion version;

	private ChatConsole(URI url, String name, Path caFile, ProtocolVersion version, Terminal out) {
		this.url = url;
		this.name = name;
		this.caFile = caFile;
		this.version = version;
		this.out = out;
	}

	/**
	 * Runs the console on standard input and output.
	 * @param args {@code --url=...}, {@code --name=...}, {@code --ca=...}, {@code --version=...}
	 */
	public static void main(String[] args) {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		System.exit(run(args, in, System.out));
	}

	/**
	 * Runs the console.
	 * @param args the command-line arguments
	 * @param in the lines to send
	 * @param out where the chat and any error are printed, without control characters
	 * @return the exit code
	 */
	public static int run(String[] args, BufferedReader in, PrintStream out) {
		Terminal terminal = new Terminal(out);
		Map<String, String> options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			terminal.println(String.valueOf(ex.getMessage()));
			terminal.println(
					"Usage: ChatConsole [--url=ws://localhost:8080/chat] [--name=NICKNAME] [--ca=CA-CERT-FILE] [--version=3|2]");
			return 2;
		}
		URI url = URI.create(options.getOrDefault("url", "ws://localhost:8080/chat"));
		String name = options.getOrDefault("name", System.getProperty("user.name", "console")).strip();
		if (name.isEmpty() || name.length() > ChatConfiguration.MAX_NICKNAME_LENGTH
				|| ChatText.hasControlCharacters(name)) {
			// the server would refuse it too, after the handshake
			terminal.println("The nickname must be 1 to " + ChatConfiguration.MAX_NICKNAME_LENGTH
					+ " characters, without control characters: use --name=NICKNAME");
			return 2;
		}
		Path caFile = options.containsKey("ca") ? Path.of(options.get("ca")) : defaultCa();
		String version = options.getOrDefault("version", "3");
		if (!List.of("2", "3").contains(version)) {
			terminal.println("The version must be 3 (forward secret) or 2 (certificates without forward secrecy): "
					+ "use --version=3 or --version=2");
			return 2;
		}
		return new ChatConsole(url, name, caFile, "3".equals(version) ? ProtocolVersion.V3 : ProtocolVersion.V2,
				terminal)
			.chat(in);
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String key = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
			if (key == null || !List.of("url", "name", "ca", "version").contains(key) || equals == arg.length() - 1) {
				throw new IllegalArgumentException("Unknown argument: " + arg);
			}
			options.put(key, arg.substring(equals + 1));
		}
		return options;
	}

	/** The dev CA of a sample started from its module folder, or from the repository root. */
	private static Path defaultCa() {
		Path fromRoot = Path.of("sws-sample-app").resolve(DEV_CA);
		return (!Files.exists(DEV_CA) && Files.exists(fromRoot)) ? fromRoot : DEV_CA;
	}

	private int chat(BufferedReader in) {
		NaclCert ca;
		try {
			ca = CertFiles.readCaCert(this.caFile);
		}
		catch (CertFileException ex) {
			this.out.println("Cannot read the CA cert: " + ex.getMessage());
			this.out.println("Start the sample first (it creates the development CA), or pass --ca=FILE.");
			return 1;
		}
		TrustPolicy trust;
		try {
			trust = TrustPolicy.builder().trustAnchor(ca).build();
		}
		catch (IllegalArgumentException ex) {
			this.out.println(this.caFile + ": " + ex.getMessage());
			return 1;
		}
		try (SwsStompClient stomp = new SwsStompClient(SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), this.version)
				.serverCertVerifier(trust))
			.build())) {
			stomp.setMessageConverter(new JacksonJsonMessageConverter());
			StompSession session = connect(stomp, ca);
			if (session == null) {
				return 1;
			}
			return talk(session, in);
		}
	}

	private @Nullable StompSession connect(SwsStompClient stomp, NaclCert ca) {
		try {
			StompHeaders join = new StompHeaders();
			// the server binds this name to the session; messages do not carry it
			join.set(ChatConfiguration.NICKNAME_HEADER, this.name);
			StompSession session = stomp
				.connectAsync(this.url.toString(), (WebSocketHttpHeaders) null, join, new ConnectionHandler(this.out))
				.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			session.subscribe(ChatConfiguration.TOPIC, new ChatPrinter(this.out));
			this.out.println("Connected to " + this.url + " as " + this.name + ": SWS v" + this.version.getNumber()
					+ ((this.version == ProtocolVersion.V3) ? " (forward secret)" : "") + ", encrypted between this "
					+ "client and the server, whose certificate is signed by CA '" + ca.getCa() + "' ("
					+ ca.getPublicKeyFingerprint() + "). The server, and in relay mode its broker, read the messages.");
			this.out.println("Type a message and press Enter; /quit leaves.");
			return session;
		}
		catch (ExecutionException ex) {
			this.out.println("Could not join " + this.url + ": " + describe(ex.getCause()));
			return null;
		}
		catch (TimeoutException ex) {
			this.out.println("Could not join " + this.url + ": no answer within " + CONNECT_TIMEOUT_SECONDS + " s");
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private int talk(StompSession session, BufferedReader in) {
		try {
			String line;
			while ((line = in.readLine()) != null && !line.strip().equals("/quit")) {
				if (line.isBlank()) {
					continue;
				}
				if (!session.isConnected()) {
					this.out.println("The connection is lost.");
					return 1;
				}
				session.send(ChatConfiguration.SEND_DESTINATION, new ChatPost(line));
			}
			session.disconnect();
			return 0;
		}
		catch (IOException ex) {
			this.out.println("Cannot read input: " + ex.getMessage());
			return 1;
		}
	}

	private static String describe(@Nullable Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof SwsHandshakeException)) {
			cause = cause.getCause();
		}
		if (cause instanceof SwsHandshakeException refused) {
			return refused.getReason().map((reason) -> "refused (" + reason.getTag() + "): ").orElse("")
					+ refused.getMessage();
		}
		return (failure != null) ? String.valueOf(failure.getMessage()) : "unknown failure";
	}

	/** Prints each chat message as {@code [HH:mm] from: text}, without control characters. */
	static final class ChatPrinter implements StompFrameHandler {

		private final Terminal out;

		ChatPrinter(Terminal out) {
			this.out = out;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return ChatMessage.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			if (payload instanceof ChatMessage message) {
				String time = (message.sentAt() != null) ? TIME.format(message.sentAt()) : "--:--";
				this.out.println("[" + time + "] " + message.from() + ": " + message.text());
			}
		}

	}

	/** Reports a refusal and a lost connection. */
	static final class ConnectionHandler extends StompSessionHandlerAdapter {

		private final Terminal out;

		private volatile boolean joined;

		ConnectionHandler(Terminal out) {
			this.out = out;
		}

		/** An ERROR frame: the server refused what this client sent, and closes the connection. */
		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			String message = headers.getFirst("message");
			this.out.println("The server refused: " + ((message != null) ? message : "(no reason given)"));
		}

		@Override
		public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
			this.joined = true;
		}

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
			this.out.println("Error: " + exception.getMessage());
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			if (this.joined) {
				this.out.println("The connection is lost: " + describe(exception));
			}
		}

	}

}
