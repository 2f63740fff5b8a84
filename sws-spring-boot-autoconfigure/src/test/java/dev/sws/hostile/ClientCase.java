package dev.sws.hostile;

import java.util.List;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SwsHandshakeException;

/**
 * One attack on our client by a hostile server, and what the client must do about it: refuse the
 * handshake (the servlet client's {@code execute} future fails with an
 * {@link SwsHandshakeException} of {@code kind} and {@code reason}, the reactive client's
 * {@code Mono} with an {@code SwsHandshakeException} of the same kind and reason) or
 * close the established session, in both cases with the
 * reason's close code and the reason counted in its metrics, handing the application nothing but
 * {@code delivered}.
 *
 * @param group the table section
 * @param name what the server does
 * @param version the protocol version the client under test speaks
 * @param reason the failure the client must report
 * @param stage whether the handshake fails, or an established session does
 * @param kind the exception's kind, for a failed handshake
 * @param delivered the messages the application receives before the failure
 * @param script what the hostile server does
 */
record ClientCase(String group, String name, int version, FailureReason reason, Stage stage,
		SwsHandshakeException.Kind kind, List<String> delivered, ScriptedServer.Script script) {

	@Override
	public String toString() {
		return this.group + ": " + this.name;
	}

}
