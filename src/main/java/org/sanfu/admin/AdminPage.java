package org.sanfu.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sanfu.DomainException;
import org.sanfu.LockFailures;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.calendar.CalendarInEffect;
import org.sanfu.calendar.CalendarOnRecord;
import org.sanfu.calendar.CalendarProperties;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.catalog.Catalog;
import org.sanfu.channel.ChannelAdministration;
import org.sanfu.channel.ChannelView;
import org.sanfu.channel.CreatedChannel;
import org.sanfu.channel.NewChannel;
import org.sanfu.enterprise.EnterpriseImport;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.AccountAdministration;
import org.sanfu.security.Caller;
import org.sanfu.security.NewAccount;
import org.sanfu.security.People;
import org.sanfu.security.Role;
import org.sanfu.web.Downloads;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.sanfu.web.Page;
import org.sanfu.web.PageFormSubmissions;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.ModelMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code /admin} (ADMIN, SecurityConfig): the readiness checklist (上线检查, {@link Readiness}), accounts, the enterprise
 * import, the holiday calendar, the channels (issue 14: create, showing the key and secret once; list with their
 * callbacks; revoke). Every
 * form posts here with its CSRF token; a form with faults shows the page again with status 400 (409
 * when the state refuses, e.g. disabling the last administrator), the Chinese message next to the
 * field and the values typed, passwords excepted; a change done redirects (303) back to /admin with a
 * Chinese message.
 */
@Page
class AdminPage {

    static final String CREATE = "create";
    static final String CHANNEL = "channel";
    /** A channel row's callback URL form, with the channel's code after a colon. */
    static final String CALLBACK = "callback";
    /** A row's 交接 form: the account's work to another service specialist (HandingOverWork). */
    static final String HANDOVER = "handover";
    /** The new channel's form's hidden key, drawn with the page, as a ticket's action forms carry one. */
    static final String SUBMISSION = "submission";

    private final AccountAdministration accounts;
    private final Catalog catalog;
    private final EnterpriseImport importer;
    private final WorkingDayCalendar calendar;
    private final CalendarProperties calendarSettings;
    private final Clock clock;
    private final MessageSource messages;
    private final ChannelAdministration channels;
    private final Messages worded;
    private final CalendarOnRecord calendarOnRecord;
    private final People people;
    private final CalendarInEffect calendarInEffect;
    private final PageFormSubmissions submissions;
    private final EnterpriseService enterprises;
    private final Readiness readiness;
    private final HandingOverWork handovers;

