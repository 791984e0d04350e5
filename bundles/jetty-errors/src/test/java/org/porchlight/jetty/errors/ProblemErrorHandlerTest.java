package org.porchlight.jetty.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.Problem;

class ProblemErrorHandlerTest {

    @Test
    void aClientErrorKeepsJettysReasonAfterAPlainExplanation() {
        Problem problem = ProblemErrorHandler.problem(400, "Illegal character SPACE=' '", "id-1", false);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Bad Request");
        assertThat(problem.detail()).startsWith("The request is malformed").endsWith("(Illegal character SPACE=' ')");
        assertThat(problem.requestId()).isEqualTo("id-1");
        assertThat(problem.type()).isEqualTo(Problem.ABOUT_BLANK);
    }

    @Test
    void aServerFaultNamesTheRequestIdAndNothingOfTheCause() {
        Problem problem = ProblemErrorHandler.problem(500, "java.lang.IllegalStateException: pool /var/db closed", "id-2", true);
        assertThat(problem.detail()).contains("id-2").doesNotContain("IllegalState").doesNotContain("/var/db");
    }

    @Test
    void sizeAndVersionRefusalsSayWhatToChange() {
        assertThat(ProblemErrorHandler.problem(414, "URI Too Long", "i", false).detail()).isEqualTo(
                "The request's URI is longer than the server accepts.");
        assertThat(ProblemErrorHandler.problem(431, null, "i", false).detail()).contains("headers are larger");
        assertThat(ProblemErrorHandler.problem(505, "Unknown Version", "i", false).detail()).contains("HTTP/1.1")
                .doesNotContain("Quote request id");
    }

    @Test
    void protocolRefusalsCloseTheConnectionAndServletLayerErrorsDoNot() {
        assertThat(ProblemErrorHandler.closesConnection(400)).isTrue();
        assertThat(ProblemErrorHandler.closesConnection(431)).isTrue();
        assertThat(ProblemErrorHandler.closesConnection(404)).isFalse();
        assertThat(ProblemErrorHandler.closesConnection(405)).isFalse();
        assertThat(ProblemErrorHandler.closesConnection(500)).isFalse();
    }
}
