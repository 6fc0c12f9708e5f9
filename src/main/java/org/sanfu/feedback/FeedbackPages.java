package org.sanfu.feedback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.Caller;
import org.sanfu.security.People;
import org.sanfu.security.PersonDetails;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.RepliedTickets;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketAttachments;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.web.Downloads;
import org.sanfu.web.FormBodies;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Page;
import org.sanfu.web.Redirects;
import org.sanfu.web.When;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The pages of the feedback links. {@code /f/{token}}: the enterprise's phone page, without an account
 * (security.SecurityConfig lets /f/** through, without sign-in or CSRF token; a session is made only to keep a
 * rating's thanks for the browser that sent it): the ticket's title and
 * reply, the files its departments added ({@code /f/{token}/attachments/{id}} downloads one) and the three grades;
 * posting {@code satisfaction} and {@code comment} records the feedback, with up to three files the enterprise sends
 * ({@code files}: a photograph, a bank's letter), which the page lists under their own heading on a later link, and
 * answers 303 to {@code /f/{token}/rated}, the thanks, which the browser that rated reads again on a reload. A dead
 * link is a Chinese 410 page, too many requests from one address a 429 page, a form with files while the node reads
 * as many as it may (FeedbackUploadGate) a 503 page. {@code POST
 * /tickets/{id}/feedback-link}: the ticket page's 生成回访链接, which shows the new link once.
 */
@Page
class FeedbackPages {

    /** When a form with files refused as the node was busy may come again (Retry-After): one such body's reading. */
    private static final int UPLOADS_BUSY_RETRY_SECONDS = 30;

    /** The rating's answer, under its link ({@code /f/{token}/rated}). */
    static final String RATED = "rated";
    /**
     * The session attribute that keeps a rating's thanks for the browser that sent it, followed by the link's token
     * hash (a spent credential is still no name to keep in a table): one attribute a link, so that two links rated at
     * once in one browser never write over each other's.
     */
    static final String THANKS_ATTRIBUTE = "org.sanfu.feedback.rated.";

    private static final List<String> GRADES = List.of(Satisfaction.SATISFIED.name(),
            Satisfaction.BASICALLY_SATISFIED.name(), Satisfaction.DISSATISFIED.name());

    private final FeedbackLinkService links;
    private final FeedbackPageThrottle throttle;
    private final FormBodies forms;
    private final FormErrors errors;
    private final FeedbackLinkDispatch dispatch;
    private final People people;
    /** The largest file the enterprise may send, as the form's hint says it (10 MB). */
    private final String fileLimit;
    private final TicketAttachments attachments;
    private final EnterpriseService enterprises;

    /**
     * The thanks' facts, as the rating's answer drew them: the grade, the comment as recorded, how many files came, the
     * problem's title, and where the ticket went with it (handled again and by which department, or to a leader). Kept
     * in the rater's HTTP session, which Spring Session writes to the database, as a map of strings ({@link #stored}):
     * the session outlives the release that wrote it, and the next one reads it back.
     */
    record Thanks(String satisfaction, String comment, int filesReceived, String title, boolean reopened,
            boolean supervised, String department) {

        /** The thanks as the session holds them: strings alone, the JDK's own type (a record of ours could change). */
        HashMap<String, String> stored() {
            HashMap<String, String> stored = new HashMap<>();
            stored.put("satisfaction", satisfaction);
            stored.put("comment", comment);
            stored.put("filesReceived", String.valueOf(filesReceived));
            stored.put("title", title);
            stored.put("reopened", String.valueOf(reopened));
            stored.put("supervised", String.valueOf(supervised));
            stored.put("department", department);
            return stored;
        }

        /** The thanks of a session's attribute; none when it is not what {@link #stored} wrote. */
        static Optional<Thanks> read(Object attribute) {
            if (!(attribute instanceof Map<?, ?> stored) || !(stored.get("satisfaction") instanceof String satisfaction)
                    || !(stored.get("filesReceived") instanceof String files) || !files.matches("\\d{1,9}")) {
                return Optional.empty();
            }
            return Optional.of(new Thanks(satisfaction, text(stored.get("comment")), Integer.parseInt(files),
                    text(stored.get("title")), "true".equals(stored.get("reopened")),
                    "true".equals(stored.get("supervised")), text(stored.get("department"))));
        }

        private static String text(Object stored) {
            return stored instanceof String text ? text : null;
        }
    }

    FeedbackPages(FeedbackLinkService links, FeedbackPageThrottle throttle, FormBodies forms, FormErrors errors,
            FeedbackLinkDispatch dispatch, People people, TicketAttachments attachments, EnterpriseService enterprises) {
        this.enterprises = enterprises;
        this.fileLimit = Downloads.sizeWords(attachments.maxFileBytes());
        this.attachments = attachments;
        this.dispatch = dispatch;
        this.people = people;
        this.links = links;
        this.throttle = throttle;
        this.forms = forms;
        this.errors = errors;
    }

    @GetMapping("/f/{token}")
    ModelAndView open(@PathVariable String token, HttpServletRequest request) {
        if (!throttle.admit(request.getRemoteAddr())) {
            return page("feedback/busy", HttpStatus.TOO_MANY_REQUESTS);
        }
        String glued = FeedbackTokens.beforeGlued(token);
        if (glued != null) {
            // the link with a full stop, a bracket or a space a chat app or a sentence glued to it: the link itself
            // (nothing looked up here; its page says what it says to any link)
            return Redirects.seeOther("/f/" + glued);
        }
        try {
            return form(token, links.open(token), new LinkedMultiValueMap<>(), Map.of(), HttpStatus.OK);
        } catch (FeedbackLinkService.LinkGone e) {
            return gone(token);
        }
    }

    /**
     * The rating, with the files the enterprise chose ({@code files}, multipart; none, or a form sent urlencoded as
     * before: the rating alone). A fault in the form's fields or its files is the page again with 400, every one by its
     * field, the grade and comment kept (the files not: a browser never fills a file input), nothing recorded. A rating
     * recorded answers 303 to its thanks ({@link #rated}), so that the phone's back button or a reload never offers to
     * send the form again.
     */
    @PostMapping("/f/{token}")
    ModelAndView rate(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = TicketAttachments.FROM_ENTERPRISE_FIELD, required = false) List<MultipartFile> files,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(FeedbackUploadGate.BUSY) != null) {
            // the gate left its body unread: as many forms with files as the node reads at once were being read
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(UPLOADS_BUSY_RETRY_SECONDS));
            return page("feedback/busy", HttpStatus.SERVICE_UNAVAILABLE).addObject("uploadsBusy", true);
        }
        // a form with files took its token at the gate already (FeedbackUploadGate), before its body was read
        Object gated = request.getAttribute(FeedbackUploadGate.ADMITTED);
        if (!(gated instanceof Boolean admitted ? admitted : throttle.admit(request.getRemoteAddr()))) {
            return page("feedback/busy", HttpStatus.TOO_MANY_REQUESTS);
        }
        try {
            List<MultipartFile> sent = sent(files);
            InvalidInput tooLarge = tooLarge(sent);
            ActionRequests.Feedback command;
            FeedbackLinkService.Rated rated;
            try {
                command = forms.command(form, ActionRequests.Feedback.class).withReasonIfDissatisfied();
                if (tooLarge != null) {
                    throw tooLarge;
                }
                rated = links.rate(token, command, read(sent));
            } catch (InvalidInput e) {
                // every fault at once: the fields' and, when they are at fault, a file too large or too many files
                InvalidInput ofFiles = fileFault(e) ? null : tooLarge != null ? tooLarge
                        : sent.size() > FeedbackLinkService.MAX_FILES ? FeedbackLinkService.tooManyFiles() : null;
                InvalidInput all = ofFiles == null ? e : InvalidInput.merged(e.faults(), ofFiles);
                // the page again, if the link still works (else 410); a valid form's rate checks the link itself
                return form(token, links.open(token), form, errors.forEnterprise(all), HttpStatus.BAD_REQUEST);
            }
            RepliedTickets.Since after = rated.after();
            TicketStatus status = after.status();
            // dissatisfied after two reopens: a leader decides (领导督办), the department does not handle it again
            boolean reopened = status != TicketStatus.CLOSED && status != TicketStatus.SUPERVISION;
            // a boss rating several links reads which problem this was, by its title as the form showed it; handled
            // again by its department, or one resolved on site waits for one to be given it (DISPATCHING)
            Thanks thanks = new Thanks(command.satisfaction().name(),
                    command.comment() == null || command.comment().isBlank() ? null : command.comment(),
                    rated.files(), after.title(), reopened, status == TicketStatus.SUPERVISION,
                    reopened && status != TicketStatus.DISPATCHING ? after.leadDepartment() : null);
            // the thanks are this browser's to read again, on any node and after a restart: kept in its session,
            // which lives in the database (Spring Session JDBC) and travels in the session cookie with its configured
            // flags; a session is made for it if the browser had none (the /f chain itself never makes one)
            request.getSession(true).setAttribute(THANKS_ATTRIBUTE + FeedbackTokens.hash(token), thanks.stored());
            return Redirects.seeOther("/f/" + token + "/" + RATED);
        } catch (FeedbackLinkService.LinkGone e) {
            return gone(token);
        } catch (OptimisticLockingException | PessimisticLockingFailureException e) {
            // someone acted on the ticket at the same moment: nothing was recorded, the link still works
            return page("feedback/busy", HttpStatus.CONFLICT);
        }
    }

    /**
     * The rating's answer, read again (Post/Redirect/Get: the rating answers 303 here, so a reload or the back button
     * never offers to send the form again): the thanks with the grade and the comment as recorded, for the browser that
     * sent it, known by its session ({@link #THANKS_ATTRIBUTE}; the session's idle timeout bounds it). Anyone else
     * holding the link, or that browser once its session has ended, reads what the link's own page says (the spent
     * link's 410, which says nothing of the rating); a link not rated yet leads to its form. Makes no session.
     */
    @GetMapping("/f/{token}/" + RATED)
    ModelAndView rated(@PathVariable String token, HttpServletRequest request) {
        if (!throttle.admit(request.getRemoteAddr())) {
            return page("feedback/busy", HttpStatus.TOO_MANY_REQUESTS);
        }
        HttpSession session = request.getSession(false);
        Optional<Thanks> kept = session == null || !FeedbackTokens.wellFormed(token) ? Optional.empty()
                : Thanks.read(session.getAttribute(THANKS_ATTRIBUTE + FeedbackTokens.hash(token)));
        if (kept.isEmpty()) {
            return links.takesRating(token) ? Redirects.seeOther("/f/" + token) : gone(token);
        }
        Thanks thanks = kept.get();
        return page("feedback/done", HttpStatus.OK).addObject("satisfaction", thanks.satisfaction())
                .addObject("comment", thanks.comment()).addObject("filesReceived", thanks.filesReceived())
                .addObject("title", thanks.title()).addObject("reopened", thanks.reopened())
                .addObject("supervised", thanks.supervised()).addObject("department", thanks.department());
    }

    /**
     * A file the link's page lists (a department's 答复函), saved as the API's download saves it: for the holder of a
     * live link, by the link's ticket and never by the file's id alone. Any other id is the 404 page, whether a file
     * has it or not; a dead link the page's own 410. Spends nothing.
     */
    @GetMapping("/f/{token}/attachments/{attachmentId}")
    Object attachment(@PathVariable String token, @PathVariable String attachmentId, HttpServletRequest request) {
        if (!throttle.admit(request.getRemoteAddr())) {
            return page("feedback/busy", HttpStatus.TOO_MANY_REQUESTS);
        }
        try {
            Optional<TicketAttachments.File> file = links.file(token, attachmentId);
            if (file.isEmpty()) {
                // one page for every id this link does not reach: nothing says whether a file has it
                return page("feedback/error", HttpStatus.NOT_FOUND).addObject("status", HttpStatus.NOT_FOUND.value());
            }
            TicketAttachments.Attachment found = file.get().attachment();
            return Downloads.sentFile(found.contentType(), found.fileName(), file.get().content());
        } catch (FeedbackLinkService.LinkGone e) {
            return gone(token);
        }
    }

    /**
     * 410: thanks for the feedback when the link was spent giving it, naming whom to turn to; what became of
     * the ticket when it moved on without the link (closed on a day, or handled again), since no new link can
     * be had for that reply; that a newer link replaced it, or that the feedback window has passed, naming whom
     * to turn to too; else (a token unknown) only that the link no longer works.
     */
    private ModelAndView gone(String token) {
        return links.spent(token)
                .map(spent -> page("feedback/spent", HttpStatus.GONE)
                        .addObject("contact", people.contact(spent.contact())))
                .or(() -> links.movedOn(token).map(this::movedOn))
                // replaced by a newer link, or past the window: whom to turn to, as the pages above name them
                .or(() -> links.stale(token).map(stale -> page("feedback/gone", HttpStatus.GONE)
                        .addObject("contact", people.contact(stale.contact())).addObject("replaced", stale.replaced())
                        .addObject("windowEnd", stale.windowEnd())))
                // unknown: nobody to name
                .orElseGet(() -> page("feedback/gone", HttpStatus.GONE));
    }

    private ModelAndView movedOn(FeedbackLinkService.MovedOn moved) {
        TicketStatus status = moved.status();
        return page("feedback/moved", HttpStatus.GONE).addObject("contact", people.contact(moved.contact()))
                // staff recorded its feedback on that reply themselves: it was already heard, not passed over
                .addObject("ratedByStaff", moved.ratedByStaff())
                .addObject("closed", status == TicketStatus.CLOSED)
                .addObject("closedOn", moved.closedOn() == null ? null : When.day(moved.closedOn()))
                .addObject("supervised", status == TicketStatus.SUPERVISION)
                .addObject("repliedAgain", status == TicketStatus.REPLIED)
                // handled again by a department; waiting to be assigned (DISPATCHING), by none yet
                .addObject("handledAgain", status != TicketStatus.CLOSED && status != TicketStatus.SUPERVISION
                        && status != TicketStatus.REPLIED)
                .addObject("department", status == TicketStatus.DISPATCHING ? null : moved.leadDepartment());
    }

    /** The ticket page's 生成回访链接: a new link, shown this once (the page is never cached). */
    @PostMapping("/tickets/{id}/feedback-link")
    ModelAndView issue(@PathVariable String id, Caller caller, @RequestParam(required = false) String send,
            @RequestParam(required = false) String replaces) {
        boolean sendToo = "true".equals(send);
        FeedbackLinkService.Issued issued;
        try {
            // the form says which live link it replaces: sent again (a refresh of this answer), it voids nothing
            issued = links.issue(id, caller, sendToo, replaces == null ? FeedbackLinkMarks.NONE : replaces);
        } catch (PessimisticLockingFailureException e) {
            // the ticket was being changed at the same moment: nothing issued; the error page says try again
            throw new DomainException.NotNow(Message.of("sanfu.feedback-link.busy", "id", id));
        } catch (FeedbackLinkService.IssuedMeanwhile e) {
            // this answer reloaded (a phone back from its messages app reloads the tab), or a colleague's link came
            // first: the link is shown once, so no new one, and nothing voided; said as what happened, not as an error
            return page("feedback/issued-before", HttpStatus.CONFLICT).addObject("ticketId", id)
                    .addObject("by", people.label(e.live().by())).addObject("at", e.live().at());
        }
        String shown = issued.url().startsWith("/")
                ? ServletUriComponentsBuilder.fromCurrentContextPath().path(issued.path()).toUriString()
                : issued.url();
        return page("feedback/issued", HttpStatus.OK).addObject("ticketId", id).addObject("link", shown)
                // 用短信发送: the phone's messages app opens with the channel's words and the link filled in (the
                // "?&body=" form both iOS and Android read); percent-encoded, spaces as %20, never "+"; (addition)
                // addressed to the enterprise's contact when their telephone is a mobile one (a landline takes none)
                .addObject("smsHref", "sms:" + Objects.toString(smsTo(issued), "") + "?&body="
                        + UriUtils.encode(issued.message(shown), StandardCharsets.UTF_8))
                .addObject("expiresAt", issued.expiresAt()).addObject("voidedEarlier", issued.voidedEarlier())
                // asked to send with no sender configured (the page offers it only with one): say it went nowhere
                .addObject("sent", sendToo && dispatch.configured())
                .addObject("notSent", sendToo && !dispatch.configured());
    }

    /** The mobile number of the ticket's enterprise's contact (联系电话), to text the link to; null for none. */
    private String smsTo(FeedbackLinkService.Issued issued) {
        return enterprises.find(issued.enterpriseCreditCode()).map(Enterprise::contactPhone)
                .map(PersonDetails::mobile).orElse(null);
    }

    /**
     * The files the form carried, as chosen: a file input left empty sends a part with no name and no bytes, which is
     * no file (a chosen file with no bytes is one, refused as empty).
     */
    /** The files the enterprise chose: a file input left empty (a part with no name and no bytes) is none. */
    private static List<MultipartFile> sent(List<MultipartFile> files) {
        return files == null ? List.of() : files.stream()
                .filter(file -> !file.isEmpty() || file.getOriginalFilename() != null
                        && !file.getOriginalFilename().isEmpty()).toList();
    }

    /**
     * The first file over the per-file limit, refused by its declared size: one too large is not read into memory only
     * to be refused. Null when none is.
     */
    private InvalidInput tooLarge(List<MultipartFile> sent) {
        return sent.stream().filter(file -> file.getSize() > attachments.maxFileBytes()).findFirst()
                .map(file -> attachments.tooLargeFromEnterprise(file.getOriginalFilename())).orElse(null);
    }

    /** Their names and bytes; no declared type: a phone's browser guesses it from the name, the bytes say what it is. */
    private static List<TicketAttachments.Upload> read(List<MultipartFile> sent) throws IOException {
        List<TicketAttachments.Upload> read = new ArrayList<>();
        for (MultipartFile file : sent) {
            read.add(new TicketAttachments.Upload(file.getOriginalFilename(), null, file.getBytes()));
        }
        return read;
    }

    private static boolean fileFault(InvalidInput refused) {
        return refused.faults().stream().anyMatch(f -> f.field().equals(TicketAttachments.FROM_ENTERPRISE_FIELD));
    }

    private ModelAndView form(String token, FeedbackLinkService.Shown shown, MultiValueMap<String, String> typed,
            Map<String, String> faults, HttpStatus status) {
        RepliedTickets.Replied ticket = shown.ticket();
        String onSiteBy = ticket.answeredOnSiteBy();
        return page("feedback/form", status).addObject("token", token).addObject("ticket", ticket)
                .addObject("contact", people.contact(shown.contact()))
                // resolved on site, no department answered: who did, as the enterprise met them, and whether that is
                // the person the page names as who asks (then named once)
                .addObject("onSiteRole", onSiteBy == null ? null : FeedbackLinkService.onSiteRole(ticket.source()))
                .addObject("onSiteName", people.name(onSiteBy))
                .addObject("onSiteByAsker", onSiteBy != null && onSiteBy.equals(shown.contact()))
                .addObject("files", rows(shown.files())).addObject("ownFiles", rows(shown.ownFiles()))
                .addObject("maxFiles", shown.filesAllowed()).addObject("fileLimit", fileLimit)
                .addObject("maxFilesFromEnterprise", attachments.maxFilesFromEnterprise())
                .addObject("grades", GRADES).addObject("chosen", typed.getFirst("satisfaction"))
                .addObject("comment", typed.getFirst("comment")).addObject("errors", faults);
    }

    private static List<FileRow> rows(List<TicketAttachments.Attachment> files) {
        return files.stream().map(f -> new FileRow(f, Downloads.sizeWords(f.size()))).toList();
    }

    /** A file as the page lists it: its size in words, as the ticket page writes them. */
    record FileRow(TicketAttachments.Attachment attachment, String size) {}

    private static ModelAndView page(String view, HttpStatus status) {
        ModelAndView page = new ModelAndView(view);
        page.setStatus(status);
        return page;
    }
}
