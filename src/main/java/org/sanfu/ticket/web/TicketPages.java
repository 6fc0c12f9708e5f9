package org.sanfu.ticket.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.sanfu.DomainException;
import org.sanfu.Ids;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.KeptForms;
import org.sanfu.security.People;
import org.sanfu.security.PersonDetails;
import org.sanfu.security.Role;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.AttachmentTypes;
import org.sanfu.ticket.Awaited;
import org.sanfu.ticket.ChannelCodes;
import org.sanfu.ticket.EscalationLevel;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketAction;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.DashboardLink;
import org.sanfu.web.Downloads;
import org.sanfu.web.FormBodies;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.sanfu.web.Page;
import org.sanfu.web.PageFormSubmissions;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryFaults;
import org.sanfu.web.QueryParams;
import org.sanfu.web.WayBack;
import org.sanfu.web.When;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The ticket pages (docs/UI.md): {@code /tickets}, the list with API.md's filters; {@code /tickets/{id}},
 * the ticket with its deadlines, co-handling, history and one form per allowed action; and
 * {@code POST /tickets/{id}/{action}}, which reads the form as the API reads its JSON body (FormBodies,
 * the same command records of ActionRequests) and calls the same TicketActions use case, in the API's
 * order of checks: 404, 403, then 400 (the page again, the message by the field), 409 (the page again
 * with the reason); success sends the browser back to the ticket (303).
 */
@Page
class TicketPages {

    /** Tickets on one page of the list. */
    static final int PAGE_SIZE = 20;
    /** The most tickets an export holds: as deep as the list's pages go. */
    static final int EXPORTED = PageParams.MAX_OFFSET;
    /** The hidden input of each action form: the key drawn with the page (PageFormSubmissions). */
    static final String SUBMISSION = "submission";
    /** The action forms' hidden field of the page's way back (?back=, web.WayBack), which the page after keeps. */
    static final String WAY_BACK = "back";
    /** A form sent again this soon after the caller's same action is taken for that one sent twice. */
    static final Duration RESENT_WITHIN = Duration.ofMinutes(10);
    /** The attachment form's name where a refused form is named (FormState), as the history names the event. */
    static final String ATTACH_FORM = TicketAttachments.ATTACH;
    /** A file's removal form (删除), named so where a refused one is (FormState) and in the history. */
    static final String DETACH_FORM = TicketAttachments.DETACH;
    /** The page's 附件 section (its id), where the answer to a file added or removed lands. */
    static final String FILES_SECTION = "attachments";
    private static final Pattern TICKET_NUMBER = Pattern.compile("\\s*[#＃]?\\s*(\\d{1,18})\\s*");

    private final Messages messages;
    private final FormErrors formErrors;
    private final AccountDirectory accounts;
    private final People people;
    private final KeptForms keptForms;
    /** The service's dates, within which a way back's period must lie. */
    private final QueryParams dates;
    /** The dashboard's filters a way back to it may name, as the dashboard takes them (StatsParameters.filter). */
    private final WayBack.Filters dashboardFilters;
    private final TicketQueries queries;
    private final TicketActions actions;
    private final FormBodies forms;
    private final TicketListParams listParams;
    private final ChannelCodes channels;
    private final Catalog catalog;
    private final Map<String, ActionForm<?>> actionForms;
    private final PageFormSubmissions submissions;
    private final Clock clock;
    private final TicketListWorkbook workbook;
    private final When when;
    private final ZoneId zone;
    private final TicketAttachments attachments;
    private final EnterpriseService enterprises;

    TicketPages(TicketQueries queries, TicketActions actions, FormBodies forms, TicketListParams listParams,
            Catalog catalog, Messages messages, FormErrors formErrors, AccountDirectory accounts,
            PageFormSubmissions submissions, Clock clock, TicketListWorkbook workbook, When when,
            SanfuProperties properties, People people, KeptForms keptForms, QueryParams dates, ChannelCodes channels,
            TicketAttachments attachments, EnterpriseService enterprises) {
        this.enterprises = enterprises;
        this.attachments = attachments;
        this.channels = channels;
        this.keptForms = keptForms;
        this.dates = dates;
        this.people = people;
        this.workbook = workbook;
        this.when = when;
        this.zone = properties.zone();
        this.submissions = submissions;
        this.clock = clock;
        this.accounts = accounts;
        this.messages = messages;
        this.formErrors = formErrors;
        this.queries = queries;
        this.actions = actions;
        this.forms = forms;
        this.listParams = listParams;
        this.catalog = catalog;
        this.dashboardFilters = new WayBack.Filters(catalog::isDepartment, catalog::isCategory,
                EnterpriseForm.TOWN_MAX);
        this.actionForms = Stream.of(
                        new ActionForm<>(TicketAction.ASSIGN, ActionRequests.Assign.class, actions::assign),
                        new ActionForm<Void>(TicketAction.SIGN, null, (id, caller, none) -> actions.sign(id, caller)),
                        new ActionForm<>(TicketAction.RETURN, ActionRequests.Return.class, actions::returnTicket),
                        new ActionForm<>(TicketAction.CONTRIBUTE, ActionRequests.Contribute.class, actions::contribute),
                        new ActionForm<>(TicketAction.REPLY, ActionRequests.Reply.class, actions::reply),
                        new ActionForm<>(TicketAction.EXTEND, ActionRequests.Extend.class, actions::extend),
                        new ActionForm<>(TicketAction.APPROVE_EXTENSION, ActionRequests.DecideExtension.class,
                                actions::approveExtension),
                        new ActionForm<>(TicketAction.REJECT_EXTENSION, ActionRequests.DecideExtension.class,
                                actions::rejectExtension),
                        new ActionForm<>(TicketAction.ESCALATE, ActionRequests.Escalate.class, actions::escalate),
                        new ActionForm<>(TicketAction.ESCALATION_REPLY, ActionRequests.Reply.class,
                                actions::escalationReply),
                        // a 不满意 recorded here says why, as the enterprise's own page asks (the API does not: API.md)
                        new ActionForm<>(TicketAction.FEEDBACK, ActionRequests.Feedback.class, actions::feedback,
                                ActionRequests.Feedback::withReasonIfDissatisfied),
                        new ActionForm<>(TicketAction.SUPERVISE, ActionRequests.Supervise.class, actions::supervise),
                        new ActionForm<>(TicketAction.RULE, ActionRequests.Rule.class, actions::rule),
                        new ActionForm<>(TicketAction.COMMENT, ActionRequests.Comment.class, actions::comment))
                .collect(Collectors.toUnmodifiableMap(f -> f.action().urlName(), Function.identity()));
    }

