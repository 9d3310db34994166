package dev.scalebus.history.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a REST method needs: {@code verb} on {@code resource} in API group scalebus.dev, in the request's
 * namespace (path parameter {@code namespace}, else query parameter {@code namespace}; none: cluster-wide). The
 * object name of a get is the path parameter {@code id}. A REST method without it is refused (403) by
 * {@link AuthFilter}, so that a new endpoint is never open by mistake.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Reads {

    String DECISIONS = "decisions";
    String SAMPLES = "samples";

    /** decisions or samples (summaries are samples). */
    String resource();

    /** get (one object) or list. */
    String verb() default "list";
}
