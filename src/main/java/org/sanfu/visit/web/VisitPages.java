package org.sanfu.visit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.sanfu.DomainException;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.enterprise.OperatingStatus;
import org.sanfu.routing.Routing;
import org.sanfu.security.Caller;
import org.sanfu.security.KeptForms;
import org.sanfu.security.Role;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.Urgency;
import org.sanfu.visit.VisitIntake;
import org.sanfu.visit.VisitQueries;
import org.sanfu.visit.VisitRequest;
import org.sanfu.visit.VisitView;
import org.sanfu.web.FormBodies;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Page;
import org.sanfu.web.PageParams;
import org.sanfu.web.Redirects;
import org.sanfu.web.When;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The visit pages (docs/UI.md): {@code /visits/new}, the form a service staff member fills in after a
 * visit (dispatch: a hotline or online entry), and {@code /visits/{id}}, the visit with the tickets it
 * made. The form posts the API's fields and goes through the same intake as {@code POST /api/visits}:
 * its hidden idempotency key plays the {@code Idempotency-Key} header, so a double tap or a resent form
 * logs one visit, and both answers lead to it.
 */
@Page
class VisitPages {

    /** The intake refuses more problems per visit than this; the form offers no more blocks. */
    static final int MOST_PROBLEMS = 20;
    static final int ENTERPRISE_MATCHES = 10;
    private static final Pattern BLOCK = Pattern.compile("problems\\[(\\d{1,3})]");

    private final VisitIntake intake;
    private final VisitQueries queries;
    private final EnterpriseService enterprises;
    private final Catalog catalog;
    private final FormBodies forms;
    private final FormErrors formErrors;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final When when;
    private final ZoneId zone;
    private final Clock clock;
    private final KeptForms keptForms;
    private final Routing routing;

    VisitPages(VisitIntake intake, VisitQueries queries, EnterpriseService enterprises, Catalog catalog,
            FormBodies forms, FormErrors formErrors, MessageSource messages, ObjectMapper json, When when,
            SanfuProperties properties, Clock clock, KeptForms keptForms, Routing routing) {
        this.keptForms = keptForms;
        this.routing = routing;
        this.intake = intake;
        this.queries = queries;
        this.enterprises = enterprises;
        this.catalog = catalog;
        this.forms = forms;
        this.formErrors = formErrors;
        this.messages = messages;
        this.json = json;
        this.when = when;
        this.zone = properties.zone();
        this.clock = clock;
    }

    /** The visit form posted after its session timed out comes back here, filled in as it was. */
    @Bean
    static KeptForms.Home keptVisitForm() {
        return new KeptForms.Home("/visits", "/visits/new");
    }

    /**
     * STAFF, DISPATCH (SecurityConfig). {@code enterprise}: words to look an enterprise up by name or code, as
     * 查找企业 does: the whole credit code of one on file chooses it (a link naming the enterprise), anything else
     * lists the matches, or says none was found. {@code enterpriseCreditCode}, the field itself, is filled in as
     * given and comes first. Right after a sign-in that a timed-out session asked for, the form as it was typed
     * (KeptForms).
     */
    @GetMapping("/visits/new")
    ModelAndView form(Caller caller, @RequestParam(required = false) String enterpriseCreditCode,
            @RequestParam(required = false) String enterprise, HttpServletRequest request) {
        Optional<KeptForms.Kept> kept = keptForms.take(request);
        if (kept.isPresent()) {
            VisitForm typed = VisitForm.read(kept.get().inputs());
            return page(caller, typed.withKey(typed.idempotencyKey() == null ? newKey() : typed.idempotencyKey())
                    .withAProblemBlock(), Map.of(), HttpStatus.OK).addObject("kept", true);
        }
        Map<String, String> visit = new LinkedHashMap<>();
        visit.put("enterpriseCreditCode", blankToNull(enterpriseCreditCode));
        visit.put("visitedAt", when.local(clock.instant()));
        visit.put("source", (caller.is(Role.DISPATCH) ? Source.HOTLINE : Source.VISIT).name());
        VisitForm blank = VisitForm.blank(visit, newKey(), enterprise);
        if (visit.get("enterpriseCreditCode") != null) {
            return withMatches(page(caller, blank, Map.of(), HttpStatus.OK), blank);
        }
        return found(caller, blank);
    }

    /**
     * The form with what 查找企业's words found: a whole credit code on file names one enterprise, taken as its
     * 选择 would be, not left for a second tap (saving without it said 不能为空 next to a code the user had typed
     * above); other words list the matches under 选择企业.
     */
    private ModelAndView found(Caller caller, VisitForm typed) {
        Optional<Enterprise> named = namedByCode(typed.enterpriseSearch());
        if (named.isPresent()) {
            return page(caller, typed.withEnterprise(named.get().creditCode()).withAProblemBlock(), Map.of(),
                    HttpStatus.OK);
        }
        return withMatches(page(caller, typed.withAProblemBlock(), Map.of(), HttpStatus.OK), typed);
    }