    AdminPage(AccountAdministration accounts, Catalog catalog, EnterpriseImport importer, WorkingDayCalendar calendar,
            CalendarProperties calendarSettings, Clock clock, MessageSource messages, ChannelAdministration channels,
            Messages worded, CalendarOnRecord calendarOnRecord, People people, CalendarInEffect calendarInEffect,
            PageFormSubmissions submissions, EnterpriseService enterprises, Readiness readiness,
            HandingOverWork handovers) {
        this.readiness = readiness;
        this.handovers = handovers;
        this.submissions = submissions;
        this.enterprises = enterprises;
        this.people = people;
        this.calendarInEffect = calendarInEffect;
        this.calendarOnRecord = calendarOnRecord;
        this.channels = channels;
        this.worded = worded;
        this.accounts = accounts;
        this.catalog = catalog;
        this.importer = importer;
        this.calendar = calendar;
        this.calendarSettings = calendarSettings;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/admin")
    ModelAndView admin(Caller caller) {
        return page(caller, Filled.NONE, HttpStatus.OK);
    }

    // --- accounts ---

    @PostMapping("/admin/accounts")
    ModelAndView create(Caller caller, @RequestParam(required = false) String username,
            @RequestParam(required = false) String displayName, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String role, @RequestParam(required = false) String department,
            HttpServletRequest request, RedirectAttributes flash) {
        try {
            accounts.create(caller, new NewAccount(username, role, department, displayName, phone, password(request)));
        } catch (InvalidInput e) {
            return refused(caller, CREATE, Map.of("username", text(username), "displayName", text(displayName),
                    "phone", text(phone), "role", text(role), "department", text(department)), e);
        }
        return done(flash, "admin.flash.created", people.label(Typed.folded(username)), roleNamed(role, department));
    }

    @PostMapping("/admin/accounts/{username}/role")
    ModelAndView changeRole(Caller caller, @PathVariable String username, @RequestParam(required = false) String role,
            @RequestParam(required = false) String department, RedirectAttributes flash) {
        // the account as meant, as sign-in and creation take it: /admin/accounts/ｓｔａｆｆ１/… is staff1's
        username = Typed.folded(username);
        AccountAdministration.RoleChange change;
        try {
            change = accounts.changeRole(caller, username, role, department);
        } catch (AccountAdministration.AdministratorKept e) {
            // the state refuses it, not the form: 409 by the role field, as disabling such an account and the API's PATCH
            return page(caller, new Filled("role:" + username, Map.of("role", text(role), "department", text(department)),
                    faultsByField(e)), HttpStatus.CONFLICT);
        } catch (InvalidInput e) {
            return refused(caller, "role:" + username, Map.of("role", text(role), "department", text(department)), e);
        }
        // still done, as disabling is; but an account no longer STAFF looks after its enterprises and follows its
        // reported tickets no more
        if (change.gaveUp(Role.STAFF)) {
            warnOfWorkLeft(username, flash);
        }
        return done(flash, "admin.flash.role-changed", people.label(username), roleNamed(role, department));
    }

    /** The person's name (姓名) pages show for the account; blank takes it away. */
    @PostMapping("/admin/accounts/{username}/name")
    ModelAndView rename(Caller caller, @PathVariable String username,
            @RequestParam(required = false) String displayName, RedirectAttributes flash) {
        username = Typed.folded(username);
        try {
            accounts.rename(caller, username, displayName);
        } catch (InvalidInput e) {
            return refused(caller, "name:" + username, Map.of("displayName", text(displayName)), e);
        }
        // as the account files it (Typed.trimmed): a name pasted with a no-break space is said without it
        String name = displayName == null ? "" : Typed.trimmed(displayName);
        return name.isEmpty() ? done(flash, "admin.flash.unnamed", username)
                : done(flash, "admin.flash.renamed", username, name);
    }

    /** The telephone the enterprise's feedback page gives for this person; blank takes it away. */
    @PostMapping("/admin/accounts/{username}/phone")
    ModelAndView changePhone(Caller caller, @PathVariable String username,
            @RequestParam(required = false) String phone, RedirectAttributes flash) {
        username = Typed.folded(username);
        try {
            accounts.changePhone(caller, username, phone);
        } catch (InvalidInput e) {
            return refused(caller, "phone:" + username, Map.of("phone", text(phone)), e);
        }
        String number = phone == null ? "" : Typed.folded(phone);
        return number.isEmpty() ? done(flash, "admin.flash.phone-removed", people.label(username))
                : done(flash, "admin.flash.phone-changed", people.label(username), number);
    }

    @PostMapping("/admin/accounts/{username}/password")
    ModelAndView resetPassword(Caller caller, @PathVariable String username, HttpServletRequest request,
            RedirectAttributes flash) {
        username = Typed.folded(username);
        try {
            accounts.resetPassword(caller, username, password(request));
        } catch (InvalidInput e) {
            return refused(caller, "password:" + username, Map.of(), e);
        }
        return done(flash, "admin.flash.password-reset", people.label(username));
    }

    @PostMapping("/admin/accounts/{username}/disable")
    ModelAndView disable(Caller caller, @PathVariable String username, RedirectAttributes flash) {
        username = Typed.folded(username);
        try {
            accounts.disable(caller, username);
        } catch (DomainException.NotNow e) {
            Filled refused = new Filled("enabled:" + username, Map.of(),
                    Map.of("enabled", worded.text(e.detail(), Locale.SIMPLIFIED_CHINESE)));
            return page(caller, refused, HttpStatus.CONFLICT);
        }
        // still allowed (a person leaving is disabled at once), but the enterprises it looks after and the open tickets
        // it reported are to be handed over: their tickets would wait on an inbox nobody opens
        warnOfWorkLeft(username, flash);
        return done(flash, "admin.flash.disabled", people.label(username));
    }

    /**
     * How many enterprises still name the account their 驻企服务专员 and how many open tickets it follows (what a
     * handover would move), with a link to the enterprises and one to its 交接工作 form; nothing when neither.
     */
    private void warnOfWorkLeft(String username, RedirectAttributes flash) {
        HandingOverWork.WorkLeft left = handovers.workLeft(username);
        if (!left.any()) {
            return;
        }
        flash.addFlashAttribute("specialistWarning", workLeft(username, left));
        flash.addFlashAttribute("specialistAccount", username);
        flash.addFlashAttribute("specialistLooksAfter", left.enterprises());
    }

    /**
     * The work a handover would move from the account, in words: after it was disabled or left STAFF (the flash), and
     * before, on a specialist's row. The tickets are those it follows (跟进): its own reports, or those handed to it.
     */
    private String workLeft(String username, HandingOverWork.WorkLeft left) {
        String label = people.label(username);
        String enterprisesLeft = String.valueOf(left.enterprises());
        String ticketsLeft = String.valueOf(left.tickets());
        // the enterprises alone keep the words they had before the tickets were counted
        return left.tickets() == 0 ? messages.getMessage("admin.flash.specialist-of",
                new Object[] {label, enterprisesLeft}, Locale.SIMPLIFIED_CHINESE)
                : left.enterprises() == 0 ? messages.getMessage("admin.flash.reporter-of",
                        new Object[] {label, ticketsLeft}, Locale.SIMPLIFIED_CHINESE)
                : messages.getMessage("admin.flash.specialist-of.and-reported",
                        new Object[] {label, enterprisesLeft, ticketsLeft}, Locale.SIMPLIFIED_CHINESE);
    }

    @PostMapping("/admin/accounts/{username}/enable")
    ModelAndView enable(Caller caller, @PathVariable String username, RedirectAttributes flash) {
        username = Typed.folded(username);
        accounts.enable(caller, username);
        return done(flash, "admin.flash.enabled", people.label(username));
    }

    /**
     * 工作交接 (HandingOverWork): the enterprises the account looks after and the open tickets it reported go to the
     * service specialist chosen, {@code to}; a fault is the page again, 400, with its message by that field, and so is
     * a handover that gave way to another transaction's lock, 409.
     */
    @PostMapping("/admin/accounts/{username}/handover")
    ModelAndView handOver(Caller caller, @PathVariable String username, @RequestParam(required = false) String to,
            RedirectAttributes flash) {
        username = Typed.folded(username);
        HandingOverWork.HandedOver handedOver;
        try {
            handedOver = handovers.handOver(caller, username, to);
        } catch (InvalidInput e) {
            return page(caller, new Filled(HANDOVER + ":" + username, Map.of("to", text(to)), faultsByField(e)),
                    HttpStatus.BAD_REQUEST);
        } catch (RuntimeException e) {
            if (!LockFailures.among(e)) {
                throw e;
            }
            // another transaction held the rows past the lock timeout, or won a deadlock (Spring names the first
            // differently on each database, hence LockFailures): nothing was handed over, and the form is shown
            // again to be sent once more, 409 as for a refusal of the state here
            return page(caller, new Filled(HANDOVER + ":" + username, Map.of("to", text(to)),
                    Map.of("to", message("admin.handover.busy"))), HttpStatus.CONFLICT);
        }
        return done(flash, "admin.flash.handed-over", people.label(username), people.label(handedOver.to()),
                String.valueOf(handedOver.enterprises()), String.valueOf(handedOver.tickets()));
    }

    /** Lifts a lock of too many failed sign-ins (security.SignInAttempts) before its window ends. */
    @PostMapping("/admin/accounts/{username}/unlock")
    ModelAndView unlock(@PathVariable String username, RedirectAttributes flash) {
        username = Typed.folded(username);
        accounts.unlock(username);
        return done(flash, "admin.flash.unlocked", people.label(username));
    }

    // --- the enterprise import ---

    /** The same import as POST /api/enterprises/import; its outcome is shown at once, not redirected. */
    @PostMapping("/admin/enterprises/import")
    ModelAndView importEnterprises(Caller caller, @RequestParam(required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return page(caller, new Filled("import", Map.of(), Map.of("file", message("admin.import.no-file"))),
                    HttpStatus.BAD_REQUEST);
        }
        EnterpriseImport.Result result;
        try {
            result = importer.load(file.getBytes());
        } catch (InvalidInput e) {
            String fault = e.faults().stream().map(f -> ImportReport.describe(f, messages, worded))
                    .reduce((a, b) -> a + "；" + b).orElse(message("admin.import.unreadable-file"));
            return page(caller, new Filled("import", Map.of(), Map.of("file", fault)), HttpStatus.BAD_REQUEST);
        }
        ModelAndView page = page(caller, Filled.NONE, HttpStatus.OK);
        page.addObject("imported", ImportReport.of(file.getOriginalFilename(), result, messages));
        return page;
    }

    /**
     * The file to fill in for the import: its Chinese header and an example line, a CSV (EnterpriseImport#template)
     * or, {@code format=xlsx}, the same as an Excel workbook whose code columns keep what is typed as text
     * (EnterpriseImport#templateWorkbook); a blank {@code format=} is none, the CSV; any other format is the Chinese 400 page
     * naming {@code format}. The format
     * is read as typed words are (Typed#word): XLSX, Xlsx or xlsx with spaces around it is xlsx.
     */
    @GetMapping("/admin/enterprises/import/template")
    ResponseEntity<byte[]> importTemplate(@RequestParam(required = false) String format) {
        String wanted = Typed.word(format);
        if ("xlsx".equals(wanted)) {
            return Downloads.attachment(Downloads.XLSX, message("admin.import.template.workbook.file"),
                    importer.templateWorkbook());
        }
        if (wanted != null && !"csv".equals(wanted)) {
            throw InvalidInput.of("format", Message.of("sanfu.validation.one-of", "values", "csv, xlsx"));
        }
        return Downloads.attachment(new MediaType("text", "csv", StandardCharsets.UTF_8),
                message("admin.import.template.file"), importer.template());
    }

    // --- channels (issue 14) ---

    /**
     * As POST /api/channels. The key and secret are shown on the answer itself, this once: a redirect
     * would have to keep them in the session (in the database, Spring Session JDBC) until shown. So a
     * refresh of that answer sends the form again; its code exists then, and 已存在 would read as a
     * failure: the form's {@code submission} key (PageFormSubmissions, as a ticket's action forms) says it is
     * the form that created the channel, which the answer then says, showing no key and renewing none. That
     * form changed after going back is not done, and is shown again as typed with a new key. Any other form
     * with an existing code is 409.
     */
    @PostMapping("/admin/channels")
    ModelAndView createChannel(Caller caller, @RequestParam(required = false) String code,
            @RequestParam(required = false) String name, @RequestParam(required = false) String callbackUrl,
            @RequestParam(name = SUBMISSION, required = false) String submission) {
        Map<String, String> typed = Map.of("code", text(code), "name", text(name), "callbackUrl", text(callbackUrl));
        Optional<CreatedChannel> created;
        try {
            created = submissions.once(caller.username(), submission, "create-channel", null,
                    PageFormSubmissions.digest(MultiValueMap.fromSingleValue(typed)),
                    () -> channels.create(new NewChannel(code, name, callbackUrl)));
        } catch (InvalidInput e) {
            return page(caller, new Filled(CHANNEL, typed, faultsByField(e)), HttpStatus.BAD_REQUEST);
        } catch (DomainException.NotNow e) {
            return page(caller, new Filled(CHANNEL, typed,
                    Map.of("code", worded.text(e.detail(), Locale.SIMPLIFIED_CHINESE))), HttpStatus.CONFLICT);
        } catch (PageFormSubmissions.Changed e) {
            return page(caller, new Filled(CHANNEL, typed, Map.of("code", worded.text(
                    Message.of("admin.channel.resent-changed"), Locale.SIMPLIFIED_CHINESE))), HttpStatus.CONFLICT);
        }
        if (created.isEmpty()) {
            return page(caller, Filled.NONE, HttpStatus.OK).addObject("channelCreatedBefore",
                    Typed.code(code));
        }
        return page(caller, Filled.NONE, HttpStatus.OK).addObject("createdChannel", created.get());
    }

    /** A new key and secret, shown on the answer this once, as for a new channel. */
    @PostMapping("/admin/channels/{code}/key")
    ModelAndView renewChannelKey(Caller caller, @PathVariable String code,
            @RequestParam(required = false) String replaces) {
        ChannelAdministration.RenewedKey renewed;
        try {
            // the form says which key it replaces: this answer sent again (a refresh) renews nothing
            renewed = channels.renewKey(code, replaces == null ? "" : replaces);
        } catch (DomainException.NotNow e) {
            return page(caller, Filled.NONE, HttpStatus.CONFLICT)
                    .addObject("channelRefused", worded.text(e.detail(), Locale.SIMPLIFIED_CHINESE));
        }
        ModelAndView page = page(caller, Filled.NONE, HttpStatus.OK);
        page.addObject("createdChannel", renewed.channel());
        page.addObject("renewedChannel", renewed.reinstated() ? "reinstated" : "renewed");
        page.addObject("previousKeyUntil", renewed.previousUntil());
        return page;
    }

    @PostMapping("/admin/channels/{code}/revoke")
    ModelAndView revokeChannel(@PathVariable String code, RedirectAttributes flash) {
        channels.revoke(code);
        // named as filed, as the service takes it: hotline is HOTLINE
        return done(flash, "admin.flash.channel-revoked", Typed.code(code));
    }

    /**
     * As PATCH /api/channels/{code}: the URL the channel's callbacks go to from now on, blank none; a fault is shown
     * by the row's field (400). The field missing altogether (a hand-made post) is refused as the API refuses {}, not
     * taken for blank.
     */
    @PostMapping("/admin/channels/{code}/callback-url")
    ModelAndView changeChannelCallbackUrl(Caller caller, @PathVariable String code,
            @RequestParam(required = false) String callbackUrl, RedirectAttributes flash) {
        ChannelView changed;
        try {
            channels.requireKnown(code);
            if (callbackUrl == null) {
                throw InvalidInput.of("callbackUrl", Message.of("sanfu.channel.callback-url-absent"));
            }
            changed = channels.changeCallbackUrl(code, callbackUrl);
        } catch (InvalidInput e) {
            return refused(caller, CALLBACK + ":" + Typed.code(code), Map.of("callbackUrl", text(callbackUrl)), e);
        }
        return changed.callbackUrl() == null ? done(flash, "admin.flash.channel-callback-removed", changed.code())
                : done(flash, "admin.flash.channel-callback-changed", changed.code(), changed.callbackUrl());
    }

    /** As DELETE /api/channels/{code}/previous-key: the key a renewal replaced stops now, before its grace ends. */
    @PostMapping("/admin/channels/{code}/previous-key/revoke")
    ModelAndView revokePreviousChannelKey(@PathVariable String code, RedirectAttributes flash) {
        return done(flash, channels.revokePreviousKey(code) ? "admin.flash.channel-previous-key-revoked"
                : "admin.flash.channel-previous-key-none", Typed.code(code));
    }

    // --- the page ---

    private ModelAndView page(Caller caller, Filled filled, HttpStatus status) {
        ModelMap model = new ModelMap();
        model.addAttribute("me", caller.username());
        List<AccountAdministration.ManagedAccount> all = accounts.all();
        model.addAttribute("accounts", all);
        // whom a row's 交接 form offers (the row's own account left out there)
        model.addAttribute("handoverTargets", all.stream().filter(a -> a.role() == Role.STAFF && a.enabled()).toList());
        // every STAFF row has the form; another role's only while it still has work to hand over (a specialist moved
        // to another post), so that the warning on a role change links to a form that is there
        Map<String, HandingOverWork.WorkLeft> work = handovers.workAmong(all.stream()
                .map(AccountAdministration.ManagedAccount::username).toList());
        model.addAttribute("handoverDue", work.keySet());
        // a specialist's row says what a handover would move, so that it is handed over before the account is disabled
        // (the flash after disabling says it too late for the tickets that waited meanwhile)
        Map<String, String> workLeft = new HashMap<>();
        all.stream().filter(a -> a.role() == Role.STAFF && work.containsKey(a.username()))
                .forEach(a -> workLeft.put(a.username(), workLeft(a.username(), work.get(a.username()))));
        model.addAttribute("workLeft", workLeft);
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("departments", departments());
        Map<String, String> labels = new LinkedHashMap<>();
        catalog.departmentCodes().forEach(code -> labels.put(code, catalog.departmentLabel(code)));
        model.addAttribute("departmentLabels", labels);
        model.addAttribute("minPassword", AccountAdministration.MIN_PASSWORD_LENGTH);
        model.addAttribute("filled", filled);
        model.addAttribute("readiness", readiness.check());
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        int thisYear = today.getYear();
        model.addAttribute("notices", calendar.noticesOnFile());
        model.addAttribute("provisional", calendar.provisionalYears());
        model.addAttribute("thisYear", thisYear);
        model.addAttribute("nextYear", thisYear + 1);
        WorkingDayCalendar.YearOnFile now = calendar.onFile(thisYear);
        WorkingDayCalendar.YearOnFile next = calendar.onFile(thisYear + 1);
        model.addAttribute("thisYearMissing", now == WorkingDayCalendar.YearOnFile.MISSING);
        model.addAttribute("nextYearMissing", next == WorkingDayCalendar.YearOnFile.MISSING);
        model.addAttribute("thisYearProvisional", now == WorkingDayCalendar.YearOnFile.PROVISIONAL);
        model.addAttribute("nextYearProvisional", next == WorkingDayCalendar.YearOnFile.PROVISIONAL);
        model.addAttribute("nextYearsNoticeDue", Readiness.nextYearsNoticeDue(today));
        model.addAttribute("holidaysFile", calendarSettings.holidaysFile());
        model.addAttribute("calendarChange", calendarOnRecord.lastChange().orElse(null));
        // this node counts on the calendar another node's start put in effect, not on its own file
        model.addAttribute("calendarFollowed", !calendar.countsOnFile());
        model.addAttribute("noticesLackedOnFile", calendarInEffect.noticesLackedOnFile());
        model.addAttribute("channels", channels.list());
        ChannelAdministration.KeyStates keys = channels.keyStates();
        model.addAttribute("channelKeyMarks", keys.marks());
        model.addAttribute("channelPreviousUntil", keys.previousUntil());
        model.addAttribute("channelSubmission", UUID.randomUUID().toString());
        return new ModelAndView("admin", model, status);
    }

    /** The handling departments a DEPT account may belong to, code → label. */
    private Map<String, String> departments() {
        Map<String, String> departments = new LinkedHashMap<>();
        catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment)
                .forEach(code -> departments.put(code, catalog.departmentLabel(code)));
        return departments;
    }

