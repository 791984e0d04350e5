package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The platform's trusted signers: PEM certificates in {@code <trust folder>/vendor/} and
 * {@code <trust folder>/agency/}. The sub-folder is the provenance of what they sign, the file
 * name the publisher. A certificate may be a signer's own (pinned) or a CA that issued it.
 * Read afresh on every check, so that adding or removing a file takes effect at once.
 */
final class TrustStore {

    /** Who a trusted certificate speaks for. */
    record Publisher(Provenance provenance, String name, X509Certificate certificate) {
    }

    private final Path folder;

    TrustStore(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    List<Publisher> publishers() throws IOException {
        List<Publisher> publishers = new ArrayList<>();
        for (Provenance provenance : List.of(Provenance.VENDOR, Provenance.AGENCY)) {
            Path dir = folder.resolve(provenance.name().toLowerCase(Locale.ROOT));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(TrustStore::isCertificate).sorted().toList()) {
                    String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    for (X509Certificate certificate : read(file)) {
                        publishers.add(new Publisher(provenance, name, certificate));
                    }
                }
            }
        }
        return publishers;
    }

    /**
     * The publisher whose certificate is {@code path}'s signer or the CA that issued it, checked
     * with PKIX (signatures and validity now; certificates in the path that the signer chose to
     * include prove nothing by themselves).
     */
    Optional<Publisher> trusting(CertPath path) throws IOException {
        List<Publisher> publishers = publishers();
        List<? extends Certificate> chain = path.getCertificates();
        if (chain.isEmpty() || publishers.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate signer = (X509Certificate) chain.get(0);
        for (Publisher publisher : publishers) {
            if (publisher.certificate().equals(signer)) {
                return valid(signer) ? Optional.of(publisher) : Optional.empty();
            }
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            publishers.forEach(p -> anchors.add(new TrustAnchor(p.certificate(), null)));
            // PKIX wants the path without its anchor: cut it where a trusted certificate begins.
            List<Certificate> untrusted = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (publishers.stream().anyMatch(p -> p.certificate().equals(certificate))) {
                    break;
                }
                untrusted.add(certificate);
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPath candidate = CertificateFactory.getInstance("X.509").generateCertPath(untrusted);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(candidate, parameters);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            return publishers.stream().filter(p -> p.certificate().equals(anchor)).findFirst();
        } catch (CertPathValidatorException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IOException("the trust store could not be used: " + e.getMessage(), e);
        }
    }

    private static boolean valid(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static boolean isCertificate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer"));
    }

    private static List<X509Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException("trust store file " + file.getFileName() + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
