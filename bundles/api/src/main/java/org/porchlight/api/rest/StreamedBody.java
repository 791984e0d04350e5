package org.porchlight.api.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that reads its body as a stream and enforces a size limit of its own
 * (e.g. an evidence upload of a few GB): the REST core's general limit on request bodies does not
 * apply to it. The method must never buffer the body.
 *
 * @since 1.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedBody {
}
