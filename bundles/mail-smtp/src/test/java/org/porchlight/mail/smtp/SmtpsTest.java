package org.porchlight.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.mail.MailException;
import org.porchlight.api.mail.MailMessage;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Implicit TLS against GreenMail's SMTPS, with a certificate made for 127.0.0.1 only, so that the
 * host name check runs as in production. (GreenMail's SMTP has no STARTTLS; SmtpMailerTest covers
 * that STARTTLS is insisted on.)
 */
class SmtpsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path folder;

    private static GreenMail greenMail;
    private static SSLSocketFactory trustingTheServer;

    @BeforeAll
    static void startServerWithItsOwnCertificate() throws Exception {
        Path keystore = folder.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        // GreenMail reads these once per JVM; only this class uses its TLS servers.
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keystore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, PASSWORD);
        greenMail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        greenMail.start();

        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("smtp");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtp", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        trustingTheServer = tls.getSocketFactory();
    }

    @AfterAll
    static void stopServer() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    private static TestConfiguration smtps() {
        return TestConfiguration.loopback(greenMail.getSmtps().getPort()).withTls("smtps");
    }

    @Test
    void deliversOverImplicitTlsToAServerWhoseCertificateIsTrusted() throws Exception {
        new SmtpMailer(smtps(), name -> null, trustingTheServer)
                .send(new MailMessage("owner@residents.example", "Über TLS", "Grüße"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Über TLS");
    }

    @Test
    void refusesAServerCertificateTheJvmDoesNotTrust() {
        SmtpMailer mailer = new SmtpMailer(smtps(), name -> null, null);

        MailException e = catchThrowableOfType(MailException.class,
                () -> mailer.send(new MailMessage("owner@residents.example", "Code", "731905")));

        assertThat(e).hasMessageStartingWith("TLS with the mail server at 127.0.0.1:" + greenMail.getSmtps().getPort() + " failed");
        assertThat(e.getMessage()).doesNotContain("owner@", "731905");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesACertificateMadeForAnotherHostName() throws Exception {
        Assumptions.assumeTrue(InetAddress.getByName("localhost").getHostAddress().equals("127.0.0.1"),
                "localhost is 127.0.0.1 here");
        // The same server, trusted, but reached as "localhost", a name its certificate does not carry.
        SmtpMailer mailer = new SmtpMailer(smtps().withHost("localhost"), name -> null, trustingTheServer);

        MailException e = catchThrowableOfType(MailException.class,
                () -> mailer.send(new MailMessage("owner@residents.example", "Code", "731905")));

        assertThat(e).hasMessageStartingWith("TLS with the mail server at localhost:").hasMessageContaining("localhost found");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
