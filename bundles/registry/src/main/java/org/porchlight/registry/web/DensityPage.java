package org.porchlight.registry.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.registry.Registry;
import org.porchlight.registry.RegistryPortal;

/**
 * The public density map: the week's published snapshot (what {@code GET /api/registry/density} gives) over an
 * agency's jurisdiction, as a map and as a table, for anyone.
 */
@Component(service = Page.class)
public class DensityPage implements Page {

    /** The grids the registry publishes, in metres. */
    static final List<Integer> CELLS = List.of(250, 500, 1000, 2000, 4000);
    private static final int DEFAULT_CELL = 1000;

    private final RegistryPortal registry;
    private final Agencies agencies;

    @Activate
    public DensityPage(@Reference RegistryPortal registry, @Reference Agencies agencies) {
        this.registry = registry;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo("/density", "registry.density.title", Set.of(PageInfo.PUBLIC), PageInfo.GROUP_PUBLIC, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PageSupport.notFound();
        }
        List<AgencyProfile> all = agencies.all();
        Optional<AgencyProfile> chosen = request.parameter("agency").flatMap(agencies::find)
                .or(() -> all.stream().findFirst());
        int cell = request.parameter("cell").flatMap(FormFields::integer).filter(CELLS::contains).orElse(DEFAULT_CELL);

        Map<String, Object> model = new HashMap<>();
        List<Map<String, Object>> choices = new ArrayList<>();
        for (AgencyProfile a : all) {
            choices.add(Map.of("code", a.code(), "name", a.name(),
                    "selected", chosen.map(c -> c.code().equals(a.code())).orElse(false)));
        }
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (int size : CELLS) {
            sizes.add(Map.of("value", size, "selected", size == cell));
        }
        model.put("agencies", choices);
        model.put("sizes", sizes);
        model.put("cells", List.of());
        model.put("error", "");
        model.put("shown", false);
        if (chosen.isEmpty()) {
            return PageView.of("registry-density", model);
        }
        AgencyProfile agency = chosen.get();
        model.put("agencyName", agency.name());
        Registry.DensityMap density;
        try {
            density = registry.density(agency.jurisdiction(), cell);
        } catch (ProblemException e) {
            if (e.problem().status() >= 400 && e.problem().status() < 500) {
                model.put("error", "registry.density.tooManyCells");
                return PageView.of("registry-density", model).withStatus(e.problem().status());
            }
            throw e;
        }
        MapView map = MapView.of(agency.jurisdiction());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Registry.DensityMap.Cell c : density.cells()) {
            String label = request.text("registry.density.cellLabel", c.owners());
            map.area(new Polygon(List.of(new GeoPoint(c.south(), c.west()), new GeoPoint(c.south(), c.east()),
                    new GeoPoint(c.north(), c.east()), new GeoPoint(c.north(), c.west()))), label);
            cells.add(Map.of("south", degrees(c.south()), "west", degrees(c.west()), "north", degrees(c.north()),
                    "east", degrees(c.east()), "owners", c.owners()));
        }
        model.put("shown", true);
        model.put("cells", cells);
        model.put("map", map.json());
        model.put("cellMeters", density.cellMeters());
        model.put("minimum", density.minimum());
        model.put("epsilon", String.format(Locale.ROOT, "%.2f", density.epsilon()));
        model.put("period", density.period() + "T00:00:00Z");
        return PageView.of("registry-density", model);
    }

    private static String degrees(double value) {
        return String.format(Locale.ROOT, "%.5f", value);
    }
}
