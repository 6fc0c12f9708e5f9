package org.sanfu.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.sanfu.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;

/**
 * A page's form that must be done once (a ticket's actions, a new channel) is sent with a key drawn with the
 * page ({@code submission}); what is done under a key is not done again under it: the key's row is written
 * first in the work's transaction, so a second sending fails on it before doing anything (a double click's
 * second waits on the first's row). The second answer is what the first did, as the page says it, but only
 * when the second says what the first said: the row keeps a digest of the form ({@link #digest}), and a form
 * changed before it was sent again (back, another choice, 提交) is told it was not done ({@link Changed}).
 * The key is kept in the work's own transaction, so a refused form (400, 409) keeps nothing and may be
 * sent again as it was.
 */
@Repository
public class PageFormSubmissions {

    /** How long a form's key is remembered: a page left open overnight and sent again is a new form. */
    static final Duration REMEMBERED = Duration.ofDays(1);
    /** What a page draws: 1 to 64 letters, digits and dashes. Anything else is no key (the form is done). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** The form was done under its key before, saying something else: this sending is not done. */
    public static final class Changed extends RuntimeException {
        Changed() {
            super(null, null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PageFormSubmissions(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * The work's result, done in one transaction with the key's row; empty when this user's form of this
     * action was done under this key already, saying the same ({@code content}, a {@link #digest}); {@link
     * Changed} when it said something else. Without a key (a form from before keys), the work is done.
     * {@code ticketId}: the ticket the action is on, or null for a form about no ticket.
     */
    public <T> Optional<T> once(String username, String key, String action, Long ticketId, String content,
            Supplier<T> work) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.of(work.get());
        }
        String submission = action + "/" + key;
        try {
            return Optional.of(transactions.execute(status -> {
                Instant now = clock.instant();
                jdbc.sql("insert into page_form_submission (username, submission, submitted_at, content, ticket_id) "
                                + "values (?, ?, ?, ?, ?)")
                        .params(username, submission, Sql.ts(now), content, ticketId).update();
                jdbc.sql("delete from page_form_submission where username = ? and submitted_at < ?")
                        .params(username, Sql.ts(now.minus(REMEMBERED))).update();
                return work.get();
            }));
        } catch (DuplicateKeyException e) {
            // the key's row is there (sent again later), or came while this one waited on it (twice at once):
            // either way the form was done, and this transaction, the work included, rolled back
            Optional<String> done = jdbc.sql("select content from page_form_submission where username = ? "
                            + "and submission = ?").params(username, submission)
                    .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().orElse(null);
            if (done == null) {
                throw e;
            }
            if (done.isPresent() && !done.get().equals(content)) {
                throw new Changed();
            }
            return Optional.empty();
        }
    }

    /**
     * Whether this user's latest form of this action on this ticket, done since {@code since}, said something
     * else than {@code content}: false when it said the same, or there is none with a digest (an API call, a
     * form from before digests).
     */
    public boolean lastSaidOtherwise(String username, String action, long ticketId, String content, Instant since) {
        return jdbc.sql("select content from page_form_submission where username = ? and ticket_id = ? "
                        + "and submission like ? and submitted_at >= ? and content is not null "
                        + "order by submitted_at desc limit 1")
                .params(username, ticketId, action + "/%", Sql.ts(since)).query(String.class).optional()
                .map(last -> !last.equals(content)).orElse(false);
    }

    /**
     * A form's digest: each input's name and values, names and values sorted (the order of ticked boxes is
     * no difference), without the token and the key, texts as the action takes them (stripped).
     */
    public static String digest(MultiValueMap<String, String> form) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(form).forEach((name, values) -> {
            if (values == null) {
                return;
            }
            List<String> sorted = values.stream().map(v -> v == null ? "" : v.strip()).sorted().toList();
            canonical.append(name.length()).append(':').append(name).append('=');
            sorted.forEach(v -> canonical.append(v.length()).append(':').append(v));
            canonical.append(';');
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
