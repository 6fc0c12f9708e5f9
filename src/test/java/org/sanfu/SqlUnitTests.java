package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The parameters of an {@code in (...)} list or of an insert's rows, written once for every statement that names a list
 * of values.
 */
class SqlUnitTests {

    @Test
    void aListOfValuesHasAParameterEach() {
        assertThat(Sql.placeholders(1)).isEqualTo("?");
        assertThat(Sql.placeholders(3)).isEqualTo("?, ?, ?");
        assertThat(Sql.placeholders(List.of(7L, 8L))).isEqualTo("?, ?");
    }

    /** None would be "in ()", a syntax error when the statement runs: refused where it is written. */
    @Test
    void anEmptyListHasNoParametersToWrite() {
        assertThatThrownBy(() -> Sql.placeholders(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sql.placeholders(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInsertHasARowOfParametersPerRow() {
        assertThat(Sql.rows(1, 1)).isEqualTo("(?)");
        assertThat(Sql.rows(3, 1)).isEqualTo("(?), (?), (?)");
        assertThat(Sql.rows(2, 3)).isEqualTo("(?, ?, ?), (?, ?, ?)");
        assertThatThrownBy(() -> Sql.rows(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sql.rows(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesComeInChunksOfTheSizeAsked() {
        List<Integer> values = IntStream.range(0, 1201).boxed().toList();
        assertThat(Sql.chunks(values)).extracting(List::size).containsExactly(1000, 201);
        assertThat(Sql.chunks(values, 500)).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(Sql.chunks(List.of(), 500)).isEmpty();
        assertThat(Sql.inChunks(values, 500, chunk -> List.of(chunk.get(0)))).containsExactly(0, 500, 1000);
    }

    @Test
    void aStatementTakesThemInItsInList() throws SQLException {
        List<Long> ids = List.of(2L, 3L, 5L);
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:");
                PreparedStatement select = h2.prepareStatement("select count(*) from system_range(1, 10) where x in ("
                        + Sql.placeholders(ids) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setLong(i + 1, ids.get(i));
            }
            try (ResultSet found = select.executeQuery()) {
                assertThat(found.next()).isTrue();
                assertThat(found.getLong(1)).isEqualTo(3);
            }
        }
    }
}
