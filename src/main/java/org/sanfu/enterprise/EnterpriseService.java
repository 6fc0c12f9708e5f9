package org.sanfu.enterprise;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.Sql;
import org.sanfu.Typed;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.EnterprisesLookedAfter;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Enterprises' files: what other features may read and change of them. */
@Service
public class EnterpriseService implements EnterprisesLookedAfter {

    private final Enterprises enterprises;
    private final AccountDirectory accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnterpriseService(Enterprises enterprises, AccountDirectory accounts, ApplicationEventPublisher events,
            Clock clock) {
        this.enterprises = enterprises;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The enterprise of this code; none for a code with a character no credit code has, which is not looked up
     * (every filed code was checked against the alphabet): a form's code with a NUL failed PostgreSQL's query.
     */
    public Optional<Enterprise> find(String creditCode) {
        String code = CreditCode.normalize(creditCode);
        return CreditCode.inAlphabet(code) ? enterprises.find(code) : Optional.empty();
    }

    /**
     * The enterprises on file under this name, for a caller who knows no credit code: those named exactly so (its
     * spaces around it trimmed, as a filed name's are) when any is; else those whose name differs from it only in the
     * width of its brackets, （） for () or back, or by spaces typed into it. Several when several share the name;
     * none for a name no file can have (blank, too long, a control character). One read, by the index on name, of at
     * most six spellings of it (as typed and without its spaces, each with its brackets as typed, all full-width and
     * all half-width): so a file's own spaces must be typed, and its brackets as filed or all of one width.
     */
    public List<Enterprise> named(String name) {
        return name == null ? List.of() : named(List.of(name)).getOrDefault(name, List.of());
    }

    /**
     * {@link #named(String)} of many names at once, by each name as given (one no file can have left out): an
     * import's file of thousands of lines reads their spellings a thousand to a statement, not a statement per line.
     */
    Map<String, List<Enterprise>> named(Collection<String> names) {
        Map<String, Set<String>> spellingsOf = new LinkedHashMap<>();
        for (String name : names) {
            Set<String> spellings = spellings(name);
            if (!spellings.isEmpty()) {
                spellingsOf.put(name, spellings);
            }
        }
        List<String> all = spellingsOf.values().stream().flatMap(Set::stream).distinct().toList();
        Map<String, List<Enterprise>> byName = Sql.inChunks(all, enterprises::named).stream()
                .collect(Collectors.groupingBy(Enterprise::name));
        Map<String, List<Enterprise>> found = new HashMap<>();
        spellingsOf.forEach((name, spellings) -> {
            String typed = EnterpriseForm.trim(name);
            List<Enterprise> of = spellings.stream().flatMap(n -> byName.getOrDefault(n, List.of()).stream())
                    .sorted(Comparator.comparing(Enterprise::creditCode)).toList();
            List<Enterprise> exact = of.stream().filter(e -> e.name().equals(typed)).toList();
            found.put(name, exact.isEmpty() ? of : exact);
        });
        return found;
    }

    /**
     * The spellings {@link #named(String)} looks a name up by: as typed (trimmed) and without its spaces, each with its
     * brackets as typed, all full-width and all half-width; none for a name no file can have (blank, too long, a
     * control character). An import compares its lines' names with each other by them too, as with those on file.
     */
    static Set<String> spellings(String name) {
        String typed = EnterpriseForm.trim(name);
        if (typed == null || Text.Rule.fault(typed, true, false, EnterpriseForm.NAME_MAX) != null) {
            return Set.of();
        }
        Set<String> spellings = new LinkedHashSet<>();
        for (String spelling : List.of(typed, typed.replaceAll("[\\s\\p{Zs}]+", ""))) {
            spellings.add(spelling);
            spellings.add(spelling.replace('(', '（').replace(')', '）'));
            spellings.add(spelling.replace('（', '(').replace('）', ')'));
        }
        return spellings;
    }

    /** The names of a page's few enterprises by credit code, in one read; an unknown code is left out. */
    public Map<String, String> names(Collection<String> creditCodes) {
        return enterprises.names(creditCodes.stream().map(CreditCode::normalize).filter(CreditCode::inAlphabet)
                .distinct().toList());
    }

    public Enterprise get(String creditCode) {
        return find(creditCode).orElseThrow(() -> new DomainException.NotFound("enterprise", creditCode));
    }

    public PageResult<Enterprise> list(String town, Boolean key, String q, PageParams page) {
        return list(town, key, q, null, page);
    }

    /**
     * As above, and of one 驻企服务专员 (a user name; null for anyone's): the enterprises a specialist looks after.
     * An unknown user name matches nothing; what no user name can be (over the column's 64 characters, a lone
     * surrogate) is 400 naming {@code specialist}, as the ticket list's {@code reporter}. So are a town longer
     * than a file's town and words longer than a file's name (a credit code is shorter): they could match
     * nothing, and a client sending 100 000 characters would have them compared with every row.
     */
    public PageResult<Enterprise> list(String town, Boolean key, String q, String specialist, PageParams page) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        errors.optionalText("town", town, EnterpriseForm.TOWN_MAX);
        errors.optionalText("q", q, EnterpriseForm.NAME_MAX);
        errors.optionalText("specialist", specialist, AccountDirectory.USERNAME_MAX);
        errors.throwIfAny();
        // the user name as meant; the words as typed, each matching as typed or folded (Where.contains): ＣＯＳＣＯ typed
        // with a Chinese input method finds COSCO, and 吉利控股集团（宁波） the name filed with its full-width brackets
        return enterprises.list(town, key, orNull(Typed.trimmed(q)), orNull(Typed.folded(specialist)), page);
    }

