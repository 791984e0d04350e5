package org.porchlight.evidence.rest;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;
import org.porchlight.evidence.CustodyEvent;
import org.porchlight.evidence.CustodyEvent.Kind;
import org.porchlight.evidence.EvidenceRoom;
import org.porchlight.evidence.HandOuts;
import org.porchlight.evidence.StoredItem;

import io.swagger.v3.oas.annotations.Operation;

/**
 * An agency's evidence: items by case or request, their content, their chain of custody and an
 * export for court. Officers and supervisors of the agency only (others' staff get 404 from the
 * REST core); every call is audited, since items come from residents. Content is re-verified
 * before it is served: what fails is not served, and the failure is recorded.
 */
@Component(service = EvidenceResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/evidence")
@RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
@PersonalData
public class EvidenceResource {


    private final EvidenceRoom room;
    private final HandOuts handOuts;
    private final JsonCodec json;

    @Activate
    public EvidenceResource(@Reference EvidenceRoom room, @Reference JsonCodec json) {
        this.room = room;
        this.handOuts = new HandOuts(room);
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agency's evidence items of one case (case=...) or one footage request (request=...), oldest first")
    public List<CustodyRecord.Item> list(@PathParam("agency") String agency,
            @QueryParam("case") @Size(min = 1, max = 64) String caseNumber, @QueryParam("request") UUID request) {
        if ((caseNumber == null) == (request == null)) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Name either a case number or a request.")
                    .withErrors(List.of(new Problem.FieldError(caseNumber == null ? "case" : "request",
                            "give exactly one of case and request"))));
        }
        List<StoredItem> items = caseNumber != null ? room.byCase(agency, caseNumber) : room.byRequest(agency, request);
        return items.stream().map(CustodyRecord.Item::of).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One evidence item: what was received, its SHA-256, and when it was purged if it was")
    public CustodyRecord.Item item(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return CustodyRecord.Item.of(find(agency, id));
    }

    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The item's content, after checking it against its SHA-256; recorded in its chain of custody")
    public Response content(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security,
            @Context Request request) {
        StoredItem item = find(agency, id);
        Response.ResponseBuilder response;
        if ("HEAD".equals(request.getMethod())) {
            response = Response.ok(); // the headers only: nothing is read or handed out, so nothing goes into custody
        } else {
            StreamingOutput body = handOuts.download(item, actor(security))::writeTo;
            response = Response.ok(body);
        }
        return response.type(item.item().contentType())
                .header(HttpHeaders.CONTENT_LENGTH, item.item().size())
                .header("Content-Disposition", contentDisposition(item))
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(item.item().sha256()))
                        + ":")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("{id}/custody")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The item's chain of custody: every event with its hash, and whether the chain recomputes")
    public CustodyRecord custody(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return record(find(agency, id));
    }

    @GET
    @Path("{id}/custody.csv")
    @Produces("text/csv")
    @Operation(summary = "The item's chain of custody as CSV")
    public Response custodyCsv(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        StoredItem item = find(agency, id);
        return Response.ok(record(item).csv(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"custody-" + item.id() + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("{id}/export")
    @Produces("application/zip")
    @Operation(summary = "A zip for court: the content, its custody record (JSON and CSV), SHA256SUMS and how to check them; "
            + "recorded in its chain of custody")
    public Response export(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        StoredItem item = find(agency, id);
        String actor = actor(security);
        EvidenceRoom.Verification verified = room.verify(item, actor);
        room.record(item, Kind.EXPORTED, actor, "zip with content and custody record, sha256=" + item.item().sha256());
        CustodyRecord record = record(item);
        byte[] custodyJson = json.write(record).getBytes(StandardCharsets.UTF_8);
        byte[] custodyCsv = record.csv();
        String content = "evidence/" + safeName(item);
        String sums = item.item().sha256() + "  " + content + "\n" + sha256(custodyJson) + "  custody.json\n" + sha256(custodyCsv)
                + "  custody.csv\n";
        StreamingOutput body = out -> handOuts.handOut(item, actor, "export", " of the zip", out, handOut -> {
            ZipOutputStream zip = new ZipOutputStream(handOut, StandardCharsets.UTF_8);
            ZipEntry entry = new ZipEntry(content);
            entry.setMethod(ZipEntry.STORED); // video does not compress; stored entries need size and CRC up front
            entry.setSize(verified.size());
            entry.setCompressedSize(verified.size());
            entry.setCrc(verified.crc32());
            entry.setTime(item.item().receivedAt().toEpochMilli());
            zip.putNextEntry(entry);
            handOuts.copyVerified(item, actor, zip);
            zip.closeEntry();
            text(zip, "custody.json", custodyJson, record.generatedAt());
            text(zip, "custody.csv", custodyCsv, record.generatedAt());
            text(zip, "SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8), record.generatedAt());
            text(zip, "README.txt", readme(item, content).getBytes(StandardCharsets.UTF_8), record.generatedAt());
            zip.finish();
            zip.flush();
        });
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"evidence-" + item.id() + ".zip\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private StoredItem find(String agency, UUID id) {
        return room.find(agency, id).orElseThrow(NotFoundException::new);
    }

    private CustodyRecord record(StoredItem item) {
        return CustodyRecord.of(room, item);
    }

    private static String actor(SecurityContext security) {
        return "account:" + Caller.of(security).orElseThrow().account();
    }

    private static void text(ZipOutputStream zip, String name, byte[] bytes, Instant at) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(at.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String readme(StoredItem item, String content) {
        return "Porchlight evidence export\r\n\r\n"
                + "Item " + item.id() + " of " + item.item().agency() + ", case " + item.item().caseNumber() + ".\r\n"
                + "Received " + item.item().receivedAt() + ": " + item.item().size() + " bytes, SHA-256 " + item.item().sha256()
                + ".\r\n\r\n"
                + content + "      the content as received\r\n"
                + "custody.json   the chain of custody: every event with its SHA-256 chain hash\r\n"
                + "custody.csv    the same events as a table\r\n"
                + "SHA256SUMS     check with: sha256sum -c SHA256SUMS\r\n\r\n"
                + "Each custody event's hash is SHA-256 over the previous event's hash and the event's fields, "
                + "each written as a\r\n"
                + "4-byte big-endian length and its UTF-8 bytes (-1 for none), in this order: " + CustodyEvent.FORMAT
                + ", previous hash,\r\n"
                + "item id, sequence, time (ISO-8601 UTC, microseconds), kind, actor, detail, request id. "
                + "The first previous hash\r\n"
                + "is 64 zeros; the RECEIVED event's detail holds the SHA-256 the content had on arrival.\r\n";
    }

    /** A file name safe in a header and a zip on any system: the sender's name in ASCII, or the item's id. */
    static String safeName(StoredItem item) {
        String name = item.item().fileName();
        String ascii = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        return ascii.isEmpty() ? "evidence-" + item.id() : ascii;
    }

    static String contentDisposition(StoredItem item) {
        String header = "attachment; filename=\"" + safeName(item) + "\"";
        String name = item.item().fileName();
        if (name != null && !name.equals(safeName(item))) {
            // RFC 6266: the name as given, for clients that read it
            header += "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                    .replace("*", "%2A");
        }
        return header;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
