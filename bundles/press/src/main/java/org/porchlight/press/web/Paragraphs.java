package org.porchlight.press.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A rendered text as paragraphs of lines, as {@code StrictRenderer.html} shapes it (a paragraph at an empty line, a
 * line break at each line), for templates to show with their own escaping instead of trusting stored HTML.
 */
final class Paragraphs {

    private Paragraphs() {
    }

    static List<List<String>> of(String text) {
        List<List<String>> paragraphs = new ArrayList<>();
        if (text == null) {
            return paragraphs;
        }
        for (String paragraph : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (!paragraph.isBlank()) {
                paragraphs.add(List.of(paragraph.strip().split("\n")));
            }
        }
        return paragraphs;
    }
}
