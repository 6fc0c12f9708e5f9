package org.sanfu.security;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A new account, as /admin's 新建账号 form and {@code POST /api/accounts} give it: what each field may be is
 * {@link AccountAdministration#create(Caller, NewAccount)}'s to judge, for both (one rule, one place), so the JSON edge
 * reads only its shape here (text where text belongs, 400 naming the field).
 */
public record NewAccount(
        @Schema(requiredMode = REQUIRED, example = "zhang.san", maxLength = AccountDirectory.USERNAME_MAX,
                pattern = "^[A-Za-z0-9._-]{1,64}$", description = "letters, digits, '.', '_' or '-'; read as at sign-in "
                        + "(full-width forms as ASCII, spaces around it dropped); taken when an account has it in any case")
        String username,
        @Schema(requiredMode = REQUIRED, allowableValues = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"})
        String role,
        @Schema(description = "for DEPT only, and required there: a handling department's code", example = "FINANCE")
        String department,
        @Schema(description = "the person's name (姓名), at most 32 characters", example = "张三")
        String displayName,
        @Schema(description = "the work telephone the enterprise's feedback page gives", example = "0576-8888 1234")
        String phone,
        @Schema(requiredMode = REQUIRED, minLength = AccountAdministration.MIN_PASSWORD_LENGTH,
                description = "the first password, at most 72 bytes of UTF-8; its person chooses their own at their "
                        + "first sign-in to the pages")
        String password) {

    /** Never the password: a record's own text would show it in any log or message that prints the request. */
    @Override
    public String toString() {
        return "NewAccount[username=" + username + ", role=" + role + ", department=" + department + "]";
    }
}
