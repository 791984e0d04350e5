package org.porchlight.press;

import java.util.List;

/** The unified diff between two versions of a template. */
public record TemplateDiff(int from, int to, List<String> unified) {
}
