package org.porchlight.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every metric in the Prometheus text format, for the configured scrape
 * token and for platform admins ({@link ScrapeAccess}); a problem (401, 403) for everybody else.
 * It is a servlet beside the REST core rather than a resource in it because a scraper holds no
 * account: the REST core turns every bearer credential into an account or refuses it.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfiguration.PID)
@HttpWhiteboardServletPattern(MetricsServlet.PATH)
@HttpWhiteboardServletName("porchlight-metrics")
public class MetricsServlet extends HttpServlet {

    static final String PATH = "/metrics";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final transient List<Authenticator> authenticators = new CopyOnWriteArrayList<>();

    private final transient PrometheusMetrics metrics;
    private final transient JsonCodec json;
    private final transient ScrapeAccess access;

    @Activate
    public MetricsServlet(@Reference PrometheusMetrics metrics, @Reference JsonCodec json, MetricsConfiguration config) {
        this.metrics = metrics;
        this.json = json;
        this.access = new ScrapeAccess(scrapeToken(config));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        switch (access.decide(request.getHeader("Authorization"), authenticators)) {
            case ALLOWED -> {
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                response.setContentType(PrometheusMetrics.contentType());
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
            case UNAUTHENTICATED -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"porchlight\"");
                problem(request, response, Problem.of(ProblemType.UNAUTHENTICATED,
                        "Scrape with the configured metrics token, or sign in as a platform admin."));
            }
            case FORBIDDEN -> problem(request, response, Problem.of(ProblemType.FORBIDDEN,
                    "The metrics are open to platform admins and the scrape token only."));
        }
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = json.write(problem.withInstance(URI.create(request.getRequestURI()))).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The scrape token from the file or variable configured, or {@code null} (platform admins only). */
    static String scrapeToken(MetricsConfiguration config) {
        String file = config.scrapeTokenFile() == null ? "" : config.scrapeTokenFile().strip();
        String variable = config.scrapeTokenVariable() == null ? "" : config.scrapeTokenVariable().strip();
        String token;
        if (!file.isEmpty()) {
            try {
                token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                LOG.warn("The metrics scrape token file {} cannot be read ({}); only platform admins can read the metrics",
                        file, e.getMessage());
                return null;
            }
        } else {
            token = variable.isEmpty() ? null : System.getenv(variable);
            if (token == null || token.isBlank()) {
                return null;
            }
            token = token.strip();
        }
        if (token.length() < ScrapeAccess.MIN_TOKEN_LENGTH) {
            LOG.warn("The metrics scrape token is shorter than {} characters and is not used; only platform admins "
                    + "can read the metrics", ScrapeAccess.MIN_TOKEN_LENGTH);
            return null;
        }
        return token;
    }
}
