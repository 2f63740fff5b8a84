package dev.sws.interop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.sws.testsupport.NodeProcess;

/**
 * The original {@code node-sws@1.2.1} echo server ({@code original-server.js}) on 127.0.0.1 and a
 * port the OS picked, with every SWS event of its connections observed. Close it to kill it.
 */
final class OriginalServer implements AutoCloseable {

	private static final String EVENT = "event ";

	private final NodeProcess process;

	private final int port;

	private OriginalServer(NodeProcess process) {
		this.process = process;
		try {
			this.port = process.awaitReady(OriginalSws.STARTUP);
		}
		catch (RuntimeException | AssertionError ex) {
			process.close();
			throw ex;
		}
	}

	/**
	 * Starts a server.
	 * @param secinfo its version, keys and certificates
	 * @return the running server
	 */
	static OriginalServer start(OriginalConfig secinfo) {
		return new OriginalServer(OriginalSws.spawn("original-server.js", secinfo.toJson()));
	}

	/**
	 * Returns the server's URL.
	 * @return {@code ws://127.0.0.1:<port>/sws}
	 */
	String url() {
		return "ws://127.0.0.1:" + this.port + "/sws";
	}

	/**
	 * Waits for an event of the given type.
	 * @param type {@code open}, {@code error}, {@code warn}, {@code timeout} or {@code close}
	 * @param timeout the longest wait
	 * @return the event
	 */
	OriginalEvent awaitEvent(String type, Duration timeout) {
		return parse(this.process.awaitLine((line) -> isEvent(line, type), timeout));
	}

	/**
	 * Returns the first event of the given type so far, without waiting.
	 * @param type the event type
	 * @return the event, if any
	 */
	Optional<OriginalEvent> event(String type) {
		return this.process.findLine((line) -> isEvent(line, type)).map(OriginalServer::parse);
	}

	/**
	 * Returns every event so far.
	 * @return the events in order
	 */
	List<OriginalEvent> events() {
		return this.process.lines().stream().filter((line) -> line.startsWith(EVENT)).map(OriginalServer::parse).toList();
	}

	private static boolean isEvent(String line, String type) {
		return line.startsWith(EVENT) && type.equals(parse(line).type());
	}

	private static OriginalEvent parse(String line) {
		return OriginalEvent.of(OriginalConfig.JSON.readTree(line.substring(EVENT.length())));
	}

	@Override
	public void close() {
		this.process.close();
	}

}
