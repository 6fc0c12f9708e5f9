package org.sanfu.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.People;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.DeadlineRecount;
import org.sanfu.ticket.RepliedTickets;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.ticket.TicketReporters;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.When;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issuing a one-time feedback link, showing what it is for, and taking the enterprise's feedback through
 * it. Every way a link can be dead (unknown, spent, voided by a newer one, past the feedback window, or
 * its ticket no longer waiting for feedback on that reply) is the same {@link LinkGone}, and nothing
 * changes. The page then says only that the link no longer works, unless the link was spent ({@link
 * #spent}): then it thanks the enterprise for the feedback it gave, as it did when it was given (the back
 * button, a second tap), and says nothing of what the feedback was; or unless the ticket moved on without it
 * ({@link #movedOn}: closed, or handled again, after staff recorded the feedback another way, the window closed
 * it unrated or a leader ruled): then it says that, since no new link can be had for that reply, and names no
 * more than the live page did (the department, whom to turn to), nor how it was rated; or unless a newer link
 * replaced it or the feedback window passed while the ticket still waits ({@link #stale}): then it says which, and
 * names whom to turn to. Only a token unknown names no one. Every page of a known link names whom to turn to by one
 * rule ({@link #contact}): the person who gave it out, unless they left or the ticket was handed on since.
 */
@Service
class FeedbackLinkService {

    /**
     * A link as issued: its path ({@code /f/<token>}), as sent ({@code url}), until when it works, whether
     * it voided a live one (the page says so only then: the enterprise may hold that one), and the words of the
     * message that hands it out, up to the link ({@code invitation}: the enterprise, the ticket's title, who
     * answered, until when; {@link #message}).
     */
    record Issued(String path, String url, Instant expiresAt, boolean voidedEarlier, String invitation,
            String enterpriseCreditCode) {

        /**
         * The message to the enterprise with the link at its end: what the configured senders send, and what the
         * issued page's 用短信发送 fills in (with the link as that page shows it), in the same words.
         */
        String message(String link) {
            return invitation + link;
        }
    }

    /**
     * What a live link's page shows: the ticket's title and reply, whom to turn to ({@link #contact}: a user name,
     * or null for no one by name), the files its departments added (the 答复函 and the like), oldest first, and those the
     * enterprise sent with an earlier rating ({@code ownFiles}: a 不满意 sent it back to be handled again), and how many
     * files this rating may carry ({@code filesAllowed}: {@link #MAX_FILES}, fewer once the enterprise nears its
     * allowance for the ticket, 0 when it has used it up).
     */
    record Shown(RepliedTickets.Replied ticket, String contact, List<TicketAttachments.Attachment> files,
            List<TicketAttachments.Attachment> ownFiles, int filesAllowed) {}

    /** A rating recorded: where the ticket went with it, and how many files came with it. */
    record Rated(RepliedTickets.Since after, int files) {}

    /** The most files the enterprise sends with one rating. */
    static final int MAX_FILES = 3;

    /** A link that was used for feedback: whom its page, which thanks for it, names ({@link #contact}). */
    record Spent(String contact) {}

    /**
     * A dead link whose ticket moved on without it: its status now, the day it closed (in the service's zone,
     * when closed), the department leading it, whom to turn to ({@link #contact}), and whether it was voided
     * because staff recorded the enterprise's feedback on its reply themselves (the page says it was recorded).
     */
    record MovedOn(TicketStatus status, LocalDate closedOn, String leadDepartment, String contact,
            boolean ratedByStaff) {}

    /**
     * A dead link whose ticket still waits for feedback on its reply: voided by a newer link ({@code replaced}, while
     * the feedback window lasts: the newest one still works), or past the window ({@code windowEnd}, when it ended).
     * Whom its page names to turn to ({@link #contact}).
     */
    record Stale(String contact, boolean replaced, Instant windowEnd) {}

    /** The link names no ticket waiting for feedback (410). */
    static final class LinkGone extends RuntimeException {
        LinkGone() {
            super("feedback link no longer valid", null, false, false);
        }
    }

    /**
     * A link was issued since the page that asks for one was drawn (its answer reloaded, a colleague's): nothing is
     * issued or voided (409), and the answer names who issued the live one and when ({@code live}).
     */
    static final class IssuedMeanwhile extends RuntimeException {

        private final transient FeedbackLinks.Issue live;

        IssuedMeanwhile(FeedbackLinks.Issue live) {
            super("a feedback link was issued meanwhile", null, false, false);
            this.live = live;
        }

        FeedbackLinks.Issue live() {
            return live;
        }
    }

    private final FeedbackLinks links;
    private final RepliedTickets replied;
    private final TicketActions actions;
    private final FeedbackLinkDispatch dispatch;
    private final FeedbackLinkProperties settings;
    private final Catalog catalog;
    private final People people;
    private final AccountDirectory accounts;
    private final TicketReporters reporters;
    private final TicketAttachments attachments;
    private final ZoneId zone;
    /** Moments in the history and the message as the pages write them (2026-12-04 10:00). */
    private final When when;
    private final Clock clock;

    FeedbackLinkService(FeedbackLinks links, RepliedTickets replied, TicketActions actions,
            FeedbackLinkDispatch dispatch, FeedbackLinkProperties settings, Catalog catalog, People people,
            AccountDirectory accounts, TicketReporters reporters, TicketAttachments attachments,
            SanfuProperties properties, When when, Clock clock) {
        this.links = links;
        this.attachments = attachments;
        this.people = people;
        this.accounts = accounts;
        this.reporters = reporters;
        this.catalog = catalog;
        this.replied = replied;
        this.actions = actions;
        this.dispatch = dispatch;
        this.settings = settings;
        this.zone = properties.zone();
        this.when = when;
        this.clock = clock;
    }

    /**
     * A new link for a replied ticket; the ticket's earlier links stop working. 404, 403 (STAFF and
     * DISPATCH only) and 409 (not waiting for feedback, or its window already passed) as RepliedTickets
     * says. With {@code send}, the link goes to the configured senders once this has committed.
     */
    @Transactional
    public Issued issue(String ticketId, Caller caller, boolean send) {
        return issue(ticketId, caller, send, null);
    }

    /**
     * As {@link #issue(String, Caller, boolean)}, from a page drawn when the ticket's live link was
     * {@code replaces} ({@link FeedbackLinkMarks#mark}): when another link was issued since (the page's answer
     * sent again by a refresh, or a colleague's), {@link IssuedMeanwhile} and nothing changes, so that a link already
     * with the enterprise is not voided unawares. Null: no such check (the API).
     */
    @Transactional
    public Issued issue(String ticketId, Caller caller, boolean send, String replaces) {
        RepliedTickets.Replied ticket = replied.lockForLink(ticketId, caller);
        // the change's moment, taken under the ticket's lock: the link's row, its history note and the ticket's updatedAt
        Instant now = replied.changeMoment();
        if (ticket.feedbackDue() == null || !now.isBefore(ticket.feedbackDue())) {
            throw new DomainException.NotNow(Message.of("sanfu.feedback-link.window-passed", "id", ticketId));
        }
        if (replaces != null) {
            Optional<FeedbackLinks.Issue> live = links.live(ticket.id(), now);
            if (live.isPresent() && !FeedbackLinkMarks.mark(live.get().at()).equals(replaces)) {
                throw new IssuedMeanwhile(live.get());
            }
        }
        Optional<FeedbackLinks.Issue> earlier = links.voidUnspent(ticket.id(), now, false);
        String token = FeedbackTokens.next();
        links.insert(ticket.id(), FeedbackTokens.hash(token), ticket.repliedAt(), caller.username(), now,
                ticket.feedbackDue());
        String path = "/f/" + token;
        Issued issued = new Issued(path, settings.absolute(path), ticket.feedbackDue(), earlier.isPresent(),
                invitation(ticket), ticket.enterpriseCreditCode());
        // an outbound contact with the enterprise, in the history as such: how it went out, never the link itself
        String how = !send ? "链接由生成人转给企业" : dispatch.configured() ? "链接已交发送渠道（工作群或短信）发给企业"
                : "没有配置发送渠道，链接未发出，由生成人转给企业";
        replied.noteLink(ticket.id(), RepliedTickets.LINK_ISSUED, caller.username(), TicketStatus.REPLIED,
                how + "，有效至 " + when.of(ticket.feedbackDue())
                        + earlier.map(e -> "；" + issuedBy(e) + "生成的链接同时作废").orElse(""));
        if (send) {
            dispatch.afterCommit(message(ticket, issued));
        }
        return issued;
    }

    /**
     * Staff recorded the enterprise's feedback themselves: the ticket's unspent links are voided with it, and
     * the history says so when one was live (the enterprise may hold it). In the feedback action's transaction.
     */
    @EventListener
    public void feedbackRecorded(TicketActions.FeedbackRecorded recorded) {
        // the feedback action's moment (taken under the ticket's lock), which its note and the ticket's updatedAt say
        Instant now = replied.changeMoment();
        links.voidUnspent(recorded.ticketId(), now, true).ifPresent(live -> replied.noteLink(recorded.ticketId(),
                RepliedTickets.LINK_VOIDED, recorded.actor(), recorded.status(),
                "回访已记录，" + issuedBy(live) + "生成的回访链接随之作废，企业无法再用它评价"));
    }

    /** "王晓明（staff1） 于 2026-12-04 10:00 ": who gave out a link and when, as the history says it. */
    private String issuedBy(FeedbackLinks.Issue issue) {
        return people.label(issue.by()) + " 于 " + when.of(issue.at()) + " ";
    }

    /** What the link's page shows: the ticket's title and reply, who asks, and its files, while the link works. */
    @Transactional(readOnly = true)
    public Shown open(String token) {
        FeedbackLinks.Link link = live(token);
        RepliedTickets.Replied ticket = awaiting(link);
        TicketAttachments.OnFeedbackPage files = attachments.onFeedbackPage(ticket.id());
        return new Shown(ticket, contact(link), files.departments(), files.enterprise(),
                Math.min(MAX_FILES, files.roomForEnterprise()));
    }

    /**
     * One of the files the link's page lists (its departments' or the enterprise's own), to download while the link
     * works (410 else, as the page): empty for any other id, another ticket's file or one staff added included. Reading
     * it spends nothing.
     */
    @Transactional(readOnly = true)
    public Optional<TicketAttachments.File> file(String token, String attachmentId) {
        return attachments.onFeedbackPage(awaiting(live(token)).id(), attachmentId);
    }

    /**
     * Whether a rating sent to this link now could be recorded, files and all: the link lives and its ticket waits for
     * feedback on its reply ({@link FeedbackUploadGate} reads a form's files only then).
     */
    @Transactional(readOnly = true)
    public boolean takesRating(String token) {
        try {
            awaiting(live(token));
            return true;
        } catch (LinkGone gone) {
            return false;
        }
    }

    /** The live link's ticket, while it waits for feedback on the link's reply; else {@link LinkGone}. */
    private RepliedTickets.Replied awaiting(FeedbackLinks.Link link) {
        return replied.awaitingFeedback(link.ticketId(), link.repliedAt()).orElseThrow(LinkGone::new);
    }

    /**
     * Whom every page of a known link names for the enterprise to turn to, and the live page as who asks (a user
     * name; null for no one by name: the pages then say 为您服务的工作人员, without a telephone). The person who gave
     * the link out, while their account is enabled and the ticket was not handed over (工作交接) since to someone else:
     * the enterprise heard from them. Else, their account disabled (they left) or the ticket's work handed to another
     * specialist since, whoever follows the ticket now, its reporter, while that account is enabled; else no one.
     */
    private String contact(FeedbackLinks.Link link) {
        String issuer = link.issuedBy();
        Optional<TicketReporters.Follower> follower = reporters.follower(link.ticketId(), link.issuedAt());
        boolean handedOn = follower.filter(f -> f.handedOverSince() && !issuer.equals(f.reporter())).isPresent();
        if (!handedOn && enabled(issuer)) {
            return issuer;
        }
        String reporter = follower.map(TicketReporters.Follower::reporter).orElse(null);
        return enabled(reporter) ? reporter : null;
    }

    private boolean enabled(String username) {
        return accounts.find(username).filter(AccountDirectory.Person::enabled).isPresent();
    }

    /**
     * The enterprise's feedback, recorded as the feedback action records it, with the files it sent (at most
     * {@link #MAX_FILES}, kept as the enterprise's: TicketAttachments#attachFromEnterprise), and the link spent, in one
     * transaction: a link spent or voided meanwhile, or a ticket that no longer waits, rolls it all back (410), as a
     * file refused does (400 naming {@code files}). Answers where the ticket went with it.
     */
    @Transactional
    public Rated rate(String token, ActionRequests.Feedback command, List<TicketAttachments.Upload> files) {
        FeedbackLinks.Link link = live(token);
        if (files.size() > MAX_FILES) {
            throw tooManyFiles();
        }
        try {
            // the files first, while the ticket is in the state they were sent about (REPLIED): their attach events
            // precede the rating they came with, and a refused one is answered before the rating is weighed
            attachments.attachFromEnterprise(awaiting(link).id(), files);
            actions.feedbackFromEnterprise(link.ticketId(), link.repliedAt(), command);
        } catch (DomainException.NotNow | DomainException.NotFound e) {
            throw new LinkGone();
        }
        if (!links.spend(link.id(), replied.changeMoment())) {
            throw new LinkGone();
        }
        // what the feedback led to (closed, handled again and by whom, a leader's), and the title the thanks names
        return new Rated(replied.since(link.ticketId(), link.repliedAt()).orElseThrow(), files.size());
    }

    /** More files than one rating takes: 400 naming {@code files}. */
    static InvalidInput tooManyFiles() {
        return InvalidInput.of(TicketAttachments.FROM_ENTERPRISE_FIELD, Message.of("sanfu.feedback.files-too-many",
                "max", MAX_FILES));
    }

    /**
     * The link, when the token is one that was used for feedback (not one unknown, voided or past its window): the
     * page that thanks names whom to turn to ({@link #contact}). Empty for any other token.
     */
    @Transactional(readOnly = true)
    public Optional<Spent> spent(String token) {
        if (!FeedbackTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return links.find(FeedbackTokens.hash(token)).filter(l -> l.usedAt() != null).map(l -> new Spent(contact(l)));
    }

    /**
     * What became of the ticket of a link neither spent nor waiting any more (its ticket closed, handled again,
     * or replied anew since the link's reply), for the page that says so. Empty for a link unknown, spent, or
     * whose ticket still waits for feedback on its reply (voided by a newer link, or past its window before the
     * sweep closed it): the page says only that it no longer works.
     */
    @Transactional(readOnly = true)
    public Optional<MovedOn> movedOn(String token) {
        if (!FeedbackTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return links.find(FeedbackTokens.hash(token)).filter(l -> l.usedAt() == null)
                .flatMap(l -> replied.since(l.ticketId(), l.repliedAt()).map(since -> new MovedOn(since.status(),
                        since.closedAt() == null ? null : LocalDate.ofInstant(since.closedAt(), zone),
                        since.leadDepartment(), contact(l), l.voidedByFeedback())));
    }

    /**
     * A link that is neither spent nor outlived by its ticket ({@link #movedOn}), while the ticket still waits for
     * feedback on the link's reply: voided by a newer link, or past the feedback window. Its page names whom to turn to
     * ({@link #contact}), as the pages of a spent link and of a ticket moved on do, and for a replaced one says to use
     * the newest. Empty for a token unknown (never guessed at: a token not well formed is not looked up) or of another
     * kind.
     */
    @Transactional(readOnly = true)
    public Optional<Stale> stale(String token) {
        if (!FeedbackTokens.wellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return links.find(FeedbackTokens.hash(token)).filter(l -> l.usedAt() == null && !l.liveAt(now))
                .flatMap(l -> replied.awaitingFeedback(l.ticketId(), l.repliedAt()).map(t -> new Stale(contact(l),
                        l.voidedAt() != null && (t.feedbackDue() == null || now.isBefore(t.feedbackDue())),
                        t.feedbackDue())));
    }

    /**
     * The feedback window moved (a changed holiday calendar counted it again): the live link ends with it,
     * so that the enterprise can still answer to its end, and not after. In the recount's transaction.
     */
    @EventListener
    public void windowMoved(DeadlineRecount.FeedbackWindowMoved moved) {
        links.expireWith(moved.ticketId(), moved.due());
    }

    private FeedbackLinks.Link live(String token) {
        if (!FeedbackTokens.wellFormed(token)) {
            throw new LinkGone();
        }
        return links.find(FeedbackTokens.hash(token)).filter(l -> l.liveAt(clock.instant()))
                .orElseThrow(LinkGone::new);
    }

    /** The message's words before the link: to whom, about which ticket, who answered, until when it works. */
    private String invitation(RepliedTickets.Replied ticket) {
        // who answered, as the page says it: the message reaches the enterprise among many others
        String answeredBy = ticket.leadDepartment() != null ? "由" + catalog.departmentLabel(ticket.leadDepartment())
                : ticket.answeredOnSite() ? "由" + onSiteRole(ticket.source())
                        + Objects.requireNonNullElse(people.name(ticket.answeredOnSiteBy()), "") + "当场"
                : "";
        return ticket.enterpriseName() + "：您反映的「" + ticket.title() + "」已" + answeredBy + "答复，请于 "
                + when.of(ticket.feedbackDue()) + " 前打开链接查看并评价（仅限一次）：";
    }

    /**
     * Who answered a problem resolved on site, as the enterprise met them, before their name (王晓明): 走访的工作人员
     * at a visit, 座谈会上的工作人员 at a forum, else 工作人员 (a call or an online entry answered at once).
     */
    static String onSiteRole(String source) {
        return Source.VISIT.name().equals(source) ? "走访的工作人员"
                : Source.FORUM.name().equals(source) ? "座谈会上的工作人员" : "工作人员";
    }

    private FeedbackLinkMessage message(RepliedTickets.Replied ticket, Issued issued) {
        return new FeedbackLinkMessage(String.valueOf(ticket.id()), ticket.enterpriseCreditCode(),
                ticket.enterpriseName(), ticket.title(), issued.url(), issued.expiresAt(), issued.message(issued.url()));
    }
}