    /**
     * The enterprises found by the form's words (name or code), at most {@link #ENTERPRISE_MATCHES}, under 选择企业.
     * Words the list refuses (longer than any name) are said by the search input, the form kept as typed, and the
     * answer is 400, as /enterprises answers the same words.
     */
    private ModelAndView withMatches(ModelAndView page, VisitForm form) {
        if (!form.enterpriseSearch().isEmpty()) {
            try {
                page.addObject("matches", enterprises.list(null, null, form.enterpriseSearch(),
                        PageParams.of(0, ENTERPRISE_MATCHES)));
            } catch (InvalidInput refused) {
                page.addObject("searchError", formErrors.of(refused).get("q"));
                page.setStatus(HttpStatus.BAD_REQUEST);
            }
        }
        return page;
    }

    /** The enterprise on file whose valid credit code the words are (any case, spaces around), if any. */
    private Optional<Enterprise> namedByCode(String words) {
        String code = CreditCode.normalize(words);
        return CreditCode.isValid(code) ? enterprises.find(code) : Optional.empty();
    }

    /**
     * STAFF, DISPATCH (SecurityConfig). "添加问题" ({@code addProblem}) shows the form again with one more
     * block, "查找企业" ({@code findEnterprise}, the words in {@code enterprise}) with the enterprises found (the
     * whole credit code of one on file chooses it), and a found one's "选择" ({@code chooseEnterprise}) with its
     * credit code filled in, all with what was typed;
     * saving ignores blocks left empty, logs the visit and sends to it (303), which says once that it was
     * logged and how many tickets it made, or shows the form again with the faults by their inputs (400); a
     * key that saved a different form before is 409, and the form comes back with a key of its own.
     */
    @PostMapping("/visits")
    ModelAndView log(Caller caller, @RequestParam MultiValueMap<String, String> input, RedirectAttributes flash) {
        VisitForm typed = VisitForm.read(input);
        if (input.containsKey("addProblem")) {
            return page(caller, typed.withAnotherProblem(MOST_PROBLEMS), Map.of(), HttpStatus.OK)
                    .addObject("focusNewest", true);
        }
        // 查找企业 and a match's 选择 post the whole form: what was typed below stays
        if (input.containsKey("findEnterprise")) {
            return found(caller, typed);
        }
        String chosen = blankToNull(input.getFirst("chooseEnterprise"));
        if (chosen != null) {
            return page(caller, typed.withEnterprise(chosen).withAProblemBlock(), Map.of(), HttpStatus.OK);
        }
        VisitForm form = typed.withoutEmptyProblems();
        // 403 before 400, as the API: whether dispatch may log this entry comes before what is wrong with it
        intake.authorize(caller, blankToNull(form.visit().get("source")));
        try {
            MultiValueMap<String, String> inputs = form.inputs();
            String visitedAt = blankToNull(form.visit().get("visitedAt"));
            if (visitedAt != null) {
                inputs.set("visitedAt", inServiceZone(visitedAt));
            }
            FormBodies.Read<VisitRequest> read = forms.read(inputs, VisitRequest.class);
            if (!read.unread().isEmpty()) {
                // a decimal in a number input, a field given twice: the intake's own checks of the rest are named too
                throw intake.refusal(read.command()).map(later -> InvalidInput.merged(read.unread(), later))
                        .orElseGet(() -> new InvalidInput(read.unread()));
            }
            VisitRequest request = read.command();
            VisitIntake.Answer answer = intake.log(request, caller, form.idempotencyKey());
            JsonNode visit = json.readTree(answer.json());
            // said once on the visit's page; a form sent again is answered as the first, as it was logged once
            int tickets = visit.path("tickets").size();
            // dispatch logs hotline calls and online entries, no visits: the page says what was logged
            String saved = caller.is(Role.DISPATCH) ? "page.entry.saved" : "page.visit.saved";
            String said = tickets == 0 ? text(saved + ".none")
                    : messages.getMessage(saved, new Object[] {tickets}, Locale.SIMPLIFIED_CHINESE);
            // a problem ticked 当场解决 is not closed yet: it waits for the enterprise's rating, as its row says
            long onSite = StreamSupport.stream(visit.path("tickets").spliterator(), false)
                    .filter(t -> t.path("resolvedOnSite").asBoolean()).count();
            if (onSite > 0) {
                said += messages.getMessage("page.visit.saved.on-site", new Object[] {onSite}, Locale.SIMPLIFIED_CHINESE);
            }
            flash.addFlashAttribute("flash", said);
            return Redirects.seeOther("/visits/" + visit.path("id").asText());
        } catch (InvalidInput refused) {
            return page(caller, form.withAProblemBlock(), formErrors.of(refused), HttpStatus.BAD_REQUEST);
        } catch (DomainException.NotNow reused) {
            // the key saved another form's content before (back button, then edited): this one needs a key of its own
            ModelAndView page = page(caller, form.withAProblemBlock().withKey(newKey()), Map.of(), HttpStatus.CONFLICT);
            return page.addObject("notice", text("page.error.visit-key-used"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the intake's answer is not JSON", e);
        }
    }

    /** Who may read the visit, as {@code GET /api/visits/{id}}: 404 for an unknown id before 403 for a department. */
    @GetMapping("/visits/{id}")
    ModelAndView visit(@PathVariable String id, Caller caller) {
        VisitView visit = queries.get(id, caller);
        caller.require(Role.STAFF, Role.DISPATCH, Role.LEADER, Role.ADMIN);
        ModelAndView page = new ModelAndView("visits/visit");
        page.addObject("visit", visit);
        page.addObject("enterprise", enterprises.find(visit.enterpriseCreditCode()).orElse(null));
        page.addObject("caller", caller);
        return page;
    }

    private ModelAndView page(Caller caller, VisitForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("visits/form", status);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("blocks", blocks(form, errors));
        page.addObject("otherErrors", otherErrors(form, errors));
        if (!errors.isEmpty()) {
            page.addObject("summary", messages.getMessage("page.error.summary", new Object[] {errors.size()},
                    Locale.SIMPLIFIED_CHINESE));
            // on a phone the first fault may lie screens below the summary
            errors.keySet().stream().map(field -> inputId(form, field)).filter(Objects::nonNull).findFirst()
                    .ifPresent(id -> page.addObject("firstError", id));
        }
        page.addObject("caller", caller);
        page.addObject("sources", caller.is(Role.DISPATCH) ? List.of(Source.HOTLINE, Source.ONLINE)
                : List.of(Source.values()));
        page.addObject("categories", catalog.categoryCodes());
        // which category goes straight to a department and which comes to the office to be assigned by hand, as
        // the routing table the intake evaluates says (#categoryRouting): the lead depends on the category alone,
        // urgency only shortens the limits, so the NORMAL row is every category's answer
        Map<String, String> routedTo = new LinkedHashMap<>();
        List<String> toOffice = new ArrayList<>();
        for (String category : catalog.categoryCodes()) {
            String lead = routing.route(category, Urgency.NORMAL.name()).leadDepartment();
            if (lead == null) {
                toOffice.add(category);
            } else {
                routedTo.put(category, lead);
            }
        }
        page.addObject("routedTo", routedTo);
        page.addObject("toOffice", toOffice);
        page.addObject("statuses", OperatingStatus.values());
        page.addObject("urgencies", Urgency.values());
        page.addObject("mostProblems", MOST_PROBLEMS);
        String code = blankToNull(form.visit().get("enterpriseCreditCode"));
        Enterprise chosen = code == null ? null : enterprises.find(code).orElse(null);
        page.addObject("chosen", chosen);
        page.addObject("search", form.enterpriseSearch());
        return page;
    }

    /** A problem block as the form shows it: its number, what was typed, and the faults by field. */
    record Block(int index, Map<String, String> values, Map<String, String> errors) {
        public String name(String field) {
            return "problems[" + index + "]." + field;
        }
    }

    private static List<Block> blocks(VisitForm form, Map<String, String> errors) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < form.problems().size(); i++) {
            String block = "problems[" + i + "]";
            Map<String, String> own = new LinkedHashMap<>();
            errors.forEach((field, message) -> {
                if (field.startsWith(block + ".")) {
                    own.put(field.substring(block.length() + 1), message);
                } else if (field.equals(block)) {
                    own.put("block", message);
                }
            });
            blocks.add(new Block(i, form.problems().get(i), own));
        }
        return blocks;
    }

