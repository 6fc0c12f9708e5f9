package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same external id of one channel, posted 20 times at once: one ticket, one process, and every
 * answer 201 or 200 with that ticket (exactly one 201). Runs on H2 and, in the postgres pass, PostgreSQL.
 */
@SanfuTest
class ChannelIdempotencyTests {

    static final int PARALLEL = 20;

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtime;

    @Test
    void twentyIdenticalPostsAtOnceFileOneTicket() throws Exception {
        ChannelTestSupport s = new ChannelTestSupport(api);
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        Map<String, Object> problem = ChannelTestSupport.problem(code, "CONTAINER");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return s.file(c.key(), problem);
                }));
            }
            start.countDown();
            List<Api.Response> done = new ArrayList<>();
            for (Future<Api.Response> f : answers) {
                done.add(f.get());
            }
            assertThat(done).allSatisfy(r -> assertThat(r.status()).as(r.text()).isIn(200, 201));
            assertThat(done.stream().filter(r -> r.status() == 201)).hasSize(1);
            assertThat(done.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
            String id = done.get(0).json().get("id").asText();
            assertThat(jdbc.sql("select count(*) from ticket where enterprise_credit_code = ?").param(code)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from ticket_event where ticket_id = ? and action = 'report'")
                    .param(Long.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
