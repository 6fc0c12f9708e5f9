package org.sanfu.enterprise;

import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A column made of each enterprise's name, filled for the enterprises on file by the migration that adds it (V45's
 * pinyin order, V48's name as said). A thousand enterprises at a time, in credit-code order, each thousand written as
 * read: a million names held at once, as a list and as PostgreSQL's driver buffers a whole result (no fetch size),
 * would take hundreds of MB at start, where the service runs in 512 MB (256 MB for the benchmark). Each thousand after
 * the first begins after the last credit code of the one before (the first has no bound, so no code on file is
 * missed), so a read is a range of the primary key's index and no row is read twice.
 */
final class NameColumns {

    /** Enterprises read and written at a time. */
    static final int CHUNK = 1000;

    private NameColumns() {
    }

    /** Sets {@code column} of every enterprise on file to {@code ofName} of its name. */
    static void fill(JdbcTemplate jdbc, String column, Function<String, Object> ofName) {
        RowMapper<Object[]> valueAndCode = (rs, row) -> new Object[] {ofName.apply(rs.getString(2)), rs.getString(1)};
        String update = "update enterprise set " + column + " = ? where credit_code = ?";
        List<Object[]> chunk = jdbc.query("select credit_code, name from enterprise order by credit_code limit ?",
                valueAndCode, CHUNK);
        while (!chunk.isEmpty()) {
            jdbc.batchUpdate(update, chunk);
            Object last = chunk.get(chunk.size() - 1)[1];
            chunk = chunk.size() < CHUNK ? List.of() : jdbc.query("select credit_code, name from enterprise "
                    + "where credit_code > ? order by credit_code limit ?", valueAndCode, last, CHUNK);
        }
    }
}
