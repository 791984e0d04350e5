package org.porchlight.examples.geojson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A feed kept in a file of the server, e.g. written by the agency's nightly export. */
final class FeedFile implements FeedLocation {

    private final Path file;
    private final long maxBytes;

    FeedFile(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] read() throws IOException, InvalidFeedException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFeedException("the feed file does not exist");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InvalidFeedException("the feed has " + size + " bytes, more than maxBytes (" + maxBytes + ")");
        }
        return Files.readAllBytes(file);
    }
}
