package org.porchlight.press;

import java.util.Map;

/** A version rendered: title and body as plain text and as escaped HTML, with the values used. */
public record Rendering(int version, String title, String text, String titleHtml, String html, Map<String, String> values) {
}
