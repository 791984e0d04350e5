package org.porchlight.press;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestDatabase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** What the press bundle's unit tests run on: H2 with the press schema (statements counted), two agencies, JSON, callers. */
final class PressFixtures {

    static final String KCPD = "KCPD";
    static final String OTHER = "OTHERPD";

    /** Statements prepared on the database so far, to show that a listing takes a constant number of them. */
    final AtomicInteger statements = new AtomicInteger();
    final TestDatabase database;
    final JsonCodec json = new JacksonJson();
    /** Agencies' policy settings, by code; none unless a test sets them. */
    final Map<String, Map<String, Object>> policies = new ConcurrentHashMap<>();
    final Agencies agencies = new Agencies() {
        @Override
        public Optional<AgencyProfile> find(String code) {
            return Set.of(KCPD, OTHER).contains(code) ? Optional.of(profile(code)) : Optional.empty();
        }

        @Override
        public List<AgencyProfile> all() {
            return List.of(profile(KCPD), profile(OTHER));
        }
    };

    PressFixtures() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:press-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        this.database = new TestDatabase(counting(h2), "press").migrated();
    }

    private AgencyProfile profile(String code) {
        return new AgencyProfile(code, code + " Police", new Circle(new GeoPoint(39.0997, -94.5786), 5000), ZoneOffset.UTC,
                policies.getOrDefault(code, Map.of()));
    }

    static Caller staff(String role, String agency) {
        return new Caller(UUID.randomUUID(), role, agency, Caller.Credential.TOKEN, null);
    }

    /** Incentive figures with these programmes and disclosure terms for every agency. */
    static IncentiveFigures figures(List<IncentiveFigures.Programme> programmes, IncentiveFigures.DisclosureTerms terms) {
        return new IncentiveFigures() {
            @Override
            public List<Programme> programmes(String agencyCode) {
                return programmes;
            }

            @Override
            public DisclosureTerms disclosureTerms(String agencyCode) {
                return terms;
            }
        };
    }

    static Caller vendor() {
        return new Caller(UUID.randomUUID(), Roles.VENDOR, null, Caller.Credential.TOKEN, null);
    }

    /** The configuration's defaults, with another rendering size limit. */
    static PressConfiguration config(int renderMaxChars) {
        return new PressConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PressConfiguration.class;
            }

            @Override
            public String[] networkLimits() {
                return new String[] {"x=280, facebook=63206"};
            }

            @Override
            public int pressReleaseMaxChars() {
                return 20000;
            }

            @Override
            public int communityNoticeMaxChars() {
                return 5000;
            }

            @Override
            public int renderMaxChars() {
                return renderMaxChars;
            }

            @Override
            public long renderTimeoutMillis() {
                return 2000;
            }
        };
    }

    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m,
                args) -> {
            Object result = invoke(target, m, args);
            return result instanceof Connection c && m.getName().equals("getConnection") ? counting(c) : result;
        });
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m,
                args) -> {
            if (m.getName().equals("prepareStatement")) {
                statements.incrementAndGet();
            }
            return invoke(target, m, args);
        });
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** JSON as the REST core writes it, for the rows' JSON columns. */
    private static final class JacksonJson implements JsonCodec {

        private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

        @Override
        public String write(Object value) {
            try {
                return mapper.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public <T> T read(String s, Class<T> type) {
            try {
                return mapper.readValue(s, type);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
