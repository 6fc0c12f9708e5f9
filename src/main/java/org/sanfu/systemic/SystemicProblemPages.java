package org.sanfu.systemic;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.security.Caller;
import org.sanfu.security.KeptForms;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.FormBodies;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.sanfu.web.Page;
import org.sanfu.web.PageFormSubmissions;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryParams;
import org.sanfu.web.Redirects;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The systemic problems' page, {@code /systemic-problems} (DISPATCH and LEADER): the problems with their
 * member tickets and case, and for DISPATCH 立即研判 (scan) and, on each proposed problem, the confirm form
 * ({@code title}, {@code leadDepartment}, {@code note}) and the dismiss form ({@code reason}), posted as the
 * API's bodies. Success redirects (303) back, where the page says once what was decided (the flash
 * attribute {@code flash}); a refused form shows the page again with the API's status
 * (400, 409) and the Chinese message beside it. A confirm or dismiss posted after its session timed out
 * comes back on the list, filled in as it was (KeptForms).
 */
@Page
class SystemicProblemPages {

    static final int SHOWN = 50;
    /** The decision forms' hidden key, drawn with the page, as a ticket's action forms carry one. */
    static final String SUBMISSION = "submission";

    private final SystemicQueries queries;
    private final SystemicCases cases;
    private final SystemicScan scan;
    private final FormBodies forms;
    private final Messages messages;
    private final FormErrors formErrors;
    private final QueryParams params;
    private final Catalog catalog;
    private final TicketQueries tickets;
    private final Routing routing;
    private final KeptForms keptForms;
    private final PageFormSubmissions submissions;

    SystemicProblemPages(SystemicQueries queries, SystemicCases cases, SystemicScan scan, FormBodies forms,
            Messages messages, FormErrors formErrors, QueryParams params, Catalog catalog, TicketQueries tickets,
            Routing routing, KeptForms keptForms, PageFormSubmissions submissions) {
        this.submissions = submissions;
        this.keptForms = keptForms;
        this.tickets = tickets;
        this.routing = routing;
        this.formErrors = formErrors;
        this.queries = queries;
        this.cases = cases;
        this.scan = scan;
        this.forms = forms;
        this.messages = messages;
        this.params = params;
        this.catalog = catalog;
    }

    /**
     * A refused form: which problem and action, what was typed, each field's message, a 409's reason; or
     * a form kept from a timed-out session ({@code kept}), typed and not yet sent.
     */
    record FormState(String problemId, String action, Map<String, String> typed, Map<String, String> errors,
            String refusal, boolean kept) {

        static final FormState NONE = new FormState(null, null, Map.of(), Map.of(), null, false);

        /** What was typed, for a form no longer shown (the problem was decided meanwhile), to copy. */
        public Map<String, String> typedTexts() {
            Map<String, String> texts = new LinkedHashMap<>();
            typed.forEach((field, value) -> {
                if (!value.isBlank() && !"leadDepartment".equals(field)) {
                    texts.put(field, value);
                }
            });
            return texts;
        }

        public boolean of(String id, String form) {
            return id.equals(problemId) && form.equals(action);
        }

        public String typed(String id, String form, String field) {
            return of(id, form) ? typed.get(field) : null;
        }

        public String error(String id, String form, String field) {
            return of(id, form) ? errors.get(field) : null;
        }
    }

    /** A choice of the lead department. */
    record Option(String code, String label) {}

    /** A confirm or dismiss posted after its session timed out comes back on the list, as it was typed. */
    @Bean
    static KeptForms.Home keptDecisionForm() {
        return new KeptForms.Home("/systemic-problems/{id}/{action:confirm|dismiss}", "/systemic-problems");
    }

