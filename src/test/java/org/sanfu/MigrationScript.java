package org.sanfu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A script of db/migration as its statements, for tests that run a migration's statements again. */
public final class MigrationScript {

    private MigrationScript() {
    }

    /** The statements of {@code db/migration/<fileName>}, without comment lines, in order. */
    public static List<String> statements(String fileName) {
        String sql;
        try (InputStream in = MigrationScript.class.getResourceAsStream("/db/migration/" + fileName)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = Arrays.stream(sql.split("\n")).filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
