package dev.sws.interop;

import tools.jackson.databind.JsonNode;

/**
 * An SWS event the original emitted, as a driver script printed it.
 * @param ms milliseconds since the connection started (the client's construction, or the
 * server's WebSocket connection)
 * @param type {@code open}, {@code error}, {@code warn}, {@code timeout} or {@code close}
 * @param detail the close code for {@code close}, else the original's message (or empty)
 */
record OriginalEvent(long ms, String type, String detail) {

	static OriginalEvent of(JsonNode node) {
		JsonNode detail = node.get("detail");
		return new OriginalEvent(node.get("ms").asLong(), node.get("type").asString(),
				(detail == null || detail.isNull()) ? "" : detail.asString());
	}

	/** The close code of a {@code close} event. */
	int closeCode() {
		return Integer.parseInt(this.detail);
	}

	@Override
	public String toString() {
		return this.type + ((this.detail.isEmpty()) ? "" : " '" + this.detail + "'") + " at " + this.ms + " ms";
	}

}
