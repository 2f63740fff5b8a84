package dev.sws.sample.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to {@code /app/chat.send}: the text, nothing else. Who sent it is known
 * from the session; a {@code from} (or any other field) in the JSON is ignored.
 *
 * @param text the message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatPost(@Nullable String text) {

}
