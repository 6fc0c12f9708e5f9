package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** A session cookie that names no id Spring Session could have made is dropped before the session is looked up. */
@SanfuTest
class SessionCookiesTests {

    private static final String NUL_ID = base64("ab\0cd");

    @Autowired
    MockMvc mvc;

    @Test
    void aSessionIdWithANulIsDroppedAndOtherCookiesAndGoodIdsPass() throws Exception {
        ServerProperties server = new ServerProperties();
        server.getServlet().getSession().getCookie().setName("SANFU_SESSION");
        SessionCookies filter = new SessionCookies(server);

        assertThat(namesSeen(filter, new Cookie("SANFU_SESSION", NUL_ID), new Cookie("lang", "zh")))
                .containsExactly("lang");
        assertThat(namesSeen(filter, new Cookie("SANFU_SESSION", base64("é-not-ascii"))))
                .isEmpty();
        assertThat(namesSeen(filter, new Cookie("SANFU_SESSION", base64("0d1e2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7")),
                new Cookie("other", NUL_ID)))
                .containsExactly("SANFU_SESSION", "other");
    }

    /**
     * On PostgreSQL the id reached its query and every URL answered 500, sign-in and health check included (a
     * text parameter there may hold no NUL); the suite's run on PostgreSQL is the one this guards most.
     */
    @Test
    void aPlantedSessionCookieWithANulLeavesEveryPageWorking() throws Exception {
        Cookie planted = new Cookie("SANFU_SESSION", NUL_ID);
        assertThat(mvc.perform(get("/actuator/health").cookie(planted)).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        MockHttpServletResponse login = mvc.perform(get("/login").cookie(planted).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(login.getStatus()).isEqualTo(200);
        assertThat(login.getContentAsString(StandardCharsets.UTF_8)).contains("登录");
        assertThat(mvc.perform(get("/api/tickets").cookie(planted)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }

    private static String[] namesSeen(SessionCookies filter, Cookie... cookies) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/work");
        request.setCookies(cookies);
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));
        Cookie[] seen = passed.get().getCookies();
        return seen == null ? new String[0] : Arrays.stream(seen).map(Cookie::getName).toArray(String[]::new);
    }

    private static String base64(String id) {
        return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }
}
