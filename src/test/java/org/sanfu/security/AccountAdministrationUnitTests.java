package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.security.AccountAdministration.administratorKept;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.Transactional;

/** The rule that keeps an enabled administrator: nobody disables or demotes the last one, or themselves. */
class AccountAdministrationUnitTests {

    private static Accounts.Account admin(String name) {
        return new Accounts.Account(name, "{bcrypt}x", Role.ADMIN, null, true);
    }

    @Test
    void theLastEnabledAdministratorIsNeitherDisabledNorDemoted() {
        List<String> enabled = List.of("root");
        assertThat(administratorKept("someone", admin("root"), Role.ADMIN, false, enabled))
                .isEqualTo(AccountAdministration.LAST_ADMINISTRATOR);
        assertThat(administratorKept("someone", admin("root"), Role.LEADER, true, enabled))
                .isEqualTo(AccountAdministration.LAST_ADMINISTRATOR);
    }

    @Test
    void anAdministratorNeitherDisablesNorDemotesThemselves() {
        List<String> enabled = List.of("root", "second");
        assertThat(administratorKept("second", admin("second"), Role.ADMIN, false, enabled))
                .isEqualTo(AccountAdministration.SELF);
        assertThat(administratorKept("second", admin("second"), Role.DEPT, true, enabled))
                .isEqualTo(AccountAdministration.SELF);
        assertThat(administratorKept("second", admin("second"), Role.ADMIN, true, enabled))
                .as("staying an enabled administrator").isNull();
    }

    @Test
    void anotherAdministratorMayBeDisabledOrDemotedWhileOneStays() {
        List<String> enabled = List.of("root", "second");
        assertThat(administratorKept("root", admin("second"), Role.ADMIN, false, enabled)).isNull();
        assertThat(administratorKept("root", admin("second"), Role.STAFF, true, enabled)).isNull();
    }

    @Test
    void accountsThatAreNoEnabledAdministratorAreNotConcerned() {
        Accounts.Account staff = new Accounts.Account("s", "{bcrypt}x", Role.STAFF, null, true);
        Accounts.Account disabledAdmin = new Accounts.Account("old", "{bcrypt}x", Role.ADMIN, null, false);
        assertThat(administratorKept("root", staff, Role.STAFF, false, List.of("root"))).isNull();
        assertThat(administratorKept("root", disabledAdmin, Role.LEADER, false, List.of("root"))).isNull();
        assertThat(administratorKept("old", disabledAdmin, Role.LEADER, false, List.of())).isNull();
    }

    /**
     * The forms' rename, telephone and role changes go through change() from within the class, which passes by Spring's
     * proxy and so by change()'s own @Transactional: each must open its transaction itself, or the lock change() takes
     * on the enabled administrators is let go at once, and two administrators demoting each other at the same moment
     * both succeed, leaving none (the API calls change() through the proxy).
     */
    @Test
    void theFormsChangesThatGoThroughChangeFromWithinTheClassOpenTheirOwnTransaction() throws Exception {
        for (Method form : List.of(
                AccountAdministration.class.getMethod("rename", Caller.class, String.class, String.class),
                AccountAdministration.class.getMethod("changePhone", Caller.class, String.class, String.class),
                AccountAdministration.class.getMethod("changeRole", Caller.class, String.class, String.class,
                        String.class))) {
            assertThat(AnnotatedElementUtils.hasAnnotation(form, Transactional.class)).as(form.getName()).isTrue();
        }
    }
}
