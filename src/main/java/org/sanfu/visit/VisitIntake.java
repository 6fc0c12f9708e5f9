package org.sanfu.visit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.NewTicket;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketIntake;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.Urgency;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.sanfu.web.Text;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake (汇总): a visit and its problems become a visit row and one ticket per problem, each with
 * its process started, in one transaction. A repeated Idempotency-Key answers with the first answer.
 */
@Service
public class VisitIntake {

    static final int MAX_PROBLEMS = 20;
    static final int TEXT = 4000;
    static final int MAX_KEY = 200;
    /** Clocks drift; a visit a little in the future is a clock, more is a mistake. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /** The visit's answer as its JSON (kept so for a replay), with its id, which the answer's Location names. */
    public record Answer(String id, String json, boolean replayed) {}

    private final Visits visits;
    private final IdempotencyKeys keys;
    private final EnterpriseService enterprises;
    private final TicketIntake ticketIntake;
    private final TicketQueries ticketQueries;
    private final Catalog catalog;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final QueryParams params;
    private final Clock clock;

    VisitIntake(Visits visits, IdempotencyKeys keys, EnterpriseService enterprises, TicketIntake ticketIntake,
            TicketQueries ticketQueries, Catalog catalog, ObjectMapper json, PlatformTransactionManager transactions,
            QueryParams params, Clock clock) {
        this.visits = visits;
        this.keys = keys;
        this.enterprises = enterprises;
        this.ticketIntake = ticketIntake;
        this.ticketQueries = ticketQueries;
        this.catalog = catalog;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
        this.params = params;
        this.clock = clock;
    }

    /**
     * 403 unless the caller may log an entry from this source, as the client wrote it (null: VISIT).
     * Asked before the body is read, so that dispatch's wrong entries are 403 whatever else is wrong.
     */
    public void authorize(Caller caller, String source) {
        if (caller.is(Role.DISPATCH) && !Source.isEntry(source)) {
            throw new DomainException.NotYours(Message.of("sanfu.visit.dispatch-source"));
        }
    }

