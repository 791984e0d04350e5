package org.porchlight.mail.smtp;

import java.lang.annotation.Annotation;

/** A configuration as Configuration Admin would hand it over, one property changed at a time. */
record TestConfiguration(String host, int port, String from, String username, String _password, String tls,
        int connectTimeoutSeconds, int readTimeoutSeconds) implements SmtpConfiguration {

    static final String FROM = "Porchlight <noreply@porchlight.example>";

    /** A server on this machine without TLS, as the tests start them. */
    static TestConfiguration loopback(int port) {
        return new TestConfiguration("127.0.0.1", port, FROM, "", "", "none", 2, 2);
    }

    TestConfiguration withHost(String value) {
        return new TestConfiguration(value, port, from, username, _password, tls, connectTimeoutSeconds, readTimeoutSeconds);
    }

    TestConfiguration withPort(int value) {
        return new TestConfiguration(host, value, from, username, _password, tls, connectTimeoutSeconds, readTimeoutSeconds);
    }

    TestConfiguration withFrom(String value) {
        return new TestConfiguration(host, port, value, username, _password, tls, connectTimeoutSeconds, readTimeoutSeconds);
    }

    TestConfiguration withLogin(String user, String password) {
        return new TestConfiguration(host, port, from, user, password, tls, connectTimeoutSeconds, readTimeoutSeconds);
    }

    TestConfiguration withTls(String value) {
        return new TestConfiguration(host, port, from, username, _password, value, connectTimeoutSeconds, readTimeoutSeconds);
    }

    TestConfiguration withTimeouts(int connect, int read) {
        return new TestConfiguration(host, port, from, username, _password, tls, connect, read);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SmtpConfiguration.class;
    }
}
