package org.sanfu;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The workbench's pages as a browser sees them, without a browser: sign in through the form (one
 * session per user, kept for the test class), open pages as HTML, post forms with their CSRF token.
 * Pages come back parsed (jsoup) so tests look at forms, inputs and links, not at strings.
 */
@TestComponent
public class Pages {

    /** What a page answered: its status, where it redirects, and its HTML. */
    public record Answer(int status, String redirect, Document html, String body) {}

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    public MockMvc mvc() {
        return mvc;
    }

    /**
     * As if the person of an account an administrator created (or gave a new password) had chosen their own on
     * /account: their page sign-ins are not sent there first (security.PasswordChangeFirst). For tests about
     * something else, whose accounts are made through AccountAdministration or /admin.
     */
    public void passwordChosen(String username) {
        jdbc.sql("update account set password_change_required = ? where username = ?").params(false, username).update();
    }

    /** A session of its own for this user, for a test that ends it (sign-out) or must not share it. */
    public MockHttpSession freshSession(String user) {
        return signIn(user, "demo").orElseThrow(() -> new IllegalStateException(user + " could not sign in"));
    }

    /** A client address of its own (10.x.y.z), whose failed sign-ins lock no other test's. */
    public static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /**
     * Signs in through the form with this password: the new session, or empty when the form refused it. Each from
     * an address of its own: a sign-in a test means to fail (an old password, a disabled account) counts towards the
     * lock of its address (security.SignInAttempts), and the whole suite's failures from one address within the
     * window, on a fast machine, locked the address its other sign-ins come from.
     */
    public Optional<MockHttpSession> signIn(String user, String password) {
        String address = address();
        try {
            var form = formLogin("/login").user(user).password(password);
            var signedIn = mvc.perform(context -> {
                var request = form.buildRequest(context);
                request.setRemoteAddr(address);
                return request;
            }).andReturn();
            String landing = signedIn.getResponse().getRedirectedUrl();
            if (signedIn.getResponse().getStatus() != 302 || landing == null || landing.contains("error")) {
                return Optional.empty();
            }
            return Optional.of(new SignedIn(signedIn.getResponse().getCookie("SANFU_SESSION")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's session, signed in once with the demo password through POST /login. */
    public MockHttpSession session(String user) {
        return sessions.computeIfAbsent(user, this::freshSession);
    }

    /** GET a page as this signed-in user (null: without a session), as a browser asks for it. */
    public Answer get(String path, String user) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path).accept(MediaType.TEXT_HTML);
        return perform(user == null ? request : in(request, session(user)));
    }

    /**
     * GET a link as a browser follows it: the address as the page wrote it, encoded already ({@link #get(String,
     * String)} encodes a path itself, so that a {@code %26} in it would reach the page as {@code %26}, not {@code &}).
     */
    public Answer follow(String link, String user) {
        return perform(in(MockMvcRequestBuilders.get(URI.create(link)).accept(MediaType.TEXT_HTML), session(user)));
    }

    /** POST a form as this user, with the CSRF token a page's form carries. */
    public Answer post(String path, String user, MultiValueMap<String, String> form) {
        return post(path, session(user), form);
    }

    /** POST a form as this user without its CSRF token, as a forged cross-site form would. */
    public Answer postWithoutToken(String path, String user, MultiValueMap<String, String> form) {
        return postWithoutToken(path, session(user), form);
    }

    /** GET a page in this session. */
    public Answer get(String path, MockHttpSession session) {
        return perform(in(MockMvcRequestBuilders.get(path).accept(MediaType.TEXT_HTML), session));
    }

    /** POST a form in this session, with its CSRF token. */
    public Answer post(String path, MockHttpSession session, MultiValueMap<String, String> form) {
        return perform(in(MockMvcRequestBuilders.post(path).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).params(form), session).with(csrf()));
    }

    /** POST a form in this session without its CSRF token. */
    public Answer postWithoutToken(String path, MockHttpSession session, MultiValueMap<String, String> form) {
        return perform(in(MockMvcRequestBuilders.post(path).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).params(form), session));
    }

    /** POST a file as a {@code multipart/form-data} form (an upload) as this user, with the CSRF token. */
    public Answer upload(String path, String user, String field, String filename, byte[] content) {
        return upload(path, user, field, filename, content, form());
    }

