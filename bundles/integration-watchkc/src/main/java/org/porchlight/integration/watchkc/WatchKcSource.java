package org.porchlight.integration.watchkc;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WatchKC-style feed, one per factory configuration: checks the configuration and registers
 * the feed as a {@link CameraRegistryProvider}, with the configuration's properties as service
 * properties. A configuration that names no folder and no URL, or both, or a URL that is not
 * http(s), fails activation with a message saying so, and nothing is registered.
 *
 * <p>The component registers the provider itself rather than through {@code @Component(service =
 * ...)}: DS registers a component's service before it activates it, so a bad configuration would
 * still show up as a source, one that fails whenever the registry uses it.
 *
 * <p>URL feeds go through the platform's {@link OutboundHttp}, which connects only to addresses the
 * platform allows (not loopback, private, link-local or the server's own unless its admin allows a
 * range), checked at the connection and at every redirect: the check of the URL's text here is
 * only a first filter.
 *
 * <p>Agencies configure the plugin for themselves (header {@code Porchlight-Agency-Configuration}): the
 * platform makes their configuration, with {@link PluginScope#AGENCY}, and such a folder is read
 * without following symbolic links ({@link WatchedFolder}).
 */
@Component(configurationPid = WatchKcConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WatchKcConfiguration.class, factory = true)
public class WatchKcSource {

    private static final Logger LOG = LoggerFactory.getLogger(WatchKcSource.class);

    private final ServiceRegistration<CameraRegistryProvider> registration;

    @Activate
    public WatchKcSource(WatchKcConfiguration config, Map<String, Object> properties, BundleContext context,
            @Reference OutboundHttp http) {
        File downloads = context.getDataFile("downloads");
        // A configuration the platform made for an agency: its folder is read without following links, via staging/.
        File staging = properties.get(PluginScope.AGENCY) == null ? null : context.getDataFile("staging");
        require(properties.get(PluginScope.AGENCY) == null || staging != null,
                "the framework gives this bundle no data area to read an agency's feeds from");
        CameraRegistryProvider feed = feed(config, downloads == null ? null : downloads.toPath(),
                staging == null ? null : staging.toPath(), http);
        Hashtable<String, Object> serviceProperties = new Hashtable<>();
        properties.forEach((key, value) -> {
            // As DS does: private (dotted) properties stay out of the service registry.
            if (!key.startsWith(".")) {
                serviceProperties.put(key, value);
            }
        });
        // Values from an etc/*.cfg file arrive as strings: the registry gets the interval as a number.
        serviceProperties.put(CameraRegistryProvider.INTERVAL, config.porchlight_registry_interval());
        registration = context.registerService(CameraRegistryProvider.class, feed, serviceProperties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    /**
     * The feed {@code config} describes.
     *
     * @param downloads where URL feeds are written while they are imported; may be null for a folder
     * @param staging   for a configuration the platform made for an agency, where its folder's feeds are copied (opened
     *                  without following links) to be read; {@code null} for one the server's admin made
     * @param http      the platform's outbound client, which URL feeds are fetched through
     * @throws IllegalArgumentException naming the source and what is wrong with its configuration
     */
    static CameraRegistryProvider feed(WatchKcConfiguration config, Path downloads, Path staging, OutboundHttp http) {
        String source = config.porchlight_registry_source();
        require(source != null && source.matches(CameraRegistryProvider.SOURCE_PATTERN),
                CameraRegistryProvider.SOURCE + " must be 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        String problem = "source " + source + ": ";
        String agency = config.porchlight_registry_agency();
        require(agency != null && agency.matches(Roles.AGENCY_CODE_PATTERN),
                problem + CameraRegistryProvider.AGENCY + " must be an agency code, 2 to 16 letters, digits and hyphens");
        require(config.porchlight_registry_interval() >= 1, problem + CameraRegistryProvider.INTERVAL + " must be at least 1");
        require(config.maxBytes() >= 1, problem + "maxBytes must be at least 1");
        require(config.connectTimeoutSeconds() >= 1 && config.readTimeoutSeconds() >= 1,
                problem + "connectTimeoutSeconds and readTimeoutSeconds must be at least 1");
        String folder = config.folder().strip();
        String url = config.url().strip();
        require(!folder.isEmpty() || !url.isEmpty(), problem + "set folder or url");
        require(folder.isEmpty() || url.isEmpty(), problem + "set folder or url, not both");
        if (!folder.isEmpty()) {
            Path path = Path.of(folder);
            require(path.isAbsolute(), problem + "folder must be an absolute path");
            require(config.quietSeconds() >= 0, problem + "quietSeconds must be 0 or more");
            LOG.info("Source {}: watching folder {}{}", source, path,
                    staging == null ? "" : " (an agency's: links not followed)");
            return new WatchedFolder(source, path, config.maxBytes(), Duration.ofSeconds(config.quietSeconds()), staging);
        }
        URI uri = httpUrl(url, problem + "url must be an http or https URL");
        require(downloads != null, problem + "the framework gives this bundle no data area for downloads");
        FeedDownload download = new FeedDownload(http, uri, Duration.ofSeconds(config.connectTimeoutSeconds()),
                Duration.ofSeconds(config.readTimeoutSeconds()), config.maxBytes());
        // The host only: a feed URL may carry an access token in its path or query.
        LOG.info("Source {}: polling a feed on {}", source, uri.getHost());
        return new FeedUrl(source, download, downloads, config.maxBytes());
    }

    private static URI httpUrl(String url, String problem) {
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
