/**
 * The {@code sws-cert} command-line tool: box key pairs, CAs, certificates and their inspection.
 */
@NullMarked
package dev.sws.cert.tool;

import org.jspecify.annotations.NullMarked;
