/**
 * The sample's chat: a plain Spring STOMP application, with the rules a real chat needs.
 */
@NullMarked
package dev.sws.sample.chat;

import org.jspecify.annotations.NullMarked;
