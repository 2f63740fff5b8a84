/**
 * Development mode: a development CA, server keys and a certificate for localhost, made on the fly
 * for applications that set {@code sws.server.dev-mode.enabled=true}.
 */
@NullMarked
package dev.sws.autoconfigure.devmode;

import org.jspecify.annotations.NullMarked;
