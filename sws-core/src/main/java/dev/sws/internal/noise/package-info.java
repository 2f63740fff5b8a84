/**
 * The Noise Protocol Framework, revision 34 (https://noiseprotocol.org/noise.html): the
 * {@link dev.sws.internal.noise.HandshakeState} of section 5 for the patterns NN, XX, XK and IK, with the
 * DH function 25519, the ciphers ChaChaPoly and AESGCM and the hashes SHA256 and BLAKE2b of section
 * 4, all on libsodium through {@code dev.sws.crypto}. A handshake ends in a
 * {@link dev.sws.internal.noise.CipherStatePair}, one {@link dev.sws.internal.noise.CipherState} per direction.
 * Failures are {@link dev.sws.internal.noise.NoiseException}s with a {@link dev.sws.internal.noise.NoiseFailure}.
 * No Spring types.
 */
@NullMarked
package dev.sws.internal.noise;

import org.jspecify.annotations.NullMarked;
