package org.porchlight.rest.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.rest.PathRedaction;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.rest.RestConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for every answer of the web server (portal, {@code /api}, static files, web console), in front
 * of all of them: {@code Strict-Transport-Security} on answers over HTTPS, and, when
 * {@code httpsRedirect} is on, a plain-HTTP {@code GET} or {@code HEAD} sent to the same address over
 * HTTPS (301) while any other method is refused (403 {@code https-required}): its body, a password
 * perhaps, has already crossed the network in the clear, and a redirect would hide that from whoever
 * wrote the client. A request counts as HTTPS over the server's own TLS, or when a trusted proxy says
 * so in {@code X-Forwarded-Proto} ({@link ClientAddresses#secure}); from anyone else the header is ignored.
 */
@Component(service = Preprocessor.class, configurationPid = RestConfiguration.PID)
public class HttpsPolicy implements Preprocessor {

    static final ProblemType HTTPS_REQUIRED = ProblemType.named("https-required", "HTTPS required", 403);
    /** Felix HTTP's own framework properties (etc/config.properties): is HTTPS on, and on which port. */
    static final String HTTPS_ENABLE = "org.apache.felix.https.enable";
    static final String HTTPS_PORT = "org.osgi.service.http.port.secure";

    private static final Logger LOG = LoggerFactory.getLogger(HttpsPolicy.class);

    private final ClientAddresses addresses;
    private final JsonCodec json;
    private final int serverPort;
    private volatile HttpsRule rule;

    @Activate
    public HttpsPolicy(@Reference ClientAddresses addresses, @Reference JsonCodec json, BundleContext context,
            RestConfiguration config) {
        this.addresses = addresses;
        this.json = json;
        this.serverPort = Boolean.parseBoolean(context.getProperty(HTTPS_ENABLE)) ? port(context.getProperty(HTTPS_PORT)) : 0;
        configure(config);
    }

    @Modified
    void configure(RestConfiguration config) {
        boolean noProxies = String.join("", config.trustedProxies()).isBlank();
        boolean redirect = config.httpsRedirect();
        if (redirect && serverPort == 0 && noProxies && config.httpsPort() <= 0) {
            // Nothing here could ever count as HTTPS: every request would be sent away, in a loop.
            LOG.error("httpsRedirect is on, but this server has no HTTPS (etc/config.properties) and no trustedProxies "
                    + "that could say a request came over HTTPS: not redirecting");
            redirect = false;
        }
        rule = new HttpsRule(redirect, config.httpsPort(), serverPort, config.hstsMaxAgeSeconds(),
                config.hstsIncludeSubDomains());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        HttpsRule current = rule;
        String peer = http.getRemoteAddr();
        // Every line: a client's own line comes first, the trusted proxy's last (getHeader would read the client's).
        String forwardedProto = ClientAddresses.forwardedProto(
                Collections.list(http.getHeaders(ClientAddresses.FORWARDED_PROTO)));
        boolean secure = addresses.secure(http.isSecure(), peer, forwardedProto);
        Optional<String> hsts = current.hsts(secure);
        if (hsts.isPresent()) {
            answer.setHeader("Strict-Transport-Security", hsts.get());
        }
        if (!current.sendsToHttps(secure, http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        // secure(false, peer, "https") holds exactly when the peer is a trusted proxy.
        boolean viaProxy = forwardedProto != null && addresses.secure(false, peer, "https");
        Optional<String> target = current.httpsUrl(viaProxy, http.getServerName(), http.getRequestURI(), http.getQueryString());
        if (target.isPresent() && HttpsRule.redirectable(http.getMethod())) {
            answer.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            answer.setHeader("Location", target.get());
            answer.setHeader("Cache-Control", "no-store");
            answer.setContentLength(0);
            return;
        }
        refuse(http, answer, target);
    }

    private void refuse(HttpServletRequest http, HttpServletResponse answer, Optional<String> target) throws IOException {
        String id = RequestCorrelation.newId();
        LOG.warn("Refused {} {} over plain HTTP: this server takes it over HTTPS only (request {})", http.getMethod(),
                PathRedaction.path(http.getRequestURI()), id);
        String detail = "This server accepts this request over HTTPS only" + target.map(url -> ", at " + url).orElse("")
                + ". What the request carried has crossed the network unencrypted: change any password or token it held.";
        byte[] body = json.write(Problem.of(HTTPS_REQUIRED, detail).withRequestId(id)).getBytes(StandardCharsets.UTF_8);
        answer.setStatus(HTTPS_REQUIRED.status());
        answer.setHeader(RestExtensions.REQUEST_ID_HEADER, id);
        answer.setHeader("Cache-Control", "no-store");
        answer.setContentType(RestExtensions.PROBLEM_JSON);
        answer.setContentLength(body.length);
        answer.getOutputStream().write(body);
    }

    private static int port(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
