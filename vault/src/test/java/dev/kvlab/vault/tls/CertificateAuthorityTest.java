package dev.kvlab.vault.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written DER must give certificates the JDK reads as intended (TLS tests show clients accept them). */
class CertificateAuthorityTest {
    private final CertificateAuthority authority = CertificateAuthority.generate();

    @Test
    void authorityIsASelfSignedCaWithAnEcKey() throws Exception {
        X509Certificate ca = authority.certificate();
        assertEquals(0, ca.getBasicConstraints(), "a CA whose path length is 0");
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        assertEquals("EC", ca.getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", ca.getSigAlgName());
        ca.verify(ca.getPublicKey());
        ca.checkValidity(new Date());
    }

    @Test
    void serverCertificateNamesEveryVaultHostAndLoopbackAddress() throws Exception {
        X509Certificate server = authority.issueServerCertificate(List.of("kvlab", "other")).certificate();
        Set<String> names = server.getSubjectAlternativeNames().stream()
                .map(name -> name.get(1).toString()).collect(Collectors.toSet());
        assertEquals(Set.of("localhost", "*.localhost", "kvlab.localhost", "other.localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"),
                names);
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        assertEquals(authority.certificate().getSubjectX500Principal(), server.getIssuerX500Principal());
        server.verify(authority.certificate().getPublicKey());
        server.checkValidity(new Date());
    }

    @Test
    void pemRoundTrips() throws Exception {
        X509Certificate read = Pem.readCertificate(authority.certificatePem());
        assertArrayEquals(authority.certificate().getEncoded(), read.getEncoded());
        assertTrue(authority.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    }

    @Test
    void dataFolderKeepsTheKeyPrivate(@TempDir Path dir) throws Exception {
        CertificateAuthority kept = CertificateAuthority.loadOrCreate(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(CertificateAuthority.KEY_FILE))));
        assertEquals(kept.certificatePem(), CertificateAuthority.loadOrCreate(dir).certificatePem());
    }
}
