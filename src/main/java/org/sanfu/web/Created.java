package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * The {@code Location} of a 201 (RFC 9110 10.2.2: the created resource's URL), one form for every 201 of the API: the
 * path that reads it, under the context path the request came by, without scheme and host.
 */
public final class Created {

    private Created() {
    }

    /** The resource named {@code segment} (percent-encoded as one path segment) below the collection posted to. */
    public static URI below(HttpServletRequest request, String segment) {
        return URI.create(request.getRequestURI() + "/" + UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
    }

    /** A resource at {@code path} (already a URL's path, from {@code /}) of this service. */
    public static URI at(HttpServletRequest request, String path) {
        return URI.create(request.getContextPath() + path);
    }
}
