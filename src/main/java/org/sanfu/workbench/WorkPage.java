package org.sanfu.workbench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.feedback.FeedbackLinkMarks;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketAction;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.visit.VisitQueries;
import org.sanfu.visit.VisitView;
import org.sanfu.web.Page;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /work}: the signed-in user's inbox as a page (anyone signed in). The tickets they can act on
 * now, most urgent deadline first, grouped by what they are waiting for: a department's signing and
 * replies, the office's queues (to assign, extensions, escalations), a leader's supervision, the
 * staff's feedback due. Staff also see their recent visits and the button to log a new one. The cards of the
 * tickets a department leads, and all of dispatch's, also name the co-departments and whose opinion the reply
 * waits on; a lead's card says when dispatch turned its extension request down, and a returned ticket's card, why
 * the department returned it; an escalated ticket's card, in dispatch's queue, the department's 已上报 and the
 * specialist's #myReported, to which task force it went, why and since when. A specialist also sees the
 * problems they reported that are not yet closed (#myReported): between the visit and the reply they are in no
 * inbox of theirs, and a specialist is asked by the enterprise where its problem stands; once replied they are
 * in the inbox's 已答复待回访 too, and the panel marks them as the specialist's turn (轮到您回访). A replied
 * ticket's card says when a feedback link is out and the enterprise has not rated yet. The office also sees the
 * hotline and online entries that are replied and wait for the enterprise's rating (#hotlineReplied), which it follows
 * up by telephone, recording the rating on the ticket's page, or with a feedback link: that panel is its 回访 queue,
 * so its inbox's 已答复待回访 (the same tickets) is not listed again above it, though counted in the inbox's total.
 */
@Page
class WorkPage {

    /** The most tickets one page of the inbox shows. */
    static final int SHOWN = 100;
    static final int RECENT_VISITS = 10;
    /** The most of each kind of the department's tickets waiting on others that the page lists. */
    static final int WAITING_SHOWN = 10;
    /** The most of a specialist's reported open tickets the page lists (#myReported). */
    static final int REPORTED_SHOWN = 10;
    /** The most of the office's replied hotline and online entries the page lists (#hotlineReplied). */
    static final int ENTRIES_SHOWN = 10;

    /**
     * A department's tickets that have left its hands for a while, and are still its own: sent up to the task
     * force, under a leader's supervision, answered and waiting for the enterprise. They are in no inbox of the
     * department's, so without these it would have to search for what it sent up. A ticket waiting to be assigned
     * that names the department as its lead is one it returned (a ticket no department took has no lead): dispatch
     * may give it back, and the department's sign deadline runs on meanwhile, so it must not drop out of sight.
     */
    private static final List<TicketStatus> WAITING_ON_OTHERS = List.of(TicketStatus.DISPATCHING,
            TicketStatus.ESCALATED, TicketStatus.SUPERVISION, TicketStatus.REPLIED);

    /** The order of the queues on the page; a ticket sits in the queue of its first offered action. */
    private static final List<TicketAction> QUEUES = List.of(TicketAction.RULE, TicketAction.ASSIGN,
            TicketAction.APPROVE_EXTENSION, TicketAction.ESCALATION_REPLY, TicketAction.SIGN, TicketAction.CONTRIBUTE,
            TicketAction.REPLY, TicketAction.ESCALATE, TicketAction.FEEDBACK);

    /**
     * The queues that hold tickets of one status, headed by that status's label, as the ticket's page and every
     * list name it: one state under two names reads as two states. What the user does next is a hint below the
     * heading (page.work.next.*), not a second name.
     */
    private static final Map<TicketAction, TicketStatus> QUEUE_STATUS = Map.of(TicketAction.RULE,
            TicketStatus.SUPERVISION, TicketAction.ESCALATION_REPLY, TicketStatus.ESCALATED, TicketAction.FEEDBACK,
            TicketStatus.REPLIED);

    private final TicketQueries tickets;
    private final VisitQueries visits;

    private final EnterpriseService enterprises;
    private final FeedbackLinkMarks feedbackLinks;

    WorkPage(TicketQueries tickets, VisitQueries visits, EnterpriseService enterprises,
            FeedbackLinkMarks feedbackLinks) {
        this.feedbackLinks = feedbackLinks;
        this.tickets = tickets;
        this.visits = visits;
        this.enterprises = enterprises;
    }

    @GetMapping("/work")
    String work(Caller caller, @RequestParam(required = false) String page, Model model) {
        // the office's 回访 is its #hotlineReplied below, which lists the same tickets with those of older diagrams
        PageResult<TicketView> inbox = caller.is(Role.DISPATCH)
                ? tickets.inboxBesidesFeedback(caller, PageParams.shown(page, SHOWN))
                : tickets.inbox(caller, PageParams.shown(page, SHOWN));
        model.addAttribute("inbox", inbox);
        // #inboxTotal counts the whole inbox, as the dashboard's 待办 and a ticket page's #backToWork do, or the office
        // reads two numbers for one inbox: its 回访 entries too, which wait in #hotlineReplied below, and it says so
        long inboxTotal = caller.is(Role.DISPATCH) ? tickets.inboxTotal(caller) : inbox.total();
        model.addAttribute("inboxTotal", inboxTotal);
        model.addAttribute("inboxBelow", Math.max(0, inboxTotal - inbox.total()));
        model.addAttribute("queues", queues(inbox.items()));
        model.addAttribute("caller", caller);
        List<TicketView> cards = new ArrayList<>(inbox.items());
        if (caller.is(Role.DEPT) && caller.department() != null) {
            List<Waiting> waiting = new ArrayList<>();
            for (TicketStatus status : WAITING_ON_OTHERS) {
                // those awaiting the enterprise's rating by when the rating is due (回访期限), the soonest first: the
                // department chases the specialist or the office on those; the others in id order
                PageResult<TicketView> led = status == TicketStatus.REPLIED
                        ? tickets.repliedLedBy(caller, PageParams.of(0, WAITING_SHOWN))
                        : tickets.list(TicketFilter.ledBy(caller.department(), status), caller,
                                PageParams.of(0, WAITING_SHOWN));
                if (led.total() > 0) {
                    waiting.add(new Waiting(status.name(), led.total(), led.items()));
                    cards.addAll(led.items());
                }
            }
            model.addAttribute("waitingOnOthers", waiting);
        }
        // who else has a part, and whose opinion the reply waits on: the lead's to chase, dispatch's to oversee
        model.addAttribute("coHandlingShown", cards.stream()
                .filter(t -> caller.is(Role.DISPATCH) || caller.isDepartment(t.leadDepartment()))
                .map(TicketView::id).collect(Collectors.toSet()));
        // dispatch's 不同意延期 cleared the request from the ticket: the lead hears of it on its card, not only inside
        model.addAttribute("extensionsRefused", tickets.extensionsRefused(cards.stream()
                .filter(t -> caller.isDepartment(t.leadDepartment())).toList()));
        // a department's return is what dispatch arbitrates on: its reason on the card orders the queue at a glance
        model.addAttribute("returnReasons", tickets.returnReasons(inbox.items()));
        if (caller.is(Role.STAFF)) {
            // the list /tickets?reporter=&open=true answers, its first page: one search, and the panel's 10 are the
            // first 10 of the page its link opens; newest first, as the enterprise asks of what it said last
            PageResult<TicketView> reported = tickets.list(TicketFilter.openReportedBy(caller.username(), null), caller,
                    PageParams.of(0, REPORTED_SHOWN));
            model.addAttribute("myReported", reported);
            cards.addAll(reported.items());
            // those replied are theirs again: in the inbox's 已答复待回访 above, for the enterprise's feedback. The
            // panel still lists them (its count is its link's list), but says they are the specialist's turn now,
            // so that one ticket on the page twice does not read as two, nor as still in a department's hands
            // (counted from the panel's cards when they are all of them, as they nearly always are: no second search)
            model.addAttribute("myReportedYourTurn", reported.total() <= reported.items().size()
                    ? reported.items().stream().filter(t -> t.status() == TicketStatus.REPLIED).count()
                    : tickets.list(TicketFilter.openReportedBy(caller.username(), TicketStatus.REPLIED), caller,
                            PageParams.of(0, 1)).total());
        }
        if (caller.is(Role.DISPATCH)) {
            // the hotline and online entries the office logged, replied and waiting for the enterprise's rating: no
            // specialist visited them (only a specialist the enterprise happens to have sees them), so the office
            // calls back and records the rating, or issues the link; the feedback window closing soonest first
            PageResult<TicketView> entries = tickets.repliedEntries(caller, PageParams.of(0, ENTRIES_SHOWN));
            model.addAttribute("hotlineReplied", entries);
            // its 查看全部 opens the same tickets in the list: REPLIED, of the entries' sources
            model.addAttribute("entrySources", Source.entries());
            cards.addAll(entries.items());
        }
        // the task force's answer is entered against what was asked: to which level, why and since when; the
        // department that sent it up reads the same on its 已上报 cards (#waitingOnOthers), and the specialist who
        // reported it on #myReported (the enterprise asks them where it stands), from the same one read
        model.addAttribute("escalations", tickets.escalations(cards));
        if (caller.is(Role.STAFF, Role.DISPATCH)) {
            // a replied ticket whose enterprise was sent a link waits on the enterprise, not on them: its card says
            // so, or it reads as untouched and someone gives out a second link, voiding the one the enterprise holds
            model.addAttribute("feedbackLinksOut", feedbackLinks.live(cards.stream()
                    .filter(t -> t.status() == TicketStatus.REPLIED).map(TicketView::id).distinct().toList()));
            PageResult<VisitView> recent = visits.list(null, caller.is(Role.STAFF) ? caller.username() : null,
                    null, null, PageParams.of(0, RECENT_VISITS));
            model.addAttribute("recentVisits", recent.items());
            // a visit is known by its enterprise's name; a credit code says nothing at a glance
            Map<String, String> names = new HashMap<>(enterprises.names(
                    recent.items().stream().map(VisitView::enterpriseCreditCode).toList()));
            recent.items().forEach(v -> names.putIfAbsent(v.enterpriseCreditCode(), v.enterpriseCreditCode()));
            model.addAttribute("enterpriseNames", names);
            // how each visit's problems stand: the specialist follows them from here, not only those awaiting feedback
            model.addAttribute("visitTallies", tickets.talliesOfVisits(recent.items().stream()
                    .map(v -> Long.parseLong(v.id())).toList(), caller));
        }
        return "work";
    }

    /** A named list of tickets on the page; {@code status} is the one its tickets all hold, or null. */
    record Queue(String action, String status, List<TicketView> tickets) {}

    /** The department's tickets in one status that waits on others: how many, and the first few. */
    record Waiting(String status, long total, List<TicketView> tickets) {}

    private static List<Queue> queues(List<TicketView> inbox) {
        Map<TicketAction, List<TicketView>> byAction = new LinkedHashMap<>();
        QUEUES.forEach(action -> byAction.put(action, new ArrayList<>()));
        for (TicketView ticket : inbox) {
            QUEUES.stream().filter(action -> ticket.allowedActions().contains(action.urlName())).findFirst()
                    .ifPresent(action -> byAction.get(action).add(ticket));
        }
        return byAction.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new Queue(e.getKey().urlName(),
                        QUEUE_STATUS.containsKey(e.getKey()) ? QUEUE_STATUS.get(e.getKey()).name() : null, e.getValue()))
                .toList();
    }
}
