package dev.sws.sample.chat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One chat message as the server publishes it on {@code /topic/chat}, in JSON: the sender's name
 * as the server bound it to the session, the text, and when the server relayed it. Clients do not
 * send this; they send a {@link ChatPost}.
 *
 * @param from the sender's name: the name in the sender's certificate, or the nickname the sender
 * joined with
 * @param text the message
 * @param sentAt when the server relayed it
 */
public record ChatMessage(@Nullable String from, @Nullable String text, @Nullable Instant sentAt) {

}
