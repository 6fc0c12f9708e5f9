package org.sanfu.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sanfu.Sql;

/**
 * Rows of one table sent as multi-row inserts ({@code insert ... values (...), (...), ...}), many
 * rows per statement and statements in JDBC batches: fast on H2 and on PostgreSQL alike, without
 * depending on the driver's batch rewriting (reWriteBatchedInserts) being switched on in the URL.
 */
final class BulkInsert implements AutoCloseable {

    private final Connection connection;
    private final String table;
    private final String columns;
    private final int width;
    private final int rowsPerStatement;
    private final List<Object[]> rows = new ArrayList<>();
    private PreparedStatement full;
    private long written;

    BulkInsert(Connection connection, String table, String columns, int rowsPerStatement) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.width = columns.split(",").length;
        this.rowsPerStatement = rowsPerStatement;
    }

    void add(Object... row) throws SQLException {
        if (row.length != width) {
            throw new IllegalArgumentException(table + " has " + width + " columns, not " + row.length);
        }
        rows.add(row);
        if (rows.size() >= rowsPerStatement * 20) {
            flush();
        }
    }

    /** Sends every row added so far (the caller commits). */
    void flush() throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int whole = rows.size() / rowsPerStatement * rowsPerStatement;
        if (whole > 0) {
            if (full == null) {
                full = connection.prepareStatement(sql(rowsPerStatement));
            }
            for (int start = 0; start < whole; start += rowsPerStatement) {
                bind(full, rows.subList(start, start + rowsPerStatement));
                full.addBatch();
            }
            full.executeBatch();
        }
        if (whole < rows.size()) {
            List<Object[]> rest = rows.subList(whole, rows.size());
            try (PreparedStatement last = connection.prepareStatement(sql(rest.size()))) {
                bind(last, rest);
                last.executeUpdate();
            }
        }
        written += rows.size();
        rows.clear();
    }

    long written() {
        return written;
    }

    private void bind(PreparedStatement statement, List<Object[]> batch) throws SQLException {
        int i = 1;
        for (Object[] row : batch) {
            for (Object value : row) {
                statement.setObject(i++, value);
            }
        }
    }

    private String sql(int count) {
        return "insert into " + table + " (" + columns + ") values " + Sql.rows(count, width);
    }

    @Override
    public void close() throws SQLException {
        if (full != null) {
            full.close();
        }
    }
}
