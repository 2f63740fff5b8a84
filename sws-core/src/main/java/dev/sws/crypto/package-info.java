/**
 * Keys and the libsodium binding SWS runs on: X25519 box key pairs, Ed25519 key pairs of CAs,
 * key fingerprints, randomness, and the {@link dev.sws.crypto.SodiumProvider} seam through which
 * another platform's libsodium binding plugs in.
 */
@NullMarked
package dev.sws.crypto;

import org.jspecify.annotations.NullMarked;
