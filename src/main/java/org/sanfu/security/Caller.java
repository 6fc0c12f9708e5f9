package org.sanfu.security;

import java.io.Serializable;
import java.util.Arrays;
import org.sanfu.DomainException;
import org.sanfu.Message;

/** The signed-in user making a request; controllers receive it as a method argument. */
public record Caller(String username, Role role, String department) implements Serializable {

    public boolean is(Role... roles) {
        return Arrays.asList(roles).contains(role);
    }

    /** 403 unless the caller has one of these roles. */
    public void require(Role... roles) {
        if (!is(roles)) {
            throw new DomainException.NotYours(Message.of("sanfu.security.role", "role", role, "allowed", roles));
        }
    }

    /** A department user of exactly this department. */
    public boolean isDepartment(String code) {
        return role == Role.DEPT && code != null && code.equals(department);
    }
}