    private static String orNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * How many enterprises this user name is the 驻企服务专员 of: an account disabled leaves them to be handed over
     * (the administrators' page says so).
     */
    @Override
    public long countLookedAfterBy(String specialist) {
        return enterprises.countBySpecialist(specialist);
    }

    /**
     * How many enterprises still name each of these user names their 驻企服务专员 (those naming none left out), in one
     * query: the administrators' page offers those accounts a handover whatever their role now, and says how many.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> countLookedAfterAmong(Collection<String> usernames) {
        return usernames.isEmpty() ? Map.of() : enterprises.countBySpecialistAmong(List.copyOf(usernames));
    }

    /**
     * Every enterprise whose 驻企服务专员 is {@code from} has {@code to} instead (工作交接, the admin module's handover:
     * the caller made sure {@code to} is service staff at work). How many. First their rows and those of
     * {@code alsoLocked} (the enterprises of the tickets the handover moves next) are locked together in credit-code
     * order, the order every writer of several enterprises takes them in (the import files its lines so): two of
     * them taking rows in opposite orders would each wait for the other until the database ended one, a 409.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reassignSpecialist(String from, String to, Collection<String> alsoLocked) {
        Set<String> locked = new HashSet<>(enterprises.lookedAfterBy(from));
        locked.addAll(alsoLocked);
        enterprises.lock(locked);
        return enterprises.reassignSpecialist(from, to, clock.instant());
    }

    /**
     * Locks these enterprises' rows, in credit-code order, for a writer of many tickets that does not otherwise write
     * the enterprises (the holiday calendar's recount of the running deadlines): the import and a correction rename an
     * enterprise's tickets after writing its row, enterprise by enterprise in credit-code order, so a writer that took
     * the tickets' rows first could hold one of them while waiting for another the rename holds, and the rename wait
     * for the first: the database would end one of them (409) for nothing. Taking the enterprises first, in the same
     * order, one waits for the other instead.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockBeforeTheirTickets(Collection<String> creditCodes) {
        enterprises.lock(creditCodes);
    }

    /**
     * A new enterprise: 400 for a bad form, 409 when the credit code is on file already, also when another
     * request filed it after this one looked (the same form sent twice at once).
     */
    @Transactional
    public Enterprise create(EnterpriseForm form) {
        return file(form).enterprise();
    }

    /**
     * The enterprise as saved, and its town when none of the enterprises on file was in it before (null otherwise):
     * a page says so, since a misspelt town starts a town of its own in every figure.
     */
    public record Saved(Enterprise enterprise, String newTown) {}

    /** {@link #create}, saying whether its town is new to the file: the towns are read once, for both. */
    @Transactional
    public Saved file(EnterpriseForm form) {
        return file(form, true);
    }

    /**
     * {@link #file(EnterpriseForm)}; unless {@code sameNameConfirmed}, a name on file under another code is refused
     * ({@link NameOnFile}) after the form's faults (400) and a code on file (409), so that a person is asked only
     * about a form that would otherwise be filed. The API files it as asked: an integrator's import must not break.
     */
    @Transactional
    public Saved file(EnterpriseForm form, boolean sameNameConfirmed) {
        Towns towns = towns();
        EnterpriseForm f = checked(form, towns, null);
        if (enterprises.find(f.creditCode()).isPresent()) {
            throw onFile(f);
        }
        if (!sameNameConfirmed) {
            refuseNamesakes(f.name(), f.creditCode());
        }
        if (!enterprises.insert(f, clock.instant())) {
            throw onFile(f);
        }
        return saved(f, towns);
    }

    private static DomainException onFile(EnterpriseForm f) {
        return new DomainException.Exists(Message.of("sanfu.enterprise.exists", "creditCode", f.creditCode()));
    }

    /**
     * {@link NameOnFile} when enterprises other than {@code creditCode}'s have this name as channel intake finds
     * enterprises by name ({@link #named}: brackets' width and spaces aside), the comparison that a second file
     * would defeat.
     */
    private void refuseNamesakes(String name, String creditCode) {
        List<Enterprise> namesakes = named(name).stream().filter(e -> !e.creditCode().equals(creditCode)).toList();
        if (!namesakes.isEmpty()) {
            throw new NameOnFile(namesakes);
        }
    }

    /**
     * The enterprise's file corrected or brought up to date: every field but the credit code, which names
     * it, and but the parts of the contact {@code kept} as on file (the API's PUT keeps those its body leaves out),
     * kept by the update's own statement, so that a correction racing another writes back nothing it read. 404 for a
     * code not on file, 400 for a bad form; tickets' copies of its name and town follow ({@link EnterpriseUpdated}).
     */
    @Transactional
    public Enterprise update(String creditCode, EnterpriseCorrection c, ContactKept kept) {
        return correct(creditCode, c, true, kept).enterprise();
    }

    /**
     * {@link #update}, the whole contact as sent, saying whether its town is new to the file, as {@link #file} does
     * (the page's form); unless {@code sameNameConfirmed}, a name changed to one that
     * another enterprise on file has is refused ({@link NameOnFile}) after the form's faults. A name kept as filed is
     * not asked about again: two files of one name (filed by the API) must not hold up every other correction.
     */
    @Transactional
    public Saved correct(String creditCode, EnterpriseCorrection c, boolean sameNameConfirmed) {
        return correct(creditCode, c, sameNameConfirmed, ContactKept.NONE);
    }

    /** {@link #correct(String, EnterpriseCorrection, boolean)}, the parts of the contact {@code kept} as on file. */
    private Saved correct(String creditCode, EnterpriseCorrection c, boolean sameNameConfirmed, ContactKept kept) {
        Enterprise onFile = get(creditCode);
        Towns towns = towns();
        EnterpriseForm f = checked(new EnterpriseForm(onFile.creditCode(), c.name(), c.town(), c.industry(),
                c.exporter(), c.key(), c.specialist(), c.contactName(), c.contactPhone()), towns, onFile.specialist());
        if (!sameNameConfirmed && !f.name().equals(onFile.name())) {
            refuseNamesakes(f.name(), f.creditCode());
        }
        enterprises.update(f, kept, clock.instant());
        events.publishEvent(new EnterpriseUpdated(f.creditCode(), f.name(), f.town()));
        return saved(f, towns);
    }

    private Saved saved(EnterpriseForm f, Towns before) {
        return new Saved(enterprises.find(f.creditCode()).orElseThrow(), before.isNew(f.town()) ? f.town() : null);
    }

    /** The towns of the enterprises on file, read once for an import's lines ({@link #check}). */
    Towns towns() {
        return new Towns(enterprises.towns());
    }

    /** An import's line checked: the form as it is to be filed, and its town when none on file was in it before. */
    record Checked(EnterpriseForm form, String newTown) {}

    /**
     * An import's line checked as filing it checks a form, its town also against {@code towns} (those on file and
     * the import's earlier lines), which then hold it; a disabled specialist may stay where the enterprise on file
     * has them already. {@code specialists} holds, by credit code, the specialist each checked line gave its code,
     * this line's too. The import refuses a later line of a code already filed: it checks that line on copies of
     * both ({@code specialists} then says the specialist the earlier line gave it), so that the refused line's other
     * faults are said and its town and specialist are not remembered.
     * Writes nothing: the import files its lines afterwards ({@link #fileChecked}).
     */
    Checked check(EnterpriseForm form, Towns towns, Map<String, String> specialists) {
        // a code PostgreSQL cannot compare is none on file
        String code = CreditCode.normalize(form.creditCode());
        String kept = specialists.containsKey(code) ? specialists.get(code)
                : CreditCode.inAlphabet(code) ? enterprises.find(code).map(Enterprise::specialist).orElse(null) : null;
        EnterpriseForm f = checked(form, towns, kept);
        String newTown = towns.isNew(f.town()) ? f.town() : null;
        towns.add(f.town());
        specialists.put(f.creditCode(), f.specialist());
        return new Checked(f, newTown);
    }

    /**
     * Creates the enterprise of a checked line, or updates it when its credit code is on file; true when created. A
     * code that another request filed after this one looked (an import sent twice at once, a clerk filing it
     * meanwhile) is on file then, and updated as it would be a moment later. {@code kept}: the parts of the contact the file has no
     * contact columns, and an enterprise on file keeps its contact.
     */
    boolean fileChecked(EnterpriseForm f, ContactKept kept) {
        if (enterprises.find(f.creditCode()).isEmpty() && enterprises.insert(f, clock.instant())) {
            return true;
        }
        enterprises.update(f, kept, clock.instant());
        events.publishEvent(new EnterpriseUpdated(f.creditCode(), f.name(), f.town()));
        return false;
    }

    /** A visit at {@code seenAt} saw the enterprise operating like this. */
    @Transactional
    public void recordOperatingStatus(String creditCode, OperatingStatus status, java.time.Instant seenAt) {
        enterprises.updateOperatingStatus(creditCode, status, seenAt, clock.instant());
    }

    /**
     * The form normalized and checked, its town too: one on file but for its spaces is refused, naming that one. A
     * disabled account is newly named specialist of none (its person left); the one the file names already may stay
     * while other fields are corrected, the administrators' page having said it is to be handed over.
     */
    private EnterpriseForm checked(EnterpriseForm form, Towns towns, String specialistOnFile) {
        EnterpriseForm f = form.normalized();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        f.check(errors, name -> accounts.find(name).map(AccountDirectory.Person::role));
        if (!errors.has("specialist") && f.specialist() != null && !f.specialist().equals(specialistOnFile)
                && accounts.isDisabled(f.specialist())) {
            errors.add("specialist", Message.of("sanfu.enterprise.specialist-disabled", "specialist", f.specialist()));
        }
        String twin = errors.has("town") ? null : towns.spacedTwin(f.town());
        if (twin != null) {
            errors.add("town", Message.of("sanfu.enterprise.town-spacing", "town", twin));
        }
        errors.throwIfAny();
        return f;
    }
}
