package org.porchlight.modules.plugins;

import java.util.Arrays;

import org.osgi.service.metatype.AttributeDefinition;

/** A metatype attribute for tests, validating as Felix MetaType does for options (and min/max given as a range). */
record FakeAttribute(String id, int type, int cardinality, String[] defaults, String[] options, long min, long max)
        implements AttributeDefinition {

    static FakeAttribute text(String id, String... defaults) {
        return new FakeAttribute(id, STRING, 0, defaults.length == 0 ? null : defaults, null, 0, 0);
    }

    static FakeAttribute number(String id, long min, long max, String... defaults) {
        return new FakeAttribute(id, INTEGER, 0, defaults.length == 0 ? null : defaults, null, min, max);
    }

    static FakeAttribute choice(String id, String... options) {
        return new FakeAttribute(id, STRING, 0, new String[] {options[0]}, options, 0, 0);
    }

    static FakeAttribute flag(String id) {
        return new FakeAttribute(id, BOOLEAN, 0, new String[] {"false"}, null, 0, 0);
    }

    @Override
    public String getName() {
        return id;
    }

    @Override
    public String getID() {
        return id;
    }

    @Override
    public String getDescription() {
        return "the " + id;
    }

    @Override
    public int getCardinality() {
        return cardinality;
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public String[] getOptionValues() {
        return options;
    }

    @Override
    public String[] getOptionLabels() {
        return options;
    }

    @Override
    public String validate(String value) {
        if (options != null && !Arrays.asList(options).contains(value)) {
            return "not an option";
        }
        if (type == INTEGER && min < max) {
            long n = Long.parseLong(value);
            return n < min || n > max ? "must be from " + min + " to " + max : "";
        }
        return null;
    }

    @Override
    public String[] getDefaultValue() {
        return defaults;
    }
}
