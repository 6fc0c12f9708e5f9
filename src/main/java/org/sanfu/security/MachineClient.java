package org.sanfu.security;

import java.io.Serializable;

/**
 * A channel (12345 hotline, 浙里办, 好差评...) signed in with its key: the principal of /api/intake/**,
 * where no person may call, and the only thing a key opens. Controllers receive it as a method argument.
 */
public record MachineClient(String channel) implements Serializable {

    /** The authority of a channel's requests; no account ever has it (security.Role has no such role). */
    public static final String ROLE = "CHANNEL";
}
