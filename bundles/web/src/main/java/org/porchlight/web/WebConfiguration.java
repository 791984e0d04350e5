package org.porchlight.web;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.web}, from {@code etc/org.porchlight.web.cfg}: the portal's shell. */
@ObjectClassDefinition(name = "Porchlight web portal", description = "The portal's shell at /: name, languages, maps")
public @interface WebConfiguration {

    String PID = "org.porchlight.web";

    @AttributeDefinition(name = "Installation name", description = "The name the portal's header and window titles show, "
            + "e.g. the region or the operator's name")
    String installationName() default "Porchlight";

    @AttributeDefinition(name = "Default language", description = "The language (en or es) for a browser that asks for "
            + "neither; a visitor can switch at any time")
    String defaultLanguage() default "en";

    @AttributeDefinition(name = "Map tile server", description = "URL template of the map tiles that map pages show "
            + "({z}, {x}, {y}); empty shows maps without tiles (as the tests do)")
    String tileServerUrl() default "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    @AttributeDefinition(name = "Map attribution", description = "The attribution the tile server's licence asks for, "
            + "shown on every map (plain text)")
    String tileAttribution() default "© OpenStreetMap contributors";

    @AttributeDefinition(name = "Language cookie days", description = "How long the browser remembers a language chosen "
            + "with the switch")
    int languageCookieDays() default 365;
}
