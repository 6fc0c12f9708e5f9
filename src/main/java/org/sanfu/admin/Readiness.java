package org.sanfu.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.calendar.WorkingDayCalendar.YearOnFile;
import org.sanfu.catalog.Catalog;
import org.sanfu.channel.ChannelAdministration;
import org.sanfu.security.AccountAdministration;
import org.sanfu.security.DemoPasswords;
import org.sanfu.security.Role;
import org.springframework.stereotype.Component;

/**
 * 上线检查: what a county still lacks before its office can run, for the administrator ({@code /admin}'s
 * {@code #readiness}, {@code GET /api/admin/readiness}). Each check is ready or says what is missing, by code:
 * <ul>
 * <li>{@code DEPARTMENT_ACCOUNTS}: the handling departments without an enabled DEPT account, whose tickets would
 * wait to be signed by nobody until the sign clock runs out;</li>
 * <li>{@code ROLE_ACCOUNTS}: DISPATCH (the office routes what the table does not) and LEADER, when no enabled
 * account has the role;</li>
 * <li>{@code CHANNEL_SECRET_KEY}: {@code sanfu.channels.secret-key}, when a live channel exists and its callback secret
 * is kept unencrypted for want of it; once it is set, the codes of the live channels created before, whose secret
 * stays unencrypted until their key is renewed;</li>
 * <li>{@code HOLIDAY_CALENDAR}: the years without the State Council's notice that the calendar section warns of as
 * errors (this year missing or provisional, next year missing; a provisional next year is the usual state until
 * its notice in November, a warning only until the end of November: from December 1 the deadlines reported run
 * into it, and its notice is late, {@link #nextYearsNoticeDue});</li>
 * <li>{@code DEMO_ACCOUNTS}: {@code spring.profiles.active} while the demo profile is active (its accounts and the
 * channels' key are known to everyone who read the README; it is the default when no profile is set), then the
 * enabled demo accounts still signing in with the demo password, by user name (DemoPasswords, which looks only at
 * the demo profile's user names: a password check per account would make /admin slow).</li>
 * </ul>
 * Each fact is asked of the module that owns it.
 */
@Component
class Readiness {

    static final String DEPARTMENT_ACCOUNTS = "DEPARTMENT_ACCOUNTS";
    static final String ROLE_ACCOUNTS = "ROLE_ACCOUNTS";
    static final String CHANNEL_SECRET_KEY = "CHANNEL_SECRET_KEY";
    static final String HOLIDAY_CALENDAR = "HOLIDAY_CALENDAR";
    static final String DEMO_ACCOUNTS = "DEMO_ACCOUNTS";
    static final String SECRET_KEY_SETTING = "sanfu.channels.secret-key";
    /** Set to prod, it takes the demo profile away (config/application.yml makes demo the default). */
    static final String PROFILE_SETTING = "spring.profiles.active";

    /** The roles the office cannot run without, besides the departments' and the administrator's own. */
    private static final List<Role> NEEDED_ROLES = List.of(Role.DISPATCH, Role.LEADER);

    /** One check: ready, or what is missing (department codes, role names, a setting's name, years). */
    record Check(String code, boolean ready, List<String> missing) {

        static Check of(String code, List<String> missing) {
            return new Check(code, missing.isEmpty(), List.copyOf(missing));
        }
    }

    /** Every check, in the page's order; ready when all are. */
    record Report(boolean ready, List<Check> checks) {

        /** How many checks are not ready. */
        public long pending() {
            return checks.stream().filter(c -> !c.ready()).count();
        }
    }

    private final AccountAdministration accounts;
    private final Catalog catalog;
    private final ChannelAdministration channels;
    private final WorkingDayCalendar calendar;
    private final DemoPasswords demo;
    private final Clock clock;

    Readiness(AccountAdministration accounts, Catalog catalog, ChannelAdministration channels,
            WorkingDayCalendar calendar, DemoPasswords demo, Clock clock) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.channels = channels;
        this.calendar = calendar;
        this.demo = demo;
        this.clock = clock;
    }

    /**
     * Whether next year's notice is due by {@code today}: from December 1. The State Council publishes it in October or
     * November (2026's on 2025-11-04); a ticket reported in December has its deadlines in January, which a provisional
     * year counts without the notice's working weekends.
     */
    static boolean nextYearsNoticeDue(LocalDate today) {
        return today.getMonth() == Month.DECEMBER;
    }

    Report check() {
        Set<String> staffed = accounts.departmentsWithEnabledAccount();
        Set<Role> roles = accounts.enabledRoles();
        LocalDate today = calendar.dayOf(clock.instant());
        int year = today.getYear();
        List<String> years = new ArrayList<>();
        if (calendar.onFile(year) != YearOnFile.NOTICE) {
            years.add(String.valueOf(year));
        }
        YearOnFile next = calendar.onFile(year + 1);
        if (next == YearOnFile.MISSING || next == YearOnFile.PROVISIONAL && nextYearsNoticeDue(today)) {
            years.add(String.valueOf(year + 1));
        }
        ChannelAdministration.SecretsAtRest secrets = channels.secretsAtRest();
        List<String> known = new ArrayList<>();
        if (demo.demoProfileActive()) {
            known.add(PROFILE_SETTING);
        }
        known.addAll(demo.enabledWithDemoPassword());
        List<Check> checks = List.of(
                Check.of(DEPARTMENT_ACCOUNTS, catalog.departmentCodes().stream()
                        .filter(catalog::isHandlingDepartment).filter(code -> !staffed.contains(code)).toList()),
                Check.of(ROLE_ACCOUNTS, NEEDED_ROLES.stream().filter(role -> !roles.contains(role))
                        .map(Role::name).toList()),
                // without the key every live channel's secret is unencrypted: the setting is what is missing
                Check.of(CHANNEL_SECRET_KEY, secrets.keySet() ? secrets.plain()
                        : secrets.anyLive() ? List.of(SECRET_KEY_SETTING) : List.of()),
                Check.of(HOLIDAY_CALENDAR, years),
                Check.of(DEMO_ACCOUNTS, known));
        return new Report(checks.stream().allMatch(Check::ready), checks);
    }
}
