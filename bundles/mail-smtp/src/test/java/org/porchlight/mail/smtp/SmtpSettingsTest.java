package org.porchlight.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.porchlight.mail.smtp.SmtpSettings.Tls;

class SmtpSettingsTest {

    private static final TestConfiguration SUBMISSION = new TestConfiguration("smtp.example.org", 587,
            "noreply@example.org", "", "", "starttls", 10, 30);

    private static SmtpSettings settings(TestConfiguration config) {
        return SmtpSettings.of(config, name -> null);
    }

    @Test
    void noneIsRefusedForAServerThatIsNotOnThisMachine() {
        for (String host : new String[] {"smtp.example.org", "10.0.0.25", "192.168.1.1", "::ffff:10.0.0.1", "localhost.example.org"}) {
            assertThatThrownBy(() -> settings(SUBMISSION.withHost(host).withTls("none")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Configuration org.porchlight.mail.smtp: tls = none")
                    .hasMessageContaining("not " + host);
        }
    }

    @Test
    void noneIsAllowedForLoopback() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.0.0.53", "::1", "[::1]"}) {
            assertThat(settings(SUBMISSION.withHost(host).withTls("none")).tls()).as(host).isEqualTo(Tls.NONE);
        }
    }

    @Test
    void defaultsAreSubmissionWithRequiredStarttls() {
        SmtpSettings settings = settings(SUBMISSION);
        Properties session = settings.sessionProperties(null);

        assertThat(settings.tls()).isEqualTo(Tls.STARTTLS);
        assertThat(session).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "30000")
                .containsEntry("mail.smtp.auth", "false");
    }

    @Test
    void smtpsIsTlsFromTheFirstByte() {
        Properties session = settings(SUBMISSION.withTls("smtps").withPort(465)).sessionProperties(null);

        assertThat(session).containsEntry("mail.smtp.ssl.enable", "true").doesNotContainKey("mail.smtp.starttls.enable");
    }

    @Test
    void eachInvalidPropertyIsNamed() {
        assertInvalid(SUBMISSION.withHost(" "), "host is required");
        assertInvalid(SUBMISSION.withHost(null), "host is required");
        assertInvalid(SUBMISSION.withHost("smtp example.org"), "host must be");
        assertInvalid(SUBMISSION.withPort(0), "port must be between 1 and 65535");
        assertInvalid(SUBMISSION.withPort(70000), "port must be between 1 and 65535");
        assertInvalid(SUBMISSION.withFrom(""), "from is required");
        assertInvalid(SUBMISSION.withFrom(null), "from is required");
        assertInvalid(SUBMISSION.withFrom("noreply"), "from is not an e-mail address");
        assertInvalid(SUBMISSION.withFrom("a@b.org, c@d.org"), "from is not an e-mail address");
        assertInvalid(SUBMISSION.withTls("ssl"), "tls must be starttls, smtps or none, not 'ssl'");
        assertInvalid(SUBMISSION.withTimeouts(0, 30), "connectTimeoutSeconds must be at least 1");
        assertInvalid(SUBMISSION.withTimeouts(10, 0), "readTimeoutSeconds must be at least 1");
        assertInvalid(SUBMISSION.withLogin("", "secret"), ".password is set but username is empty");
        assertInvalid(SUBMISSION.withLogin("mailer", ""), "username is set but there is no password");
    }

    @Test
    void aSenderMayHaveADisplayName() {
        SmtpSettings settings = settings(SUBMISSION.withFrom("Porchlight Springfield <noreply@springfield.example>"));

        assertThat(settings.from().getPersonal()).isEqualTo("Porchlight Springfield");
        assertThat(settings.fromDomain()).isEqualTo("springfield.example");
    }

    @Test
    void theConfiguredPasswordWinsOverTheEnvironment() {
        Map<String, String> environment = Map.of(SmtpConfiguration.PASSWORD_VARIABLE, "from the environment");

        assertThat(SmtpSettings.of(SUBMISSION.withLogin("mailer", "configured"), environment::get).password())
                .isEqualTo("configured");
        assertThat(SmtpSettings.of(SUBMISSION.withLogin("mailer", ""), environment::get).password())
                .isEqualTo("from the environment");
    }

    @Test
    void thePasswordIsNeverShown() {
        SmtpSettings settings = settings(SUBMISSION.withLogin("mailer", "hunter2hunter2"));

        assertThat(settings.toString()).contains("smtp.example.org:587", "with sign-in").doesNotContain("hunter2");
        assertThat(settings.sessionProperties(null).toString()).doesNotContain("hunter2");
    }

    private static void assertInvalid(TestConfiguration config, String problem) {
        assertThatThrownBy(() -> settings(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Configuration org.porchlight.mail.smtp: " + problem);
    }
}
