package org.sanfu.stats;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sanfu.DomainException;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.KeptForms;
import org.sanfu.security.Role;
import org.sanfu.web.DashboardLink;
import org.sanfu.web.FormBodies;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.sanfu.web.Page;
import org.sanfu.web.When;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Recording a talk (约谈), LEADER only (SecurityConfig): {@code /talks/new?month=&subjectKind=&subject=}, the
 * form the dashboard's 季度通报 links from each 蜗牛店小二 and red-carded town, and {@code POST /talks} with
 * the fields of {@code POST /api/stats/talks}. Success goes back (303) to the dashboard of that month with a
 * message; a refused form shows again with what was typed, the message by the field (400), or why (409).
 */
@Page
class TalkPages {

    static final List<String> FIELDS = List.of("month", "subjectKind", "subject", "heldOn", "note");

    private final Talks talks;
    private final FormBodies forms;
    private final FormErrors formErrors;
    private final Messages messages;
    private final MessageSource texts;
    private final Catalog catalog;
    private final Clock clock;
    private final ZoneId zone;
    private final KeptForms keptForms;
    private final StatsParameters parameters;

    TalkPages(Talks talks, FormBodies forms, FormErrors formErrors, Messages messages, MessageSource texts,
            Catalog catalog, Clock clock, SanfuProperties properties, KeptForms keptForms, StatsParameters parameters) {
        this.keptForms = keptForms;
        this.parameters = parameters;
        this.talks = talks;
        this.forms = forms;
        this.formErrors = formErrors;
        this.messages = messages;
        this.texts = texts;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = properties.zone();
    }

    /** The talk's form posted after its session timed out comes back here, filled in as it was. */
    @Bean
    static KeptForms.Home keptTalkForm() {
        return new KeptForms.Home("/talks", "/talks/new");
    }

