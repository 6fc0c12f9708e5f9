package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a request answers when rows the engine must change stay locked by another transaction past the lock timeout
 * (sanfu.database.lock-timeout; H2's LOCK_TIMEOUT): the engine's own failure, not translated by Spring, is the same
 * 409 as a raced ticket's, and nothing of the action is kept. On both databases.
 */
@SanfuTest
class LockTimeoutWebTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anActionWhoseProcessRowsStayLockedIsA409ThatChangesNothing() throws Exception {
        JsonNode ticket = api.ticket("FINANCING");
        String id = ticket.get("id").asText();
        String process = jdbc.sql("select process_instance_id from ticket where id = ?").param(Long.parseLong(id))
                .query(String.class).single();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = other.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                jdbc.sql("select ID_ from ACT_RU_TASK where PROC_INST_ID_ = ? for update").param(process)
                        .query(String.class).list();
                locked.countDown();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Api.Response signed = api.post("/api/tickets/" + id + "/sign", "finance", Map.of());
            done.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(signed.status()).as(signed.text()).isEqualTo(409);
            assertThat(signed.contentType()).startsWith("application/problem+json");
            assertThat(signed.json().get("detail").asText()).contains("this request changed nothing");
        } finally {
            done.countDown();
            other.shutdownNow();
        }
        JsonNode after = api.get("/api/tickets/" + id, "finance").json();
        assertThat(after.get("status").asText()).isEqualTo(ticket.get("status").asText());
        assertThat(after.get("signedAt").isNull()).as("nothing of the sign was kept").isTrue();
        assertThat(api.act(id, "sign", "finance", null).get("status").asText()).isEqualTo("IN_PROGRESS");
    }
}
