package org.porchlight.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.porchlight.api.mail.MailException;
import org.porchlight.api.mail.MailMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/** Against real SMTP servers: GreenMail, and scripted ones for what GreenMail does not do. */
class SmtpMailerTest {

    private static final String USER = "mailer";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String RECIPIENT = "neighbor.4821@residents.example";
    private static final String CODE_TEXT = "Ihr Bestätigungscode lautet 731905.\nGrüße aus Zürich – 日本語も大丈夫です。";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@porchlight.example", USER, PASSWORD));

    private static TestConfiguration greenMail() {
        return TestConfiguration.loopback(GREENMAIL.getSmtp().getPort());
    }

    private static SmtpMailer mailer(TestConfiguration config) {
        return new SmtpMailer(config, name -> null, null);
    }

    @Test
    void deliversPlainTextInUtf8FromTheConfiguredSenderWithMessageIdAndDate() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        mailer(greenMail()).send(new MailMessage(RECIPIENT, "Ihr Code für Porchlight – bitte bestätigen", CODE_TEXT));

        MimeMessage received = GREENMAIL.getReceivedMessages()[0];
        assertThat(received.getFrom()).containsExactly(new InternetAddress("noreply@porchlight.example", "Porchlight"));
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(RECIPIENT);
        assertThat(received.getSubject()).isEqualTo("Ihr Code für Porchlight – bitte bestätigen");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) received.getContent()).replace("\r\n", "\n")).isEqualTo(CODE_TEXT);
        assertThat(received.getMessageID()).matches("<[0-9a-f-]{36}@porchlight\\.example>");
        assertThat(received.getSentDate().toInstant()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    }

    @Test
    void eachMessageGetsItsOwnMessageId() throws Exception {
        SmtpMailer mailer = mailer(greenMail());
        mailer.send(new MailMessage(RECIPIENT, "one", "1"));
        mailer.send(new MailMessage(RECIPIENT, "two", "2"));

        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isNotEqualTo(received[1].getMessageID());
    }

    @Test
    void signsInWithTheConfiguredUserNameAndPassword() throws Exception {
        mailer(greenMail().withLogin(USER, PASSWORD)).send(new MailMessage(RECIPIENT, "Signed in", "text"));

        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void takesThePasswordFromTheEnvironmentWhenTheConfigurationHasNone() throws Exception {
        SmtpMailer mailer = new SmtpMailer(greenMail().withLogin(USER, ""),
                Map.of(SmtpConfiguration.PASSWORD_VARIABLE, PASSWORD)::get, null);

        mailer.send(new MailMessage(RECIPIENT, "Signed in", "text"));

        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aWrongPasswordFailsAsSignInWithoutTheRecipientOrThePassword() {
        String wrong = "not the password 0451";
        SmtpMailer mailer = mailer(greenMail().withLogin(USER, wrong));

        MailException e = catchThrowableOfType(MailException.class,
                () -> mailer.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)));

        assertThat(e).hasMessageContaining("refused the user name or password").hasMessageContaining("SMTP 535");
        assertThat(everything(e)).doesNotContain(RECIPIENT, wrong, "731905");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedRecipientIsReportedWithoutTheAddressTheServerQuotedBack() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.refusingRecipients()) {
            SmtpMailer mailer = mailer(TestConfiguration.loopback(server.port()).withLogin(USER, PASSWORD));

            MailException e = catchThrowableOfType(MailException.class,
                    () -> mailer.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)));

            assertThat(e).hasMessageContaining("rejected the recipient").hasMessageContaining("SMTP 550");
            assertThat(everything(e)).doesNotContain(RECIPIENT, "neighbor", PASSWORD, "731905");
        }
    }

    @Test
    void neitherTheLogNorTheExceptionHoldTheRecipientTheTextOrThePassword() throws Exception {
        String log;
        try (ScriptedSmtpServer refusing = ScriptedSmtpServer.refusingRecipients()) {
            SmtpMailer failing = mailer(TestConfiguration.loopback(refusing.port()).withLogin(USER, PASSWORD));
            SmtpMailer working = mailer(greenMail().withLogin(USER, PASSWORD));
            log = standardErrorDuring(() -> {
                assertThatThrownBy(() -> failing.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)))
                        .isInstanceOf(MailException.class);
                working.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT));
            });
        }

        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
        assertThat(log).contains("E-mail not sent", "E-mail accepted by");
        assertThat(log).doesNotContain(RECIPIENT, "neighbor", "731905", "Bestätigungscode", PASSWORD);
    }

    @Test
    void aServerThatIsDownFailsAtOnceAsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        SmtpMailer mailer = mailer(TestConfiguration.loopback(port).withTimeouts(10, 10));
        long started = System.nanoTime();

        MailException e = catchThrowableOfType(MailException.class,
                () -> mailer.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)));

        assertThat(e).hasMessageStartingWith("Could not connect to the mail server at 127.0.0.1:" + port)
                .hasMessageContaining("refused");
        assertThat(everything(e)).doesNotContain(RECIPIENT, "731905");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theConnectTimeoutBoundsAServerThatDoesNotAccept() throws Exception {
        // A listening socket whose accept queue is full: Linux drops further connection attempts, as a firewall would.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillAcceptQueue(full);
            try {
                SmtpMailer mailer = mailer(TestConfiguration.loopback(full.getLocalPort()).withTimeouts(1, 30));
                long started = System.nanoTime();

                MailException e = catchThrowableOfType(MailException.class,
                        () -> mailer.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)));

                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(e).hasMessageStartingWith("Could not connect").hasMessageContaining("no answer within 1 s");
                assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void theReadTimeoutBoundsAServerThatNeverAnswers() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.silent()) {
            SmtpMailer mailer = mailer(TestConfiguration.loopback(server.port()).withTimeouts(10, 1));
            long started = System.nanoTime();

            MailException e = catchThrowableOfType(MailException.class,
                    () -> mailer.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)));

            assertThat(e).hasMessage("The mail server at 127.0.0.1:" + server.port() + " did not answer within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
    }

    @Test
    void starttlsRefusesAServerThatDoesNotOfferIt() {
        // GreenMail's SMTP has no STARTTLS: the password must not go out in the clear.
        SmtpMailer mailer = mailer(greenMail().withTls("starttls").withLogin(USER, PASSWORD));

        MailException e = catchThrowableOfType(MailException.class,
                () -> mailer.send(new MailMessage(RECIPIENT, "Code", CODE_TEXT)));

        assertThat(e).hasMessageContaining("does not offer STARTTLS");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    private static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 300);
                queued.add(socket);
            } catch (IOException e) {
                socket.close();
                return queued;
            }
        }
        for (Socket socket : queued) {
            socket.close();
        }
        Assumptions.abort("this system accepts connections beyond the backlog; cannot make a server that does not accept");
        return queued;
    }

    /** The message, the causes and the stack trace, as a log would show them. */
    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** What was logged: slf4j-simple writes to whatever System.err is at the time. */
    private static String standardErrorDuring(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
