package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kvlab.vault.LocalVault;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackOnlyTest {
    @Test
    void vaultAndIdentityEndpointRefuseConnectionsOnOtherAddressesOfThisMachine() throws Exception {
        List<InetAddress> others = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .toList();
        assumeTrue(!others.isEmpty(), "this machine has no non-loopback IPv4 address to try");
        try (LocalVault vault = LocalVault.start()) {
            int identityPort = vault.identityEndpoint().getPort();
            for (InetAddress address : others) {
                // connecting to our own non-loopback address stays on this machine
                for (int port : new int[] {vault.port(), identityPort}) {
                    assertThrows(ConnectException.class, () -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(address, port), 2000);
                        }
                    }, address + ":" + port);
                }
            }
        }
    }
}
