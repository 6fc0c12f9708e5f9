package org.sanfu.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sanfu.Actors;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does with accounts (the /admin page): create one, change its role or
 * department, disable and enable it, set a new password. Passwords are stored only as hashes of the
 * service's PasswordEncoder. A change takes effect on the next request, sessions and cached
 * credentials included, because both read the account again (SignedInAccountCheck, VerifiedCredentials).
 * The service always keeps an enabled administrator: nobody disables or demotes the last one, and an
 * administrator never disables or demotes themselves.
 * <p>
 * Faults are messages of both bundles ({@code sanfu.accounts.*}), for the page (Chinese) and the API (its request's
 * language) alike: field faults as {@link InvalidInput} (400; a user name taken and nothing else wrong as its
 * {@link UsernameTaken}, which the API answers 409), refusals of the state as {@link DomainException.NotNow} (409); an
 * unknown account is {@link DomainException.NotFound}. The password's are worded with {@code min} =
 * {@link #MIN_PASSWORD_LENGTH} and {@code max} = {@link #MAX_PASSWORD_BYTES}.
 */
@Service
public class AccountAdministration {

    public static final int MIN_PASSWORD_LENGTH = 8;
    /** BCrypt reads no more than 72 bytes of a password; Spring's encoder refuses longer ones. */
    public static final int MAX_PASSWORD_BYTES = 72;

    static final String USERNAME_REQUIRED = "sanfu.accounts.username.required";
    static final String USERNAME_PATTERN = "sanfu.accounts.username.pattern";
    static final String USERNAME_TAKEN = "sanfu.accounts.username.taken";
    static final String USERNAME_RESERVED = "sanfu.accounts.username.reserved";
    static final String ROLE_REQUIRED = "sanfu.accounts.role.required";
    static final String DEPARTMENT_REQUIRED = "sanfu.accounts.department.required";
    static final String DEPARTMENT_UNKNOWN = "sanfu.accounts.department.unknown";
    static final String DEPARTMENT_NOT_TAKEN = "sanfu.accounts.department.not-taken";
    static final String PASSWORD_REQUIRED = "sanfu.accounts.password.required";
    static final String PASSWORD_TOO_SHORT = "sanfu.accounts.password.too-short";
    static final String PASSWORD_TOO_LONG = "sanfu.accounts.password.too-long";
    static final String PASSWORD_CONTROL = "sanfu.accounts.password.control";
    static final String SELF = "sanfu.accounts.self";
    static final String LAST_ADMINISTRATOR = "sanfu.accounts.last-admin";
    /** The longest telephone, in characters (PersonDetails, whose rule enterprises' contacts share). */
    public static final int MAX_PHONE = PersonDetails.MAX_PHONE;
    /** The longest person's name (姓名), in characters. */
    public static final int MAX_DISPLAY_NAME = PersonDetails.MAX_NAME;

    /** As for the first administrator (sanfu.admin.username). */
    private static final Pattern USERNAME = Pattern.compile(FirstAdministratorProperties.USERNAME_PATTERN);

    /**
     * An account as the administrators' page and {@code GET /api/accounts} list it; never its password or hash.
     * {@code lockedUntil}: until when too many failed sign-ins lock it from every address (SignInAttempts), null when
     * they do not; {@code lockedAddresses}: from how many client addresses its failures there lock it now;
     * {@code passwordChangeRequired}: an administrator set its password, and its person chooses their own at the next
     * sign-in to the pages.
     */
    public record ManagedAccount(String username, String displayName, String phone, Role role, String department,
            boolean enabled, Instant lockedUntil, int lockedAddresses, boolean passwordChangeRequired) {}

    /**
     * The user name asked for is an account's already, in this case or another, and nothing else is wrong: the form
     * shows it by its field as any fault (400); the API answers it 409, as it answers any duplicate.
     */
    public static final class UsernameTaken extends InvalidInput {
        UsernameTaken() {
            super(List.of(new Fault("username", Message.of(USERNAME_TAKEN))));
        }
    }

    /**
     * A change of role that would leave the service without an enabled administrator, or take the role from the one
     * making it: the form shows it by the role field as any fault (400); the API answers it 409, as it answers
     * disabling such an account.
     */
    public static final class AdministratorKept extends InvalidInput {
        AdministratorKept(String refusal) {
            super(List.of(new Fault("role", Message.of(refusal))));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AccountAdministration.class);

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final Catalog catalog;
    private final SignInAttempts signIns;
    private final People people;

    AccountAdministration(Accounts accounts, PasswordEncoder encoder, Catalog catalog, SignInAttempts signIns,
            People people) {
        this.people = people;
        this.accounts = accounts;
        this.encoder = encoder;
        this.catalog = catalog;
        this.signIns = signIns;
    }

    /** Every account, by user name. */
    public List<ManagedAccount> all() {
        Map<String, Accounts.Person> people = accounts.people();
        return accounts.all().stream().map(a -> managed(a, people)).toList();
    }

    /** The account of this user name (404 unknown), as {@link #all()} lists it. */
    public ManagedAccount account(String username) {
        return managed(existing(username), accounts.people());
    }

    private ManagedAccount managed(Accounts.Account a, Map<String, Accounts.Person> people) {
        Accounts.Person person = people.getOrDefault(a.username(), new Accounts.Person(null, null));
        return new ManagedAccount(a.username(), person.name(), person.phone(), a.role(), a.department(), a.enabled(),
                signIns.lockedUntil(a.username()).orElse(null), signIns.lockedAddresses(a.username()),
                a.passwordChangeRequired());
    }

    /**
     * A new, enabled account (/admin's form and {@code POST /api/accounts}), its password set by the administrator:
     * its person chooses their own at the first sign-in to the pages. {@code role} is a {@link Role} name;
     * {@code department} is required for DEPT and must be a handling department of the catalog; DISPATCH is always
     * the office ({@link Catalog#DISPATCH}), and the other roles have none. Any role but DEPT given a department is
     * refused (400 naming it): dropping it silently hid a role chosen by mistake. The person's name (姓名) and work
     * telephone may be blank. Every field at fault is named at once (InvalidInput, 400); a user name taken with
     * nothing else wrong is {@link UsernameTaken}. Nothing is stored on any of them. Logged at INFO with who created
     * it, as disabling and enabling are.
     *
     * @param administrator who creates it, for the log
     */
    @Transactional
    public void create(Caller administrator, NewAccount account) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        // as sign-in takes it (ThrottledSignIn): ｚｙ．ｌｕｂｅｉ typed with a Chinese input method is zy.lubei
        String name = account.username() == null ? "" : Typed.folded(account.username());
        boolean taken = false;
        if (name.isEmpty()) {
            errors.add("username", Message.of(USERNAME_REQUIRED));
        } else if (!USERNAME.matcher(name).matches()) {
            errors.add("username", Message.of(USERNAME_PATTERN));
        } else if (name.equalsIgnoreCase(Actors.SYSTEM)) {
            // a ticket's history names the service itself so (系统): such an account's acts would read as the service's,
            // as channel:… and enterprise:… actors are kept apart by the pattern's refusing a colon
            errors.add("username", Message.of(USERNAME_RESERVED));
        } else if (accounts.existsIgnoringCase(name)) {
            // ZY.LUBEI beside zy.lubei would be two people to the eye; sign-in itself stays exact in case
            errors.add("username", Message.of(USERNAME_TAKEN));
            taken = true;
        }
        Role chosen = role(account.role(), errors);
        String dept = chosen == null ? null : department(chosen, account.department(), errors);
        String password = account.password();
        checkPassword(password, errors);
        String person = PersonDetails.name(account.displayName(), "displayName", errors);
        String telephone = PersonDetails.telephone(account.phone(), "phone", errors);
        if (taken && errors.onlyAbout("username")) {
            throw new UsernameTaken();
        }
        errors.throwIfAny();
        // the administrator typed the password: its person chooses their own at the first sign-in
        try {
            accounts.create(new Accounts.Account(name, encoder.encode(password), chosen, dept, true, true));
        } catch (DuplicateKeyException e) {
            // created by another request since the look above (the form sent twice at once): the same answer
            throw new UsernameTaken();
        }
        if (person != null) {
            accounts.rename(name, person);
        }
        if (telephone != null) {
            accounts.changePhone(name, telephone);
        }
        people.forget();
        log.info("Account '{}' created by '{}': {}{}", name, administrator.username(), chosen,
                chosen == Role.DEPT ? " of " + dept : "");
    }

    /** The person's name (姓名) shown for the account; blank takes it away. As {@link #change}, logged alike. */
    @Transactional // its own: a call to change() from within the class passes by the proxy
    public void rename(Caller administrator, String username, String displayName) {
        change(administrator, username, new AccountChange(displayName == null ? "" : displayName, null, null, null));
    }

    /**
     * The work telephone the enterprise's feedback page gives for the person who sent it the link (the
     * enterprise has no account to ask through); blank takes it away. As {@link #change}, logged alike.
     */
    @Transactional // its own: a call to change() from within the class passes by the proxy
    public void changePhone(Caller administrator, String username, String phone) {
        change(administrator, username, new AccountChange(null, phone == null ? "" : phone, null, null));
    }

    /**
     * The person's name, telephone, role and department, any of them, in one transaction, as /admin's forms and
     * {@code PATCH /api/accounts/{username}} change them ({@link AccountChange}: a part left null stays as it is; blank
     * takes a name, a telephone or a department away). A role sent alone keeps a DEPT account's department while it
     * stays DEPT and gives it up with any other role; a department sent alone is for the account's own role. The rules
     * are {@link #create}'s: every part at fault is named at once (InvalidInput, 400); then a change that would take
     * the administrator's role from the one making it, or from the last enabled administrator, is
     * {@link AdministratorKept}. Nothing is changed on any of them. What did change is logged at INFO with who changed
     * it, as a creation is (a name or telephone by its part alone: they are the person's, not the log's); nothing is
     * logged when nothing changed.
     *
     * @param administrator who changes it, for the rule that keeps an administrator and for the log
     * @return the role the account had and the one it has now (the same when the change left the role alone)
     */
    @Transactional
    public RoleChange change(Caller administrator, String username, AccountChange change) {
        // locked before the account is read, as for disable: two administrators demoting each other wait in turn
        List<String> administrators = change.changesRole() ? accounts.lockEnabledAdministrators() : List.of();
        Accounts.Account account = existing(username);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String person = change.displayName() == null ? null
                : PersonDetails.name(change.displayName(), "displayName", errors);
        String telephone = change.phone() == null ? null : PersonDetails.telephone(change.phone(), "phone", errors);
        Role chosen = account.role();
        String dept = account.department();
        if (change.changesRole()) {
            chosen = role(change.role() == null ? account.role().name() : change.role(), errors);
            String department = change.department() != null ? change.department()
                    : chosen == Role.DEPT && account.role() == Role.DEPT ? account.department() : null;
            dept = chosen == null ? null : department(chosen, department, errors);
        }
        errors.throwIfAny();
        if (change.changesRole()) {
            String refusal = administratorKept(administrator.username(), account, chosen, account.enabled(),
                    administrators);
            if (refusal != null) {
                throw new AdministratorKept(refusal);
            }
        }
        List<String> changed = new ArrayList<>();
        if (change.changesRole() && accounts.changeRole(account.username(), chosen, dept)) {
            changed.add("role " + chosen + (chosen == Role.DEPT ? " of " + dept : ""));
        }
        if (change.displayName() != null && accounts.rename(account.username(), person)) {
            changed.add("display name");
        }
        if (change.phone() != null && accounts.changePhone(account.username(), telephone)) {
            changed.add("phone");
        }
        if (!changed.isEmpty()) {
            people.forget();
            log.info("Account '{}' changed by '{}': {}", account.username(), administrator.username(),
                    String.join(", ", changed));
        }
        return new RoleChange(account.role(), chosen);
    }

    /**
     * Another role and department, as /admin's role form sends them (both, blank for none), through {@link #change}.
     *
     * @return the role the account had and the one it has now: a page says what was given up with the first (a STAFF
     *         account's enterprises)
     */
    @Transactional // its own: a call to change() from within the class passes by the proxy
    public RoleChange changeRole(Caller administrator, String username, String role, String department) {
        Accounts.Account account = existing(username);
        // the role form opens with the account's own department chosen: left so beside another role, it is no choice
        // the administrator made, and goes with the role given up; another department is (400 by the field)
        String given = department == null ? "" : department;
        if (!Role.DEPT.name().equals(role == null ? null : role.strip()) && account.department() != null
                && account.department().equals(catalog.department(given))) {
            given = "";
        }
        return change(administrator, username, new AccountChange(null, null, role == null ? "" : role, given));
    }

    /** An account's role before and after a change of role (the same when the form chose it again). */
    public record RoleChange(Role from, Role to) {

        /** Whether the account gave up this role with the change. */
        public boolean gaveUp(Role role) {
            return from == role && to != role;
        }
    }

    /** The roles at least one enabled account has (the administrators' readiness checklist asks for some). */
    @Transactional(readOnly = true)
    public Set<Role> enabledRoles() {
        return accounts.enabledRoles();
    }

    /**
     * The departments with at least one enabled DEPT account: a handling department without one has its tickets
     * wait to be signed by nobody.
     */
    @Transactional(readOnly = true)
    public Set<String> departmentsWithEnabledAccount() {
        return accounts.departmentsOfEnabled(Role.DEPT);
    }

    /**
     * The account signs in nowhere from its next request on; refused for oneself and the last administrator. One
     * disabled already stays so, and nothing is logged: the log says who disabled it, not who asked again (two asking
     * at once: the one whose update changed the row).
     */
    @Transactional
    public void disable(Caller administrator, String username) {
        List<String> administrators = accounts.lockEnabledAdministrators();
        Accounts.Account account = existing(username);
        String refusal = administratorKept(administrator.username(), account, account.role(), false,
                administrators);
        if (refusal != null) {
            throw new DomainException.NotNow(Message.of(refusal));
        }
        if (accounts.changeEnabled(account.username(), false)) {
            log.info("Account '{}' disabled by '{}'", account.username(), administrator.username());
        }
    }

    /**
     * The account signs in again from its next request on (its password and role as they were). One enabled already
     * stays so, and nothing is logged, as for {@link #disable}.
     */
    @Transactional
    public void enable(Caller administrator, String username) {
        String name = existing(username).username();
        if (accounts.changeEnabled(name, true)) {
            log.info("Account '{}' enabled by '{}'", name, administrator.username());
        }
    }

    /**
     * The account signs in again at once, though too many failed sign-ins locked it (SignInAttempts):
     * for its owner, after the administrator made sure it was them. Its failures are forgotten.
     */
    public void unlock(String username) {
        signIns.unlock(existing(username).username());
    }

    /** 404 unless an account has this user name. */
    public void requireKnown(String username) {
        existing(username);
    }

    /**
     * A new password set by an administrator (/admin's form, {@code POST /api/accounts/{username}/password}), by
     * {@link #create}'s rules: the old one stops working at once, and the account's sessions end; its person must
     * choose their own at the next sign-in to the pages (PasswordChangeFirst). A lock of too many failed sign-ins
     * stays until {@link #unlock} or its window's end: the administrator lifts it as a step of its own, having made
     * sure it was the person who asked. Logged at INFO with who set it, never the password.
     */
    @Transactional
    public void resetPassword(Caller administrator, String username, String password) {
        Accounts.Account account = existing(username);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkPassword(password, errors);
        errors.throwIfAny();
        accounts.resetPassword(account.username(), encoder.encode(password));
        log.info("Account '{}' given a new password by '{}'", account.username(), administrator.username());
    }

    /**
     * Why this change must not be made, or null: it would take the administrator's role, or being
     * enabled, from the one making it, or from the last enabled administrator.
     *
     * @param enabledAdministrators the enabled ADMIN accounts, locked for the transaction
     */
    static String administratorKept(String actor, Accounts.Account target, Role role, boolean enabled,
            List<String> enabledAdministrators) {
        boolean isAdministrator = target.role() == Role.ADMIN && target.enabled();
        boolean staysAdministrator = role == Role.ADMIN && enabled;
        if (!isAdministrator || staysAdministrator) {
            return null;
        }
        if (target.username().equals(actor)) {
            return SELF;
        }
        boolean another = enabledAdministrators.stream().anyMatch(u -> !u.equals(target.username()));
        return another ? null : LAST_ADMINISTRATOR;
    }

    private Accounts.Account existing(String username) {
        return (username == null ? Optional.<Accounts.Account>empty() : accounts.find(username))
                .orElseThrow(() -> new DomainException.NotFound("account", username));
    }

    private static Role role(String role, InvalidInput.Collector errors) {
        if (role != null) {
            for (Role r : Role.values()) {
                if (r.name().equals(role.strip())) {
                    return r;
                }
            }
        }
        errors.add("role", Message.of(ROLE_REQUIRED));
        return null;
    }

    private String department(Role role, String department, InvalidInput.Collector errors) {
        // a no-break or zero-width space alone is no department, as anywhere a text is required (Typed.blank)
        String code = Typed.blank(department) ? "" : department.strip();
        if (role != Role.DEPT) {
            if (!code.isEmpty()) {
                errors.add("department", Message.of(DEPARTMENT_NOT_TAKEN));
            }
            return role == Role.DISPATCH ? Catalog.DISPATCH : null;
        }
        if (code.isEmpty()) {
            errors.add("department", Message.of(DEPARTMENT_REQUIRED));
            return null;
        }
        // in any ASCII case, full-width too, as the lists and intake read a code (finance is FINANCE); filed in capitals
        String known = catalog.department(code);
        if (!catalog.isHandlingDepartment(known)) {
            errors.add("department", Message.of(DEPARTMENT_UNKNOWN));
            return null;
        }
        return known;
    }

    private static void checkPassword(String password, InvalidInput.Collector errors) {
        PasswordFault fault = passwordFault(password);
        if (fault != null) {
            errors.add("password", Message.of(switch (fault) {
                case REQUIRED -> PASSWORD_REQUIRED;
                case TOO_SHORT -> PASSWORD_TOO_SHORT;
                case TOO_LONG -> PASSWORD_TOO_LONG;
                case CONTROL -> PASSWORD_CONTROL;
            }, "min", MIN_PASSWORD_LENGTH, "max", MAX_PASSWORD_BYTES));
        }
    }

    /** What a password may not be, whoever sets it (an administrator here, its person on /account). */
    enum PasswordFault { REQUIRED, CONTROL, TOO_SHORT, TOO_LONG }

    /**
     * Why this password is refused, or null: blank, with a control character, fewer than {@link #MIN_PASSWORD_LENGTH}
     * characters, or more than {@link #MAX_PASSWORD_BYTES} bytes of UTF-8. Control characters are C0 (U+0000-U+001F,
     * a tab and line breaks among them), DEL (U+007F) and C1 (U+0080-U+009F), Character.isISOControl's: none is typed
     * on purpose, a tab or line break pasted with a password is not seen, and a form or a terminal may drop or change
     * one, so a password holding one could not be typed again; nor could one holding a lone surrogate, which is no
     * character (web.Text.Rule refuses it in free text; here it counts with the control characters). The rule is for passwords set from now on; a hash
     * stored before stays valid for signing in, which checks no rule.
     */
    static PasswordFault passwordFault(String password) {
        if (password == null || password.isEmpty()) {
            return PasswordFault.REQUIRED;
        }
        // a lone surrogate (JSON's "\ud800") is no character: UTF-8, and so BCrypt, would take it for '?'
        if (password.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            return PasswordFault.CONTROL;
        }
        if (password.isBlank()) {
            return PasswordFault.REQUIRED;
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            return PasswordFault.TOO_SHORT;
        }
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES ? PasswordFault.TOO_LONG : null;
    }
}
