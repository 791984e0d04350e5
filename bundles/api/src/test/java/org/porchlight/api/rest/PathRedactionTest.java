package org.porchlight.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PathRedactionTest {

    /** 43 characters, as a 32-byte token in URL-safe base64 is spelled. */
    private static final String TOKEN = "q3Jx-9vLk_2mZpW8tYbN4cR7sD1fH6gJ0aE5uIoKlMn";

    @Test
    void noSpellingOfALinkTokenSurvives() {
        String encodedLetter = TOKEN.substring(0, 20) + "%" + Integer.toHexString(TOKEN.charAt(20)) + TOKEN.substring(21);
        String encodedLower = TOKEN.substring(0, 10) + "%2d" + TOKEN.substring(10, 30);
        for (String path : List.of(
                "/api/public/submissions/" + TOKEN,
                "/api/public/submissions/" + TOKEN + "/",
                "/api/public/submissions/" + TOKEN + "/files",
                "/api/public/submissions/" + TOKEN + ";jsessionid=1",
                "/api/public/submissions/" + TOKEN + ".json",
                "/api/public/submissions//" + TOKEN,
                "/api/public/submissions/" + encodedLetter,
                "/api/public/submissions/" + encodedLower + "%5F" + TOKEN.substring(30),
                "/w/" + TOKEN)) {
            String redacted = PathRedaction.path(path);
            assertThat(redacted).as(path).contains("[token]").doesNotContain(TOKEN.substring(0, 10))
                    .doesNotContain(TOKEN.substring(30));
        }
        assertThat(PathRedaction.path("/api/public/submissions/" + TOKEN + "/files"))
                .isEqualTo("/api/public/submissions/[token]/files");
    }

    @Test
    void idsAndOrdinaryPathsStay() {
        for (String path : List.of("/api/requests/3f2a9c1e-7b4d-4e2a-9c1e-7b4d4e2a9c1e/approve", "/api/health", "/requests/42",
                "/api/x%20y", "/", "", "/a%zz/b%")) {
            assertThat(PathRedaction.path(path)).isEqualTo(path);
        }
        assertThat(PathRedaction.path(null)).isNull();
    }
}
