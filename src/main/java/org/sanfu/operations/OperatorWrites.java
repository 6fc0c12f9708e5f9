package org.sanfu.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sanfu.Message;
import org.sanfu.OneLine;
import org.sanfu.security.CamundaCopies;
import org.sanfu.web.JsonMedia;
import org.sanfu.web.Problems;
import org.sanfu.web.ReadBodyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What an operator may change through Camunda's engine REST API (/engine-rest) and Cockpit (whose
 * calls reach the same resources under /camunda/api/engine): nothing that moves a ticket. A ticket
 * moves only through Sanfu's actions, which check the caller's department, store the action's data
 * and write the ticket's history event in the same transaction; engine-rest completing a task,
 * starting a `ticket` instance, correlating a message or setting a variable would skip all three.
 *
 * <p>So every read passes (GET, and the POST queries Cockpit and scripts use), and of the writes
 * only those listed below, which is what incidents need: retrying jobs, setting a job's due date,
 * annotating an incident. Everything else is refused 403. This is an allow-list on purpose: Camunda
 * has well over a hundred writing endpoints and adds more in new versions; a deny-list of those
 * that touch tickets would silently let through the next one. The list is matched against the
 * decoded path the servlet container hands to Jersey, so an encoded letter changes nothing, and
 * whatever does not match exactly (a trailing slash, another case) is refused, never allowed.
 *
 * <p>Tasklist is not served (404): it exists to complete tasks, which is the workbench's job here. Nor are
 * the copies of the apps' files that Camunda's jar puts among any jar's static files ({@link CamundaCopies}): the
 * apps load theirs from {@code /camunda} (their plugins through {@code /camunda/api}), and a copy elsewhere
 * would be Tasklist's page, or the apps' under another address, beside the one the operators know.
 *
 * <p>Cross-site writes: a browser holding an ADMIN's Basic credentials lets any site post a form
 * (urlencoded, multipart, text/plain) to engine-rest, but never with a JSON content type or a header
 * of its own. So an unsafe request to engine-rest must declare JSON or send {@value #REQUESTED_BY};
 * under /camunda/api Camunda's own CsrfPreventionFilter (running after this) asks for the token the
 * apps' pages hand out. Runs after Sanfu's sign-in (401 and the ADMIN check come first).
 *
 * <p>An allowed write that names a job, job definition or external task the engine has not is 404, and
 * a retry's body the engine would answer with a server error is 400 naming the field ({@link RetryBodies}),
 * as is a bulk retry's {@code jobIds} naming a job the engine has not (its batch would fail in the background).
 */
class OperatorWrites extends OncePerRequestFilter {

    static final String REQUESTED_BY = "X-Requested-By";

    private static final Logger log = LoggerFactory.getLogger(OperatorWrites.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private static final String ID = "[^/]+";
    /** Queries sent as POST because their filters do not fit a URL; each also as .../count. */
    private static final String QUERIES = "(?:task|process-instance|execution|variable-instance|job|job-definition"
            + "|external-task|case-instance|case-execution|incident"
            + "|history/(?:activity-instance|process-instance|task|variable-instance|detail|job-log"
            + "|external-task-log|case-instance|case-activity-instance|decision-instance|incident))(?:/count)?";
    private static final List<Allowed> ENGINE_WRITES = List.of(
            new Allowed("POST", "/" + QUERIES),
            // retrying failed jobs, one by one, in bulk, by definition, and external tasks alike
            new Allowed("PUT", "/job/" + ID + "/retries"),
            new Allowed("POST", "/job/retries"),
            new Allowed("PUT", "/job-definition/" + ID + "/retries"),
            new Allowed("POST", "/process-instance/job-retries"),
            new Allowed("PUT", "/external-task/" + ID + "/retries"),
            new Allowed("PUT", "/external-task/retries"),
            new Allowed("POST", "/external-task/retries-async"),
            // a job's due date: run a retried job now, or later when a system it calls is back
            new Allowed("PUT", "/job/" + ID + "/duedate"),
            new Allowed("POST", "/job/" + ID + "/duedate/recalculate"),
            new Allowed("PUT", "/incident/" + ID + "/annotation"),
            new Allowed("DELETE", "/incident/" + ID + "/annotation"));

    /**
     * The allowed writes that name one job, job definition or external task in their path. Camunda answers
     * 500 when it does not exist (its REST layer turns the engine's refusal into a server error); asked first,
     * it is the 404 it is.
     */
    private static final Pattern JOB = Pattern.compile("/job/(" + ID + ")/(?:retries|duedate(?:/recalculate)?)");
    private static final Pattern JOB_DEFINITION = Pattern.compile("/job-definition/(" + ID + ")/retries");
    private static final Pattern EXTERNAL_TASK = Pattern.compile("/external-task/(" + ID + ")/retries");
    /** The one read Camunda answers with a null pointer (500) when the task does not exist. */
    private static final Pattern TASK_FORM = Pattern.compile("/task/(" + ID + ")/deployed-form");

    /** Whether the engine has such a job, job definition, external task or task. */
    record Known(Function<Collection<String>, Set<String>> jobs, Predicate<String> jobDefinition,
            Predicate<String> externalTask, Predicate<String> task) {

        /** Of these job ids, the ones the engine has: a bulk retry's list asked at once, not one query an id. */
        Set<String> jobsOf(Collection<String> ids) {
            return jobs.apply(ids);
        }

        boolean job(String id) {
            return jobsOf(List.of(id)).contains(id);
        }
    }

    /** A path naming one thing in the engine, and whether the engine has it. */
    private record Named(Pattern path, Predicate<String> known) {}

    private final Problems problems;
    private final Known known;
    /** The allowed writes that name something the engine may not have, as {@link #unknown} asks them. */
    private final List<Named> named;
    /** The largest body read to check it (sanfu.max-body-bytes): a larger one is 413, as everywhere. */
    private final long maxBodyBytes;
    /** The engine's resources: engine-rest's default engine, a named engine, and Cockpit's copy. */
    private final Pattern engine;
    /** Cockpit's own views: its plugin's queries, and signing out of the apps. */
    private final List<Allowed> appWrites;
    private final Pattern tasklist;
    private final Pattern copies;
    /** Where the apps are, named by the copies' 404. */
    private final String appsHome;

    /** @param apps where Camunda's web apps are served ({@code camunda.bpm.webapp.application-path}) */
    OperatorWrites(Problems problems, String apps, Known known, long maxBodyBytes) {
        this.problems = problems;
        this.known = known;
        this.named = List.of(new Named(JOB, known::job), new Named(JOB_DEFINITION, known.jobDefinition()),
                new Named(EXTERNAL_TASK, known.externalTask()));
        this.maxBodyBytes = maxBodyBytes;
        String api = Pattern.quote(apps + "/api");
        this.engine = Pattern.compile("/engine-rest(?:/engine/[^/]+)?(/.*)|" + api + "/engine/engine/[^/]+(/.*)");
        this.appWrites = List.of(
                new Allowed("POST", api + "/cockpit/plugin/base/" + ID + "/(?:process-instance|incident)(?:/count)?"),
                new Allowed("POST", api + "/cockpit/plugin/base/" + ID
                        + "/(?:process-definition/" + ID + "/called-process-definitions"
                        + "|process-instance/" + ID + "/called-process-instances)"),
                new Allowed("POST", api + "/admin/auth/user/" + ID + "/logout"));
        this.tasklist = Pattern.compile(Pattern.quote(apps) + "/(?:app|api)/tasklist(?:/.*)?");
        this.appsHome = apps + "/app/";
        this.copies = Pattern.compile(CamundaCopies.PATHS.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")(?:/.*)?")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = pathOf(request);
        if (tasklist.matcher(path).matches()) {
            problems.write(request, response, HttpStatus.NOT_FOUND, Message.of("sanfu.operations.tasklist"));
            return;
        }
        if (copies.matcher(path).matches()) {
            problems.write(request, response, HttpStatus.NOT_FOUND, Message.of("sanfu.operations.copies",
                    "apps", request.getContextPath() + appsHome));
            return;
        }
        String method = request.getMethod();
        if (SAFE.contains(method)) {
            String missing = unknownTask(path);
            if (missing != null) {
                problems.write(request, response, HttpStatus.NOT_FOUND, Message.of("sanfu.operations.no-task",
                        "id", missing));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/engine-rest/") && !fromAScript(request)) {
            refuse(request, response, method, path, "sanfu.operations.cross-site");
            return;
        }
        if (!allowed(method, path)) {
            refuse(request, response, method, path, "sanfu.operations.refused");
            return;
        }
        String unknown = unknown(path);
        if (unknown != null) {
            problems.write(request, response, HttpStatus.NOT_FOUND, Message.of("sanfu.operations.not-found",
                    "id", unknown));
            return;
        }
        String resource = resourceOf(path);
        // only a body declared JSON: any other is Camunda's 415, or first the apps' CSRF token's 403
        if (resource != null && RetryBodies.checked(method, resource) && JsonMedia.declared(request.getContentType())) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE,
                        Message.of("sanfu.problem.too-large", "limit", maxBodyBytes));
                return;
            }
            RetryBodies.Checked checked = RetryBodies.check(method, resource, body);
            RetryBodies.Fault fault = checked.fault();
            if (fault != null) {
                // the field may be one the body gave twice, named as sent: on one line (OneLine)
                log.warn("Refused {} {} by {}: {}: {} ({})", method, path, request.getRemoteUser(),
                        OneLine.of(fault.field()), OneLine.of(fault.message().english()), fault.message().code());
                problems.writeInvalid(request, response, fault.field(), fault.message());
                return;
            }
            List<String> jobs = checked.jobIds();
            Set<String> found = jobs.isEmpty() ? Set.of() : known.jobsOf(jobs);
            for (String job : jobs) {
                if (!found.contains(job)) {
                    problems.writeInvalid(request, response, "jobIds",
                            Message.of("sanfu.operations.not-found", "id", job));
                    return;
                }
            }
            request = new ReadBodyRequest(request, body, charsetOf(request));
        }
        chain.doFilter(request, path.startsWith("/engine-rest/") ? response : new CsrfAnswer(request, response));
    }

    /**
     * Camunda's CsrfPreventionFilter stays the judge of the apps' token; its refusal (a bare
     * sendError, which became Spring Boot's error JSON) is answered as problem+json like every other.
     */
    private final class CsrfAnswer extends HttpServletResponseWrapper {

        private static final String CAMUNDA_CSRF = "CSRFPreventionFilter";

        private final HttpServletRequest request;

        CsrfAnswer(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (message == null || !message.startsWith(CAMUNDA_CSRF)) {
                super.sendError(status, message);
                return;
            }
            log.warn("Refused {} {} by {}: {}", request.getMethod(), pathOf(request), request.getRemoteUser(), message);
            problems.write(request, (HttpServletResponse) getResponse(), HttpStatus.valueOf(status),
                    Message.of("sanfu.operations.csrf-token"));
        }
    }

    /** The path as Jersey will route it: decoded and normalised by the container, no context path. */
    private static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    /** The body's declared charset, UTF-8 when it declares none or one Java does not know. */
    private static Charset charsetOf(HttpServletRequest request) {
        String encoding = request.getCharacterEncoding();
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** JSON or a header of its own: nothing a cross-site form can send. */
    private static boolean fromAScript(HttpServletRequest request) {
        String requestedBy = request.getHeader(REQUESTED_BY);
        return requestedBy != null && !requestedBy.isBlank() || JsonMedia.declared(request.getContentType());
    }

    /** The id an allowed write names that the engine does not have; null when it has it, or names none. */
    String unknown(String path) {
        String resource = resourceOf(path);
        if (resource == null) {
            return null;
        }
        for (Named n : named) {
            Matcher m = n.path().matcher(resource);
            if (m.matches()) {
                return n.known().test(m.group(1)) ? null : m.group(1);
            }
        }
        return null;
    }

    /** The task a read of its deployed form names that the engine has not; null otherwise. */
    String unknownTask(String path) {
        String resource = resourceOf(path);
        Matcher m = resource == null ? null : TASK_FORM.matcher(resource);
        return m != null && m.matches() && !known.task().test(m.group(1)) ? m.group(1) : null;
    }

    boolean allowed(String method, String path) {
        String resource = resourceOf(path);
        if (resource != null) {
            return ENGINE_WRITES.stream().anyMatch(a -> a.matches(method, resource));
        }
        return appWrites.stream().anyMatch(a -> a.matches(method, path));
    }

    /** The engine's resource this path names, relative to the engine's root; null when it names none. */
    private String resourceOf(String path) {
        Matcher resources = engine.matcher(path);
        if (!resources.matches()) {
            return null;
        }
        return resources.group(1) != null ? resources.group(1) : resources.group(2);
    }

    /**
     * An operator's mistake or a probe, not a fault of the service: one line at WARN, no stack. The line says why in
     * English, as the service's other logs speak, for the operator who reads it; the key after it is for a search.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String method, String path,
            String reason) throws IOException {
        Message why = Message.of(reason);
        log.warn("Refused {} {} by {}: {} ({})", method, path, request.getRemoteUser(), why.english(), reason);
        problems.write(request, response, HttpStatus.FORBIDDEN, why);
    }

    private record Allowed(String method, Pattern path) {

        Allowed(String method, String path) {
            this(method, Pattern.compile(path));
        }

        boolean matches(String method, String path) {
            return this.method.equals(method) && this.path.matcher(path).matches();
        }
    }
}
