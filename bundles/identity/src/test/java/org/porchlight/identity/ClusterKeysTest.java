package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.health.HealthCheck.Result;
import org.porchlight.api.health.HealthCheck.Status;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * Nodes on one database check that they have the keys of the node that started first: the same
 * pseudonym key and the signing key file the cluster signs with, also after a rotation.
 */
class ClusterKeysTest {

    @TempDir
    Path folder;

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final AccountSecurity accounts = new AccountSecurity(database,
            TestConfiguration.of(IdentityConfiguration.class, Map.of()));

    private Tokens tokens(String keyFile) {
        return new Tokens(new SigningKeys(folder.resolve(keyFile), Clock.systemUTC()), Duration.ofMinutes(10), accounts);
    }

    private static String pseudonymKey(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new PseudonymGenerator(key).fingerprint();
    }

    private ClusterKeys node(Tokens tokens, String pseudonymFingerprint) {
        return new ClusterKeys(database, tokens, pseudonymFingerprint, Clock.systemUTC());
    }

    @Test
    void nodesWithTheSameKeysAreUp() {
        Tokens shared = tokens("shared.jwks");
        assertThat(node(shared, pseudonymKey(1)).check().status()).isEqualTo(Status.UP);
        Result second = node(tokens("shared.jwks"), pseudonymKey(1)).check();
        assertThat(second.status()).isEqualTo(Status.UP);
        assertThat(second.details()).containsEntry("signingKey", shared.signingFingerprint().split(" ")[0]);
    }

    @Test
    void aNodeWithAnotherPseudonymKeyIsDownAndSaysWhichSetting() {
        node(tokens("shared.jwks"), pseudonymKey(1));
        Result other = node(tokens("shared.jwks"), pseudonymKey(2)).check();
        assertThat(other.status()).isEqualTo(Status.DOWN);
        assertThat(other.details().get("reason").toString()).contains("pseudonym key", "pseudonymKeyFile");
        assertThat(node(tokens("shared.jwks"), pseudonymKey(1)).check().status()).as("the first node's key stands")
                .isEqualTo(Status.UP);
    }

    @Test
    void aNodeWithItsOwnSigningKeysIsDownAndSaysWhichSetting() {
        node(tokens("shared.jwks"), pseudonymKey(1));
        Result own = node(tokens("own.jwks"), pseudonymKey(1)).check();
        assertThat(own.status()).isEqualTo(Status.DOWN);
        assertThat(own.details().get("reason").toString()).contains("signing keys", "signingKeysFile");
    }

    @Test
    void aRotationIsRecordedAndNodesSharingTheKeyFileStayUp() throws Exception {
        Tokens a = tokens("shared.jwks");
        Tokens b = tokens("shared.jwks");
        ClusterKeys nodeB = node(b, pseudonymKey(1));
        ClusterKeys loner = node(tokens("own.jwks"), pseudonymKey(1));

        new KeyRotations(database, a, Duration.ofMinutes(10), Clock.systemUTC()).rotate();

        assertThat(nodeB.check().status()).as("reads the rotated key from the shared file").isEqualTo(Status.UP);
        assertThat(nodeB.check().details()).containsEntry("signingKey", a.signingFingerprint().split(" ")[0]);
        assertThat(loner.check().status()).isEqualTo(Status.DOWN);
    }

    @Test
    void aKeyFileEditedByHandWithTheOldKeyKeptMovesTheRecordToTheNewKey() throws Exception {
        Path file = folder.resolve("shared.jwks");
        ClusterKeys nodeA = node(tokens("shared.jwks"), pseudonymKey(1));
        String before = tokens("shared.jwks").signingFingerprint();
        // An operator's edit: a new signing key first, the old one kept to verify (what a rotation writes).
        new SigningKeys(file, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))).rotate(Duration.ofMinutes(11));
        ClusterKeys nodeB = node(tokens("shared.jwks"), pseudonymKey(1));

        assertThat(nodeB.check().status()).isEqualTo(Status.UP);
        String after = tokens("shared.jwks").signingFingerprint();
        assertThat(after).isNotEqualTo(before);
        assertThat(nodeA.check().details()).as("recorded: a node with only the new key would be up")
                .containsEntry("signingKey", after.split(" ")[0]);
        java.nio.file.Files.writeString(folder.resolve("new-only.jwks"), "{\"keys\":["
                + new SigningKeys(file, Clock.systemUTC()).signingKey().toJSONString() + "]}");
        assertThat(node(tokens("new-only.jwks"), pseudonymKey(1)).check().status()).isEqualTo(Status.UP);
    }

    @Test
    void aForgottenSigningRecordIsRecordedAgainByTheNextCheck() {
        ClusterKeys node = node(tokens("shared.jwks"), pseudonymKey(1));
        database.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM identity.cluster_key WHERE name = 'signing'"));
        assertThat(node.check().status()).isEqualTo(Status.UP);
        assertThat(node(tokens("own.jwks"), pseudonymKey(1)).check().status()).as("recorded again").isEqualTo(Status.DOWN);
    }
}