    public Answer log(VisitRequest request, Caller caller, String idempotencyKey) {
        Source source = request.source() == null ? Source.VISIT : request.source();
        authorize(caller, source.name());
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        // the page's hidden field is a form's text, not a header the firewall read: a control character in it (a NUL
        // would fail PostgreSQL's look-up of the key) is refused like one in any other field
        Message keyFault = key == null ? null : Text.Rule.fault(key, false, false, MAX_KEY);
        if (keyFault != null) {
            throw InvalidInput.of("Idempotency-Key", keyFault);
        }
        // 400 before 409 (API.md): a reused key with a different, invalid body is a bad request first
        Checked checked = check(request, source);
        String hash = hash(request);
        if (key != null) {
            Optional<Answer> earlier = replay(caller, key, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            return transaction.execute(status -> create(checked, caller, key, hash));
        } catch (DuplicateKeyException e) {
            // The same key arrived twice at once; the other request won and its answer is stored.
            return replay(caller, key, hash).orElseThrow(() -> e);
        }
    }

    /**
     * What {@link #log} would refuse in this request (400), if anything, without logging it: a page names
     * it beside the faults it found reading the form, so that one answer names them all.
     */
    public Optional<InvalidInput> refusal(VisitRequest request) {
        try {
            check(request, request.source() == null ? Source.VISIT : request.source());
            return Optional.empty();
        } catch (InvalidInput refused) {
            return Optional.of(refused);
        }
    }

    private Optional<Answer> replay(Caller caller, String key, String hash) {
        return keys.find(caller.username(), key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw new DomainException.Exists(Message.of("sanfu.visit.key-reused", "key", key));
            }
            return new Answer(read(stored.response()).path("id").asText(), stored.response(), true);
        });
    }

    private record Checked(VisitRequest request, Enterprise enterprise, Instant visitedAt, Source source) {}

    private Checked check(VisitRequest r, Source source) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Enterprise enterprise = null;
        // blank also when nothing but a no-break or zero-width space was copied into it
        String code = CreditCode.normalize(r.enterpriseCreditCode());
        if (code == null || code.isEmpty()) {
            errors.add("enterpriseCreditCode", Message.of("sanfu.validation.not-blank"));
        } else {
            enterprise = enterprises.find(code).orElse(null);
            if (enterprise == null) {
                errors.add("enterpriseCreditCode", Message.of("sanfu.visit.no-enterprise"));
            }
        }
        Instant now = clock.instant();
        Instant visitedAt = r.visitedAt() == null ? now
                : params.happenedAt(errors, "visitedAt", r.visitedAt(), now, FUTURE_TOLERANCE);
        if (r.orderBacklogMonths() != null && (r.orderBacklogMonths() < 0 || r.orderBacklogMonths() > 120)) {
            errors.add("orderBacklogMonths", Message.of("sanfu.validation.between", "min", 0, "max", 120));
        }
        errors.optionalParagraphs("notes", r.notes(), TEXT);
        List<VisitRequest.Problem> problems = r.problemList();
        if (problems.size() > MAX_PROBLEMS) {
            errors.add("problems", Message.of("sanfu.visit.too-many-problems", "max", MAX_PROBLEMS));
        }
        for (int i = 0; i < problems.size(); i++) {
            String at = "problems[" + i + "]";
            VisitRequest.Problem p = problems.get(i);
            if (p == null) {
                errors.add(at, Message.of("sanfu.json.not-object"));
                continue;
            }
            if (catalog.category(p.category()) == null) {
                errors.add(at + ".category", Message.of("sanfu.validation.one-of", "values", catalog.categoryCodes()));
            }
            errors.requireText(at + ".title", p.title(), TEXT);
            errors.optionalParagraphs(at + ".description", p.description(), TEXT);
            if (p.onSite()) {
                errors.requireParagraphs(at + ".onSiteResolution", p.onSiteResolution(), TEXT);
            } else {
                errors.optionalParagraphs(at + ".onSiteResolution", p.onSiteResolution(), TEXT);
            }
        }
        errors.throwIfAny();
        return new Checked(r, enterprise, visitedAt, source);
    }

    private Answer create(Checked c, Caller caller, String key, String hash) {
        VisitRequest r = c.request();
        Instant now = clock.instant();
        long visitId = visits.insert(c.enterprise().creditCode(), c.visitedAt(), caller.username(), c.source(),
                r.operatingStatus(), r.orderBacklogMonths(), r.notes(), now);
        for (VisitRequest.Problem p : r.problemList()) {
            // filed as the catalog writes it, whatever ASCII case it was sent in (checked above)
            String category = catalog.category(p.category());
            ticketIntake.open(new NewTicket(visitId, c.enterprise().creditCode(), c.enterprise().name(),
                    c.enterprise().town(), caller.username(), category, Typed.trimmed(p.title()), p.description(),
                    p.urgency() == null ? Urgency.NORMAL : p.urgency(), c.source().name(), c.visitedAt(), p.onSite(),
                    p.onSite() ? p.onSiteResolution().strip() : null));
        }
        // Last write of the intake: updating the enterprise's row locks it until commit, and every other
        // visit to the same enterprise (a busy day's, an import's) waits for that lock. Taken first, it
        // made them wait for each other's tickets and processes too.
        if (r.operatingStatus() != null) {
            enterprises.recordOperatingStatus(c.enterprise().creditCode(), r.operatingStatus(), c.visitedAt());
        }
        Visit visit = visits.find(visitId).orElseThrow();
        String answer = write(VisitView.of(visit, ticketQueries.ofVisit(visitId, caller)));
        if (key != null) {
            keys.store(caller.username(), key, hash, answer, now);
        }
        return new Answer(String.valueOf(visitId), answer, false);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write visit answer", e);
        }
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored visit answer", e);
        }
    }

    private String hash(VisitRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
