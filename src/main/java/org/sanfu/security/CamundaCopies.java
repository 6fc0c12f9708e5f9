package org.sanfu.security;

import java.util.List;

/**
 * Where Spring serves the copies of Camunda's apps' files that Camunda's jar puts among any jar's static
 * files (META-INF/resources/ and its webjars/). They are not /camunda's, but Camunda's all the same: the
 * Camunda filter chain (SecurityConfig) guards them as /camunda, and operations.OperatorWrites answers them
 * 404, since the apps load theirs from /camunda only. One list for both, so that neither misses a path.
 */
public final class CamundaCopies {

    /** The path prefixes; each covers everything below it. */
    public static final List<String> PATHS = List.of("/webjars/camunda", "/plugin", "/camunda-welcome");

    private CamundaCopies() {
    }
}