    /**
     * Right after a sign-in that a timed-out session asked for, the list of proposed problems with the
     * decision's form as it was typed (KeptForms).
     */
    @GetMapping("/systemic-problems")
    ModelAndView list(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) String page, HttpServletRequest request) {
        Optional<KeptForms.Kept> kept = keptForms.take(request);
        FormState state = kept.map(SystemicProblemPages::keptState).orElse(FormState.NONE);
        return show(caller, kept.isPresent() ? SystemicStatus.PROPOSED.name() : status,
                kept.isPresent() ? null : page, state, HttpStatus.OK);
    }

    /**
     * What it found is said once, on the list it leads to (a flash, so a reload of that list does not say it
     * again); the list below may be another page of it.
     */
    @PostMapping("/systemic-problems/scan")
    ModelAndView scan(Caller caller, RedirectAttributes flash) {
        caller.require(Role.DISPATCH);
        flash.addFlashAttribute("scanned", scan.scan().size());
        return Redirects.seeOther("/systemic-problems?status=PROPOSED");
    }

    @PostMapping("/systemic-problems/{id}/confirm")
    ModelAndView confirm(@PathVariable String id, Caller caller, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        return decide(id, "confirm", caller, form, flash, sent -> cases.confirm(id, caller,
                read(id, caller, sent, SystemicRequests.Confirm.class)));
    }

    @PostMapping("/systemic-problems/{id}/dismiss")
    ModelAndView dismiss(@PathVariable String id, Caller caller, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        return decide(id, "dismiss", caller, form, flash, sent -> cases.dismiss(id, caller,
                read(id, caller, sent, SystemicRequests.Dismiss.class)));
    }

    private static FormState keptState(KeptForms.Kept kept) {
        return new FormState(kept.variables().get("id"), kept.variables().get("action"), typed(kept.inputs()),
                Map.of(), null, true);
    }

    /** Each field's value as typed (the first), without the CSRF token. */
    private static Map<String, String> typed(MultiValueMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (!"_csrf".equals(name) && !SUBMISSION.equals(name) && !values.isEmpty()) {
                typed.put(name, values.get(0));
            }
        });
        return typed;
    }

    /** A decision on the form as sent, without its token and key. */
    private interface Decision {
        SystemicProblem take(MultiValueMap<String, String> sent);
    }

    /**
     * The form is done once under the key drawn with the page (PageFormSubmissions): a double click's second
     * sending, or the answer sent again, leads to the problem as it is now without a second message, rather
     * than to 409 (decided already) in place of the first's answer.
     */
    private ModelAndView decide(String id, String action, Caller caller, MultiValueMap<String, String> form,
            RedirectAttributes flash, Decision decision) {
        MultiValueMap<String, String> sent = new LinkedMultiValueMap<>(form);
        sent.remove("_csrf");
        String submission = sent.getFirst(SUBMISSION);
        sent.remove(SUBMISSION);
        Map<String, String> typed = typed(sent);
        try {
            Optional<SystemicProblem> done = submissions.once(caller.username(), submission, "systemic-" + action,
                    null, PageFormSubmissions.digest(sent), () -> decision.take(sent));
            if (done.isEmpty()) {
                SystemicProblem now = queries.get(id, caller);
                return Redirects.seeOther("/systemic-problems?status=" + now.status() + "#problem-" + now.id());
            }
            SystemicProblem decided = done.get();
            flash.addFlashAttribute("flash", messages.text(decidedMessage(decided), Locale.SIMPLIFIED_CHINESE));
            return Redirects.seeOther("/systemic-problems?status=" + decided.status() + "#problem-" + decided.id());
        } catch (PageFormSubmissions.Changed e) {
            return show(caller, null, null, new FormState(id, action, typed, Map.of(),
                    messages.text(Message.of("page.systemic.resent-changed")), false), HttpStatus.CONFLICT);
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            formErrors.list(e).forEach(f -> errors.putIfAbsent(InvalidInput.rootField(f.field()), f.message()));
            return show(caller, null, null, new FormState(id, action, typed, errors, null, false),
                    HttpStatus.BAD_REQUEST);
        } catch (DomainException.NotNow e) {
            return show(caller, null, null, new FormState(id, action, typed, Map.of(), messages.text(e.detail()),
                    false), HttpStatus.CONFLICT);
        }
    }

    /**
     * What the page says once after a decision, as a ticket's page does after an action: which problem,
     * and for a confirmed one the case ticket just opened and who leads it, where the work now goes on.
     */
    private Message decidedMessage(SystemicProblem decided) {
        return decided.status() == SystemicStatus.CONFIRMED
                ? Message.of("page.systemic.confirmed", "id", decided.id(), "case", decided.caseTicketId(),
                        "department", catalog.departmentLabel(decided.leadDepartment()))
                : Message.of("page.systemic.dismissed", "id", decided.id());
    }

    /** The form as the API's body: the problem must exist (404) and the caller be dispatch (403) before 400. */
    private <T> T read(String id, Caller caller, MultiValueMap<String, String> form, Class<T> type) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>(form);
        fields.remove("_csrf");
        try {
            return forms.command(fields, type);
        } catch (InvalidInput e) {
            cases.checkMayDecide(id, caller);
            throw e;
        }
    }

    /** The shown problems' member tickets by id, read at once: each member is named by its enterprise. */
    private Map<String, TicketView> memberTickets(List<SystemicProblem> problems, Caller caller) {
        List<Long> ids = problems.stream().flatMap(p -> p.ticketIds().stream()).map(Long::valueOf).toList();
        Map<String, TicketView> byId = new HashMap<>();
        tickets.seen(ids, caller).forEach((id, ticket) -> byId.put(String.valueOf(id), ticket));
        return byId;
    }

    /**
     * Where the kept form stands: open on its problem ({@code keptOpen}) while the problem is proposed and
     * on this page; else the problem's status now ({@code keptStatus}, null when there is none or the
     * caller is not dispatch, who alone decides), and what was typed is listed to copy.
     */
    private void keptForm(ModelAndView view, FormState state, List<SystemicProblem> shown, Caller caller) {
        boolean open = caller.is(Role.DISPATCH) && shown.stream()
                .anyMatch(p -> p.id().equals(state.problemId()) && p.status() == SystemicStatus.PROPOSED);
        view.addObject("keptOpen", open);
        if (!open) {
            SystemicStatus now = null;
            if (caller.is(Role.DISPATCH)) {
                try {
                    now = queries.get(state.problemId(), caller).status();
                } catch (DomainException gone) {
                    // no such problem (any more): said as such
                }
            }
            view.addObject("keptStatus", now == null ? null : now.name());
        }
    }

    private ModelAndView show(Caller caller, String status, String page, FormState state, HttpStatus httpStatus) {
        caller.require(Role.DISPATCH, Role.LEADER);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        SystemicStatus wanted = params.enumValue(new InvalidInput.Collector(), "status", status, SystemicStatus.class);
        if (wanted == null && params.text(status) != null) {
            // a status the list's links never give (a hand-edited link): worded as a choice, not the API's codes
            errors.add("status", Message.of("form.choose"));
        }
        // a page number refused is named beside it, every fault at once as the other pages name them
        PageParams shown = PageParams.shown(errors, page, SHOWN);
        errors.throwIfAny();
        PageResult<SystemicProblem> problems = queries.list(wanted, caller, shown);
        ModelAndView view = new ModelAndView("systemic-problems");
        view.setStatus(httpStatus);
        view.addObject("problems", problems);
        view.addObject("tickets", memberTickets(problems.items(), caller));
        // the confirm form's 主办部门 starts at the department the routing table gives the category
        Map<String, String> routedLead = new HashMap<>();
        if (caller.is(Role.DISPATCH)) {
            problems.items().stream().filter(p -> p.status() == SystemicStatus.PROPOSED).forEach(p -> {
                String lead = routing.route(p.category(), "NORMAL").leadDepartment();
                if (lead != null) {
                    routedLead.put(p.id(), lead);
                }
            });
        }
        view.addObject("routedLead", routedLead);
        view.addObject("status", wanted == null ? null : wanted.name());
        view.addObject("statuses", List.of(SystemicStatus.values()));
        view.addObject("state", state);
        if (state.kept()) {
            keptForm(view, state, problems.items(), caller);
        }
        view.addObject("mayDecide", caller.is(Role.DISPATCH));
        view.addObject("submission", UUID.randomUUID().toString());
        view.addObject("refusalApart", state.refusal() != null && problems.items().stream().noneMatch(p ->
                p.id().equals(state.problemId()) && p.status() == SystemicStatus.PROPOSED && caller.is(Role.DISPATCH)));
        view.addObject("departments", catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment)
                .map(code -> new Option(code, catalog.departmentLabel(code))).toList());
        return view;
    }
}
