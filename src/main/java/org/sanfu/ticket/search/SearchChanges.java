package org.sanfu.ticket.search;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.sanfu.Sql;
import org.sanfu.ticket.TicketFactsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The log of changed tickets that every node of a cluster reads to keep its own index
 * (table {@code search_change}, migration V13), and the database's identity ({@code search_state}).
 */
@Component
class SearchChanges {

    /** One row of the log. */
    record Change(long seq, long ticketId) {}

    private final JdbcClient jdbc;

    SearchChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inside the transaction that changes the tickets, so that the log holds exactly the committed
     * changes: a rolled-back transaction leaves no row (only a gap in seq), and a committed one
     * cannot leave its row out.
     */
    @EventListener
    void onFactsChanged(TicketFactsChanged changed) {
        if (changed.changes().isEmpty()) {
            return;
        }
        List<Object> ids = changed.changes().stream().map(c -> (Object) c.id()).toList();
        // an enterprise renamed touches all its tickets: as many rows as its tickets, a thousand a statement
        for (List<Object> chunk : Sql.chunks(ids)) {
            jdbc.sql("insert into search_change (ticket_id) values " + Sql.rows(chunk.size(), 1))
                    .params(chunk).update();
        }
    }

    /** Rows after this seq, oldest first, at most {@code limit}. */
    List<Change> after(long seq, int limit) {
        return jdbc.sql("select seq, ticket_id from search_change where seq > ? order by seq limit ?")
                .params(seq, limit).query((rs, n) -> new Change(rs.getLong(1), rs.getLong(2))).list();
    }

    /** The rows of these seqs that exist now (transactions that committed after later ones). */
    List<Change> ofSeqs(Collection<Long> seqs) {
        return Sql.inChunks(List.copyOf(seqs), 500, chunk -> jdbc.sql("select seq, ticket_id from search_change"
                        + " where seq in (" + Sql.placeholders(chunk) + ")")
                .params(chunk).query((rs, n) -> new Change(rs.getLong(1), rs.getLong(2))).list());
    }

    /** The seqs that exist in (from, to]: to find the gaps left by transactions not committed yet. */
    List<Long> seqsBetween(long fromExclusive, long toInclusive) {
        return jdbc.sql("select seq from search_change where seq > ? and seq <= ? order by seq")
                .params(fromExclusive, toInclusive).query(Long.class).list();
    }

    /** The newest seq written, or the last one pruned when the log is empty. */
    long latest() {
        Long max = jdbc.sql("select max(seq) from search_change").query(Long.class).optional().orElse(null);
        return Math.max(max == null ? 0 : max, prunedThrough());
    }

    long prunedThrough() {
        return jdbc.sql("select pruned_through from search_state where id = 1").query(Long.class).single();
    }

    /**
     * This database's identity: a random id given by the first node that asks, and a new one each time the
     * tickets were written behind the log's back ({@link #renewDatabaseId()}). An index keeps the id it was
     * built under; one of another id is rebuilt.
     */
    String databaseId() {
        jdbc.sql("update search_state set database_id = ? where id = 1 and database_id is null")
                .param(UUID.randomUUID().toString()).update();
        return currentDatabaseId();
    }

    /** The identity as it stands (null until the first node asked for it). */
    String currentDatabaseId() {
        return jdbc.sql("select database_id from search_state where id = 1").query(String.class).single();
    }

    /**
     * A new identity, once tickets were written that the log does not hold (a bulk load, a restore): every
     * index on every node then belongs to another database and is rebuilt, at its node's start or, on a
     * running node, at its next read of the log.
     */
    String renewDatabaseId() {
        String id = UUID.randomUUID().toString();
        jdbc.sql("update search_state set database_id = ? where id = 1").param(id).update();
        return id;
    }

    /** Deletes the rows written before {@code before}, remembering how far the log is gone. */
    void prune(Instant before) {
        Long through = jdbc.sql("select max(seq) from search_change where changed_at < ?").param(Sql.ts(before))
                .query(Long.class).optional().orElse(null);
        if (through == null) {
            return;
        }
        jdbc.sql("update search_state set pruned_through = ? where id = 1 and pruned_through < ?")
                .params(through, through).update();
        jdbc.sql("delete from search_change where seq <= ?").param(through).update();
    }
}
