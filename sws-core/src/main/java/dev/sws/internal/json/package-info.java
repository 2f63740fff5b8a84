/**
 * JSON exactly as JavaScript's {@code JSON.stringify} writes it, and a strict parser: the bytes
 * NaCl certificates are signed over. Internal: not an API, may change without notice.
 */
@NullMarked
package dev.sws.internal.json;

import org.jspecify.annotations.NullMarked;
