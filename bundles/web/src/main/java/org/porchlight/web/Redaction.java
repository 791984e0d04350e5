package org.porchlight.web;

import java.util.regex.Pattern;

/**
 * Paths as logs and the audit trail may keep them: a segment that looks like a link's secret token
 * (40 or more URL-safe base64 characters, such as a witness link's) is replaced, since the server
 * itself keeps only the token's hash. Ids (UUIDs, numbers) stay.
 */
final class Redaction {

    private static final Pattern TOKEN = Pattern.compile("(?<=^|/)[A-Za-z0-9_-]{40,}(?=/|$)");

    private Redaction() {
    }

    static String path(String path) {
        return path == null ? null : TOKEN.matcher(path).replaceAll("[token]");
    }
}
