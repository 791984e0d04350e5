package org.porchlight.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integration endpoint that a vendor's API key may call (the method must also allow
 * {@link Roles#VENDOR}). API keys reach nothing else, so a leaked key cannot manage the
 * vendor's account or its other keys.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ApiKeyAccess {
}