    private ModelAndView refused(Caller caller, String form, Map<String, String> typed, InvalidInput e) {
        return page(caller, new Filled(form, typed, faultsByField(e)), HttpStatus.BAD_REQUEST);
    }

    /** A fault's messages in Chinese by field, the first of each: faults that carry their arguments by name. */
    private Map<String, String> faultsByField(InvalidInput e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.faults().forEach(fault -> errors.putIfAbsent(fault.field(), worded.text(fault.reason(), Locale.SIMPLIFIED_CHINESE)));
        return errors;
    }

    private ModelAndView done(RedirectAttributes flash, String key, Object... args) {
        flash.addFlashAttribute("flash", messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE));
        RedirectView back = new RedirectView("/admin", true);
        back.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(back);
    }

    /** A page's own text (a key of messages.properties, admin.*) in Chinese. */
    private String message(String key) {
        return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * A password input sent twice counts by its last value, as every other form field does; Spring
     * would join the two with a comma into a password nobody typed. Read from the request as sent: a
     * {@code @RequestParam List<String>} of one value is Spring's conversion of a text to a list, which splits it at
     * its commas and trims each part (a password {@code abc,defghijk} was set as {@code defghijk}, and a tab at its
     * end was dropped rather than refused).
     */
    private static String password(HttpServletRequest request) {
        String[] values = request.getParameterValues("password");
        return values == null || values.length == 0 ? null : values[values.length - 1];
    }

    private String roleLabel(String role) {
        return messages.getMessage("label.role." + text(role), null, text(role), Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * The role an account was given, as the done flash names it: a department's account with its department's
     * name (部门（海关）), for 部门 alone leaves the administrator to guess which of twenty it belongs to; the
     * department is the one the form chose, which the account took (the form was not refused).
     */
    private String roleNamed(String role, String department) {
        return Role.DEPT.name().equals(text(role))
                ? roleLabel(role) + "（" + catalog.departmentLabel(text(department)) + "）" : roleLabel(role);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * The form that failed (null: none), with the values typed and the messages by field. The page
     * asks it for a form's value or error; every other form shows the stored values.
     */
    record Filled(String form, Map<String, String> values, Map<String, String> errors) {

        static final Filled NONE = new Filled(null, Map.of(), Map.of());

        public boolean is(String name) {
            return name.equals(form);
        }

        public String value(String name, String field) {
            return is(name) ? values.get(field) : null;
        }

        public String error(String name, String field) {
            return is(name) ? errors.get(field) : null;
        }

        /**
         * Which form, without the account (or channel) it is about: create, role, password, enabled, handover, import,
         * channel or callback.
         */
        public String kind() {
            return form == null ? null : form.contains(":") ? form.substring(0, form.indexOf(':')) : form;
        }

        /** The account a row's form is about, or null. */
        public String subject() {
            return form != null && form.contains(":") ? form.substring(form.indexOf(':') + 1) : null;
        }

        /** The id of the part of the page where the form and its faults are: the summary at the top links to it. */
        public String anchor() {
            return switch (kind()) {
                case CREATE -> "newAccount";
                case "import" -> "import";
                case CHANNEL -> "newChannel";
                case CALLBACK -> "callback-" + subject();
                case HANDOVER -> "handover-" + subject();
                default -> "account-" + subject();
            };
        }
    }
}
