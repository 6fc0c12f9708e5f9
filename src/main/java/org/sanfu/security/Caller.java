package org.sanfu.security;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
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
            // the roles by name in the answer's language: 服务专员, 专班办公室 on a page; codes in English
            throw new DomainException.NotYours(notAllowed(role, Arrays.asList(roles)));
        }
    }

    /** Why {@code role} may not: 角色 服务专员 无权执行此操作；允许的角色：专班办公室、领导. */
    static Message notAllowed(Role role, List<Role> allowed) {
        return Message.of("sanfu.security.role", "role", named(role), "allowed",
                allowed.stream().map(Caller::named).toList());
    }

    private static Message named(Role role) {
        return Message.of("sanfu.role." + role.name());
    }

    /** A department user of exactly this department. */
    public boolean isDepartment(String code) {
        return role == Role.DEPT && code != null && code.equals(department);
    }
}
