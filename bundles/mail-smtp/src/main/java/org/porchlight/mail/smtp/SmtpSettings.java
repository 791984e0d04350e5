package org.porchlight.mail.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * A checked {@link SmtpConfiguration}. Every problem is reported with the name of the property
 * that has it, since the message ends up in the activation error an operator reads.
 */
record SmtpSettings(String host, int port, InternetAddress from, String username, String password, Tls tls,
        Duration connectTimeout, Duration readTimeout) {

    enum Tls {
        STARTTLS, SMTPS, NONE
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static SmtpSettings of(SmtpConfiguration config, UnaryOperator<String> environment) {
        String host = trimmed(config.host());
        if (host.isEmpty()) {
            throw invalid("host is required");
        }
        if (!host.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw invalid("host must be a host name or an address, without spaces");
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw invalid("port must be between 1 and 65535, not " + config.port());
        }
        InternetAddress from = sender(trimmed(config.from()));
        Tls tls = switch (trimmed(config.tls()).toLowerCase(Locale.ROOT)) {
            case "starttls" -> Tls.STARTTLS;
            case "smtps" -> Tls.SMTPS;
            case "none" -> Tls.NONE;
            default -> throw invalid("tls must be starttls, smtps or none, not '" + config.tls() + "'");
        };
        if (tls == Tls.NONE && !isLoopback(host)) {
            throw invalid("tls = none sends the password and every message in the clear, so it is only allowed for a "
                    + "server on this machine (localhost, 127.0.0.1, ::1), not " + host + "; use starttls or smtps");
        }
        String username = trimmed(config.username());
        String password = config._password() == null ? "" : config._password();
        if (username.isEmpty()) {
            if (!password.isEmpty()) {
                throw invalid(".password is set but username is empty");
            }
        } else if (password.isEmpty()) {
            String fromEnvironment = environment.apply(SmtpConfiguration.PASSWORD_VARIABLE);
            if (fromEnvironment == null || fromEnvironment.isEmpty()) {
                throw invalid("username is set but there is no password: set .password or the environment variable "
                        + SmtpConfiguration.PASSWORD_VARIABLE);
            }
            password = fromEnvironment;
        }
        if (config.connectTimeoutSeconds() < 1) {
            throw invalid("connectTimeoutSeconds must be at least 1, not " + config.connectTimeoutSeconds());
        }
        if (config.readTimeoutSeconds() < 1) {
            throw invalid("readTimeoutSeconds must be at least 1, not " + config.readTimeoutSeconds());
        }
        return new SmtpSettings(host, config.port(), from, username, password, tls,
                Duration.ofSeconds(config.connectTimeoutSeconds()), Duration.ofSeconds(config.readTimeoutSeconds()));
    }

    private static InternetAddress sender(String from) {
        if (from.isEmpty()) {
            throw invalid("from is required");
        }
        try {
            InternetAddress address = new InternetAddress(from, true);
            String bare = address.getAddress();
            if (bare == null || bare.indexOf('@') < 1 || bare.endsWith("@")) {
                throw invalid("from must be a whole address with a domain, e.g. noreply@example.org, not '" + from + "'");
            }
            return address;
        } catch (AddressException e) {
            throw invalid("from is not an e-mail address: '" + from + "'");
        }
    }

    /**
     * Names other than {@code localhost} are not resolved: what a name points at can change after
     * activation, so only what is loopback by its spelling counts.
     */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || h.contains(":")) {
            try {
                // An address literal: parsed, never looked up.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** The Jakarta Mail session properties for protocol {@code smtp}. */
    Properties sessionProperties(SSLSocketFactory sslSockets) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        // Also bounds a server that stops reading in the middle of a message.
        props.setProperty("mail.smtp.writetimeout", Long.toString(readTimeout.toMillis()));
        props.setProperty("mail.smtp.auth", Boolean.toString(!username.isEmpty()));
        switch (tls) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                // Without this, a server (or a man in the middle) that does not offer STARTTLS gets the password in the clear.
                props.setProperty("mail.smtp.starttls.required", "true");
            }
            case SMTPS -> props.setProperty("mail.smtp.ssl.enable", "true");
            case NONE -> props.setProperty("mail.smtp.starttls.enable", "false");
        }
        // Angus 2 checks the certificate's host name by default; say so rather than depend on it.
        props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        if (sslSockets != null) {
            props.put("mail.smtp.ssl.socketFactory", sslSockets);
        }
        // A connection that fails with these settings is not tried again with the JVM's defaults.
        props.setProperty("mail.smtp.socketFactory.fallback", "false");
        return props;
    }

    /** The domain of the sender, for Message-IDs. */
    String fromDomain() {
        String address = from.getAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    String describe() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + describe() + ", tls " + tls.name().toLowerCase(Locale.ROOT) + ", from " + from.getAddress()
                + (username.isEmpty() ? "" : ", with sign-in") + "]";
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("Configuration " + SmtpConfiguration.PID + ": " + problem);
    }
}
