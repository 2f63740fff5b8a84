package dev.sws.sample.chat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One chat message, as JSON on the STOMP destinations: clients send {@code from} and
 * {@code text}; the server stamps {@code sentAt}.
 *
 * @param from the sender's nickname
 * @param text the message
 * @param sentAt when the server relayed it, {@code null} from clients
 */
public record ChatMessage(@Nullable String from, @Nullable String text, @Nullable Instant sentAt) {

}