    /** POST a file with the form's other fields ({@code back}, say) as a {@code multipart/form-data} form. */
    public Answer upload(String path, String user, String field, String filename, byte[] content,
            MultiValueMap<String, String> fields) {
        return perform(MockMvcRequestBuilders.multipart(path)
                .file(new MockMultipartFile(field, filename, "text/csv", content)).params(fields)
                .accept(MediaType.TEXT_HTML).cookie(((SignedIn) session(user)).cookie).with(csrf()));
    }

    /** A form's fields: {@code form("reason", "不属本部门", "coDepartments", "FINANCE", ...)}. */
    public static MultiValueMap<String, String> form(String... namesAndValues) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /**
     * A signed-in session. The sessions live in the database (Spring Session), found by the browser's
     * cookie, not by the servlet container's session that MockMvc would otherwise hand over: this
     * carries the cookie the sign-in set.
     */
    static final class SignedIn extends MockHttpSession {

        private final Cookie cookie;

        SignedIn(Cookie cookie) {
            this.cookie = Objects.requireNonNull(cookie, "the sign-in set no SANFU_SESSION cookie");
        }
    }

    /**
     * The request in this session: with its cookie when signed in, else as a new visitor. For a test
     * that builds its own MockMvc request: {@code .session(...)} alone would not reach the session.
     */
    public static MockHttpServletRequestBuilder in(MockHttpServletRequestBuilder request, MockHttpSession session) {
        return session instanceof SignedIn signedIn ? request.cookie(signedIn.cookie) : request;
    }

    /** The browser's cookie of a session the server no longer has (it timed out). */
    public static final Cookie TIMED_OUT = new Cookie("SANFU_SESSION",
            Base64.getEncoder().encodeToString("a-session-that-timed-out".getBytes(StandardCharsets.UTF_8)));

    /**
     * Posts a page's form with the cookie of a timed-out session, from this page of the site (its
     * Referer) and with the dead session's CSRF token, as a browser left open too long does.
     */
    public MockHttpServletResponse postAfterTimeOut(String path, String fromPage, MultiValueMap<String, String> form)
            throws Exception {
        return mvc.perform(formOfADeadSession(path, fromPage, form).cookie(TIMED_OUT)).andReturn().getResponse();
    }

    /**
     * Posts a page's form as {@link #postAfterTimeOut} does, from a browser whose cookie names another session by
     * now (one an enterprise's feedback link made in it after the workbench's timed out, say).
     */
    public MockHttpServletResponse postAfterTimeOut(String path, String fromPage, MultiValueMap<String, String> form,
            Cookie session) throws Exception {
        return mvc.perform(formOfADeadSession(path, fromPage, form).cookie(session)).andReturn().getResponse();
    }

    /**
     * Posts a page's form as {@link #postAfterTimeOut} does, from a browser that sends no session cookie
     * at all: it lost the dead session's (closed and opened again, its cookies cleared).
     */
    public MockHttpServletResponse postWithoutSessionCookie(String path, String fromPage,
            MultiValueMap<String, String> form) throws Exception {
        return mvc.perform(formOfADeadSession(path, fromPage, form)).andReturn().getResponse();
    }

    private static MockHttpServletRequestBuilder formOfADeadSession(String path, String fromPage,
            MultiValueMap<String, String> form) {
        return MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.TEXT_HTML).header("Host", "localhost").header("Referer", "http://localhost" + fromPage)
                .params(form).param("_csrf", "the-token-of-the-session-that-timed-out");
    }

    /** Signs in through the form in the browser that holds this session cookie (null: none). */
    public MockHttpServletResponse signInWith(Cookie session, String user) throws Exception {
        MockHttpServletRequestBuilder login = MockMvcRequestBuilders.post("/login").param("username", user).param("password", "demo")
                .with(csrf());
        return mvc.perform(session == null ? login : login.cookie(session)).andReturn().getResponse();
    }

    /** The signed-in session that this cookie names, for {@link #get(String, MockHttpSession)} and the like. */
    public static MockHttpSession signedIn(Cookie cookie) {
        return new SignedIn(cookie);
    }

    /** The session cookie after signing in: a new id (session fixation), or the same when none was set. */
    public static Cookie sessionAfter(MockHttpServletResponse signedIn, Cookie before) {
        Cookie after = signedIn.getCookie("SANFU_SESSION");
        return after != null ? after : before;
    }

    private Answer perform(MockHttpServletRequestBuilder request) {
        try {
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            return new Answer(response.getStatus(), response.getRedirectedUrl(), Jsoup.parse(body), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
