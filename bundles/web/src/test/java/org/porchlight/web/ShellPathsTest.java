package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellPathsTest {

    @Test
    void pathsThatReadTwoWaysAreRefused() {
        for (String path : new String[] {"/a%2Fb", "/a%2fb", "/a%5Cb", "/%2e%2e/x", "/%2E/x", "/a%00b", "/a\\b", "/start/../x",
            "/./start", "/start/.", "/a\tb"}) {
            assertThat(ShellServlet.ambiguous(path)).as(path).isTrue();
        }
    }

    @Test
    void ordinaryPathsPass() {
        for (String path : new String[] {"/", "/start", "/requests/42", "/a%20b", "/caf%C3%A9", "/a.b", "/...x", "/sign-in"}) {
            assertThat(ShellServlet.ambiguous(path)).as(path).isFalse();
        }
    }
}
