package org.porchlight.examples.chat;

import java.util.Map;

import org.porchlight.api.notify.Notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a chat room is sent for a notification: {@code {"text": ...}}, the payload Slack's and Mattermost's incoming
 * webhooks take, with the notification's title on the first line and its text below. Only these two, which are
 * written for people to read; the notification's {@code data} (ids, a resident's pseudonym) is for machines and stays
 * out of a room that more people may read than the platform's own staff routing would tell.
 */
final class ChatMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatMessage() {
    }

    static byte[] json(Notification notification) {
        String text = notification.text().isBlank() ? notification.title() : notification.title() + "\n" + notification.text();
        try {
            return JSON.writeValueAsBytes(Map.of("text", escaped(text)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of one string is always JSON", e);
        }
    }

    /**
     * Slack reads {@code <...>} as links and mentions ({@code <!channel>} notifies everyone) and asks for {@code &},
     * {@code <} and {@code >} to be escaped: a notification's text is shown as written, never acted on.
     */
    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