    /** The block a field belongs to ({@code problems[1].title} → 1), or -1. */
    private static int blockIndex(String field) {
        Matcher block = BLOCK.matcher(field);
        return block.lookingAt() ? Integer.parseInt(block.group(1)) : -1;
    }

    /** The id of the element that shows a field's fault ({@code problems[1].title} → problems1-title), or null. */
    private static String inputId(VisitForm form, String field) {
        if (VisitForm.VISIT_FIELDS.contains(field)) {
            return field;
        }
        int block = blockIndex(field);
        if (block < 0 || block >= form.problems().size()) {
            return null;
        }
        String rest = field.substring(field.indexOf(']') + 1);
        return rest.startsWith(".") ? "problems" + block + "-" + rest.substring(1) : "problem-" + block;
    }

    /** Faults no input shows ("problems" as a whole, the key): listed above the form. */
    private static List<String> otherErrors(VisitForm form, Map<String, String> errors) {
        List<String> other = new ArrayList<>();
        errors.forEach((field, message) -> {
            boolean visitInput = VisitForm.VISIT_FIELDS.contains(field);
            int block = blockIndex(field);
            boolean blockInput = block >= 0 && block < form.problems().size();
            if (!visitInput && !blockInput) {
                other.add(message);
            }
        });
        return other;
    }

    /** A {@code datetime-local} value is a time on the service's clock; the API's form carries the offset. */
    private String inServiceZone(String local) {
        try {
            return LocalDateTime.parse(local.strip()).atZone(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException notLocal) {
            return local; // with an offset already, or wrong: the intake reads it, or names the field
        }
    }

    private String text(String code) {
        return messages.getMessage(code, null, code, Locale.SIMPLIFIED_CHINESE);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
