package org.sanfu.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because its account or address is locked (SignInAttempts): 429 with Retry-After. */
final class SignInLocked extends AuthenticationException {

    private final Duration remaining;

    SignInLocked(Duration remaining) {
        super("too many failed sign-ins");
        this.remaining = remaining;
    }

    /** Whole seconds until the lock ends, rounded up (the Retry-After header). */
    long retryAfterSeconds() {
        long seconds = remaining.toSeconds();
        return remaining.toNanosPart() == 0 ? Math.max(seconds, 1) : seconds + 1;
    }

    /** Whole minutes until the lock ends, rounded up (for people). */
    long minutes() {
        return (retryAfterSeconds() + 59) / 60;
    }
}