    // ---------------------------------------------------------------- the list

    @GetMapping("/tickets")
    String list(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) String department, @RequestParam(required = false) String category,
            @RequestParam(required = false) String town, @RequestParam(required = false) String enterprise,
            @RequestParam(required = false) String overdue, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String q,
            @RequestParam(required = false) String leadDepartment, @RequestParam(required = false) String open,
            @RequestParam(required = false) String reporter, @RequestParam(required = false) List<String> source,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size, QueryFaults query, Model model, HttpServletResponse response) {
        TicketListParams.Raw raw = new TicketListParams.Raw(status, department, category, town, enterprise, overdue,
                from, to, q, leadDepartment, open, reporter, source);
        model.addAttribute("filter", raw);
        model.addAttribute("sources", listParams.offeredSources(raw));
        // those who report problems (a specialist's visits, dispatch's hotline entries) may keep to their own
        model.addAttribute("me", caller.is(Role.STAFF, Role.DISPATCH) ? caller.username() : null);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("chosenStatus", listParams.status(raw));
        model.addAttribute("chosenOpen", listParams.open(raw));
        model.addAttribute("chosenOverdue", listParams.overdue(raw));
        model.addAttribute("departments", catalog.departmentCodes());
        model.addAttribute("categories", catalog.categoryCodes());
        Set<String> invalid = new LinkedHashSet<>();
        Integer pageSize = pageSize(size);
        TicketListParams.Parsed parsed = null;
        Map<String, String> said = Map.of();
        // a filter malformed or given twice (web.StrictQueries) is named as one given wrong, before the others
        InvalidInput refused = query.none() ? null : query.refusal();
        try {
            parsed = listParams.parseOnPages(raw, page, pageSize == null ? PAGE_SIZE : pageSize);
        } catch (InvalidInput e) {
            refused = refused == null ? e : InvalidInput.merged(query.faults(), e);
        }
        if (refused != null) {
            refused.errors().forEach(f -> invalid.add(f.field()));
            said = formErrors.of(refused);
            model.addAttribute("reversedDates", refused.faults().stream()
                    .anyMatch(f -> "sanfu.validation.to-before-from".equals(f.reason().code())));
        }
        model.addAttribute("invalid", invalid);
        model.addAttribute("said", said);
        model.addAttribute("givenTwice", query.givenTwice());
        if (!invalid.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            if (!TicketListParams.FREE_TEXT.containsAll(invalid)) {
                return "tickets/list";
            }
            // only typed text refused (a town, a code, a reporter longer than any ticket's, words over the bound): as
            // /enterprises, the list without it and with the filters given right, which the line of what is set names
            raw = raw.withoutFreeText(invalid);
            parsed = listParams.parseOnPages(raw, page, pageSize == null ? PAGE_SIZE : pageSize);
        }
        model.addAttribute("applied", raw);
        // the line of what is set names what the filter used, not what was typed: ｓｔａｆｆ１ is the account staff1
        model.addAttribute("used", parsed.filter());
        PageResult<TicketView> result = queries.list(parsed.filter(), caller, parsed.page());
        // a list of some days (a month's from the ranking or a red card): the top bar's 驾驶舱 keeps them
        model.addAttribute(DashboardLink.ATTRIBUTE, DashboardLink.ofDays(from, to));
        model.addAttribute("numbered", byNumber(raw.q(), caller));
        model.addAttribute("result", result);
        model.addAttribute("sourceWords", sourceWords(raw));
        model.addAttribute("exportLink", link("/tickets/export", raw, 0, null));
        model.addAttribute("exportMax", EXPORTED);
        if (result.page() > 0) {
            model.addAttribute("previous", listLink(raw, result.page() - 1, pageSize));
        }
        if ((result.page() + 1L) * result.size() < result.total()) {
            model.addAttribute("next", listLink(raw, result.page() + 1, pageSize));
        }
        String enterpriseTyped = raw.enterprise() == null ? "" : Typed.trimmed(raw.enterprise());
        if (result.total() == 0 && !enterpriseTyped.isEmpty()
                && !CreditCode.isValid(CreditCode.normalize(enterpriseTyped))) {
            // a name typed where the code goes (a department cannot look codes up): nothing matched, and the
            // empty list alone would say the enterprise has no tickets; offer the same words as a keyword search
            model.addAttribute("enterpriseTyped", enterpriseTyped);
            model.addAttribute("enterpriseByWords", listLink(raw.withEnterpriseAndWords(null, enterpriseTyped), 0,
                    pageSize));
        }
        if (result.items().isEmpty() && result.total() > 0) {
            // a page past the end (a link kept from a longer list, a number typed): the last one, as deep as allowed
            int last = (int) Math.min(result.pageCount() - 1, PageParams.MAX_OFFSET / result.size());
            model.addAttribute("lastPage", listLink(raw, last, pageSize));
        }
        return "tickets/list";
    }

    /**
     * The list as an Excel workbook (导出), with the list's filters and who may see what as on the page: the
     * first {@link #EXPORTED} tickets in the list's order, the title line saying so when there are more.
     * A filter given wrong goes back (303) to the list, which names it.
     */
    @GetMapping("/tickets/export")
    ResponseEntity<byte[]> export(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) String department, @RequestParam(required = false) String category,
            @RequestParam(required = false) String town, @RequestParam(required = false) String enterprise,
            @RequestParam(required = false) String overdue, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String q,
            @RequestParam(required = false) String leadDepartment, @RequestParam(required = false) String open,
            @RequestParam(required = false) String reporter, @RequestParam(required = false) List<String> source,
            QueryFaults query) {
        if (!query.none()) {
            // a filter malformed or given twice: the list with the query as sent, which names it there
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/tickets?" + query.query())
                    .build();
        }
        TicketListParams.Raw raw = new TicketListParams.Raw(status, department, category, town, enterprise, overdue,
                from, to, q, leadDepartment, open, reporter, source);
        TicketListParams.Parsed parsed;
        try {
            parsed = listParams.parseOnPages(raw, null, PageParams.MAX_SIZE);
        } catch (InvalidInput e) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(listLink(raw, 0, null))).build();
        }
        // by id: a ticket logged while the pages are read moves the later ones down, and one would come twice
        Map<String, TicketView> tickets = new LinkedHashMap<>();
        long total = 0;
        for (int page = 0; page * PageParams.MAX_SIZE < EXPORTED; page++) {
            PageResult<TicketView> result = queries.list(parsed.filter(), caller, new PageParams(page, PageParams.MAX_SIZE));
            total = result.total();
            result.items().forEach(t -> tickets.putIfAbsent(t.id(), t));
            if (result.items().size() < PageParams.MAX_SIZE) {
                break;
            }
        }
        Instant now = clock.instant();
        String title = "事项清单（导出时间 " + when.of(now) + filterWords(raw, parsed.filter()) + "；共 " + total + " 件"
                + (total > tickets.size() ? "，仅导出前 " + tickets.size() + " 件，请缩小筛选范围" : "") + "）";
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(now.atZone(zone).toLocalDate());
        return Downloads.attachment(Downloads.XLSX, "事项清单-" + day + ".xlsx",
                workbook.render(title, List.copyOf(tickets.values())));
    }

    /**
     * The filters of an export in words, for its title line: "；状态 办理中，镇（街道） 海门街道"; the codes, the town and the
     * reporter as the filter used them ({@code used}), as the list's line of what is set names them.
     */
    private String filterWords(TicketListParams.Raw raw, TicketFilter used) {
        List<String> words = new ArrayList<>();
        BiConsumer<String, String> add = (name, value) -> {
            if (value != null && !value.isBlank()) {
                words.add(name + " " + value.strip());
            }
        };
        add.accept("状态", used.status() == null ? null
                : messages.text(Message.of("label.status." + used.status()), Locale.SIMPLIFIED_CHINESE));
        add.accept("涉及部门", catalog.departmentLabel(used.department()));
        add.accept("主办部门", catalog.departmentLabel(used.leadDepartment()));
        add.accept("问题类别", used.category() == null ? null : catalog.categoryLabel(used.category()));
        add.accept("镇（街道）", used.town());
        add.accept("企业", raw.enterprise());
        add.accept("是否超期", raw.overdue() == null || raw.overdue().isBlank() ? null
                : Boolean.parseBoolean(raw.overdue().strip()) ? "已超期" : "未超期");
        add.accept("是否办结", raw.open() == null || raw.open().isBlank() ? null
                : Boolean.parseBoolean(raw.open().strip()) ? "在办" : "已办结");
        add.accept("反映时间自", raw.from());
        add.accept("至", raw.to());
        add.accept("关键词", raw.q());
        add.accept("跟进人", used.reporter() == null ? null : people.label(used.reporter()));
        add.accept("来源", sourceWords(raw));
        return words.isEmpty() ? "" : "；" + String.join("，", words);
    }

    /** The sources asked for by name (热线、网上), a channel's by its own; null when none is. */
    private String sourceWords(TicketListParams.Raw raw) {
        if (raw.sources().isEmpty()) {
            return null;
        }
        return raw.sources().stream().map(channels::labelOf).collect(Collectors.joining("、"));
    }

    /**
     * The ticket whose number the search box holds (5, #5, ＃５), when the caller may see it: people
     * quote a ticket by its number, which no title contains. The text search of the same words still
     * runs (a number may be in a title too); this only puts the numbered ticket first.
     */
    private List<TicketView> byNumber(String q, Caller caller) {
        // full-width digits and ＃ as typed in Chinese read as ASCII, as the list's words are (TicketListParams)
        Matcher number = q == null ? null : TICKET_NUMBER.matcher(Typed.folded(q));
        if (number == null || !number.matches()) {
            return List.of();
        }
        try {
            return List.of(queries.get(number.group(1), caller));
        } catch (DomainException.NotFound | DomainException.NotYours unseen) {
            return List.of();
        }
    }

    /**
     * The {@code size} given; null when absent, -1 when it is no whole number, so that PageParams names it as it names
     * any size outside 1..200, in the API's one wording (每页条数：必须是 1 到 200 之间的整数).
     */
    private static Integer pageSize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A link to another page of the list that keeps the filters. */
    private static String listLink(TicketListParams.Raw raw, int page, Integer size) {
        return link("/tickets", raw, page, size);
    }

    /** A link to the path with the list's filters (and page and size, when not the first and the default). */
    private static String link(String path, TicketListParams.Raw raw, int page, Integer size) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", raw.status());
        filters.put("department", raw.department());
        filters.put("leadDepartment", raw.leadDepartment());
        filters.put("category", raw.category());
        filters.put("town", raw.town());
        filters.put("enterprise", raw.enterprise());
        filters.put("overdue", raw.overdue());
        filters.put("open", raw.open());
        filters.put("reporter", raw.reporter());
        filters.put("from", raw.from());
        filters.put("to", raw.to());
        filters.put("q", raw.q());
        filters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                link.queryParam(name, value.strip());
            }
        });
        // one source= each, as the form sends them
        raw.sources().forEach(source -> link.queryParam("source", source));
        if (page > 0) {
            link.queryParam("page", page);
        }
        if (size != null) {
            link.queryParam("size", size);
        }
        return link.build().encode().toUriString();
    }

    // ---------------------------------------------------------------- one ticket

    /** An action's form posted after its session timed out comes back on the ticket's page, filled in as it was. */
    @Bean
    static KeptForms.Home keptActionForm() {
        // the actions' own paths only: /tickets/{id}/feedback-link is a button with nothing typed
        String actions = Stream.of(TicketAction.values()).map(TicketAction::urlName).collect(Collectors.joining("|"));
        return new KeptForms.Home("/tickets/{id}/{action:" + actions + "}", "/tickets/{id}");
    }

    /**
     * Right after a sign-in that a timed-out session asked for, with the action's form as it was typed (KeptForms).
     * {@code back}: the leaders' page the ticket was opened from (a briefing's week, a report's month, the dashboard),
     * which the page leads back to; one that names no such page, or for a caller who may not open those pages, is
     * ignored (WayBack: a page named, never an address passed on).
     */
    @GetMapping("/tickets/{id}")
    String ticket(@PathVariable String id, @RequestParam(required = false) String back, QueryFaults query,
            Caller caller, Model model, HttpServletRequest request) {
        FormState state = keptForms.take(request)
                .filter(kept -> actionForms.containsKey(kept.variables().get("action")))
                .map(kept -> {
                    MultiValueMap<String, String> typed = new LinkedMultiValueMap<>(kept.inputs());
                    typed.remove(SUBMISSION);
                    return FormState.kept(kept.variables().get("action"), typed);
                })
                .orElse(FormState.NONE);
        show(id, caller, state, model);
        // one malformed (U+FFFD where Tomcat read it) or given twice names no page either: the page without a way back
        wayBack(query.has(WAY_BACK) ? null : back, caller, model.asMap());
        // right after an action (its #done): how much else waits on /work, and the way there, so that a leader
        // ruling on a queue of supervised tickets, or a department signing its morning's, goes on to the next
        if (model.getAttribute("done") instanceof String done && state.action() == null) {
            TicketView after = (TicketView) model.getAttribute("t");
            @SuppressWarnings("unchecked")
            List<TicketEvent> history = (List<TicketEvent>) model.getAttribute("history");
            model.addAttribute("doneSentences", DoneSentences.of(done, after, history, catalog::departmentLabel,
                    when::of).stream()
                    .map(sentence -> messages.text(sentence, Locale.SIMPLIFIED_CHINESE)).collect(Collectors.joining()));
            if (!TicketAction.COMMENT.urlName().equals(done)) {
                model.addAttribute("stillWaiting", queries.inboxTotal(caller));
            }
        }
        return "tickets/ticket";
    }

    /**
     * One action's form. Unknown action: 404. Then as the API: the ticket must exist (404) and the action
     * be the caller's (403) before the form is judged (400); the use case then checks the state (409).
     */
    @PostMapping("/tickets/{id}/{action}")
    ModelAndView act(@PathVariable String id, @PathVariable String action, Caller caller,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        ActionForm<?> actionForm = actionForms.get(action);
        if (actionForm == null) {
            throw new DomainException.NotFound("action", action);
        }
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>(form);
        typed.remove("_csrf");
        String submission = typed.getFirst(SUBMISSION);
        typed.remove(SUBMISSION);
        // the page's way back, not the action's: the page after it, the form refused and shown again too, keeps it (a
        // value naming no page is dropped)
        String back = typed.getFirst(WAY_BACK);
        typed.remove(WAY_BACK);
        String content = PageFormSubmissions.digest(typed);
        try {
            // a comment sent again from a page the back button brought back (a new key): stored once
            if (actionForm.action() == TicketAction.COMMENT && justDone(id, caller, action, typed.getFirst("text"))) {
                return done(id, action, back, flash);
            }
            // a form sent again (double click, back button) answers as the first did: the ticket now, without
            // a second message, which a double click's page would not show and the next load would; changed
            // before it was sent again (back, another choice), it says that what changed was not done
            return submissions.once(caller.username(), submission, action, ticketId(id), content,
                    () -> take(actionForm, id, caller, typed))
                    .map(after -> done(String.valueOf(after.id()), action, back, flash))
                    .orElseGet(() -> back(id, checked(back)));
        } catch (PageFormSubmissions.Changed e) {
            return again(id, caller, FormState.refused(action, typed, resentChanged()), back, HttpStatus.CONFLICT);
        } catch (InvalidInput e) {
            return again(id, caller, FormState.invalid(action, typed, formErrors.list(e)), back,
                    HttpStatus.BAD_REQUEST);
        } catch (DomainException.NotNow e) {
            if (justDone(id, caller, action, null)) {
                // the caller's own action of a moment ago moved the state on: this is that form sent again,
                // from a page the back button drew anew, unless it says something else than that one did. Then it
                // is another page's form (a second tab opened before): this one was never sent, its key not done
                // (PageFormSubmissions.once would have answered it), so it is not told it was
                if (submissions.lastSaidOtherwise(caller.username(), action, ticketId(id), content,
                        clock.instant().minus(RESENT_WITHIN))) {
                    return again(id, caller, FormState.refused(action, typed, doneElsewhere(action)), back,
                            HttpStatus.CONFLICT);
                }
                return done(id, action, back, flash);
            }
            return again(id, caller, FormState.refused(action, typed, messages.text(e.detail())), back,
                    HttpStatus.CONFLICT);
        } catch (OptimisticLockingException | PessimisticLockingFailureException e) {
            // another transaction changed the ticket, or held it past the lock timeout: nothing was saved
            return again(id, caller, FormState.refused(action, typed, concurrent()), back, HttpStatus.CONFLICT);
        }
    }

    /**
     * The attachment form (附件, multipart): as the API, 404, 403, then a file at fault (400: the page again, the
     * message by the file's field) or a ticket closed or full (409: the page again with the reason); success sends the
     * browser back to the ticket (303), which names the file added, as it does for the same file kept already (a
     * double click: nothing is added).
     */
    @PostMapping("/tickets/{id}/attachments")
    ModelAndView attach(@PathVariable String id, Caller caller, @RequestParam(required = false) MultipartFile file,
            @RequestParam(name = WAY_BACK, required = false) String back, RedirectAttributes flash) throws IOException {
        try {
            TicketAttachments.Attached attached = attachments.attach(id, caller, new TicketAttachments.Upload(
                    file == null ? null : file.getOriginalFilename(), null, file == null ? new byte[0] : file.getBytes()));
            flash.addFlashAttribute("attached", attached.file().fileName());
            return back(id, checked(back), FILES_SECTION);
        } catch (InvalidInput e) {
            // one input carries the name, the type and the bytes: every fault is the file's
            return again(id, caller, FormState.invalid(ATTACH_FORM, new LinkedMultiValueMap<>(), formErrors.list(e)
                    .stream().map(f -> new InvalidInput.FieldError("file", f.message())).toList()), back,
                    HttpStatus.BAD_REQUEST);
        } catch (DomainException.NotNow e) {
            return fileRefused(ATTACH_FORM, id, caller, messages.text(e.detail(), Locale.SIMPLIFIED_CHINESE), back,
                    HttpStatus.CONFLICT);
        } catch (PessimisticLockingFailureException e) {
            return fileRefused(ATTACH_FORM, id, caller, concurrent(), back, HttpStatus.CONFLICT);
        }
    }

    /**
     * A file's removal (删除, a confirming second step on the page): as the API, 404, 403; then a CLOSED ticket (409) or
     * a file removed meanwhile by someone else (404) is the page again with the reason, one the caller removed a moment
     * ago (a second click) answered as the first was; success sends the browser back
     * to the ticket (303), which names the file removed.
     */
    @PostMapping("/tickets/{id}/attachments/{attachmentId}/delete")
    ModelAndView detach(@PathVariable String id, @PathVariable String attachmentId, Caller caller,
            @RequestParam(name = WAY_BACK, required = false) String back, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("detached", attachments.detach(id, attachmentId, caller).fileName());
            return back(id, checked(back), FILES_SECTION);
        } catch (DomainException.NotNow e) {
            return fileRefused(DETACH_FORM, id, caller, messages.text(e.detail(), Locale.SIMPLIFIED_CHINESE), back,
                    HttpStatus.CONFLICT);
        } catch (PessimisticLockingFailureException e) {
            return fileRefused(DETACH_FORM, id, caller, concurrent(), back, HttpStatus.CONFLICT);
        } catch (DomainException.NotFound e) {
            // removed by this user a moment ago: this is that form sent again (a double click), answered as it was
            Optional<TicketAttachments.Attachment> removed = attachments.removedBy(id, attachmentId, caller,
                    clock.instant().minus(RESENT_WITHIN));
            if (removed.isPresent()) {
                flash.addFlashAttribute("detached", removed.get().fileName());
                return back(id, checked(back), FILES_SECTION);
            }
            // the page again shows a ticket that exists (an unknown one is 404 there too), without the file
            return fileRefused(DETACH_FORM, id, caller, messages.text(Message.of("page.ticket.detach-gone"),
                    Locale.SIMPLIFIED_CHINESE), back, HttpStatus.NOT_FOUND);
        }
    }

    /** A file form refused (its file fields are not kept): the ticket's page again, saying why. */
    private ModelAndView fileRefused(String form, String id, Caller caller, String why, String back,
            HttpStatus status) {
        return again(id, caller, FormState.refused(form, new LinkedMultiValueMap<>(), why), back, status);
    }

    /** Why a form that met another transaction's change or lock did nothing: try again later. */
    private String concurrent() {
        return messages.text(Message.of("sanfu.problem.concurrent"), Locale.SIMPLIFIED_CHINESE);
    }

    /** A file of the ticket, for whoever may read it, as the API gives it. */
    @GetMapping("/tickets/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable String attachmentId, Caller caller) {
        return AttachmentFiles.download(attachments.file(id, attachmentId, caller));
    }

    /**
     * A picture of the ticket (JPEG, PNG) shown in place, the 附件 section's thumbnail's link: for whoever may read the
     * ticket, as the download (404, 403); any other kind of file is 404 here, never shown inline. The access is checked
     * on every request; 304 when the browser holds it already, its content not read.
     */
    @GetMapping("/tickets/{id}/attachments/{attachmentId}/view")
    ResponseEntity<byte[]> attachmentView(@PathVariable String id, @PathVariable String attachmentId, Caller caller,
            ServletWebRequest request) {
        TicketAttachments.Kept picture = attachments.picture(id, attachmentId, caller);
        return AttachmentFiles.shown(picture, "", request, () -> attachments.content(picture));
    }

    /**
     * A picture's thumbnail, as the 附件 section shows it ({@link Thumbnails}): as {@link #attachmentView}, and 404 when
     * none can be made (a picture too large or not readable): the page's {@code <img>} then shows nothing.
     */
    @GetMapping("/tickets/{id}/attachments/{attachmentId}/thumbnail")
    ResponseEntity<byte[]> attachmentThumbnail(@PathVariable String id, @PathVariable String attachmentId,
            Caller caller, ServletWebRequest request) {
        TicketAttachments.Kept picture = attachments.picture(id, attachmentId, caller);
        return AttachmentFiles.shown(picture, Thumbnails.ETAG_VARIANT, request, () -> Thumbnails.of(
                attachments.content(picture), picture.attachment().contentType())
                .orElseThrow(() -> new DomainException.NotFound("attachment", attachmentId)));
    }

    /** The ticket's id as the submissions keep it; -1 for one no ticket has (the action answers 404 first). */
    private static long ticketId(String id) {
        return Ids.parse(id).orElse(-1L);
    }

    private String resentChanged() {
        return messages.text(Message.of("page.ticket.resent-changed"), Locale.SIMPLIFIED_CHINESE);
    }

    /** This action done a moment ago by the caller from another page than this form's (another tab). */
    private String doneElsewhere(String action) {
        return messages.text(Message.of("page.ticket.done-elsewhere", "action",
                messages.text(Message.of("label.action." + action), Locale.SIMPLIFIED_CHINESE)),
                Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * The ticket's page, after an action (303), which says the action was taken (the flash attribute
     * {@code done}, the action's name): a form sent again is answered the same, as it was taken once.
     */
    private ModelAndView done(String id, String action, String wayBack, RedirectAttributes flash) {
        flash.addFlashAttribute("done", action);
        return back(id, checked(wayBack));
    }

    /** The way back a form carried when it names a page, else null (dropped: the page after leads nowhere). */
    private String checked(String wayBack) {
        return wayBackOf(wayBack).isPresent() ? wayBack : null;
    }

    /** The page {@code back} names, as of today by the service's clock: a week or month not begun names none. */
    private Optional<WayBack> wayBackOf(String back) {
        return WayBack.of(back, LocalDate.now(clock.withZone(zone)), dates, dashboardFilters);
    }

    /**
     * The page's way back for those who may open the leaders' pages (LEADER, DISPATCH, ADMIN), when {@code back} names
     * one; its action forms carry it (a hidden field), so that the page after an action, or a form refused and shown
     * again, leads back there too.
     */
    private void wayBack(String back, Caller caller, Map<String, Object> model) {
        if (caller.is(Role.LEADER, Role.DISPATCH, Role.ADMIN)) {
            WayBack wayBack = wayBackOf(back).orElse(null);
            model.put("wayBack", wayBack);
            model.put("back", wayBack == null ? null : back);
            if (wayBack != null && "dashboard".equals(wayBack.kind())) {
                // the top bar's 驾驶舱 leads to the dashboard the ticket was opened from too, not to this month's
                model.put(DashboardLink.ATTRIBUTE, wayBack.link());
            }
        }
    }

    /**
     * The ticket's page (303), with its way back when one is given (already checked): encoded whole, a {@code +} in a
     * town too, which a query would read as a space.
     */
    private static ModelAndView back(String id, String wayBack) {
        return back(id, wayBack, null);
    }

    /**
     * The ticket's page (303) at one of its sections ({@code #attachments}), or at its top when {@code section} is
     * null: a file added or removed is confirmed in the 附件 section, screens below the top on a phone.
     */
    private static ModelAndView back(String id, String wayBack, String section) {
        String page = "/tickets/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
        RedirectView back = new RedirectView((wayBack == null ? page : page + "?" + WAY_BACK + "="
                + UriUtils.encodeQueryParam(wayBack, StandardCharsets.UTF_8).replace("+", "%2B"))
                + (section == null ? "" : "#" + section), true);
        back.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(back);
    }

    /**
     * Whether the ticket's latest event by the caller is this action, taken within {@link #RESENT_WITHIN}
     * (and with this text, when given): the same form sent again from a page the back button brought back,
     * which draws a new key. The page then answers as the first sending did, and records nothing more.
     */
    private boolean justDone(String id, Caller caller, String action, String text) {
        List<TicketEvent> history;
        try {
            history = queries.history(id, caller);
        } catch (DomainException unseen) {
            return false; // the action itself answers 404 or 403
        }
        Instant since = clock.instant().minus(RESENT_WITHIN);
        for (int i = history.size() - 1; i >= 0; i--) {
            TicketEvent event = history.get(i);
            if (caller.username().equals(event.actor())) {
                return event.action().equals(action) && !event.at().isBefore(since)
                        && (text == null || text.strip().equals(event.detail()));
            }
        }
        return false;
    }

    private <T> TicketView take(ActionForm<T> actionForm, String id, Caller caller,
            MultiValueMap<String, String> form) {
        T command = null;
        if (actionForm.body() != null) {
            try {
                command = actionForm.onPage().apply(forms.command(form, actionForm.body()));
            } catch (InvalidInput e) {
                actions.checkMayTake(id, caller, actionForm.action());
                throw e;
            }
        }
        return actionForm.use().take(id, caller, command);
    }

    /** The ticket's page again (400, 409) with the refused form, and the way back the form carried. */
    private ModelAndView again(String id, Caller caller, FormState state, String back, HttpStatus status) {
        ModelAndView page = new ModelAndView("tickets/ticket");
        page.setStatus(status);
        show(id, caller, state, page.getModel());
        wayBack(back, caller, page.getModel());
        return page;
    }

    /**
     * Who acted, as people know them: a department's account by its department (交通运输局（港航）· 赵磊（transport）),
     * a channel by its name (12345热线（渠道）), others by their name and account (security.People). The service
     * itself and the enterprise's link the page words itself.
     */
    private Map<String, String> actorNames(List<TicketEvent> history) {
        Map<String, String> names = new HashMap<>();
        for (TicketEvent event : history) {
            names.computeIfAbsent(event.actor(), this::actorName);
        }
        return names;
    }

    private String actorName(String actor) {
        if (actor.startsWith(TicketActions.CHANNEL_ACTOR)) {
            String channel = channels.labelOf(actor.substring(TicketActions.CHANNEL_ACTOR.length()));
            return messages.text(Message.of("page.ticket.actor.channel", "channel", channel), Locale.SIMPLIFIED_CHINESE);
        }
        return accounts.find(actor).filter(person -> person.department() != null)
                .map(person -> catalog.departmentLabel(person.department()) + " · " + people.label(actor))
                .orElseGet(() -> people.label(actor));
    }

    private void show(String id, Caller caller, FormState state, Map<String, Object> model) {
        TicketView ticket = queries.get(id, caller);
        List<TicketEvent> history = queries.history(id, caller);
        model.put("t", ticket);
        model.put("history", history);
        // (addition) whom a department handling it calls at the enterprise: whoever may read the ticket may see it
        model.put("enterpriseContact", enterprises.find(ticket.enterpriseCreditCode())
                .filter(e -> e.contactName() != null || e.contactPhone() != null)
                .map(e -> new People.Contact(e.contactName(), e.contactPhone(), PersonDetails.dialling(e.contactPhone())))
                .orElse(null));
        TicketAttachments.OnPage files = attachments.onPage(id, caller);
        model.put("attachments", files.files().stream().map(a -> new AttachmentRow(a,
                Downloads.sizeWords(a.size()), a.fromEnterprise() ? ticket.enterpriseName() : actorName(a.uploadedBy()),
                files.removable().contains(a.id()))).toList());
        model.put("mayAttach", files.mayAttach());
        model.put("attachmentLimit", Downloads.sizeWords(attachments.maxFileBytes()));
        model.put("actorNames", actorNames(history));
        // 反映人 is who logged the problem, as the visit and the history's report event keep it; after a 工作交接 the
        // ticket's reporter is the specialist who follows it now, named beside it (跟进服务专员), never in its place
        String loggedBy = history.stream().filter(e -> TicketEvent.REPORT.equals(e.action())).map(TicketEvent::actor)
                .findFirst().orElse(ticket.reporter());
        model.put("reporter", reporterName(loggedBy));
        model.put("follower", Objects.equals(loggedBy, ticket.reporter()) ? null : reporterName(ticket.reporter()));
        model.put("offered", inPageOrder(ticket.allowedActions()));
        model.put("state", state);
        model.put(SUBMISSION, UUID.randomUUID().toString());
        model.put("handling", catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment).toList());
        model.put("outcomes", names(Outcome.values()));
        model.put("levels", names(EscalationLevel.values()));
        model.put("satisfactions", names(Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED,
                Satisfaction.DISSATISFIED));
        model.put("rulings", names(ActionRequests.Ruling.values()));
        if (ticket.allowedActions().contains(TicketAction.ASSIGN.urlName())) {
            model.put("arbitration", Arbitration.of(ticket, history));
        }
        // what was asked of the task force, as the office's card reads it (TicketQueries.escalations)
        model.put("escalationAsked", Awaited.ESCALATION.in(ticket, history));
        // handled again after the enterprise's 不满意: why, above the forms, not only at the foot of the history
        model.put("dissatisfied", Dissatisfied.of(ticket, history));
        // the lead may not reply before every co-department's opinion is in: say so where 答复 would be
        model.put("replyWaits", ticket.status() == TicketStatus.IN_PROGRESS
                && caller.isDepartment(ticket.leadDepartment()) && !ticket.pendingContributions().isEmpty()
                && !ticket.allowedActions().contains(TicketAction.REPLY.urlName()));
    }

    /**
     * The actions as the page offers them: allowedActions' order (the API's), but a leader's 督办 after the others.
     * A leader mostly reads a ticket, and notes on it (备注); taking it out of a department's hands is the exception,
     * which the page's first form and the first step at the top (its button) would otherwise offer on every open one.
     */
    static List<String> inPageOrder(List<String> allowedActions) {
        String supervise = TicketAction.SUPERVISE.urlName();
        return Stream.concat(allowedActions.stream().filter(a -> !a.equals(supervise)),
                allowedActions.stream().filter(supervise::equals)).toList();
    }

    /** A channel by its name (12345热线（渠道）); a person as the facts always named them, without a department. */
    private String reporterName(String reporter) {
        return reporter != null && reporter.startsWith(TicketActions.CHANNEL_ACTOR) ? actorName(reporter)
                : people.label(reporter);
    }

    private static List<String> names(Enum<?>... values) {
        return Stream.of(values).map(Enum::name).toList();
    }

    private void show(String id, Caller caller, FormState state, Model model) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        show(id, caller, state, attributes);
        model.addAllAttributes(attributes);
    }

    // ---------------------------------------------------------------- what the page shows

    /** How an action's form reaches its use case. */
    @FunctionalInterface
    interface UseCase<T> {
        TicketView take(String id, Caller caller, T command);
    }

    /**
     * A file as the page lists it: its size in words (1.5 MB), who added it, as the history names people (the
     * enterprise by its name, for a file it sent with its rating), and whether
     * the viewer may remove it now; a picture (JPEG, PNG) with its thumbnail.
     */
    record AttachmentRow(TicketAttachments.Attachment attachment, String size, String by, boolean removable) {

        public boolean image() {
            return AttachmentTypes.isImage(attachment.contentType());
        }
    }

    /**
     * An action, the command its form is read as (null: no fields), and its use case; {@code onPage}, what the form
     * asks beyond the API's body (its command as read, or a refusal naming the field), judged as the form is.
     */
    record ActionForm<T>(TicketAction action, Class<T> body, UseCase<T> use, UnaryOperator<T> onPage) {

        ActionForm(TicketAction action, Class<T> body, UseCase<T> use) {
            this(action, body, use, UnaryOperator.identity());
        }
    }

    /**
     * Why the ticket is with dispatch, for the assign form: no routing rule matched (unrouted), or the
     * lead department returned it, with its reason, when and by whom, and how often it was returned.
     */
    record Arbitration(boolean returned, String department, String reason, String by, Instant at,
            int returnCount, String routing) {

        static Arbitration of(TicketView ticket, List<TicketEvent> history) {
            // the return as dispatch's card reads it (TicketQueries.returnReasons)
            TicketEvent returned = Awaited.RETURN.in(ticket, history);
            if (returned != null) {
                return new Arbitration(true, ticket.leadDepartment(), returned.detail(), returned.actor(), returned.at(),
                        ticket.returnCount(), null);
            }
            // not a return: the routing that found no rule, from the event that sent it to dispatch
            TicketEvent cause = null;
            for (TicketEvent event : history) {
                if (event.toStatus() == TicketStatus.DISPATCHING && event.fromStatus() != TicketStatus.DISPATCHING) {
                    cause = event;
                }
            }
            return new Arbitration(false, null, null, null, cause == null ? null : cause.at(), ticket.returnCount(),
                    cause == null ? null : cause.detail());
        }
    }

    /**
     * The enterprise's 不满意 a ticket handled again answers (Awaited.REOPEN): the reopen it made (第 n 次; a rating
     * once too often sent it to a leader instead, {@code toLeader}, who may have handed it to a department again since,
     * {@code ruledAgain}), the reason as typed (null when none was given: the API and a
     * channel's intake take a 不满意 without one, API.md), who recorded it and when.
     */
    record Dissatisfied(int reopenCount, String reason, String actor, Instant at, boolean toLeader,
            boolean ruledAgain) {

        static Dissatisfied of(TicketView ticket, List<TicketEvent> history) {
            TicketEvent rating = Awaited.REOPEN.in(ticket, history);
            EventText.Rating rated = rating == null ? null : EventText.rating(rating.detail());
            if (rated == null || !rated.grade().equals(Satisfaction.DISSATISFIED.name())) {
                return null;
            }
            String reason = rated.comment();
            boolean toLeader = rating.toStatus() == TicketStatus.SUPERVISION;
            return new Dissatisfied(ticket.reopenCount(), reason, rating.actor(), rating.at(), toLeader,
                    toLeader && ticket.status() != TicketStatus.SUPERVISION);
        }

        /** Rated by the enterprise itself, through its feedback link; else recorded by staff or a channel. */
        public boolean byEnterprise() {
            return actor.startsWith(TicketActions.ENTERPRISE_ACTOR);
        }
    }

    /**
     * What a refused form brings back: which action's form to open, what the user typed, the message of
     * each field at fault (by the field's name, {@code coDepartments[1]} under {@code coDepartments}),
     * and for a 409 the reason the state gave.
     */
    record FormState(String action, MultiValueMap<String, String> typed, Map<String, String> errors,
            String refusal, boolean conflict, boolean kept) {

        /** The free-text inputs of the action forms (ActionRequests' @Text fields). */
        static final Set<String> FREE_TEXT = Set.of("note", "reason", "opinion", "resolution", "comment", "text");

        /**
         * The other inputs shown with the unsaved texts, each by the message of its value (label.NAME.VALUE) when
         * it has one: the choices, and an extension's working days, which go with its reason.
         */
        static final Set<String> CHOICES = Set.of("outcome", "satisfaction", "level", "workingDays");

        static final FormState NONE = new FormState(null, new LinkedMultiValueMap<>(), Map.of(), null, false, false);

        static FormState invalid(String action, MultiValueMap<String, String> typed,
                List<InvalidInput.FieldError> faults) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (InvalidInput.FieldError fault : faults) {
                errors.merge(InvalidInput.rootField(fault.field()), fault.message(), (a, b) -> a + "；" + b);
            }
            return new FormState(action, typed, errors, null, false, false);
        }

        static FormState refused(String action, MultiValueMap<String, String> typed, String reason) {
            return new FormState(action, typed, Map.of(), reason, true, false);
        }

        /** A form posted after its session timed out (security.KeptForms): open again as it was typed, not sent. */
        static FormState kept(String action, MultiValueMap<String, String> typed) {
            return new FormState(action, typed, Map.of(), null, false, true);
        }

        /** Whether this action's form comes back open. */
        public boolean open(String form) {
            return form.equals(action);
        }

        /** What the user typed into this input of this form; null for another form's. */
        public String value(String form, String name) {
            if (!open(form)) {
                return null;
            }
            List<String> values = typed.get(name);
            return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
        }

        /** Whether the user chose this value of a select, radio or checkbox of this form. */
        public boolean chose(String form, String name, String value) {
            return open(form) && typed.getOrDefault(name, List.of()).contains(value);
        }

        /** The message for this field of this form, or null. */
        public String error(String form, String field) {
            return open(form) ? errors.get(field) : null;
        }

        /**
         * The texts typed into a form that was refused and is no longer offered (a 409 on a page that
         * was out of date): shown so that they can be copied, not typed again. By field, in form order.
         */
        public Map<String, String> unsavedTexts() {
            return lastTyped(FREE_TEXT);
        }

        /**
         * What was chosen or given in such a form, beside its texts ({@link #CHOICES}): the outcome of a reply goes
         * with its resolution, the working days of an extension with its reason. By field, in form order: the value as it came (the page shows its label).
         */
        public Map<String, String> unsavedChoices() {
            return lastTyped(CHOICES);
        }

        /** The last value not blank of each of these inputs that has one, by field, in form order. */
        private Map<String, String> lastTyped(Set<String> names) {
            Map<String, String> last = new LinkedHashMap<>();
            typed.forEach((name, values) -> {
                if (names.contains(name) && values != null) {
                    values.stream().filter(v -> v != null && !v.isBlank()).reduce((first, later) -> later)
                            .ifPresent(value -> last.put(name, value));
                }
            });
            return last;
        }
    }
}
