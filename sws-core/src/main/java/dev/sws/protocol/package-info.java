/**
 * The SWS protocol for any Java peer, independent of any WebSocket library: the client and server
 * handshake state machines (v1, v2, v3), the secure channel they establish, the authenticated peer
 * identity and the typed failures with their close codes.
 */
@NullMarked
package dev.sws.protocol;

import org.jspecify.annotations.NullMarked;
