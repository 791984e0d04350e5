package org.porchlight.api.requests;

/**
 * What a footage request may be about: offences only. There is deliberately no type for lawful
 * activity (a protest, a gathering, a person's movements); {@link #OTHER_OFFENCE} needs a
 * description, which the default policy checks.
 */
public enum IncidentType {
    ARSON, ASSAULT, BURGLARY, HIT_AND_RUN, HOMICIDE, MAIL_THEFT, PACKAGE_THEFT, ROBBERY, SEXUAL_ASSAULT, SHOOTING, THEFT,
    VANDALISM, VEHICLE_BREAK_IN, VEHICLE_THEFT, OTHER_OFFENCE
}
