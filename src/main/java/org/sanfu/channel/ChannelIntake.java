package org.sanfu.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.NewTicket;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketIntake;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.sanfu.ticket.Urgency;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.sanfu.web.Text;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A channel's problem becomes a ticket through the same intake as a visit's (ticket.TicketIntake: the
 * routing decision, the clocks, the process), once per external id of the channel: the id is claimed in
 * channel_ticket, whose primary key is (channel, external id), in the ticket's own transaction. Of two
 * requests racing with one id, the second's claim waits for the first and then fails as a duplicate; its
 * transaction rolls back, and it answers with the first one's ticket.
 */
@Service
public class ChannelIntake {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChannelIntake.class);

    static final int MAX_EXTERNAL_ID = 128;
    static final int MAX_CATEGORY = 64;
    static final int TEXT = 4000;
    /** As for a visit's time: clocks drift a little. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** The category of a problem a channel sent without one, or with one the catalog lacks: dispatch routes it. */
    static final String UNROUTED = "OTHER";

    /**
     * The ticket as the channel reads it (ChannelTicket), and whether this request created it (201) or found it
     * filed before (200), under the external id as kept ({@code GET /api/intake/{externalId}} names it so: the 201's
     * Location).
     */
    public record Filed(ChannelTicket ticket, boolean created, String externalId) {}

    private final Channels channels;
    private final EnterpriseService enterprises;
    private final TicketIntake intake;
    private final TicketQueries tickets;
    private final TicketActions actions;
    private final Catalog catalog;
    private final QueryParams params;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration maxReportAge;

    ChannelIntake(Channels channels, EnterpriseService enterprises, TicketIntake intake, TicketQueries tickets,
            TicketActions actions, Catalog catalog, QueryParams params, PlatformTransactionManager transactions,
            Clock clock, ChannelProperties properties) {
        this.actions = actions;
        this.channels = channels;
        this.enterprises = enterprises;
        this.intake = intake;
        this.tickets = tickets;
        this.catalog = catalog;
        this.params = params;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.maxReportAge = properties.maxReportAge();
    }

    /**
     * Files the problem, or refuses it with 400 naming every field at fault: those the body could not be read for
     * ({@code unread}, JsonBodies.Read: a value no enum has, a misspelt field), then those this check finds.
     */
    public Filed file(String channel, IntakeRequest request, List<InvalidInput.Fault> unread) {
        Checked checked = check(channel, request, unread);
        String externalId = checked.externalId();
        var earlier = filedAs(channel, request.externalId());
        if (earlier.isPresent()) {
            supplement(channel, earlier.get(), checked);
            return new Filed(channelView(earlier.get()), false, externalId);
        }
        // by name only now: a repeat is its ticket whatever the name finds meanwhile (a namesake imported since)
        Checked complete = checked.enterprise() != null ? checked : checked.with(named(request.enterpriseName()));
        try {
            long id = transaction.execute(status -> open(channel, complete));
            return new Filed(channelView(id), true, externalId);
        } catch (DuplicateKeyException e) {
            // the same external id arrived twice at once: the other request's ticket is the one
            log.debug("{} filed {} twice at once; answering with the first request's ticket", channel, externalId);
            return new Filed(channelView(channels.ticketOf(channel, externalId).orElseThrow(() -> e)), false,
                    externalId);
        }
    }

    /**
     * The same external id again, with other words than the ticket was filed with (a second call of the caller, who
     * adds or corrects): the ticket stays as filed, and what differs is kept in its history for those who handle it,
     * once however often it is sent. Nothing for a repeat of what was filed.
     */
    private void supplement(String channel, long id, Checked sent) {
        TicketView filed = view(id);
        IntakeRequest r = sent.request();
        List<String> differs = new java.util.ArrayList<>();
        if (sent.enterprise() != null) {
            if (!sent.enterprise().creditCode().equals(filed.enterpriseCreditCode())) {
                differs.add("企业：" + sent.enterprise().name() + "（" + sent.enterprise().creditCode() + "）");
            }
        } else {
            // by name: the one it finds now, or the name as sent when it finds none or several
            List<Enterprise> named = enterprises.named(r.enterpriseName());
            if (named.size() == 1 && !named.get(0).creditCode().equals(filed.enterpriseCreditCode())) {
                differs.add("企业：" + named.get(0).name() + "（" + named.get(0).creditCode() + "）");
            } else if (named.size() != 1 && !Typed.trimmed(r.enterpriseName()).equals(filed.enterpriseName())) {
                differs.add("企业：" + Typed.trimmed(r.enterpriseName()));
            }
        }
        if (!r.title().strip().equals(filed.title())) {
            differs.add("标题：" + r.title().strip());
        }
        String description = blankToNull(r.description());
        if (description != null && !description.equals(filed.description())) {
            differs.add("描述：" + description.strip());
        }
        if (r.urgency() != null && r.urgency() != filed.urgency()) {
            differs.add("紧急程度：" + (r.urgency() == Urgency.URGENT ? "紧急" : "一般"));
        }
        if (!differs.isEmpty()) {
            actions.noteFromChannel(id, channel, "渠道再次来件，内容与原件不同（事项按原件办理）——" + String.join("；", differs));
        }
    }

    /** 404 for an external id the channel never filed (another channel's included). */
    public IntakeStatus status(String channel, String externalId) {
        TicketView t = view(ticketOf(channel, externalId));
        return new IntakeStatus(externalId, t.id(), t.status(), t.resolution(), t.satisfaction(), t.leadDepartment(),
                catalog.departmentLabel(t.leadDepartment()), t.replyDeadline(), t.feedbackDue(), t.outcome(),
                t.closedAt(), t.reopenCount());
    }

    /**
     * The channel passes on its caller's rating of the reply (回访): recorded as staff's feedback is, by
     * {@code channel:<code>}. 404 for an external id the channel never filed; 409 while the ticket does not wait
     * for feedback. Answers the ticket as the channel may know it, after the feedback.
     */
    public ChannelTicket feedback(String channel, String externalId, ActionRequests.Feedback command) {
        long id = ticketOf(channel, externalId);
        actions.feedbackFromChannel(id, channel, command);
        return channelView(id);
    }

    /** 404 for an external id the channel never filed, changing nothing: asked before a faulty body is 400. */
    public void checkFiled(String channel, String externalId) {
        ticketOf(channel, externalId);
    }

    private long ticketOf(String channel, String externalId) {
        return filedAs(channel, externalId).orElseThrow(() -> new DomainException.NotFound("intake", externalId));
    }

    /**
     * The ticket an external id, as the channel sends it, was filed as: as ids are read now ({@link Typed#trimmed}), or
     * as one filed before that was ({@code strip()}, which kept a no-break or zero-width space at an end), so that a
     * repeat, a status or a rating of such an id still finds its ticket. Filing, status and feedback alike.
     */
    private Optional<Long> filedAs(String channel, String sent) {
        String trimmed = Typed.trimmed(sent);
        Optional<Long> found = channels.ticketOf(channel, trimmed);
        String stripped = sent.strip();
        return found.isPresent() || stripped.equals(trimmed) ? found : channels.ticketOf(channel, stripped);
    }

    /** The 201's and the 200's ticket alike: what the channel may know of it. */
    private ChannelTicket channelView(long id) {
        TicketView t = view(id);
        return ChannelTicket.of(t, catalog.departmentLabel(t.leadDepartment()));
    }

    private TicketView view(long id) {
        return tickets.filed(id).orElseThrow(() -> new IllegalStateException("ticket " + id + " vanished"));
    }

    private long open(String channel, Checked c) {
        channels.claim(channel, c.externalId(), c.sentCategory());
        IntakeRequest r = c.request();
        Enterprise e = c.enterprise();
        long id = intake.open(new NewTicket(null, e.creditCode(), e.name(), e.town(), TicketActions.CHANNEL_ACTOR + channel,
                c.category(), r.title().strip(), blankToNull(r.description()),
                r.urgency() == null ? Urgency.NORMAL : r.urgency(), channel, c.reportedAt(), false, null));
        channels.fill(channel, c.externalId(), id);
        return id;
    }

    /** A request found well formed; {@code enterprise} is null when it names one by name, not yet looked up. */
    private record Checked(IntakeRequest request, String externalId, Enterprise enterprise, Instant reportedAt,
            String category, String sentCategory) {

        Checked with(Enterprise found) {
            return new Checked(request, externalId, found, reportedAt, category, sentCategory);
        }
    }

    /**
     * Whether GET /api/intake/{externalId} can name it: the request firewall refuses a path with a slash,
     * backslash, semicolon or percent sign in it, even encoded, and a "." or ".." segment.
     */
    static boolean addressable(String externalId) {
        return !externalId.equals(".") && !externalId.equals("..")
                && externalId.chars().noneMatch(c -> "/\\;%".indexOf(c) >= 0);
    }

    private Checked check(String channel, IntakeRequest r, List<InvalidInput.Fault> unread) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        unread.forEach(fault -> errors.add(fault.field(), fault.reason()));
        // the channel's own identifier: its ends lose what a paste leaves (no-break, zero-width spaces), but it is
        // not folded, since ＡＢ１ and AB1 may be two ids of the channel's, and it asks for its problem by the id it sent
        String externalId = Typed.trimmed(r.externalId());
        line(errors, "externalId", r.externalId(), externalId, true, MAX_EXTERNAL_ID);
        if (!errors.has("externalId") && !addressable(externalId)) {
            errors.add("externalId", Message.of("sanfu.channel.external-id"));
        }
        Enterprise enterprise = enterprise(errors, r);
        Instant now = clock.instant();
        Instant reportedAt = r.reportedAt() == null ? now
                : params.happenedAt(errors, "reportedAt", r.reportedAt(), now, FUTURE_TOLERANCE);
        // the reply clock runs from reportedAt (API.md): a problem back-dated by years would be overdue as it is filed
        // and counted against the department it is routed to. A visit may be logged late (staff file what they saw);
        // a channel passes its caller's problem on at once, so it files only what was reported recently. Only a new
        // problem, though: the same external id again, with the reportedAt it was filed with, is answered with its
        // ticket however long ago that was (API.md), so the window is asked after the earlier filing is looked for
        // (an id at fault is none's; a well-formed one only, as the lookup of file() reads it).
        if (reportedAt != null && reportedAt.isBefore(now.minus(maxReportAge))
                && (errors.has("externalId") || filedAs(channel, r.externalId()).isEmpty())) {
            errors.add("reportedAt", Message.of("sanfu.channel.reported-too-long-ago", "days", maxReportAge.toDays()));
            reportedAt = null;
        }
        // a code of the catalog's, as meant: full-width letters of a Chinese input method as ASCII (Typed.folded),
        // none when nothing else is left; known() matches its case as before
        String sent = params.folded(r.category());
        line(errors, "category", r.category(), sent, false, MAX_CATEGORY);
        line(errors, "title", r.title(), stripped(r.title()), true, TEXT);
        errors.optionalParagraphs("description", r.description(), TEXT);
        errors.throwIfAny();
        String category = sent == null ? UNROUTED : known(sent);
        return new Checked(r, externalId, enterprise, reportedAt, category, sent);
    }

    /**
     * The enterprise the problem is about: by its credit code when one is sent (a name beside it is not looked at:
     * the code names one enterprise, a caller's name may be a short or an old one). A name instead is only checked
     * here and looked up by {@link #named} when the request files a new ticket: a request at fault for another field
     * does not learn whether the name is on file. Neither: the credit code is missing, as before names were taken.
     * Null when at fault, which {@code errors} then holds, or when given by name.
     */
    private Enterprise enterprise(InvalidInput.Collector errors, IntakeRequest r) {
        // a code of nothing but a no-break or zero-width space copied in is none, as a blank one
        String code = CreditCode.normalize(r.enterpriseCreditCode());
        boolean byCode = code != null && !code.isEmpty();
        boolean byName = !byCode && !Text.Rule.blank(r.enterpriseName());
        Enterprise enterprise = null;
        if (byCode) {
            enterprise = enterprises.find(code).orElse(null);
            if (enterprise == null) {
                errors.add("enterpriseCreditCode", Message.of("sanfu.visit.no-enterprise"));
            }
        } else if (!byName) {
            errors.add("enterpriseCreditCode", Message.of("sanfu.validation.not-blank"));
        }
        // measured as looked up (EnterpriseService.named): without the spaces around it, no-break ones too
        line(errors, "enterpriseName", r.enterpriseName(), Typed.trimmed(r.enterpriseName()), false,
                EnterpriseForm.NAME_MAX);
        return enterprise;
    }

    /**
     * A line of text the intake keeps without the spaces around it (its external id, the category it names, the
     * title; the name it looks up), {@code kept}: at most {@code max} characters as kept (API.md: free text is kept as sent, spaces
     * around it aside), so that a title of 4000 characters with a space after it is one of 4000. The rest of
     * {@link Text.Rule} looks at it as sent: a control character at either end is refused, not dropped unseen.
     */
    private static void line(InvalidInput.Collector errors, String field, String value, String kept, boolean required,
            int max) {
        Message fault = Text.Rule.fault(value, required, false, Integer.MAX_VALUE);
        if (fault == null && kept != null) {
            fault = Text.Rule.fault(kept, false, false, max);
        }
        if (fault != null) {
            errors.add(field, fault);
        }
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }

    /** The one enterprise on file of this name (EnterpriseService.named); none or several: 400 naming the field. */
    private Enterprise named(String name) {
        List<Enterprise> named = enterprises.named(name);
        if (named.size() == 1) {
            return named.get(0);
        }
        throw InvalidInput.of("enterpriseName", named.isEmpty() ? Message.of("sanfu.channel.no-enterprise-named")
                : Message.of("sanfu.channel.enterprise-name-shared", "count", named.size()));
    }

    /**
     * The catalog's code of the category the channel named, whatever its case (a hotline's system may send
     * container or Container for CONTAINER); OTHER when it names none, or, by case alone, more than one.
     */
    private String known(String sent) {
        String code = catalog.category(sent);
        return code == null ? UNROUTED : code;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
