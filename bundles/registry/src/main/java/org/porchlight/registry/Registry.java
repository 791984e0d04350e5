package org.porchlight.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.api.registry.CoarseCount;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's rules: which agencies may ask a camera's owner, what an agency may count, how
 * the density map is cut and suppressed, and matching owners for footage requests.
 */
@Component(service = {Registry.class, CameraRegistry.class}, configurationPid = RegistryConfiguration.PID)
@Designate(ocd = RegistryConfiguration.class)
public class Registry implements CameraRegistry {

    static final ProblemType OUTSIDE_JURISDICTION = ProblemType.named("outside-jurisdiction", "Area outside the jurisdiction", 422);
    static final ProblemType AREA_TOO_LARGE = ProblemType.named("area-too-large", "Area too large", 422);
    static final ProblemType AREA_TOO_SMALL = ProblemType.named("area-too-small", "Area too small", 422);
    /** Coarse cells looked at for one area at most: a box of some 30 km by 30 km. */
    private static final int MAX_CELLS_LOOKED = 40_000;
    private static final double SQUARE_METERS_PER_SQUARE_MILE = 2_589_988.11;

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final Registrations registrations;
    private final Claims claims;
    /** Null when configured off: counts and matching then read the database. */
    private final ActiveCameraIndex index;
    private final ScheduledExecutorService indexing;
    private final Agencies agencies;
    private final PublicDensity density;
    private final double maxCountSquareMeters;
    private final int minCountCells;
    private final int countMinimumOwners;
    private final CountAllowance allowance;
    private final int countsPerHour;

