package org.porchlight.modules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * A framework for the module steps' unit tests. A bundle is the text of the file it was installed or updated from;
 * the text says how it behaves: {@code refused} (the framework will not take it), {@code unresolvable} (taken, but
 * it does not start), {@code failing} (it starts, and a component fails to activate); anything else runs.
 */
final class FakeFramework implements ModuleFramework {

    /** One bundle: what it runs and its state. */
    static final class FakeBundle {
        String content;
        int state = Bundle.INSTALLED;

        FakeBundle(String content) {
            this.content = content;
        }
    }

    final Map<Long, FakeBundle> bundles = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, Path> systemJars = new HashMap<>();
    /** The content that fails to start even after it was put back (a restore that fails too). */
    String neverStarts;
    private long nextId = 100;

    /** A bundle already running {@code content}; its id. */
    long running(String content) {
        FakeBundle bundle = new FakeBundle(content);
        bundle.state = Bundle.ACTIVE;
        bundles.put(++nextId, bundle);
        return nextId;
    }

    @Override
    public long install(String location, Path file) throws IOException, BundleException {
        String content = read(file);
        calls.add("install " + content);
        if (content.equals("refused")) {
            throw new BundleException("Bundle-ManifestVersion is not valid");
        }
        bundles.put(++nextId, new FakeBundle(content));
        return nextId;
    }

    @Override
    public void update(long id, Path file) throws IOException, BundleException {
        String content = read(file);
        calls.add("update " + content);
        FakeBundle bundle = bundle(id);
        if (content.equals("refused")) {
            throw new BundleException("Bundle-ManifestVersion is not valid");
        }
        boolean wasActive = bundle.state == Bundle.ACTIVE;
        bundle.content = content;
        bundle.state = Bundle.INSTALLED;
        if (wasActive && startable(content)) {
            bundle.state = Bundle.ACTIVE;
        }
    }

    @Override
    public void start(long id) throws BundleException {
        FakeBundle bundle = bundle(id);
        calls.add("start " + bundle.content);
        if (!startable(bundle.content)) {
            throw new BundleException("Unable to resolve " + bundle.content + ": missing requirement");
        }
        bundle.state = Bundle.ACTIVE;
    }

    @Override
    public void uninstall(long id) throws BundleException {
        calls.add("uninstall " + bundle(id).content);
        bundles.remove(id);
    }

    @Override
    public int state(long id) {
        FakeBundle bundle = bundles.get(id);
        return bundle == null ? Bundle.UNINSTALLED : bundle.state;
    }

    @Override
    public void refresh() {
        calls.add("refresh");
    }

    @Override
    public String componentFailure(long id) {
        FakeBundle bundle = bundles.get(id);
        return bundle != null && bundle.state == Bundle.ACTIVE && bundle.content.equals("failing")
                ? "its component Failing failed to activate: no licence key" : null;
    }

    @Override
    public void settle(long id, ModuleManager.Source source) {
        // nothing serves routes here
    }

    @Override
    public Optional<Path> systemJar(String symbolicName) {
        return Optional.ofNullable(systemJars.get(symbolicName));
    }

    private boolean startable(String content) {
        return !content.equals("unresolvable") && !content.equals(neverStarts);
    }

    private FakeBundle bundle(long id) throws BundleException {
        FakeBundle bundle = bundles.get(id);
        if (bundle == null) {
            throw new BundleException("the bundle " + id + " is no longer installed");
        }
        return bundle;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
