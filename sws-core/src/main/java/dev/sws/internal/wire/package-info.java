/**
 * The handshake messages on the wire: v1/v2 JSON messages and trailers, v3 headers and payloads.
 * Internal: not an API, may change without notice.
 */
@NullMarked
package dev.sws.internal.wire;

import org.jspecify.annotations.NullMarked;
