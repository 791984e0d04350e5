package org.porchlight.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class UploadMeterTest {

    @Test
    void countsAndHashesWhatPassesAndStopsOneBytePastTheLimit() throws Exception {
        byte[] body = new byte[1000];
        UploadMeter exact = new UploadMeter(new ByteArrayInputStream(body), 1000);
        assertThat(exact.readAllBytes()).hasSize(1000);
        assertThat(exact.count()).isEqualTo(1000);
        assertThat(exact.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));

        ByteArrayInputStream source = new ByteArrayInputStream(new byte[5000]);
        UploadMeter over = new UploadMeter(source, 1000);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(UploadMeter.LimitExceeded.class);
        assertThat(over.overLimit()).isTrue();
        assertThat(over.sourceFailure()).isNull();
        assertThat(5000 - source.available()).as("bytes taken from the sender").isEqualTo(1001);
    }

    @Test
    void noLimitMeansNoOverflow() throws Exception {
        UploadMeter unlimited = new UploadMeter(new ByteArrayInputStream(new byte[10]), Long.MAX_VALUE);
        assertThat(unlimited.readAllBytes()).hasSize(10);
    }
}
