package org.porchlight.evidence.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.porchlight.evidence.CustodyEvent;
import org.porchlight.evidence.EvidenceRoom;
import org.porchlight.evidence.StoredItem;

/**
 * An item's chain of custody as exported: the item with its SHA-256, every event in order with
 * its hash, and whether the chain recomputes. The JSON form is the one to verify; the CSV form
 * is the same events for a spreadsheet.
 *
 * @param format      names the event hashing, {@value CustodyEvent#FORMAT}
 * @param item        the item
 * @param chainIntact whether every event's hash recomputes from the one before
 * @param generatedAt when this record was produced
 * @param events      every event, oldest first
 */
public record CustodyRecord(String format, Item item, boolean chainIntact, Instant generatedAt, List<CustodyEvent> events) {

    /** An item as agencies see it. {@code purgedAt} is set once its content is gone. */
    public record Item(UUID id, String agency, String caseNumber, UUID request, UUID response, String submittedBy, String fileName,
            String contentType, long size, String sha256, Instant receivedAt, Instant purgedAt) {

        public static Item of(StoredItem stored) {
            var i = stored.item();
            return new Item(i.id(), i.agency(), i.caseNumber(), i.request(), i.response(), i.submittedBy(), i.fileName(), i.contentType(),
                    i.size(), i.sha256(), i.receivedAt(), stored.purgedAt());
        }
    }

    /** The item's record as it stands now. */
    public static CustodyRecord of(EvidenceRoom room, StoredItem item) {
        List<CustodyEvent> events = room.custody(item);
        return new CustodyRecord(CustodyEvent.FORMAT, Item.of(item), room.custodyIntact(item, events), Instant.now(), events);
    }

    static final String CSV_HEADER = "sequence,at,kind,actor,detail,request_id,previous_hash,hash";

    /** The events as CSV (RFC 4180), with a header line. Values are written as recorded, quoted where needed. */
    public byte[] csv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (CustodyEvent e : events) {
            csv.append(e.sequence()).append(',').append(e.at()).append(',').append(e.kind()).append(',').append(field(e.actor()))
                    .append(',').append(field(e.detail())).append(',').append(field(e.requestId())).append(',').append(e.previousHash())
                    .append(',').append(e.hash()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
