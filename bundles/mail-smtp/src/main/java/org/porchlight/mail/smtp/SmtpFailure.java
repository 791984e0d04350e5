package org.porchlight.mail.smtp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.porchlight.api.mail.MailException;

/**
 * Turns what Jakarta Mail threw into a {@link MailException} that says what failed: connecting,
 * TLS, signing in, or the server refusing the recipient or the message.
 *
 * <p>The server's replies are left out: they often quote the recipient's address, and a
 * {@link SendFailedException} carries it. Only network and TLS errors, which name nothing but the
 * configured server, are kept as the cause.
 */
final class SmtpFailure {

    private SmtpFailure() {
    }

    static MailException describe(MessagingException e, SmtpSettings settings) {
        // The same words mid-sentence and at its start.
        String server = "the mail server at " + settings.describe();
        String leading = "The mail server at " + settings.describe();
        List<Throwable> chain = chain(e);

        if (e instanceof SmtpMailer.UnusableRecipient) {
            return new MailException(e.getMessage(), null);
        }
        AuthenticationFailedException auth = find(chain, AuthenticationFailedException.class);
        if (auth != null) {
            int reply = replyCode(auth.getMessage());
            // Without a reply code the words are Angus' own, e.g. that no sign-in method is common to both sides.
            return new MailException(reply > 0 ? leading + " refused the user name or password" + code(reply)
                    : "Could not sign in to " + server + ": " + auth.getMessage(), null);
        }
        SMTPAddressFailedException recipient = find(chain, SMTPAddressFailedException.class);
        if (recipient != null) {
            return new MailException(leading + " rejected the recipient" + code(recipient.getReturnCode()), null);
        }
        SMTPSendFailedException refused = find(chain, SMTPSendFailedException.class);
        if (refused != null) {
            String hint = refused.getReturnCode() == 530 ? "; it wants a sign-in: set username" : "";
            return new MailException(leading + " rejected the message" + code(refused.getReturnCode()) + hint, null);
        }
        if (find(chain, SendFailedException.class) != null) {
            return new MailException(leading + " rejected the message", null);
        }
        SSLException tls = find(chain, SSLException.class);
        if (tls != null) {
            return new MailException("TLS with " + server + " failed: " + tls.getMessage(), tls);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("STARTTLS is required")) {
            return new MailException(leading + " does not offer STARTTLS (tls = starttls requires it; "
                    + "tls = smtps is for servers that take TLS from the first byte, usually on port 465)", null);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Got bad greeting")) {
            int at = e.getMessage().indexOf("response: ");
            return new MailException(leading + " turned the connection away"
                    + code(at < 0 ? -1 : replyCode(e.getMessage().substring(at + "response: ".length()))), null);
        }
        IOException network = find(chain, IOException.class);
        boolean connecting = find(chain, MailConnectException.class) != null || network instanceof ConnectException
                || network instanceof UnknownHostException || network instanceof NoRouteToHostException
                || e.getMessage() != null && e.getMessage().startsWith("Could not connect");
        if (connecting) {
            return new MailException("Could not connect to " + server + ": " + reason(chain, settings, true), network);
        }
        if (network instanceof SocketTimeoutException) {
            return new MailException(leading + " did not answer within " + settings.readTimeout().toSeconds() + " s", network);
        }
        if (network != null) {
            return new MailException("The connection to " + server + " failed: " + reason(chain, settings, false), network);
        }
        int reply = replyCode(e.getMessage());
        return new MailException("Sending through " + server + " failed" + (reply > 0 ? code(reply) : " (" + e.getClass().getSimpleName() + ")"), null);
    }

    /** The innermost network error, in words; never the server's reply. */
    private static String reason(List<Throwable> chain, SmtpSettings settings, boolean connecting) {
        Throwable innermost = null;
        for (Throwable t : chain) {
            if (t instanceof IOException) {
                innermost = t;
            }
        }
        if (innermost instanceof SocketTimeoutException) {
            return "no answer within " + (connecting ? settings.connectTimeout() : settings.readTimeout()).toSeconds() + " s";
        }
        if (innermost instanceof UnknownHostException) {
            return "unknown host";
        }
        if (innermost == null || innermost.getMessage() == null) {
            return innermost == null ? "unknown reason" : innermost.getClass().getSimpleName();
        }
        return innermost.getMessage().toLowerCase(Locale.ROOT);
    }

    /** The exception, its causes and the exceptions Jakarta Mail chains with setNextException. */
    private static List<Throwable> chain(Throwable first) {
        List<Throwable> chain = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(first));
        while (!todo.isEmpty() && chain.size() < 20) {
            Throwable t = todo.remove(0);
            if (t == null || chain.contains(t)) {
                continue;
            }
            chain.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
        }
        return chain;
    }

    private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The three-digit SMTP reply code a server's answer starts with, or -1. */
    static int replyCode(String reply) {
        if (reply == null || reply.length() < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (!Character.isDigit(reply.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(reply.substring(0, 3));
    }

    private static String code(int reply) {
        if (reply <= 0) {
            return "";
        }
        return " (SMTP " + reply + (reply >= 400 && reply < 500 ? ", temporary: try again later" : "") + ")";
    }
}
