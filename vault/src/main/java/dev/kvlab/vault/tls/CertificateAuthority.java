package dev.kvlab.vault.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
/**
 * The local vault's own certificate authority. Clients trust its certificate (the PEM the vault prints); the
 * HTTPS server presents a certificate it signs for the vault host names.
 *
 * <p>Keys are EC P-256 from the JDK (RSA key generation alone would take longer than the whole start target),
 * certificates are written with {@link Der} and signed by the JDK. Validity uses the real clock, not the vault
 * clock: clients check certificates against their own time.
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
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] name = name("kvlab local vault CA " + Long.toHexString(RANDOM.nextLong() >>> 16));
        byte[] keyId = keyIdentifier(keys.getPublic());
        byte[] extensions = Der.concat(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
                // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000011x, the last bit unused
                extension(KEY_USAGE, true, Der.bitString(new byte[] {0x06}, 1)),
                extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyId)));
        byte[] certificate = sign(name, name, now.minusDays(1), now.plusYears(10), keys.getPublic(), extensions,
                keys.getPrivate());
        return new CertificateAuthority(keys, Pem.readCertificateDer(certificate));
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
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        List<byte[]> names = new ArrayList<>();
        names.add(dnsName("localhost"));
        names.add(dnsName("*.localhost"));
        for (String vault : vaultNames) {
            names.add(dnsName(vault + ".localhost"));
        }
        names.add(Der.tagged(7, false, new byte[] {127, 0, 0, 1}));
        byte[] ipv6Loopback = new byte[16];
        ipv6Loopback[15] = 1;
        names.add(Der.tagged(7, false, ipv6Loopback));
        byte[] extensions = Der.concat(
                extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                // digitalSignature (bit 0): 0b1xxxxxxx, seven bits unused
                extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x80}, 7)),
                extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
                extension(SUBJECT_ALT_NAME, false, Der.sequence(names.toArray(byte[][]::new))),
                extension(AUTHORITY_KEY_IDENTIFIER, false,
                        Der.sequence(Der.tagged(0, false, keyIdentifier(certificate.getPublicKey())))));
        byte[] issuer = certificate.getSubjectX500Principal().getEncoded();
        byte[] der = sign(issuer, name("localhost"), now.minusDays(1), now.plusYears(1), serverKeys.getPublic(),
                extensions, keys.getPrivate());
        return new ServerCertificate(serverKeys, Pem.readCertificateDer(der), certificate);
    }

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    /** An X.509 v3 certificate (RFC 5280 section 4.1), signed with ECDSA over SHA-256. */
    private static byte[] sign(byte[] issuer, byte[] subject, ZonedDateTime notBefore, ZonedDateTime notAfter,
                               PublicKey publicKey, byte[] extensions, PrivateKey signer) {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] tbs = Der.sequence(
                Der.tagged(0, true, Der.integer(BigInteger.TWO)),
                Der.integer(serial()),
                algorithm,
                issuer,
                Der.sequence(Der.utcTime(notBefore), Der.utcTime(notAfter)),
                subject,
                publicKey.getEncoded(),
                Der.tagged(3, true, Der.sequence(extensions)));
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer);
            signature.update(tbs);
            return Der.sequence(tbs, algorithm, Der.bitString(signature.sign(), 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] dnsName(String name) {
        return Der.tagged(2, false, name.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** RFC 5280's method 1: SHA-1 of the public key bits (the key is the last 65 bytes of a P-256 key's DER). */
    private static byte[] keyIdentifier(PublicKey key) {
        try {
            byte[] encoded = key.getEncoded();
            return MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(encoded, encoded.length - 65, encoded.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
