package org.porchlight.examples.geojson;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.registry.RegistrySink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One feed, known by its SHA-256: a GeoJSON FeatureCollection read feature by feature (streaming, so that each
 * feature's line is known for the import report), good features accepted and bad ones rejected, checkpointed every
 * {@value #CHECKPOINT_EVERY} features as {@code <sha256>:<feature number>} so that an interrupted import of the same
 * feed resumes after that feature.
 */
final class GeoJsonFeed {

    static final int CHECKPOINT_EVERY = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one import did. */
    record Counts(long accepted, long rejected, long skipped) {
    }

    private final byte[] content;
    private final String sha256;

    GeoJsonFeed(byte[] content) {
        this.content = content;
        this.sha256 = sha256(content);
    }

    String sha256() {
        return sha256;
    }

    /**
     * Hands every feature to {@code sink}, skipping those up to the feature in {@code resumeFrom} if it is a checkpoint
     * of this very feed.
     *
     * @throws InvalidFeedException if the feed is not a GeoJSON FeatureCollection; the features before the fault have
     *         been handed over, which is harmless as each stands alone
     */
    Counts importInto(RegistrySink sink, String resumeFrom) throws IOException, InvalidFeedException {
        try (JsonParser parser = JSON.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidFeedException("the feed is not a JSON object");
            }
            String type = null;
            Counts counts = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if (member.equals("type")) {
                    type = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                } else if (member.equals("features") && value == JsonToken.START_ARRAY) {
                    counts = features(parser, sink, resumeAfter(resumeFrom));
                } else {
                    // Other members (bbox, name, crs, a vendor's own) are not ours: skipped whole.
                    parser.skipChildren();
                }
            }
            if (!"FeatureCollection".equals(type)) {
                throw new InvalidFeedException("the feed is not a GeoJSON FeatureCollection (its type says otherwise)");
            }
            if (counts == null) {
                throw new InvalidFeedException("the feed has no features array");
            }
            return counts;
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text at fault, which may be personal data: the line only.
            throw new InvalidFeedException("the feed is not valid JSON (at line " + e.getLocation().getLineNr() + ")");
        }
    }

    private Counts features(JsonParser parser, RegistrySink sink, long resumeAfter) throws IOException {
        Set<String> keys = new HashSet<>();
        long number = 0;
        long accepted = 0;
        long rejected = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            number++;
            long line = parser.currentTokenLocation().getLineNr();
            JsonNode feature = JSON.readTree(parser);
            if (number <= resumeAfter) {
                // Committed by the interrupted sync; its id still counts for duplicates further on.
                String key = CameraFeature.keyOrNull(feature);
                if (key != null) {
                    keys.add(key);
                }
                continue;
            }
            try {
                ExternalRegistration registration = CameraFeature.registration(feature);
                if (!keys.add(registration.externalKey())) {
                    throw new RejectedFeature(CameraFeature.ID, "duplicate in this feed");
                }
                sink.accept(registration);
                accepted++;
            } catch (RejectedFeature e) {
                sink.reject(line, e.member(), e.getMessage());
                rejected++;
            }
            if (number % CHECKPOINT_EVERY == 0) {
                sink.checkpoint(position(number));
            }
        }
        if (number == 0 || number % CHECKPOINT_EVERY != 0) {
            sink.checkpoint(position(number));
        }
        return new Counts(accepted, rejected, Math.min(number, resumeAfter));
    }

    private String position(long feature) {
        return sha256 + ":" + feature;
    }

    /** The last feature an interrupted import of this feed committed, 0 to start at the top. */
    private long resumeAfter(String resumeFrom) {
        String prefix = sha256 + ":";
        if (resumeFrom == null || !resumeFrom.startsWith(prefix)) {
            return 0;
        }
        try {
            return Long.parseLong(resumeFrom.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
