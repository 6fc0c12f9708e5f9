package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sanfu.MovingClock;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

/** Which timed-out posts KeptForms keeps, what of them, and when it gives them back. */
class KeptFormsUnitTests {

    private final MovingClock clock = new MovingClock(Instant.parse("2027-03-01T02:00:00Z"));
    private final KeptForms forms = forms(new KeptForms.Home("/visits", "/visits/new"),
            new KeptForms.Home("/tickets/{id}/{action:sign|reply}", "/tickets/{id}"));

    private KeptForms forms(KeptForms.Home... homes) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        Stream.of(homes).forEach(home -> beans.registerSingleton(home.action(), home));
        return new KeptForms(beans.getBeanProvider(KeptForms.Home.class), clock);
    }

    /** A form post of a browser whose session the server no longer has. */
    private static MockHttpServletRequest timedOut(String path, String... namesAndValues) {
        MockHttpServletRequest post = new MockHttpServletRequest("POST", path);
        post.setRequestedSessionId("a-session-that-timed-out");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            post.addParameter(namesAndValues[i], namesAndValues[i + 1]);
        }
        return post;
    }

    private static MockHttpServletRequest get(String path, MockHttpSession session) {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", path);
        get.setSession(session);
        return get;
    }

    @Test
    void aDeclaredFormIsKeptWithoutTheDeadSessionsTokenAndGivenBackOnceOnItsPage() {
        MockHttpServletRequest post = timedOut("/tickets/42/reply", "_csrf", "stale-token", "resolution", "已协调",
                "outcome", "RESOLVED");
        assertThat(forms.keep(post)).isEqualTo("/tickets/42");
        MockHttpSession session = (MockHttpSession) post.getSession(false);
        assertThat(KeptForms.waiting(session)).isTrue();

        assertThat(forms.take(get("/tickets/41", session))).as("another page").isEmpty();
        assertThat(forms.take(get("/tickets/42", session))).hasValueSatisfying(kept -> {
            assertThat(kept.action()).isEqualTo("/tickets/42/reply");
            assertThat(kept.variables()).isEqualTo(Map.of("id", "42", "action", "reply"));
            assertThat(kept.inputs()).containsOnlyKeys("resolution", "outcome");
            assertThat(kept.inputs().get("resolution")).isEqualTo(List.of("已协调"));
        });
        assertThat(forms.take(get("/tickets/42", session))).as("once").isEmpty();
        assertThat(KeptForms.waiting(session)).isFalse();
    }

    @Test
    void oneAddressHasAtMostSoManyFormsKeptInHalfAnHour() {
        for (int i = 0; i < KeptForms.MOST_PER_ADDRESS; i++) {
            assertThat(forms.keep(timedOut("/visits", "notes", "走访记录" + i))).as("form %d", i).isEqualTo("/visits/new");
        }
        MockHttpServletRequest oneMore = timedOut("/visits", "notes", "走访记录");
        assertThat(forms.keep(oneMore)).as("one more from that address").isNull();
        assertThat(oneMore.getSession(false)).isNull();
        MockHttpServletRequest elsewhere = timedOut("/visits", "notes", "走访记录");
        elsewhere.setRemoteAddr("192.0.2.7");
        assertThat(forms.keep(elsewhere)).as("another address").isEqualTo("/visits/new");

        clock.pass(KeptForms.KEPT_FOR);
        assertThat(forms.keep(timedOut("/visits", "notes", "走访记录"))).as("half an hour on").isEqualTo("/visits/new");
    }

    @Test
    void undeclaredFormsKeepNothing() {
        for (MockHttpServletRequest post : List.of(timedOut("/tickets/42/feedback-link"),
                timedOut("/admin/accounts/staff1/password", "password", "新密码"), timedOut("/visits/new"))) {
            assertThat(forms.keep(post)).as(post.getRequestURI()).isNull();
            assertThat(post.getSession(false)).isNull();
        }
    }

    @Test
    void aBrowserThatLostItsSessionCookieAltogetherHasItsFormKeptToo() {
        MockHttpServletRequest noCookie = timedOut("/visits", "notes", "走访记录");
        noCookie.setRequestedSessionId(null);
        assertThat(forms.keep(noCookie)).isEqualTo("/visits/new");
        MockHttpSession session = (MockHttpSession) noCookie.getSession(false);
        assertThat(forms.take(get("/visits/new", session))).hasValueSatisfying(
                kept -> assertThat(kept.inputs().get("notes")).isEqualTo(List.of("走访记录")));
        assertThat(forms.take(get("/visits/new", session))).as("once").isEmpty();
    }

    @Test
    void moreThanAnyoneTypesIsNotKept() {
        String most = "字".repeat(KeptForms.MOST_CHARACTERS - "notes".length());
        assertThat(forms.keep(timedOut("/visits", "notes", most))).isEqualTo("/visits/new");
        MockHttpServletRequest tooMuch = timedOut("/visits", "notes", most + "字");
        assertThat(forms.keep(tooMuch)).isNull();
        assertThat(tooMuch.getSession(false)).isNull();
    }

    @Test
    void aFormNotTakenWithinHalfAnHourIsDropped() {
        MockHttpServletRequest post = timedOut("/visits", "notes", "走访记录");
        forms.keep(post);
        MockHttpSession session = (MockHttpSession) post.getSession(false);
        clock.pass(KeptForms.KEPT_FOR.plusSeconds(1));
        assertThat(forms.take(get("/visits/new", session))).isEmpty();
        assertThat(KeptForms.waiting(session)).isFalse();

        MockHttpServletRequest again = timedOut("/visits", "notes", "走访记录");
        forms.keep(again);
        clock.pass(KeptForms.KEPT_FOR);
        assertThat(forms.take(get("/visits/new", (MockHttpSession) again.getSession(false)))).isPresent();
    }
}
