package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Installing and swapping modules, decided without OSGi: what runs after a failure, and what is kept for a rollback. */
class ModuleChangesTest {

    private static final ModuleManager.Source SHELL = ModuleManager.Source.SHELL;

    @TempDir
    Path folder;

    private final FakeFramework framework = new FakeFramework();

    @Test
    void aSuccessfulUpdateRunsTheNewVersionAndKeepsTheOneItReplacedForARollback() throws Exception {
        long id = framework.running("v1");
        changes().swap(id, "org.example.plugin", "1.0.0", file("running", "v1"), file("new", "v2"), SHELL);
        assertThat(framework.bundles.get(id).content).isEqualTo("v2");
        assertThat(framework.state(id)).isEqualTo(Bundle.ACTIVE);
        assertThat(Files.readString(history().resolve("previous.jar"))).isEqualTo("v1");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anUpdateThatDoesNotResolvePutsTheRunningVersionBackAndSaysWhichKeepsRunning() throws Exception {
        long id = framework.running("v1");
        assertThatThrownBy(() -> changes().swap(id, "org.example.plugin", "1.0.0", file("running", "v1"),
                file("new", "unresolvable"), SHELL)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContainingAll("it does not start: Unable to resolve unresolvable", "version 1.0.0 keeps running");
        assertThat(framework.bundles.get(id).content).isEqualTo("v1");
        assertThat(framework.state(id)).isEqualTo(Bundle.ACTIVE);
        assertThat(history().resolve("previous.jar")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anUpdateWhoseComponentFailsToActivateIsRolledBackToo() throws Exception {
        long id = framework.running("v1");
        assertThatThrownBy(() -> changes().swap(id, "org.example.plugin", "1.0.0", file("running", "v1"), file("new", "failing"),
                SHELL)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("no licence key; version 1.0.0 keeps running");
        assertThat(framework.bundles.get(id).content).isEqualTo("v1");
        assertThat(framework.calls).containsSubsequence("update failing", "update v1");
    }

    @Test
    void anUpdateTheFrameworkRefusesLeavesTheRunningVersionRunning() throws Exception {
        long id = framework.running("v1");
        assertThatThrownBy(() -> changes().swap(id, "org.example.plugin", "1.0.0", file("running", "v1"), file("new", "refused"),
                SHELL)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("the framework refused the bundle: Bundle-ManifestVersion is not valid");
        assertThat(framework.bundles.get(id).content).isEqualTo("v1");
        assertThat(framework.state(id)).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void aStoppedModuleIsUpdatedWithoutBeingStartedAndItsComponentsAreNotJudged() throws Exception {
        long id = framework.running("v1");
        framework.bundles.get(id).state = Bundle.RESOLVED;
        changes().swap(id, "org.example.plugin", "1.0.0", file("running", "v1"), file("new", "failing"), SHELL);
        assertThat(framework.bundles.get(id).content).isEqualTo("failing");
        assertThat(framework.calls).noneMatch(call -> call.startsWith("start"));
    }

    @Test
    void whenTheRunningVersionCannotBePutBackTheRefusalStillGivesTheUpdatesReason() throws Exception {
        long id = framework.running("v1");
        framework.neverStarts = "v1";
        assertThatThrownBy(() -> changes().swap(id, "org.example.plugin", "1.0.0", file("running", "v1"),
                file("new", "unresolvable"), SHELL)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("Unable to resolve unresolvable");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aNewModuleThatDoesNotStartOrWhoseComponentFailsLeavesNothingInstalled() throws Exception {
        for (String content : new String[] {"unresolvable", "failing"}) {
            assertThatThrownBy(() -> changes().install("org.example.plugin", file("new", content), SHELL, id -> { }))
                    .isInstanceOf(ModuleRefusedException.class);
            assertThat(framework.bundles).isEmpty();
            assertThat(framework.calls).contains("uninstall " + content);
        }
        assertThatThrownBy(() -> changes().install("org.example.plugin", file("new", "refused"), SHELL, id -> { }))
                .isInstanceOf(ModuleRefusedException.class).hasMessageContaining("the framework refused the bundle");
        assertThat(framework.bundles).isEmpty();
    }

    @Test
    void aNewModuleThatStartsIsLeftRunningAndIsKnownBeforeItStarts() throws Exception {
        List<Integer> statesWhenKnown = new ArrayList<>();
        long id = changes().install("org.example.plugin", file("new", "v1"), SHELL, known -> statesWhenKnown.add(framework.state(known)));
        assertThat(framework.state(id)).isEqualTo(Bundle.ACTIVE);
        assertThat(statesWhenKnown).as("told of the new bundle before it starts (its services would be scoped by it)")
                .containsExactly(Bundle.INSTALLED);
        changes().remove(id, SHELL);
        assertThat(framework.bundles).isEmpty();
        assertThat(framework.calls).endsWith("uninstall v1", "refresh");
    }

    private ModuleChanges changes() {
        return new ModuleChanges(framework, folder.resolve("history"));
    }

    private Path history() {
        return folder.resolve("history").resolve("org.example.plugin");
    }

    /** Copies of the running version left in the history folder besides previous.jar. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(history())) {
            return files.filter(f -> !f.getFileName().toString().equals("previous.jar")).toList();
        }
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(Files.createTempFile(folder, name, ".jar"), content);
    }
}
