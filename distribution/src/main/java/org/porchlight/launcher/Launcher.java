package org.porchlight.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * {@code bin/porchlight}: checks the settings, starts Felix with the core bundles from
 * {@code system/}, waits until {@code /api/health} answers, and stops the framework cleanly on
 * Ctrl-C or SIGTERM. Any start-up failure ends the process with one line and exit code 1.
 */
public final class Launcher {

    /** How long a DOWN health report may last after start-up before it counts as a failure. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Unrolled (runs of plain characters, then an escape): an alternation repeated per character overflowed the stack on a long reason. */
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final Settings settings;
    private final Map<String, String> env;
    private final PrintStream out;
    /** The built-in server's HTTPS port, 0 when it has none. */
    private int httpsPort;

    Launcher(Settings settings, Map<String, String> env, PrintStream out) {
        this.settings = settings;
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("porchlight.home", ".")).toAbsolutePath().normalize();
        try {
            Settings settings = Settings.from(home, System.getenv(), Arrays.asList(args));
            new Launcher(settings, System.getenv(), System.out).run();
            System.exit(0);
        } catch (StartupFailure failure) {
            System.err.println("porchlight: " + failure.getMessage());
            System.exit(1);
        }
    }

    void run() throws StartupFailure {
        Preflight.dataFolderWritable(settings.data());
        Preflight.noBundleWatchInEtc(settings.home().resolve("etc"));
        Preflight.portFree(settings.httpHost(), settings.httpPort(), "PORCHLIGHT_HTTP_PORT");
        Map<String, String> properties = frameworkProperties();
        httpsPort = HttpsSetup.apply(properties, env);
        if (httpsPort > 0) {
            Preflight.portFree(settings.httpHost(), httpsPort, HttpsSetup.PORT + " in etc/config.properties");
        }

        Framework framework = newFramework(properties);
        CountDownLatch started = new CountDownLatch(1);
        try {
            framework.init();
            framework.getBundleContext().addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.STARTED) {
                    started.countDown();
                }
            });
            install(framework.getBundleContext(), SystemBundles.read(settings.home()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "porchlight-shutdown"));
            framework.start();
            awaitReady(started);
        } catch (BundleException | RuntimeException e) {
            stop(framework);
            throw new StartupFailure("The framework could not start: " + e.getMessage(), e);
        } catch (StartupFailure failure) {
            stop(framework);
            throw failure;
        }
        waitForStop(framework);
    }

    private Map<String, String> frameworkProperties() {
        Map<String, String> variables = new HashMap<>(settings.database());
        variables.put("porchlight.home", settings.home().toString());
        // Bundles from here (and plugins/ beside it) are the server's own: trusted as shipped.
        variables.put("porchlight.system", settings.home().resolve("system").toString());
        variables.put("porchlight.data", settings.data().toString());
        variables.put("porchlight.http.port", Integer.toString(settings.httpPort()));
        variables.put("porchlight.http.host", settings.httpHost());
        // Gogo stops the framework when stdin ends, as it does under a service manager: interactive only on request.
        variables.put("gosh.args", settings.console() ? "" : "--nointeractive");
        return FrameworkConfig.load(settings.home(), variables);
    }

    private static Framework newFramework(Map<String, String> properties) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework in lib/"));
        return factory.newFramework(properties);
    }

    private static void install(BundleContext context, List<SystemBundles.SystemBundle> bundles) throws BundleException {
        for (SystemBundles.SystemBundle bundle : bundles) {
            // reference: runs the jar in place instead of copying it into the framework's cache.
            Bundle installed = context.installBundle("reference:" + bundle.jar().toUri());
            if (!bundle.fragment()) {
                installed.adapt(BundleStartLevel.class).setStartLevel(bundle.startLevel());
                installed.start();
            }
        }
    }

    private void awaitReady(CountDownLatch started) throws StartupFailure {
        Instant deadline = Instant.now().plus(settings.startTimeout());
        URI health = URI.create(settings.localBaseUrl() + "/api/health");
        Instant downSince = null;
        String lastProblem = "the HTTP server did not answer";
        while (Instant.now().isBefore(deadline)) {
            boolean frameworkStarted = started.getCount() == 0;
            try {
                HealthAnswer answer = get(health);
                if (answer.status() == 200) {
                    out.printf("Porchlight is ready on %s/api (the portal on %s/%s; started in %.1f s)%n", publicBaseUrl(),
                            publicBaseUrl(), httpsPort > 0 ? ", HTTPS on " + publicHost("https", httpsPort) + "/" : "",
                            secondsSinceJvmStart());
                    return;
                }
                lastProblem = answer.reason();
                // STARTING: a critical part is still coming up (the database may take its connect timeout).
                // 404: the REST core has not registered /api/health yet; only a report that says DOWN settles.
                if (frameworkStarted && answer.status() != 404 && !"STARTING".equals(answer.state())) {
                    downSince = downSince == null ? Instant.now() : downSince;
                    if (Duration.between(downSince, Instant.now()).compareTo(SETTLE) > 0) {
                        throw new StartupFailure("Start-up failed: " + lastProblem);
                    }
                }
            } catch (ConnectException e) {
                lastProblem = "nothing listens on " + health;
            } catch (IOException e) {
                lastProblem = "the health check failed: " + e.getMessage();
            }
            sleep(frameworkStarted ? 100 : 25);
        }
        throw new StartupFailure("Start-up did not finish within " + settings.startTimeout().toSeconds() + " s: " + lastProblem
                + " (raise PORCHLIGHT_START_TIMEOUT if the machine is just slow)");
    }

    private record HealthAnswer(int status, String state, String reason) {
    }

    /** A plain HttpURLConnection: java.net.http would set up TLS first, which costs start-up time. */
    private static HealthAnswer get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        try {
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            // The top-level members come first in the report, so the first match is the server's own.
            Matcher m = REASON.matcher(text);
            String reason = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : text;
            Matcher s = STATUS.matcher(text);
            return new HealthAnswer(status, s.find() ? s.group(1) : "", reason);
        } finally {
            connection.disconnect();
        }
    }

    private String publicBaseUrl() {
        return publicHost("http", settings.httpPort());
    }

    private String publicHost(String scheme, int port) {
        String host = settings.httpHost().equals("0.0.0.0") ? "localhost" : settings.httpHost();
        return scheme + "://" + host + ":" + port;
    }

    private static double secondsSinceJvmStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis() / 1000.0).orElse(Double.NaN);
    }

    private void stop(Framework framework) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        out.println("Porchlight is stopping: finishing requests in flight");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                out.println("Porchlight did not stop within " + STOP_TIMEOUT.toSeconds() + " s; exiting anyway");
            } else {
                out.println("Porchlight stopped");
            }
        } catch (BundleException e) {
            out.println("Porchlight could not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitForStop(Framework framework) {
        try {
            framework.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
