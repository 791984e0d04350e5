package org.porchlight.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.tenancy.AgencyProfile;

class EvidencePolicyTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private final EvidencePolicy defaults = new EvidencePolicy(2 * GIB, List.of("video/*", "image/*"), 365);

    @Test
    void anAgencyWithoutSettingsGetsTheDefaults() {
        assertThat(EvidencePolicy.of(agency(Map.of()), defaults)).isEqualTo(defaults);
    }

    @Test
    void anAgencysValidSettingsReplaceTheDefaultsOneByOne() {
        EvidencePolicy policy = EvidencePolicy.of(agency(Map.of(EvidencePolicy.MAX_BYTES, 1_000_000, EvidencePolicy.TYPES,
                List.of("video/MP4", "image/jpeg"), EvidencePolicy.RETENTION_DAYS, 30)), defaults);
        assertThat(policy).isEqualTo(new EvidencePolicy(1_000_000, List.of("video/mp4", "image/jpeg"), 30));
        assertThat(EvidencePolicy.of(agency(Map.of(EvidencePolicy.TYPES, "video/*, application/octet-stream")), defaults).types())
                .containsExactly("video/*", "application/octet-stream");
        assertThat(EvidencePolicy.of(agency(Map.of(EvidencePolicy.MAX_BYTES, "5000000000")), defaults).maxBytes()).isEqualTo(5_000_000_000L);
    }

    @Test
    void invalidSettingsFallBackToTheDefault() {
        EvidencePolicy policy = EvidencePolicy.of(agency(Map.of(EvidencePolicy.MAX_BYTES, -5, EvidencePolicy.TYPES, List.of("video", 3),
                EvidencePolicy.RETENTION_DAYS, 2.5)), defaults);
        assertThat(policy).isEqualTo(defaults);
        assertThat(EvidencePolicy.of(agency(Map.of(EvidencePolicy.TYPES, List.of())), defaults).types()).isEqualTo(defaults.types());
        assertThat(EvidencePolicy.of(agency(Map.of(EvidencePolicy.RETENTION_DAYS, 0)), defaults).retentionDays()).isEqualTo(365);
    }

    @Test
    void typesMatchExactlyByWildcardOrAnythingIgnoringParametersAndCase() {
        EvidencePolicy policy = new EvidencePolicy(GIB, List.of("video/*", "image/jpeg"), 1);
        assertThat(policy.accepts(EvidencePolicy.mediaType("Video/MP4; codecs=\"avc1\""))).isTrue();
        assertThat(policy.accepts(EvidencePolicy.mediaType("image/jpeg"))).isTrue();
        assertThat(policy.accepts(EvidencePolicy.mediaType("image/png"))).isFalse();
        assertThat(policy.accepts(EvidencePolicy.mediaType("videos/mp4"))).isFalse();
        assertThat(policy.accepts(EvidencePolicy.mediaType("video"))).isFalse();
        assertThat(new EvidencePolicy(GIB, List.of("*/*"), 1).accepts("application/x-dahua-dav")).isTrue();
        assertThat(EvidencePolicy.mediaType("text/html\r\nX-Injected: 1")).isNull();
    }

    @Test
    void aRefusedTypeIs415NamingWhatTheAgencyAccepts() {
        EvidencePolicy policy = new EvidencePolicy(GIB, List.of("video/*", "image/*"), 1);
        assertThatThrownBy(() -> policy.checkType("KCPD", "text/plain", "text/plain")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(415);
            assertThat(e.problem().type().toString()).isEqualTo("urn:porchlight:problem:evidence-type-not-accepted");
            assertThat(e.getMessage()).isEqualTo("KCPD accepts video/*, image/* as evidence, not text/plain.");
        });
        assertThatThrownBy(() -> policy.checkType("KCPD", "<script>", null)).hasMessageNotContaining("<script>")
                .hasMessageContaining("malformed");
    }

    @Test
    void aFileAnnouncedLargerThanTheLimitIs413NamingTheLimit() {
        EvidencePolicy policy = new EvidencePolicy(2 * GIB, List.of("video/*"), 1);
        assertThatCode(() -> policy.checkDeclaredSize("KCPD", 2 * GIB)).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkDeclaredSize("KCPD", -1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkDeclaredSize("KCPD", 2 * GIB + 1)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(413);
            assertThat(e.getMessage()).contains("at most 2147483648 bytes (2 GiB)").contains("KCPD");
        });
        assertThat(EvidencePolicy.describe(1536)).isEqualTo("1536 bytes (1.5 KiB)");
        assertThat(EvidencePolicy.describe(100)).isEqualTo("100 bytes");
    }

    private static AgencyProfile agency(Map<String, Object> policy) {
        return new AgencyProfile("KCPD", "KC Police", new Circle(new GeoPoint(39.1, -94.58), 20_000), ZoneId.of("America/Chicago"), policy);
    }
}
