package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Two requests of one session that both add the same attribute (Spring's flash maps after a double click or
 * from two tabs) both save it: the later one's value stands, and neither fails on the attribute's key.
 */
@SanfuTest
class SessionAttributeWritesTests {

    @Autowired
    SessionRepository<? extends Session> sessions;

    @Test
    void anAttributeNewToTwoRequestsOfOneSessionIsSavedByBoth() {
        savedByBoth(sessions);
    }

    private static <S extends Session> void savedByBoth(SessionRepository<S> sessions) {
        S session = sessions.createSession();
        session.setAttribute("signedInAs", "staff1");
        sessions.save(session);

        // each request loads the session as it is, without the attribute, and adds it
        S first = sessions.findById(session.getId());
        S second = sessions.findById(session.getId());
        assertThat(first.<Object>getAttribute("flash")).isNull();
        first.setAttribute("flash", "已签收");
        second.setAttribute("flash", "备注已添加");
        sessions.save(first);
        sessions.save(second);

        S after = sessions.findById(session.getId());
        assertThat(after.<String>getAttribute("flash")).isEqualTo("备注已添加");
        assertThat(after.<String>getAttribute("signedInAs")).isEqualTo("staff1");
        sessions.deleteById(session.getId());
    }
}
