package org.sanfu.ticket.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Completing a task finds its subtasks by an index, not by reading every open task. */
@SanfuTest
class EngineIndexesTests {

    @Autowired
    DataSource dataSource;

    @Test
    void theOpenTasksAreIndexedByTheirParentTask() throws Exception {
        List<String> indexed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : List.of("ACT_RU_TASK", "act_ru_task")) {
                try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("COLUMN_NAME") != null && rs.getShort("ORDINAL_POSITION") == 1) {
                            indexed.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        assertThat(indexed).as("the first columns of ACT_RU_TASK's indexes").contains("EXECUTION_ID_")
                .contains("PARENT_TASK_ID_");
    }
}
