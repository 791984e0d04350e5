package org.porchlight.testing;

import java.util.List;
import java.util.Optional;

import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;

/** A fixed set of agencies, found by code as the identity bundle finds them (case-insensitively). */
public final class TestAgencies implements Agencies {

    private final List<AgencyProfile> profiles;

    private TestAgencies(List<AgencyProfile> profiles) {
        this.profiles = profiles;
    }

    public static Agencies of(AgencyProfile... profiles) {
        return new TestAgencies(List.of(profiles));
    }

    @Override
    public Optional<AgencyProfile> find(String code) {
        return profiles.stream().filter(p -> p.code().equalsIgnoreCase(code)).findFirst();
    }

    @Override
    public List<AgencyProfile> all() {
        return profiles;
    }
}
