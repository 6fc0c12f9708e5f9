package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.SessionRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A session outlives the release that wrote it: Spring Session JDBC keeps its attributes Java-serialized in the
 * database, and the release after an upgrade reads them. What the workbench keeps there is in the JDK's types alone, and
 * an attribute the running release cannot read (its class renamed, moved or changed since) is no attribute: the
 * session goes on signed out, with nothing kept, never an error on each of its requests until it expires.
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class SessionsAcrossUpgradesWebTests {

    /** Where HttpSessionSecurityContextRepository keeps who signed in. */
    private static final String SIGNED_IN = "SPRING_SECURITY_CONTEXT";

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSessionWhoseSignInCannotBeReadIsSignedOutAndSignsInAgain() throws Exception {
        Cookie session = Pages.sessionAfter(pages.signInWith(null, "staff1"), null);
        assertThat(page("/tickets", session).getStatus()).isEqualTo(200);

        SessionRows.overwrite(jdbc, session, SIGNED_IN, SessionRows.ofAClassGone());
        MockHttpServletResponse signedOut = page("/tickets", session);
        assertThat(signedOut.getStatus()).as("the sign-in page, not an error").isEqualTo(302);
        assertThat(signedOut.getRedirectedUrl()).endsWith("/login");
        assertThat(page("/login", session).getStatus()).isEqualTo(200);

        MockHttpServletResponse again = pages.signInWith(session, "staff1");
        assertThat(again.getRedirectedUrl()).as("back where the browser was going").contains("/tickets");
        assertThat(page("/tickets", Pages.sessionAfter(again, session)).getStatus()).isEqualTo(200);
    }

    /**
     * An unreadable attribute is removed from the session by the request that first met it, which warns of it once
     * (Spring Security asks for who signed in a few times a request): its row stayed, and every later request of the
     * session read it, and warned, again until the session expired. Only that one goes: a readable attribute beside
     * it (a form kept over a time-out, waiting for its page) stays.
     */
    @Test
    void anUnreadableAttributeIsRemovedByTheFirstRequestThatMeetsItAndWarnedOfOnce(CapturedOutput output)
            throws Exception {
        MockHttpServletResponse posted = pages.postAfterTimeOut("/visits", "/visits/new",
                Pages.form("enterpriseCreditCode", api.enterprise(), "notes", "清理时保留的表单"));
        Cookie kept = posted.getCookie("SANFU_SESSION");
        Cookie session = Pages.sessionAfter(pages.signInWith(kept, "staff1"), kept);
        byte[] keptForm = SessionRows.bytes(jdbc, session, KeptForms.ATTRIBUTE);
        SessionRows.overwrite(jdbc, session, SIGNED_IN, SessionRows.ofAClassGone());
        int before = warnings(output);
        assertThat(page("/tickets", session).getStatus()).isEqualTo(302);
        assertThat(warnings(output) - before).as("warnings of the first request").isEqualTo(1);
        assertThat(jdbc.sql("""
                select count(*) from spring_session_attributes a join spring_session s
                on s.primary_id = a.session_primary_id where s.session_id = ? and a.attribute_name = ?""")
                .params(SessionRows.id(session), SIGNED_IN).query(Integer.class).single()).as("its row").isZero();
        assertThat(SessionRows.bytes(jdbc, session, KeptForms.ATTRIBUTE)).as("the readable attribute beside it")
                .isEqualTo(keptForm);
        assertThat(SessionRows.readWithTheJdksClassesOnly(keptForm))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("page", "/visits/new");

        for (String path : List.of("/login", "/tickets")) {
            page(path, session);
        }
        assertThat(warnings(output) - before).as("no warning after the first request").isEqualTo(1);
    }

    private static int warnings(CapturedOutput output) {
        return (int) output.getAll().lines().filter(l -> l.contains("cannot be read and is taken as none")).count();
    }

    @Test
    void aKeptFormIsStoredInTheJdksTypesAndOneThatCannotBeReadIsNothingKept() throws Exception {
        String code = api.enterprise();
        MockHttpServletResponse posted = pages.postAfterTimeOut("/visits", "/visits/new",
                Pages.form("enterpriseCreditCode", code, "notes", "升级前填写的走访记录", "problems[0].title", "订舱难"));
        Cookie kept = posted.getCookie("SANFU_SESSION");
        Object stored = SessionRows.readWithTheJdksClassesOnly(SessionRows.bytes(jdbc, kept, KeptForms.ATTRIBUTE));
        assertThat(stored).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("page", "/visits/new").containsEntry("action", "/visits")
                .containsEntry("inputs", Map.of("enterpriseCreditCode", List.of(code),
                        "notes", List.of("升级前填写的走访记录"), "problems[0].title", List.of("订舱难")));

        SessionRows.overwrite(jdbc, kept, KeptForms.ATTRIBUTE, SessionRows.ofAClassGone());
        MockHttpServletResponse login = page("/login?expired", kept);
        assertThat(login.getStatus()).as("the sign-in page, not an error").isEqualTo(200);
        assertThat(html(login).select("#sessionExpired").text()).contains("没有保存").doesNotContain("已保留");
        MockHttpServletResponse signedIn = pages.signInWith(kept, "staff1");
        assertThat(signedIn.getRedirectedUrl()).as("the form's page still").isEqualTo("/visits/new");
        MockHttpServletResponse form = page("/visits/new", Pages.sessionAfter(signedIn, kept));
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(html(form).select("#formKept")).as("nothing kept").isEmpty();
        assertThat(html(form).select("#notes").text()).isEmpty();
    }

    private MockHttpServletResponse page(String path, Cookie session) throws Exception {
        return pages.mvc().perform(get(path).cookie(session).accept(MediaType.TEXT_HTML)).andReturn().getResponse();
    }

    private static Document html(MockHttpServletResponse response) throws Exception {
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
