package org.sanfu.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The files of the tickets (ticket_attachment): their content in the database, read only to be downloaded. A file
 * removed keeps its row, without its content ({@code removed_at} set): nothing here but {@link #remove} sees it.
 */
@Repository
class Attachments {

    private static final String FACTS = "id, ticket_id, file_name, content_type, size, uploaded_by, uploaded_at, "
            + "from_enterprise";

    private final JdbcClient jdbc;

    Attachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A file kept; {@code fromEnterprise}: sent by the enterprise through its feedback link, {@code by} its actor. */
    long insert(long ticketId, String fileName, String contentType, byte[] content, String sha256, String by,
            Instant at, boolean fromEnterprise) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ticket_attachment (ticket_id, file_name, content_type, size, sha256, uploaded_by, "
                        + "uploaded_at, content, from_enterprise) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, fileName, contentType, content.length, sha256, by, Sql.ts(at), content,
                        fromEnterprise)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** The ticket's files kept: the service's own ({@code fromEnterprise} false), or the enterprise's. */
    int count(long ticketId, boolean fromEnterprise) {
        return jdbc.sql("select count(*) from ticket_attachment where ticket_id = ? and from_enterprise = ? "
                + "and removed_at is null").params(ticketId, fromEnterprise).query(Integer.class).single();
    }

    /** The ticket's file kept with this name, size and SHA-256 (the oldest, were there more), without its content. */
    Optional<TicketAttachments.Attachment> same(long ticketId, String fileName, long size, String sha256,
            String uploadedBy) {
        return jdbc.sql("select " + FACTS + " from ticket_attachment where ticket_id = ? and removed_at is null "
                + "and file_name = ? and size = ? and sha256 = ? and uploaded_by = ? order by id fetch first 1 rows only")
                .params(ticketId, fileName, size, sha256, uploadedBy).query((rs, n) -> attachment(rs)).optional();
    }

    /** A ticket's files, oldest first, without their content. */
    List<TicketAttachments.Attachment> of(long ticketId) {
        return jdbc.sql("select " + FACTS + " from ticket_attachment where ticket_id = ? and removed_at is null "
                + "order by id").param(ticketId).query((rs, n) -> attachment(rs)).list();
    }

    /** One file of this ticket, without its content. */
    Optional<TicketAttachments.Attachment> find(long ticketId, long id) {
        return jdbc.sql("select " + FACTS + " from ticket_attachment where ticket_id = ? and id = ? "
                + "and removed_at is null").params(ticketId, id).query((rs, n) -> attachment(rs)).optional();
    }

    /** A file of this ticket that this user removed at or after {@code since}, without its content. */
    Optional<TicketAttachments.Attachment> removedBy(long ticketId, long id, String by, Instant since) {
        return jdbc.sql("select " + FACTS + " from ticket_attachment where ticket_id = ? and id = ? "
                + "and removed_by = ? and removed_at >= ?").params(ticketId, id, by, Sql.ts(since))
                .query((rs, n) -> attachment(rs)).optional();
    }

    /** One file of this ticket, without its content, with the sha256 of its content (a picture's ETag). */
    Optional<TicketAttachments.Kept> kept(long ticketId, long id) {
        return jdbc.sql("select " + FACTS + ", sha256 from ticket_attachment where ticket_id = ? and id = ? "
                + "and removed_at is null").params(ticketId, id)
                .query((rs, n) -> new TicketAttachments.Kept(attachment(rs), rs.getString("sha256"), ticketId))
                .optional();
    }

    /** Marks the file removed, by whom and when, and erases its content; one removed already stays as it was. */
    void remove(long id, String by, Instant at) {
        jdbc.sql("update ticket_attachment set content = null, removed_by = ?, removed_at = ? "
                + "where id = ? and removed_at is null").params(by, Sql.ts(at), id).update();
    }

    /** The content of one file of this ticket, while it is kept. */
    Optional<byte[]> content(long ticketId, long id) {
        return jdbc.sql("select content from ticket_attachment where ticket_id = ? and id = ? and removed_at is null")
                .params(ticketId, id).query((rs, n) -> rs.getBytes("content")).optional();
    }

    /** One file of this ticket, with its content. */
    Optional<TicketAttachments.File> file(long ticketId, long id) {
        return jdbc.sql("select " + FACTS + ", content from ticket_attachment where ticket_id = ? and id = ? "
                + "and removed_at is null").params(ticketId, id)
                .query((rs, n) -> new TicketAttachments.File(attachment(rs), rs.getBytes("content"))).optional();
    }

    private static TicketAttachments.Attachment attachment(ResultSet rs) throws SQLException {
        return new TicketAttachments.Attachment(String.valueOf(rs.getLong("id")), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size"), rs.getString("uploaded_by"),
                Sql.instant(rs, "uploaded_at"), rs.getBoolean("from_enterprise"));
    }
}
