package org.porchlight.itests.support;

import java.util.Hashtable;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A test mail server (GreenMail) on this machine, and the mail-smtp bundle's configuration
 * ({@code org.porchlight.mail.smtp}) for it. The test installs the GreenMail bundle
 * ({@code mavenBundle("com.icegreen", "greenmail", ...)}) and stops the server when done.
 */
public final class MailSettings {

    private MailSettings() {
    }

    /** A GreenMail SMTP server on 127.0.0.1:{@code port} (e.g. {@link Distribution#freePort()}), started. */
    public static GreenMail startSmtp(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /** Plain SMTP to 127.0.0.1:{@code port}, from a test address. */
    public static Hashtable<String, Object> smtp(int port) {
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("from", "porchlight@itest.example");
        settings.put("tls", "none");
        return settings;
    }
}
