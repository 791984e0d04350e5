package org.porchlight.examples.geojson;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.registry.RegistrySink;
import org.porchlight.api.registry.SyncRequest;

/**
 * One GeoJSON feed as a source of the camera registry, one per factory configuration. DS publishes the
 * configuration's {@code porchlight.registry.*} properties with the service, which is how the registry learns the
 * source's id, agency and interval. The cursor is the SHA-256 of the last feed imported: an unchanged feed hands
 * nothing over.
 */
@Component(service = CameraRegistryProvider.class, configurationPid = GeoJsonConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GeoJsonConfiguration.class, factory = true)
public class GeoJsonSource implements CameraRegistryProvider {

    /** A feed is read whole into memory, as one array. */
    static final long MAX_BYTES = 1L << 30;

    private final FeedLocation location;

    /** A configuration without a usable file or URL fails here, and the registry never gets the source. */
    @Activate
    public GeoJsonSource(GeoJsonConfiguration config, @Reference OutboundHttp http) {
        this(location(config.file(), config.url(), config.maxBytes(), config.timeoutSeconds(), http));
    }

    GeoJsonSource(FeedLocation location) {
        this.location = location;
    }

    @Override
    public String sync(SyncRequest request, RegistrySink sink) throws IOException, InvalidFeedException {
        GeoJsonFeed feed = new GeoJsonFeed(location.read());
        if (!request.full() && feed.sha256().equals(request.cursor())) {
            sink.skipped("the feed is the same as at the last import (same SHA-256)");
            return request.cursor();
        }
        feed.importInto(sink, request.resumeFrom());
        return feed.sha256();
    }

    /**
     * The feed a configuration names: exactly one of an absolute file path and an http(s) URL.
     *
     * @param http the platform's outbound client, which a URL is fetched through
     * @throws IllegalArgumentException saying what is wrong
     */
    static FeedLocation location(String file, String url, long maxBytes, int timeoutSeconds, OutboundHttp http) {
        String path = file == null ? "" : file.strip();
        String address = url == null ? "" : url.strip();
        require(path.isEmpty() != address.isEmpty(), "set exactly one of file and url");
        require(maxBytes >= 1 && maxBytes <= MAX_BYTES, "maxBytes must be 1 to " + MAX_BYTES + " (a feed is read into memory)");
        require(timeoutSeconds >= 1, "timeoutSeconds must be at least 1");
        if (!path.isEmpty()) {
            require(Path.of(path).isAbsolute(), "file must be an absolute path");
            return new FeedFile(Path.of(path), maxBytes);
        }
        return new FeedUrl(http, httpUri(address), Duration.ofSeconds(timeoutSeconds), maxBytes);
    }

    private static URI httpUri(String url) {
        String problem = "url must be an http or https URL";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null, problem);
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