    /** LEADER. Right after a sign-in that a timed-out session asked for, the form as it was typed (KeptForms). */
    @GetMapping("/talks/new")
    ModelAndView form(Caller caller, @RequestParam(required = false) String month,
            @RequestParam(required = false) String subjectKind, @RequestParam(required = false) String subject,
            HttpServletRequest request) {
        caller.require(Role.LEADER);
        Optional<KeptForms.Kept> kept = keptForms.take(request);
        if (kept.isPresent()) {
            Map<String, String> values = typed(kept.get().inputs());
            Map<String, String> notSo = whom(values);
            return page(values, notSo, null, true, notSo.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                    .addObject("kept", true);
        }
        // the link's subject, bounded as POST /talks bounds it: one longer is no department or town, refused above the
        // form (400) and not carried into it; a month or kind that is no such leaves the form saying the link is wrong
        InvalidInput.Collector errors = new InvalidInput.Collector();
        errors.optionalText("subject", subject, Talks.SUBJECT_MAX);
        Map<String, String> refused = formErrors.of(errors);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("month", month);
        values.put("subjectKind", subjectKind);
        values.put("subject", refused.containsKey("subject") ? null : subject);
        values.put("heldOn", LocalDate.now(clock.withZone(zone)).toString());
        // a month not begun, or a subject not on the ranking of a month over: no talk can be recorded, so no form
        Map<String, String> notSo = refused.isEmpty() ? whom(values) : Map.of();
        if (!notSo.isEmpty()) {
            return page(values, notSo, null, false, HttpStatus.BAD_REQUEST);
        }
        return page(values, refused, null, true, refused.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
    }

    /**
     * What recording the talk would find wrong with its month and whom (Talks.checkWhom), read as they stand: a month
     * not begun, a subject not on the ranking of a month over. Empty where the month or kind is no such (the page then
     * says the link is wrong) or nothing is wrong.
     */
    private Map<String, String> whom(Map<String, String> values) {
        YearMonth month = month(values.get("month"));
        if (month == null) {
            return Map.of();
        }
        Talk.Subject kind = Arrays.stream(Talk.Subject.values()).filter(k -> k.name().equals(values.get("subjectKind")))
                .findFirst().orElse(null);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        talks.checkWhom(errors, month, kind, values.get("subject"));
        return formErrors.of(errors);
    }

    @PostMapping("/talks")
    ModelAndView record(Caller caller, @RequestParam MultiValueMap<String, String> input, RedirectAttributes flash) {
        caller.require(Role.LEADER);
        Map<String, String> values = typed(input);
        input.remove("_csrf");
        try {
            Talk talk = talks.record(forms.command(input, TalkRequest.class), caller);
            flash.addFlashAttribute("flash", texts.getMessage("page.talk.recorded",
                    new Object[] {When.month(YearMonth.parse(talk.month())), talk.label()},
                    Locale.SIMPLIFIED_CHINESE));
            RedirectView back = new RedirectView(DashboardLink.of(null, null, YearMonth.parse(talk.month())) + "#quarterRoll",
                    true);
            back.setStatusCode(HttpStatus.SEE_OTHER);
            return new ModelAndView(back);
        } catch (InvalidInput refused) {
            return page(values, formErrors.of(refused), null, true, HttpStatus.BAD_REQUEST);
        } catch (DomainException.NotNow recorded) {
            return page(values, Map.of(), messages.text(recorded.detail()), true, HttpStatus.CONFLICT);
        }
    }

    /** The form's fields as posted, by name (the first value of each). */
    private static Map<String, String> typed(MultiValueMap<String, String> input) {
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(name -> values.put(name, input.getFirst(name)));
        return values;
    }

    /** {@code offered}: false where no talk can be recorded from the link (a month not begun, a subject off its roll). */
    private ModelAndView page(Map<String, String> values, Map<String, String> errors, String refusal, boolean offered,
            HttpStatus status) {
        ModelAndView page = new ModelAndView("talks/form", status);
        page.addObject("values", values);
        page.addObject("errors", errors);
        page.addObject("refusal", refusal);
        page.addObject("offered", offered);
        YearMonth month = month(values.get("month"));
        // whom only once the month and the subject passed the checks: a department off the month's roll is no 蜗牛店小二
        page.addObject("about", errors.containsKey("month") || errors.containsKey("subject") ? null
                : about(month, values));
        // the top bar's 驾驶舱 leads to that month's dashboard, as 返回 does
        page.addObject(DashboardLink.ATTRIBUTE, month == null ? null : DashboardLink.of(null, null, month));
        // a month still under way: its 蜗牛店小二 and red cards may change until it is over and stored, as the
        // dashboard's 季度通报 says (进行中); the API records such a talk unchecked, so the form says so and allows it
        page.addObject("monthInProgress", month != null && month.equals(parameters.currentMonth())
                ? When.month(month) : null);
        // the date picker offers the days a talk may have been held: from the month's first to today
        page.addObject("earliest", month == null ? null : month.atDay(1).toString());
        page.addObject("today", LocalDate.now(clock.withZone(zone)).toString());
        // the month and whom are carried from the dashboard's link in hidden fields: their faults show above
        page.addObject("otherErrors", errors.entrySet().stream()
                .filter(e -> !e.getKey().equals("heldOn") && !e.getKey().equals("note"))
                .map(e -> label(e.getKey()) + "：" + e.getValue()).toList());
        return page;
    }

    /**
     * Whom the talk is with, in words: 约谈对象：交通运输局（2021年3月 蜗牛店小二）; null where the link's values
     * are no such month, department or kind (the page then says the link is wrong). Shown once the month and the
     * subject passed the checks, so that a month over names one on its ranking; in the month under way, whose names
     * are not checked, it says whether the ranking names the subject so far (…（2026年12月，目前不是蜗牛店小二）).
     */
    private String about(YearMonth month, Map<String, String> values) {
        String kind = values.get("subjectKind");
        String subject = values.get("subject");
        if (month == null || subject == null || subject.isBlank()) {
            return null;
        }
        String whom = talks.asMeant("DEPARTMENT".equals(kind), subject);
        boolean department = "DEPARTMENT".equals(kind) && catalog.isHandlingDepartment(whom);
        if (!department && !"TOWN".equals(kind)) {
            return null;
        }
        String title = department ? "蜗牛店小二" : "亮红牌";
        String named = !month.equals(parameters.currentMonth())
                || talks.namedNow(month, department ? Talk.Subject.DEPARTMENT : Talk.Subject.TOWN, whom)
                ? " " + title : "，目前" + (department ? "不是" : "未") + title;
        return "约谈对象：" + (department ? catalog.departmentLabel(whom) : whom) + "（" + When.month(month) + named + "）";
    }

    /**
     * The month as POST /talks reads it, or null where it would refuse it (not a month, or one outside the service's
     * dates such as +999999999-12): a form about a month no talk can be recorded for says the link is wrong instead.
     */
    private YearMonth month(String month) {
        return parameters.requiredMonth(new InvalidInput.Collector(), "month", month);
    }

    private String label(String field) {
        return texts.getMessage("label.field." + field, null, field, Locale.SIMPLIFIED_CHINESE);
    }
}
