package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form a filter has read (or set aside unread): these fields as its parameters, never the container's reading of the
 * body, and the body given here to read again.
 */
public class ReadFormRequest extends ReadBodyRequest {

    private final Map<String, String[]> parameters;

    public ReadFormRequest(HttpServletRequest request, byte[] body, Map<String, List<String>> fields) {
        super(request, body, StandardCharsets.UTF_8);
        Map<String, String[]> map = new LinkedHashMap<>();
        fields.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
        this.parameters = Collections.unmodifiableMap(map);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }
}
