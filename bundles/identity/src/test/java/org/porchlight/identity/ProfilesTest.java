package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** The owner's profile: every wrong field named at once and nothing changed, then a change that sticks. */
class ProfilesTest {

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final Directory directory = new Directory(database, null, TestConfiguration.of(IdentityConfiguration.class,
            Map.of("argon2MemoryKiB", 1024, "argon2Iterations", 1)));
    private final Profiles profiles = new Profiles(database, directory);

    @Test
    void badFieldsAreAllNamedAndNothingChanges() {
        UUID id = directory.signUpResident("ana@residents.example", "a long resident passphrase", "Ana").orElseThrow().id();
        assertThatThrownBy(() -> profiles.update(id, " ", "call me maybe", "fr")).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(Problem.FieldError::field)
                            .containsExactly("displayName", "phone", "language");
                });
        assertThatThrownBy(() -> profiles.update(id, "x".repeat(201), "", "")).isInstanceOf(ProblemException.class);
        assertThat(directory.account(id).orElseThrow().displayName()).isEqualTo("Ana");
    }

    @Test
    void aProfileChangeSticksAndEmptyFieldsClearThePhoneAndLanguage() {
        UUID id = directory.signUpResident("bo@residents.example", "a long resident passphrase", "Bo").orElseThrow().id();
        Account changed = profiles.update(id, " Bo Diaz ", "+1 (816) 555-0100", "es");
        assertThat(changed.displayName()).isEqualTo("Bo Diaz");
        assertThat(changed.phone()).isEqualTo("+1 (816) 555-0100");
        assertThat(changed.language()).isEqualTo("es");
        Account cleared = profiles.update(id, "Bo", "", "");
        assertThat(cleared.phone()).isNull();
        assertThat(cleared.language()).isNull();
        assertThatThrownBy(() -> profiles.update(UUID.randomUUID(), "Nobody", "", ""))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(404));
    }
}
