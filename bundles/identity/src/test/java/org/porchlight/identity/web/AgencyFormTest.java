package org.porchlight.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.identity.Agency;

class AgencyFormTest {

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new HashMap<>(Map.of("name", "Kansas City Police", "timeZone", "America/Chicago",
                "contactEmail", "records@kcpd.example", "latitude", "39.0997", "longitude", "-94.5786", "radius", "20000"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    private static AgencyForm.Result parse(Map<String, String> form, boolean withCode) {
        return AgencyForm.parse(name -> form.getOrDefault(name, ""), withCode, withCode ? null : "KCPD", Map.of());
    }

    @Test
    void aCircleComesFromItsCentreAndRadius() {
        AgencyForm.Result result = parse(form("code", "kcpd"), true);
        assertThat(result.errors()).isEmpty();
        assertThat(result.agency().code()).isEqualTo("KCPD");
        assertThat(result.agency().jurisdiction()).isEqualTo(new Circle(new GeoPoint(39.0997, -94.5786), 20000));
        assertThat(result.agency().contactPhone()).as("an empty phone is none").isNull();
    }

    @Test
    void aDrawnAreaReplacesTheCircle() {
        AgencyForm.Result result = parse(form("area", "39.1, -94.6\n39.2, -94.6\n39.2, -94.5\n"), false);
        assertThat(result.errors()).isEmpty();
        assertThat(result.agency().jurisdiction()).isInstanceOf(Polygon.class);
    }

    @Test
    void badInputNamesEachField() {
        AgencyForm.Result result = parse(form("code", "x", "name", "", "timeZone", "Mars/Olympus", "contactEmail", "nobody",
                "radius", "-5", "policy", "no equals sign here"), true);
        assertThat(result.agency()).isNull();
        assertThat(result.errors()).containsOnlyKeys("code", "name", "timeZone", "contactEmail", "latitude", "policy");
        assertThat(parse(form("area", "39.1, -94.6\n39.2, -94.6"), false).errors()).containsOnlyKeys("area");
    }

    @Test
    void policyTextRoundTripsItsTypes() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("approvalAlways", true);
        policy.put("retentionDays", 90L);
        policy.put("maxAreaSquareMiles", 0.25);
        policy.put("caseNumberPattern", "[0-9]{2}-[0-9]+");
        policy.put("lawfulActivityTerms", List.of("protest", "march"));
        policy.put("looksLikeANumber", "12");
        String text = AgencyForm.policyText(policy);
        Map<String, Object> read = new LinkedHashMap<>();
        assertThat(AgencyForm.readPolicy(text, read)).isEmpty();
        assertThat(read).isEqualTo(policy);
    }

    @Test
    void nestedPolicyObjectsAreKeptAsTheyAre() {
        Map<String, Object> policy = Map.of("notify", Map.of("channel", "mail"), "approvalAlways", false);
        assertThat(AgencyForm.policyText(policy)).isEqualTo("approvalAlways = false\n");
        Map<String, String> posted = form("policy", "approvalAlways = true");
        AgencyForm.Result result = AgencyForm.parse(name -> posted.getOrDefault(name, ""), false, "KCPD",
                AgencyForm.nested(policy));
        assertThat(result.agency().policy()).containsEntry("notify", Map.of("channel", "mail"))
                .containsEntry("approvalAlways", true);
    }

    @Test
    void theFormShowsAnAgencyAsItIs() {
        Agency circle = new Agency("KCPD", "KC", new Circle(new GeoPoint(39.1, -94.5), 1500), "America/Chicago", "a@b.example",
                null, Map.of(), null);
        assertThat(AgencyForm.fields(circle)).containsEntry("latitude", "39.1").containsEntry("radius", "1500")
                .containsEntry("area", "").containsEntry("contactPhone", "");
        Agency polygon = new Agency("KCPD", "KC",
                new Polygon(List.of(new GeoPoint(1, 1), new GeoPoint(1, 2), new GeoPoint(2, 2))),
                "UTC", "a@b.example", "555", Map.of(), null);
        assertThat(AgencyForm.fields(polygon)).containsEntry("latitude", "").containsEntry("area", "1, 1\n1, 2\n2, 2\n");
    }
}
