package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Without the demo profile no account exists, so no password is known: demo/demo signs in nobody. */
@SpringBootTest(properties = {SanfuTest.PRIVATE_DATABASE, SanfuTest.UNIQUE_ENGINE, SanfuTest.NO_JOB_EXECUTOR})
@AutoConfigureMockMvc
@ActiveProfiles("production-like")
class NoDemoAccountsOutsideDemoTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoAccountsDoNotExistAndTheirPasswordsSignInNobody() throws Exception {
        assertThat(jdbc.sql("select count(*) from account").query(Long.class).single()).isZero();
        for (String user : new String[] {"staff1", "dispatch", "finance", "leader", "admin"}) {
            int status = mvc.perform(get("/api/inbox").with(httpBasic(user, "demo"))).andReturn().getResponse()
                    .getStatus();
            assertThat(status).as(user).isEqualTo(401);
        }
        assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
