package dev.kvlab.vault.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The one address the local vault listens on. */
public final class Loopback {
    /**
     * 127.0.0.1, spelled out: {@code InetAddress.getLoopbackAddress()} is ::1 when a JVM prefers IPv6, and clients
     * route {@code *.localhost} to 127.0.0.1. Never a wildcard or non-loopback address.
     */
    public static final InetAddress IPV4;

    static {
        try {
            IPV4 = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Loopback() {
    }
}
