package org.sanfu.ticket.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.sanfu.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each action form of a ticket's page is sent with a key drawn with the page ({@code submission}); an
 * action done under a key is not done again under it: the key's row is written first in the action's
 * transaction, so a second sending fails on it before doing anything (a double click's second waits on the
 * first's row). The second answer is the ticket as it is now, as if it had been the first.
 * The key is kept in the action's own transaction, so a refused form (400, 409) keeps nothing and may be
 * sent again as it was.
 */
@Repository
class PageFormSubmissions {

    /** How long a form's key is remembered: a page left open overnight and sent again is a new form. */
    static final Duration REMEMBERED = Duration.ofDays(1);
    /** What a page draws: 1 to 64 letters, digits and dashes. Anything else is no key (the form is done). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PageFormSubmissions(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * The action's result, done in one transaction with the key's row; empty when this user's form of this
     * action was done under this key already. Without a key (a form from before keys), the action is done.
     */
    <T> Optional<T> once(String username, String key, String action, Supplier<T> work) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.of(work.get());
        }
        String submission = action + "/" + key;
        try {
            return Optional.of(transactions.execute(status -> {
                Instant now = clock.instant();
                jdbc.sql("insert into page_form_submission (username, submission, submitted_at) values (?, ?, ?)")
                        .params(username, submission, Sql.ts(now)).update();
                jdbc.sql("delete from page_form_submission where username = ? and submitted_at < ?")
                        .params(username, Sql.ts(now.minus(REMEMBERED))).update();
                return work.get();
            }));
        } catch (DuplicateKeyException e) {
            // the key's row is there (sent again later), or came while this one waited on it (twice at once):
            // either way the form was done, and this transaction, the work included, rolled back
            if (done(username, submission)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private boolean done(String username, String submission) {
        return jdbc.sql("select count(*) from page_form_submission where username = ? and submission = ?")
                .params(username, submission).query(Long.class).single() > 0;
    }
}
