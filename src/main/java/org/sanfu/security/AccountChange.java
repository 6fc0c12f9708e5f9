package org.sanfu.security;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A change of an account's person or post, as /admin's forms (姓名, 电话, 角色) and {@code PATCH /api/accounts/{username}}
 * give it: a part left null is left as it is; blank takes a name, a telephone or a department away. What each part may
 * be is {@link AccountAdministration#change}'s to judge, as for {@link NewAccount}: the JSON edge reads only its shape.
 */
public record AccountChange(
        @Schema(description = "the person's name (姓名), at most 32 characters; blank or null for none",
                example = "张三")
        String displayName,
        @Schema(description = "the work telephone the enterprise's feedback page gives; blank or null for none",
                example = "0576-8888 1234")
        String phone,
        @Schema(allowableValues = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
                description = "the new role; a DEPT account needs a department, sent or its own")
        String role,
        @Schema(description = "for DEPT only: a handling department's code; refused for any other role",
                example = "FINANCE")
        String department) {

    boolean changesRole() {
        return role != null || department != null;
    }
}
