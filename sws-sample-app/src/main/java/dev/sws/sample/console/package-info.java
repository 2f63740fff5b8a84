/**
 * A terminal client of the sample's chat, on {@code SwsStompClient}.
 */
@NullMarked
package dev.sws.sample.console;

import org.jspecify.annotations.NullMarked;
