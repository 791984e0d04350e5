package org.porchlight.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.health.HealthCheck;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.ClusterKeyRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cluster-keys} in {@code /api/health}: whether this node has the keys the installation's
 * other nodes have. A node with its own pseudonym key would give residents other pseudonyms than
 * the rest of the cluster; one with its own signing keys would refuse every other node's tokens,
 * and they its. The first node records fingerprints of both in the database, which reveal nothing
 * of the keys; a node whose keys differ is down (critical), so a load balancer that probes health
 * sends it nothing, and says which key and which setting to fix. A key rotation records the new
 * signing key, and the other nodes, which share the key file, find it there; so does a check on a
 * node that signs with a newer key while it still has the recorded one (a hand-edited key file).
 */
@Component
public class ClusterKeys implements HealthCheck {

    static final String PSEUDONYM = "pseudonym";
    static final String SIGNING = "signing";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterKeys.class);

    private final Database database;
    private final Tokens tokens;
    private final String pseudonym;
    private final Clock clock;

    @Activate
    public ClusterKeys(@Reference Database database, @Reference Tokens tokens, @Reference PseudonymGenerator pseudonyms) {
        this(database, tokens, pseudonyms.fingerprint(), Clock.systemUTC());
    }

    ClusterKeys(Database database, Tokens tokens, String pseudonym, Clock clock) {
        this.database = database;
        this.tokens = tokens;
        this.pseudonym = pseudonym;
        this.clock = clock;
        String signing = tokens.signingFingerprint();
        // Two nodes starting at once on an empty database both try to be first: the loser reads the winner's.
        for (int attempt = 0; ; attempt++) {
            try {
                database.inTransaction(c -> {
                    ClusterKeyRows.recordFirst(c, PSEUDONYM, pseudonym, clock.instant());
                    return ClusterKeyRows.recordFirst(c, SIGNING, signing, clock.instant());
                });
                break;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
        Result result = check();
        if (result.status() != Status.UP) {
            LOG.error("This node's keys are not the cluster's: {}", result.details().get("reason"));
        }
    }

    @Override
    public String name() {
        return "cluster-keys";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Result check() {
        try {
            Map<String, String> recorded = database.withConnection(c -> {
                Map<String, String> rows = new LinkedHashMap<>();
                ClusterKeyRows.find(c, PSEUDONYM).ifPresent(fp -> rows.put(PSEUDONYM, fp));
                ClusterKeyRows.find(c, SIGNING).ifPresent(fp -> rows.put(SIGNING, fp));
                return rows;
            });
            if (recorded.containsKey(PSEUDONYM) && !recorded.get(PSEUDONYM).equals(pseudonym)) {
                return Result.down("this node's pseudonym key differs from the one the cluster's first node recorded: give every "
                        + "node the same key (pseudonymKeyFile in etc/org.porchlight.identity.cfg)");
            }
            if (recorded.containsKey(SIGNING) && !tokens.verifiesWith(recorded.get(SIGNING))) {
                return Result.down("this node's token signing keys lack the key the cluster signs with (" + recorded.get(SIGNING)
                        .split(" ")[0] + "): give every node the same key file (signingKeysFile in etc/org.porchlight.identity.cfg)");
            }
            String mine = tokens.signingFingerprint();
            if (!recorded.containsKey(SIGNING) || mine.compareTo(recorded.get(SIGNING)) > 0) {
                // Signs with a newer key (ids begin with their time) and still has the recorded one:
                // the shared file was edited by hand; the record follows, before the old key expires.
                // Or the operator forgot the record after replacing every node's file.
                database.inTransaction(c -> {
                    ClusterKeyRows.replace(c, SIGNING, mine, clock.instant());
                    return null;
                });
            }
            return Result.up(Map.of("signingKey", mine.split(" ")[0]));
        } catch (RuntimeException e) {
            return Result.down("the recorded key fingerprints cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
