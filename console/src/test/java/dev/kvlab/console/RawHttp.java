package dev.kvlab.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP as an attacker's page or tool would send it, byte for byte: any Host, any Origin, any body. */
final class RawHttp {
    private RawHttp() {
    }

    /** A response: its status and the whole text (head and body). */
    record Reply(int status, String text) {
        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    /** Sends {@code request} as it is to 127.0.0.1:{@code port} and reads the reply until the console closes. */
    static Reply send(int port, String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Reply(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of {@code path} under the {@code host} given. */
    static Reply get(int port, String host, String path) {
        return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    /** A form POST of {@code body} with the extra header lines given (each ending in CRLF). */
    static Reply post(int port, String host, String path, String headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(port, "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body);
    }
}
