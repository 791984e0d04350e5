package org.porchlight.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
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
import org.porchlight.api.security.Caller;
import org.porchlight.identity.store.AccountSecurityRows;

import com.nimbusds.jwt.JWTParser;

/**
 * What an access token costs: signing one at sign-in (RS256, 2048-bit key), verifying one the
 * first time a node sees it, and the lookup that serves it after that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmark {

    /** The account stands as the token says; the database read it costs is measured by docs/bench/identity.sh. */
    private static final AccountSecurityRows.State STATE = new AccountSecurityRows.State("ACTIVE", "OFFICER", "KCPD", null);

    private Tokens tokens;
    private Caller caller;
    private String token;

    @Setup
    public void setUp() throws Exception {
        Path keys = Files.createTempDirectory("porchlight-bench").resolve("token-signing.jwks");
        tokens = new Tokens(new SigningKeys(keys, Clock.systemUTC()), Duration.ofMinutes(10), id -> Optional.of(STATE));
        caller = new Caller(UUID.randomUUID(), "OFFICER", "KCPD", Caller.Credential.TOKEN, null);
        token = tokens.issue(caller);
    }

    @Benchmark
    public String issue() {
        return tokens.issue(caller);
    }

    @Benchmark
    public Object verifyFirstSight() throws Exception {
        return tokens.verify(JWTParser.parse(token));
    }

    @Benchmark
    public Object verifySeenBefore() throws Exception {
        return tokens.authenticate(token);
    }
}
