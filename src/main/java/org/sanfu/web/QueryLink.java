package org.sanfu.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An address of ours with a query, each value encoded whole: a town's {@code &}, {@code #}, {@code =} and {@code +}
 * (which a query reads as a space) included, so that the page reads back what was put in. Each value is expanded
 * into a variable of its own; written into the template instead, a {@code +} would stay as it is.
 */
public final class QueryLink {

    private QueryLink() {
    }

    /** {@code path} with the query's parameters in its order, those whose value is null left out. */
    public static String of(String path, Map<String, ?> query) {
        Map<String, Object> present = new LinkedHashMap<>(query);
        present.values().removeIf(Objects::isNull);
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        present.keySet().forEach(name -> link.queryParam(name, "{" + name + "}"));
        return link.encode().buildAndExpand(present).toUriString();
    }
}
