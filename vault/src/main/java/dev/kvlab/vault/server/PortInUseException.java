package dev.kvlab.vault.server;

/** The port asked for is taken by another process. */
public final class PortInUseException extends RuntimeException {
    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " on 127.0.0.1 is already in use");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
