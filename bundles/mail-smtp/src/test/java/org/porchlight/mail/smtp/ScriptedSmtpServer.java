package org.porchlight.mail.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * An SMTP server that answers each command line with what a function says (null: say nothing),
 * for failures GreenMail does not produce: a recipient refused with the address quoted back, a
 * server that never answers. One connection at a time.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    /** @param answers from a command line (or "" for the greeting) to the reply lines to send */
    ScriptedSmtpServer(UnaryOperator<String> answers) throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(answers), "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes any sign-in, then refuses every recipient the way real servers do: quoting the address. */
    static ScriptedSmtpServer refusingRecipients() throws IOException {
        return new ScriptedSmtpServer(line -> {
            String command = line.toUpperCase();
            if (line.isEmpty()) {
                return "220 scripted ESMTP";
            } else if (command.startsWith("EHLO")) {
                return "250-scripted\r\n250-AUTH PLAIN\r\n250 8BITMIME";
            } else if (command.startsWith("AUTH")) {
                return command.split(" ").length > 2 ? "235 2.7.0 Authentication successful" : "334 ";
            } else if (line.matches("[A-Za-z0-9+/=]+")) {
                return "235 2.7.0 Authentication successful";
            } else if (command.startsWith("MAIL") || command.startsWith("RSET")) {
                return "250 2.1.0 Ok";
            } else if (command.startsWith("RCPT")) {
                String address = line.substring(line.indexOf('<'));
                return "550 5.1.1 " + address + ": Recipient address rejected: User unknown in virtual mailbox table";
            } else if (command.startsWith("QUIT")) {
                return "221 2.0.0 Bye";
            }
            return "502 5.5.2 Error: command not recognized";
        });
    }

    /** Accepts connections and never says a word. */
    static ScriptedSmtpServer silent() throws IOException {
        return new ScriptedSmtpServer(line -> null);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(UnaryOperator<String> answers) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                String line = "";
                while (line != null) {
                    String reply = answers.apply(line);
                    if (reply != null) {
                        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    if (line.toUpperCase().startsWith("QUIT")) {
                        break;
                    }
                    line = in.readLine();
                }
            } catch (IOException e) {
                // The client went away, or the server is closing.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
