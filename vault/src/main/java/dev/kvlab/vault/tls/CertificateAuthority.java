package dev.kvlab.vault.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local vault's own certificate authority. Clients trust its certificate (the PEM the vault prints); the
 * HTTPS server presents a certificate it signs for the vault host names.
 *
 * <p>Keys are EC P-256 from the JDK (RSA key generation alone would take longer than the whole start target);
 * BouncyCastle only assembles the certificates, its provider is never registered. Validity uses the real clock,
 * not the vault clock: clients check certificates against their own time.
 */
public final class CertificateAuthority {
    static final String CERTIFICATE_FILE = "ca.pem";
    static final String KEY_FILE = "ca-key.pem";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new authority that lives as long as this process. */
    public static CertificateAuthority generate() {
        KeyPair keys = Pem.newEcKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=kvlab local vault CA " + Long.toHexString(RANDOM.nextLong() >>> 16));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CertificateAuthority(keys, sign(builder, keys.getPrivate()));
    }

    /**
     * The authority kept in {@code dir} ({@value #CERTIFICATE_FILE}, {@value #KEY_FILE}), created there on first
     * use, so the PEM path a client was given stays valid across restarts.
     */
    public static CertificateAuthority loadOrCreate(Path dir) {
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(certificateFile) && Files.exists(keyFile)) {
                X509Certificate certificate = Pem.readCertificate(Files.readString(certificateFile));
                PrivateKey key = KeyFactory.getInstance("EC")
                        .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(Files.readString(keyFile))));
                return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), key), certificate);
            }
            CertificateAuthority authority = generate();
            Files.createDirectories(dir);
            writePrivate(keyFile, Pem.encode("PRIVATE KEY", authority.keys.getPrivate().getEncoded()));
            writeAtomically(certificateFile, authority.certificatePem());
            return authority;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the vault's CA in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the CA files in " + dir + " are damaged (" + e.getMessage()
                    + "); delete " + CERTIFICATE_FILE + " and " + KEY_FILE + " to create a new CA", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.encode("CERTIFICATE", Pem.encoded(certificate));
    }

    /**
     * A server certificate for {@code localhost}, {@code *.localhost}, each {@code <vault>.localhost},
     * 127.0.0.1 and ::1. Every vault name is listed besides the wildcard because some clients refuse a wildcard
     * directly under a top-level name.
     */
    public ServerCertificate issueServerCertificate(List<String> vaultNames) {
        KeyPair serverKeys = Pem.newEcKeyPair();
        Instant now = Instant.now();
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.dNSName, "*.localhost"));
        for (String vault : vaultNames) {
            names.add(new GeneralName(GeneralName.dNSName, vault + ".localhost"));
        }
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=localhost"), serverKeys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerCertificate(serverKeys, sign(builder, keys.getPrivate()), certificate);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
