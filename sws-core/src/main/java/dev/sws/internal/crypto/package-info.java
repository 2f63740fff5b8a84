/**
 * libsodium primitives as the protocol uses them (secretbox, box, AEADs, hashes, X25519, Ed25519).
 * Internal: not an API, may change without notice.
 */
@NullMarked
package dev.sws.internal.crypto;

import org.jspecify.annotations.NullMarked;
