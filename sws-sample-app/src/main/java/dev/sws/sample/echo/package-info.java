/**
 * A plain WebSocket handler over SWS.
 */
@NullMarked
package dev.sws.sample.echo;

import org.jspecify.annotations.NullMarked;
