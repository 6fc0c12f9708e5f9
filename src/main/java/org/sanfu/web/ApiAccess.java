package org.sanfu.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint and which errors it answers, for the OpenAPI document ({@link ApiDocs}
 * writes it into the operation's description, as {@code x-roles}, and as problem+json responses).
 * It documents the checks; SecurityConfig and the features make them.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiAccess {

    /** The roles (names of security.Role) that may call it; any other signed-in user gets 403. */
    String[] value();

    /** Which of them, where not every user of a role may (e.g. "the ticket's lead department"). */
    String scope() default "";

    /** The error statuses it answers besides 401 (all) and 413 and 415 (all that read a body). */
    int[] errors() default {};
}
