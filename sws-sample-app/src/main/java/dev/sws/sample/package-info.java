/**
 * The sample application: a chat over STOMP and an echo endpoint, both end-to-end encrypted by the
 * SWS starter.
 */
@NullMarked
package dev.sws.sample;

import org.jspecify.annotations.NullMarked;