    @Activate
    public Registry(@Reference org.porchlight.api.store.Database database, @Reference Agencies agencies,
            RegistryConfiguration config) {
        this.registrations = new Registrations(database, Clock.systemUTC(), config.confirmationMonths(),
                Math.max(1, config.maxActiveRegistrationsPerOwner()));
        this.claims = new Claims(database, Clock.systemUTC());
        this.agencies = agencies;
        this.density = new PublicDensity(new DensityRows(database), registrations::activeSince, Clock.systemUTC(),
                new PublicDensity.Settings(Math.max(3, config.densityMinimum()), Math.max(0.01, config.densityEpsilon()),
                        Math.max(1, config.densityPeriodDays()), config.maxDensityCells()));
        this.maxCountSquareMeters = config.maxCountAreaSquareMiles() * SQUARE_METERS_PER_SQUARE_MILE;
        this.minCountCells = Math.max(1, config.minCountCells());
        this.countMinimumOwners = Math.max(3, config.countMinimumOwners());
        this.countsPerHour = Math.max(1, config.countsPerHour());
        this.allowance = new CountAllowance(countsPerHour, Duration.ofHours(1), Clock.systemUTC());
        if (config.inMemoryIndex()) {
            this.index = new ActiveCameraIndex(database, Clock.systemUTC());
            this.indexing = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "porchlight-registry-index");
                thread.setDaemon(true);
                return thread;
            });
            // Loaded in the background: until then queries read the database.
            indexing.execute(this::loadIndex);
            indexing.scheduleWithFixedDelay(this::refreshIndex, 10, 10, TimeUnit.SECONDS);
            indexing.scheduleWithFixedDelay(this::pruneChanges, 1, 10, TimeUnit.MINUTES);
        } else {
            this.index = null;
            this.indexing = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (indexing != null) {
            indexing.shutdownNow();
        }
    }

    private void loadIndex() {
        try {
            long started = System.nanoTime();
            index.load();
            LOG.info("Registry index of active cameras loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("Registry index could not be loaded; counts and matching read the database", e);
        }
    }

    private void refreshIndex() {
        try {
            if (index.loaded()) {
                index.refresh();
            }
        } catch (RuntimeException e) {
            LOG.warn("Registry index refresh failed; the next query tries again", e);
        }
    }

    private void pruneChanges() {
        try {
            index.prune();
        } catch (RuntimeException e) {
            LOG.warn("Pruning the registry change log failed", e);
        }
    }

    Registrations registrations() {
        return registrations;
    }

    Claims claims() {
        return claims;
    }

    /**
     * The agencies that may ask about a camera: the owner's choice, each an existing agency, or
     * by default every agency whose jurisdiction contains the camera.
     */
    List<String> allowedAgencies(GeoPoint location, List<String> chosen) {
        if (chosen == null) {
            return agencies.all().stream().filter(a -> AreaGeometry.contains(a.jurisdiction(), location))
                    .map(AgencyProfile::code).toList();
        }
        List<String> codes = new ArrayList<>();
        for (String code : chosen) {
            AgencyProfile agency = agencies.find(code).orElseThrow(() -> new ProblemException(Problem.of(ProblemType.VALIDATION,
                    "There is no agency " + code + ".").withErrors(List.of(new Problem.FieldError("agencies", "unknown agency")))));
            if (!codes.contains(agency.code())) {
                codes.add(agency.code());
            }
        }
        return codes;
    }

    /**
     * The agencies that may ask about a camera a source of {@code sourceAgency} supplies: that
     * agency, whose programme the owner joined, and every agency whose jurisdiction contains it.
     * Jurisdictions are prepared once, for the many rows of an import.
     */
    Function<GeoPoint, List<String>> importAgencies(String sourceAgency) {
        Map<String, Predicate<GeoPoint>> jurisdictions = new LinkedHashMap<>();
        for (AgencyProfile agency : agencies.all()) {
            jurisdictions.put(agency.code(), AreaGeometry.containment(agency.jurisdiction()));
        }
        return point -> {
            List<String> codes = new ArrayList<>(List.of(sourceAgency));
            jurisdictions.forEach((code, contains) -> {
                if (!code.equals(sourceAgency) && contains.test(point)) {
                    codes.add(code);
                }
            });
            return codes;
        };
    }

    @Override
    public long countIn(Area area, String agencyCode) {
        if (indexReady()) {
            return index.count(area, agencyCode.toUpperCase(Locale.ROOT), registrations.activeSince());
        }
        return matching(area, agencyCode).size();
    }

    @Override
    public List<CameraOwner> ownersIn(Area area, String agencyCode) {
        if (indexReady()) {
            return index.owners(area, agencyCode.toUpperCase(Locale.ROOT), registrations.activeSince());
        }
        return matching(area, agencyCode);
    }

    /** Whether the in-memory index has loaded (benchmarks wait for it). */
    boolean indexLoaded() {
        return index != null && index.loaded();
    }

    /** Whether the in-memory index can answer, with every change committed before this call applied. */
    private boolean indexReady() {
        if (index == null || !index.loaded()) {
            return false;
        }
        index.refresh();
        return true;
    }

    @Override
    public Optional<GeoPoint> locationFor(UUID registration, String agencyCode) {
        return registrations.locationFor(registration, agencyCode.toUpperCase(Locale.ROOT))
                .map(found -> found.getValue() ? found.getKey() : Grid.snap(found.getKey()));
    }

    /**
     * The agency's count for the REST API, answered on the whole coarse cells the area covers or
     * touches: the area must lie in the agency's jurisdiction, be no larger than the maximum and
     * touch at least the minimum of cells; each user has an hourly allowance of counts.
     */
    CellCount agencyCount(String agencyCode, Area area, UUID user) {
        AgencyProfile agency = agencies.find(agencyCode).orElseThrow(jakarta.ws.rs.NotFoundException::new);
        if (!AreaGeometry.within(area, agency.jurisdiction())) {
            throw new ProblemException(OUTSIDE_JURISDICTION, "The area must lie within the jurisdiction of " + agency.code() + ".");
        }
        double squareMeters = AreaGeometry.squareMeters(area);
        // The cheap test first: an area refused for its size costs no cell intersections.
        Set<CoarseCells.Cell> cells = squareMeters > maxCountSquareMeters ? null : CoarseCells.touched(area, MAX_CELLS_LOOKED);
        if (cells == null) {
            throw new ProblemException(AREA_TOO_LARGE, String.format(Locale.ROOT,
                    "The area is %.2f square miles; counts are limited to %.2f.", squareMeters / SQUARE_METERS_PER_SQUARE_MILE,
                    maxCountSquareMeters / SQUARE_METERS_PER_SQUARE_MILE));
        }
        if (cells.size() < minCountCells) {
            throw new ProblemException(AREA_TOO_SMALL, String.format(Locale.ROOT, "The area touches %d cells of about %.0f m; "
                    + "counts are answered on whole cells, at least %d of them.", cells.size(), CoarseCells.CELL_METERS,
                    minCountCells));
        }
        allowance.take(user).ifPresent(wait -> {
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_ATTEMPTS, String.format(Locale.ROOT,
                    "At most %d counts an hour; try again in %d seconds.", countsPerHour, seconds(wait))))
                    .withHeader("Retry-After", Long.toString(seconds(wait)));
        });
        List<UUID> owners = inCells(cells, agency.code()).stream().map(Registry::ownerOf).toList();
        return CellCount.of(owners, cells, countMinimumOwners);
    }

    @Override
    public CoarseCount coarseOwners(Area area, String agencyCode) {
        Set<CoarseCells.Cell> cells = CoarseCells.touched(area, MAX_CELLS_LOOKED);
        if (cells == null || cells.isEmpty()) {
            return new CoarseCount(0, true, countMinimumOwners, cells == null ? 0 : cells.size());
        }
        long owners = inCells(cells, agencyCode.toUpperCase(Locale.ROOT)).stream()
                .filter(c -> c.owner().contactOk() && c.owner().owner() != null).map(c -> c.owner().owner()).distinct().count();
        return owners < countMinimumOwners ? new CoarseCount(0, true, countMinimumOwners, cells.size())
                : new CoarseCount(owners, false, countMinimumOwners, cells.size());
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** An owner's account, or for an unclaimed imported registration the registration itself. */
    private static UUID ownerOf(Registrations.Candidate camera) {
        return camera.owner().owner() != null ? camera.owner().owner() : camera.owner().registration();
    }

    /** The active cameras the agency may ask about whose coarse cell is one of {@code cells}. */
    private List<Registrations.Candidate> inCells(Set<CoarseCells.Cell> cells, String code) {
        Area box = CoarseCells.box(cells);
        List<Registrations.Candidate> found = indexReady() ? index.located(box, code, registrations.activeSince())
                : registrations.candidates(box, code);
        return found.stream().filter(c -> cells.contains(CoarseCells.of(c.location()))).toList();
    }

    /** The public density map of a box at about {@code cellMeters}: see {@link PublicDensity}. */
    DensityMap density(double[] box, int cellMeters) {
        return density.map(box, cellMeters);
    }

    /**
     * A density map: the cells whose noisy count of distinct owners reaches {@code minimum}, on the
     * grid of {@code cellMeters}, with the noise's {@code epsilon} and the first day of the
     * {@code period} whose snapshot and noise it shows.
     */
    public record DensityMap(int cellMeters, int minimum, double epsilon, String period, List<Cell> cells) {

        /** One cell's bounds in degrees and its noisy count of distinct owners. */
        public record Cell(double south, double west, double north, double east, long owners) {
        }
    }

    /** Counts and matching straight from the database, while the index loads or when it is off. */
    private List<CameraOwner> matching(Area area, String agencyCode) {
        String code = agencyCode.toUpperCase(Locale.ROOT);
        Predicate<GeoPoint> inside = AreaGeometry.containment(area);
        return registrations.candidates(area, code).stream().filter(c -> inside.test(c.location()))
                .map(Registrations.Candidate::owner).toList();
    }
}
