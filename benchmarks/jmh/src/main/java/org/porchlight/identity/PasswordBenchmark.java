package org.porchlight.identity;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of checking a password with the default Argon2id parameters (19 MiB, 2 passes): one sign-in. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordBenchmark {

    private PasswordHasher hasher;
    private String hash;

    @Setup
    public void setUp() {
        hasher = new PasswordHasher(19456, 2);
        hash = hasher.hash("a resident's long passphrase");
    }

    @Benchmark
    public boolean check() {
        return hasher.matches("a resident's long passphrase", hash);
    }
}
