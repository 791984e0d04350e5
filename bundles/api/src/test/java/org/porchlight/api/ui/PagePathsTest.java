package org.porchlight.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;

/** Ids in page paths have one spelling: anything else is a page that does not exist. */
class PagePathsTest {

    private static final UUID ID = UUID.fromString("0f8e2a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void anIdHasOneSpelling() {
        assertThat(PagePaths.id("0f8e2a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b")).isEqualTo(ID);
        assertThat(PagePaths.uuid(" 0f8e2a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b ")).contains(ID);
        for (String other : new String[] {"0F8E2A4C-1B2D-4E5F-8A9B-0C1D2E3F4A5B", "1-2-3-4-5", "f8e2a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b",
            "0f8e2a4c1b2d4e5f8a9b0c1d2e3f4a5b", "{0f8e2a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b}", "", "42"}) {
            assertThat(PagePaths.uuid(other)).as(other).isEmpty();
            assertThatThrownBy(() -> PagePaths.id(other)).as(other).isInstanceOf(ProblemException.class)
                    .matches(e -> ((ProblemException) e).problem().status() == 404);
        }
        assertThat(PagePaths.uuid(null)).isEmpty();
    }

    @Test
    void aSubPathIsItsSegments() {
        assertThat(PagePaths.segments("")).isEmpty();
        assertThat(PagePaths.segments(null)).isEmpty();
        assertThat(PagePaths.segments("42/share")).isEqualTo(List.of("42", "share"));
    }
}
