package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.porchlight.api.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's trusted signers: PEM certificates in {@code <trust folder>/vendor/} and
 * {@code <trust folder>/agency/}. The sub-folder is the provenance of what they sign. A vendor's
 * file name is the publisher; an agency's key is trusted for that one agency, named by the file
 * ({@code agency/KCPD.pem}) or a folder of its certificates ({@code agency/KCPD/*.pem}), and what
 * it signs is that agency's own bundle. A certificate may be a signer's own (pinned) or a CA that
 * issued it. Read afresh on every check, so that adding or removing a file takes effect at once.
 */
final class TrustStore {

    private static final Logger LOG = LoggerFactory.getLogger(TrustStore.class);
    private static final Pattern AGENCY_CODE = Pattern.compile(Roles.AGENCY_CODE_PATTERN);

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
                for (Path file : files.sorted().toList()) {
                    if (isCertificate(file)) {
                        add(publishers, provenance, file.getFileName().toString().replaceFirst("\\.[^.]+$", ""), file);
                    } else if (provenance == Provenance.AGENCY && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        try (Stream<Path> inside = Files.list(file)) {
                            for (Path certificate : inside.filter(TrustStore::isCertificate).sorted().toList()) {
                                add(publishers, provenance, file.getFileName().toString(), certificate);
                            }
                        }
                    }
                }
            }
        }
        return publishers;
    }

    /** The agency code an agency's certificate is trusted for, from its name; empty if the name is no agency code. */
    static Optional<String> agencyCode(String name) {
        return AGENCY_CODE.matcher(name).matches() ? Optional.of(name.toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    private static void add(List<Publisher> publishers, Provenance provenance, String name, Path file) throws IOException {
        String publisher = name;
        if (provenance == Provenance.AGENCY) {
            Optional<String> code = agencyCode(name);
            if (code.isEmpty()) {
                LOG.warn("Trust store: {} is not named by an agency code ({}); its key is trusted for no agency",
                        file.getFileName(), Roles.AGENCY_CODE_PATTERN);
                return;
            }
            publisher = code.get();
        }
        for (X509Certificate certificate : read(file)) {
            publishers.add(new Publisher(provenance, publisher, certificate));
        }
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
        if (publishers.stream().anyMatch(p -> p.certificate().equals(signer))) {
            return valid(signer) ? only(publishers, signer) : Optional.empty();
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
            return only(publishers, result.getTrustAnchor().getTrustedCert());
        } catch (CertPathValidatorException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IOException("the trust store could not be used: " + e.getMessage(), e);
        }
    }

    /**
     * The one publisher a certificate speaks for. A certificate filed for two (two agencies, or an
     * agency and a vendor) speaks for none: what it signs could otherwise act for either.
     */
    private static Optional<Publisher> only(List<Publisher> publishers, X509Certificate certificate) {
        List<Publisher> named = publishers.stream().filter(p -> p.certificate().equals(certificate)).toList();
        if (named.stream().map(p -> p.provenance() + "/" + p.name()).distinct().count() > 1) {
            LOG.warn("Trust store: one certificate is filed for {}; it is trusted for none of them",
                    named.stream().map(p -> p.provenance().name().toLowerCase(Locale.ROOT) + "/" + p.name()).distinct().toList());
            return Optional.empty();
        }
        return named.stream().findFirst();
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
