package org.sanfu.enterprise.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sanfu.DomainException;
import org.sanfu.Typed;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseCorrection;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.enterprise.NameOnFile;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.KeptForms;
import org.sanfu.security.Role;
import org.sanfu.web.FormBodies;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Page;
import org.sanfu.web.PageParams;
import org.sanfu.web.Redirects;
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
 * The enterprise pages (docs/UI.md): {@code /enterprises}, the list with search by name or credit code
 * (STAFF, DISPATCH, LEADER, ADMIN), {@code /enterprises/new}, the form that files one (STAFF, ADMIN),
 * its inputs named as {@code POST /api/enterprises}' fields and judged by the same service, and
 * {@code /enterprises/{creditCode}/edit}, the same form correcting a file (STAFF, ADMIN). The profile,
 * which needs visits and tickets, is the profile module's page. (addition) A name that enterprises on file under other
 * codes have (NameOnFile) is saved only with {@code sameNameConfirmed} ticked, a checkbox of these pages alone: the
 * API files it as asked.
 */
@Page
class EnterprisePages {

    static final int PAGE_SIZE = 20;
    static final List<String> FIELDS = List.of("creditCode", "name", "town", "industry", "exporter", "key",
            "specialist", "contactName", "contactPhone");
    /** The checkbox 确认是另一家企业: a name on file under another code is saved all the same (NameOnFile). */
    static final String SAME_NAME_CONFIRMED = "sameNameConfirmed";

    private final EnterpriseService enterprises;
    private final AccountDirectory accounts;
    private final FormBodies forms;
    private final FormErrors formErrors;
    private final MessageSource messages;
    private final KeptForms keptForms;

    EnterprisePages(EnterpriseService enterprises, AccountDirectory accounts, FormBodies forms, FormErrors formErrors,
            MessageSource messages, KeptForms keptForms) {
        this.keptForms = keptForms;
        this.enterprises = enterprises;
        this.accounts = accounts;
        this.forms = forms;
        this.formErrors = formErrors;
        this.messages = messages;
    }

    /**
     * {@code q}: words in the name or the credit code; {@code town}: exactly; (addition) {@code specialist}: the
     * 驻企服务专员's user name, which a specialist's 只看我驻企的 sets to their own (the enterprises they answer for,
     * among a county's thousands); paged 20 at a time. A filter no file could match (a specialist no user name can
     * be, words longer than a name, a town longer than a town: the API's 400) is 400, the list without it, what
     * is wrong named by its input; the filters given right still apply.
     */
    @GetMapping("/enterprises")
    ModelAndView list(Caller caller, @RequestParam(required = false) String q,
            @RequestParam(required = false) String town, @RequestParam(required = false) String specialist,
            @RequestParam(required = false) String page) {
        // as the ticket list reads them: words and a town lose at their ends what a paste leaves (a no-break or
        // zero-width space, Typed.trimmed), words still matched as typed or folded; a specialist is a user name
        String words = Typed.blank(q) ? null : Typed.trimmed(q);
        String inTown = Typed.blank(town) ? null : Typed.trimmed(town);
        String of = Typed.blank(specialist) ? null : Typed.folded(specialist);
        ModelAndView list = new ModelAndView("enterprises/list");
        list.addObject("q", words == null ? "" : words);
        list.addObject("town", inTown == null ? "" : inTown);
        list.addObject("specialist", of == null ? "" : of);
        list.addObject("me", caller.is(Role.STAFF) ? caller.username() : null);
        Map<String, String> invalid = Map.of();
        // a page number below 0 is the 400 page naming 页码 (PageParams.shown), before the filters; one too deep the last
        PageParams shown = PageParams.shown(page, PAGE_SIZE);
        try {
            list.addObject("result", enterprises.list(inTown, null, words, of, shown));
        } catch (InvalidInput e) {
            invalid = formErrors.of(e);
            list.setStatus(HttpStatus.BAD_REQUEST);
            list.addObject("result", enterprises.list(invalid.containsKey("town") ? null : inTown, null,
                    invalid.containsKey("q") ? null : words, invalid.containsKey("specialist") ? null : of, shown));
        }
        list.addObject("invalid", invalid);
        list.addObject("specialistInvalid", invalid.containsKey("specialist"));
        return list;
    }

