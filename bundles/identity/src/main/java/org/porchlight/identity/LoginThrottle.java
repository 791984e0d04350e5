package org.porchlight.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.ThrottleRows;

/**
 * Throttling of failed sign-ins, shaped so that guessing is slowed but nobody can lock another
 * person out. Failures are counted, in the database so that every node sees them, against three
 * subjects, each with its own allowance and its own longest back-off:
 * <ul>
 * <li><b>the account from one network</b> (e-mail address and client address together): few free
 * failures, then long back-offs; it slows only whoever guesses from there, never the owner signing
 * in from anywhere else;</li>
 * <li><b>the network</b>, across all accounts: a larger allowance (many people share an address),
 * then long back-offs; one address guessing many accounts is stopped;</li>
 * <li><b>the account from everywhere</b>: a large allowance, then short back-offs only, so that
 * guessing spread over many addresses stays slow while the owner waits seconds at most.</li>
 * </ul>
 * A network is an IPv4 address or an IPv6 /64 (one subscriber's share). Beyond its free failures
 * each further one blocks the subject for twice as long as the last (1 s, 2 s, 4 s ...) up to its
 * cap; counts untouched for {@code failureMemoryMinutes} are forgotten. A successful sign-in clears
 * only the count of that account from that network: clearing the network's count would let anyone
 * with an account of their own reset it between guesses. Platform admins are throttled like
 * everybody else.
 */
@Component(service = LoginThrottle.class, configurationPid = IdentityConfiguration.PID)
public class LoginThrottle {

    /** What a count is kept for, with its allowance and longest back-off. */
    record Rule(String kind, int free, Duration max) {
    }

    private final ThrottleRows rows;
    private final Rule pair;
    private final Rule network;
    private final Rule account;
    private final Duration memory;
    /** Rows untouched this long are deleted: the longest window of any count in the table (sign-ups share it). */
    private final Duration housekeeping;
    private final Clock clock;

    @Activate
    public LoginThrottle(@Reference Database database, IdentityConfiguration config) {
        this(new ThrottleRows(database), config, Clock.systemUTC());
    }

    LoginThrottle(ThrottleRows rows, IdentityConfiguration config, Clock clock) {
        this.rows = rows;
        this.pair = new Rule("pair", config.freeLoginFailures(), Duration.ofSeconds(config.maxLoginBackoffSeconds()));
        this.network = new Rule("address", config.freeAddressFailures(), Duration.ofSeconds(config.maxLoginBackoffSeconds()));
        this.account = new Rule("account", config.freeAccountFailures(), Duration.ofSeconds(config.maxAccountBackoffSeconds()));
        this.memory = Duration.ofMinutes(config.failureMemoryMinutes());
        this.housekeeping = housekeeping(config);
        this.clock = clock;
    }

    /** How long a sign-in to {@code email} from {@code address} must still wait, if it is blocked. */
    public Optional<Duration> blocked(String email, String address) {
        Instant now = clock.instant();
        return rows.blockedUntil(subjects(email, address), now).map(until -> Duration.between(now, until));
    }

    /** Counts a failed sign-in against the account from this network, the network, and the account. */
    public void failed(String email, String address) {
        Instant now = clock.instant();
        List<String> subjects = subjects(email, address);
        List<Rule> rules = List.of(pair, network, account);
        rows.fail(subjects, now, now.minus(memory), now.minus(housekeeping), (subject, failures) -> {
            Rule rule = rules.get(subjects.indexOf(subject));
            return backoff(rule, failures).map(now::plus);
        });
    }

    /** Clears the failures of the account from this network: its owner knew the password. */
    public void succeeded(String email, String address) {
        rows.clear(subjects(email, address).get(0));
    }

    /** How long the shared throttle table keeps a row nobody touched: the longest window of sign-ins and sign-ups. */
    static Duration housekeeping(IdentityConfiguration config) {
        return Duration.ofMinutes(Math.max(config.failureMemoryMinutes(), config.signUpWindowMinutes()));
    }

    /** The subjects of a sign-in, in the order pair, network, account. */
    static List<String> subjects(String email, String address) {
        String who = Directory.normalise(email);
        String where = network(address);
        return List.of(Hashes.sha256("pair:" + who + "\n" + where), Hashes.sha256("address:" + where),
                Hashes.sha256("account:" + who));
    }

    /** The network a client address is counted under: the IPv4 address, or the IPv6 /64 it lies in. */
    static String network(String address) {
        String text = address == null ? "" : address.trim();
        if (text.indexOf(':') < 0) {
            return text;
        }
        try {
            // An IPv6 literal (the REST core resolved it), so this never asks DNS.
            byte[] bytes = InetAddress.getByName(text).getAddress();
            return bytes.length == 16 ? "v6:" + HexFormat.of().formatHex(bytes, 0, 8) + "/64" : InetAddress.getByAddress(bytes)
                    .getHostAddress();
        } catch (UnknownHostException e) {
            return text;
        }
    }

    /** The back-off after {@code failures} failures: none within the free ones, then 1 s, 2 s, 4 s ... up to the cap. */
    static Optional<Duration> backoff(Rule rule, int failures) {
        if (failures <= rule.free()) {
            return Optional.empty();
        }
        long seconds = 1L << Math.min(failures - rule.free() - 1, 30);
        return Optional.of(seconds > rule.max().toSeconds() ? rule.max() : Duration.ofSeconds(seconds));
    }
}