    /** A new enterprise's form posted after its session timed out comes back here, filled in as it was. */
    @Bean
    static KeptForms.Home keptNewEnterpriseForm() {
        return new KeptForms.Home("/enterprises", "/enterprises/new");
    }

    /** A correction of an enterprise's file posted after its session timed out comes back on its form. */
    @Bean
    static KeptForms.Home keptEnterpriseCorrection() {
        return new KeptForms.Home("/enterprises/{creditCode}", "/enterprises/{creditCode}/edit");
    }

    /**
     * STAFF, ADMIN (SecurityConfig). Staff file the enterprises they look after: they are its specialist at
     * first. Right after a sign-in that a timed-out session asked for, the form as it was typed (KeptForms).
     * {@code q}, the words a search that found nothing was given (the list's or the visit form's 查找企业),
     * fills in the credit code when it is one, else the name, so that a specialist does not type them again.
     */
    @GetMapping("/enterprises/new")
    ModelAndView form(Caller caller, HttpServletRequest request, @RequestParam(required = false) String q) {
        Optional<KeptForms.Kept> kept = keptForms.take(request);
        if (kept.isPresent()) {
            return page(typed(kept.get().inputs()), Map.of(), HttpStatus.OK).addObject("kept", true);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("specialist", caller.is(Role.STAFF) ? caller.username() : null);
        String words = q == null ? "" : q.strip();
        if (!words.isEmpty()) {
            String code = CreditCode.normalize(words);
            // 18 letters and digits are a code, valid or mistyped (the form names what is wrong with it when sent);
            // anything else is a name, checked as every name is when the form is sent
            boolean isCode = code.matches("[0-9A-Z]{18}");
            values.put(isCode ? "creditCode" : "name", isCode ? code : words);
        }
        return page(values, Map.of(), HttpStatus.OK);
    }

    /**
     * STAFF, ADMIN (SecurityConfig). 303 to the new profile, which says so when its town is new to the file; the form
     * again with its faults (400, or 409 for a code on file, or for a name on file under another code until
     * {@code sameNameConfirmed} is ticked).
     */
    @PostMapping("/enterprises")
    ModelAndView create(@RequestParam MultiValueMap<String, String> input, RedirectAttributes flash) {
        Map<String, String> values = typed(input);
        try {
            EnterpriseService.Saved saved = enterprises.file(forms.command(input, EnterpriseForm.class),
                    confirmed(input));
            Enterprise created = saved.enterprise();
            if (saved.newTown() != null) {
                flash.addFlashAttribute("flash", newTown(created.town()));
            }
            return Redirects.seeOther("/enterprises/" + created.creditCode());
        } catch (InvalidInput refused) {
            return page(values, formErrors.of(refused), HttpStatus.BAD_REQUEST);
        } catch (NameOnFile named) {
            return namesakes(values, named);
        } catch (DomainException.NotNow onFile) {
            ModelAndView again = page(values, Map.of("creditCode", text("page.error.enterprise-exists")),
                    HttpStatus.CONFLICT);
            again.addObject("existing", enterprises.find(values.get("creditCode")).orElse(null));
            return again;
        }
    }

    /**
     * STAFF, ADMIN (SecurityConfig): the file's form, filled in as it stands, its credit code fixed. 404 unknown.
     * Right after a sign-in that a timed-out session asked for, as it was typed (KeptForms).
     */
    @GetMapping("/enterprises/{creditCode}/edit")
    ModelAndView edit(@PathVariable String creditCode, HttpServletRequest request) {
        Enterprise e = enterprises.get(creditCode);
        Optional<KeptForms.Kept> kept = keptForms.take(request);
        if (kept.isPresent()) {
            Map<String, String> typed = typed(kept.get().inputs());
            typed.put("creditCode", e.creditCode());
            return editing(page(typed, Map.of(), HttpStatus.OK), e).addObject("kept", true);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("creditCode", e.creditCode());
        values.put("name", e.name());
        values.put("town", e.town());
        values.put("industry", e.industry());
        values.put("exporter", String.valueOf(e.exporter()));
        values.put("key", String.valueOf(e.key()));
        values.put("specialist", e.specialist());
        values.put("contactName", e.contactName());
        values.put("contactPhone", e.contactPhone());
        return editing(page(values, Map.of(), HttpStatus.OK), e);
    }

    /**
     * STAFF, ADMIN (SecurityConfig). 303 to the profile; the form again with its faults (400), or (409) for a name
     * changed to one on file under another code until {@code sameNameConfirmed} is ticked. 404 unknown.
     */
    @PostMapping("/enterprises/{creditCode}")
    ModelAndView update(@PathVariable String creditCode, @RequestParam MultiValueMap<String, String> input,
            RedirectAttributes flash) {
        Enterprise e = enterprises.get(creditCode);
        Map<String, String> values = typed(input);
        values.put("creditCode", e.creditCode());
        try {
            // the read-only credit code the form shows is no field of the correction: it is left out
            EnterpriseService.Saved corrected = enterprises.correct(e.creditCode(),
                    forms.command(input, EnterpriseCorrection.class), confirmed(input));
            Enterprise saved = corrected.enterprise();
            flash.addFlashAttribute("flash", text("page.enterprise.saved")
                    + (corrected.newTown() != null ? newTown(saved.town()) : ""));
            return Redirects.seeOther("/enterprises/" + saved.creditCode());
        } catch (InvalidInput refused) {
            return editing(page(values, formErrors.of(refused), HttpStatus.BAD_REQUEST), e);
        } catch (NameOnFile named) {
            return editing(namesakes(values, named), e);
        }
    }

    private static boolean confirmed(MultiValueMap<String, String> input) {
        return "true".equals(input.getFirst(SAME_NAME_CONFIRMED));
    }

    /**
     * The form again (409), by its name the enterprises on file of that name with their codes and towns, to be told
     * from a mistyped code, each linked to its profile (#namesakes), and the checkbox 确认是另一家企业.
     */
    private ModelAndView namesakes(Map<String, String> values, NameOnFile named) {
        String which = String.join("、", named.namesakes().stream().map(n -> n.town() == null
                ? messages.getMessage("page.enterprise.namesake-without-town", new Object[] {n.name(), n.creditCode()},
                        Locale.SIMPLIFIED_CHINESE)
                : messages.getMessage("page.enterprise.namesake", new Object[] {n.name(), n.creditCode(), n.town()},
                        Locale.SIMPLIFIED_CHINESE)).toList());
        ModelAndView again = page(values, Map.of("name", messages.getMessage("page.error.enterprise-name-on-file",
                new Object[] {which}, Locale.SIMPLIFIED_CHINESE)), HttpStatus.CONFLICT);
        again.addObject("namesakes", named.namesakes());
        return again;
    }

    private static ModelAndView editing(ModelAndView page, Enterprise e) {
        page.addObject("editing", e);
        return page;
    }

    private static Map<String, String> typed(MultiValueMap<String, String> input) {
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(name -> {
            List<String> given = input.get(name);
            values.put(name, given == null || given.isEmpty() ? null : given.get(given.size() - 1));
        });
        // ticked, it stays ticked on a form refused for another fault
        values.put(SAME_NAME_CONFIRMED, String.valueOf(confirmed(input)));
        return values;
    }

    private ModelAndView page(Map<String, String> values, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("enterprises/form", status);
        page.addObject("values", values);
        page.addObject("errors", errors);
        page.addObject("otherErrors", errors.entrySet().stream().filter(e -> !FIELDS.contains(e.getKey()))
                .map(Map.Entry::getValue).toList());
        if (!errors.isEmpty()) {
            page.addObject("summary", messages.getMessage("page.error.summary", new Object[] {errors.size()},
                    Locale.SIMPLIFIED_CHINESE));
            errors.keySet().stream().filter(FIELDS::contains).findFirst().ifPresent(id -> page.addObject("firstError", id));
        }
        // service staff at work; a disabled one only as the value the file names already, so that saving keeps it
        // (it is said: 已停用), not replaced by the first of the list unseen
        String named = values.get("specialist");
        page.addObject("specialists", accounts.all().stream().filter(p -> p.role() == Role.STAFF)
                .filter(p -> p.enabled() || p.username().equals(named)).map(AccountDirectory.Person::username).toList());
        page.addObject("disabledSpecialist", accounts.isDisabled(named) ? named : null);
        return page;
    }

    /** A town none of the enterprises on file was in: a misspelt one would start a town of its own in the figures. */
    private String newTown(String town) {
        return messages.getMessage("page.enterprise.new-town", new Object[] {town}, Locale.SIMPLIFIED_CHINESE);
    }

    private String text(String code) {
        return messages.getMessage(code, null, code, Locale.SIMPLIFIED_CHINESE);
    }
}
