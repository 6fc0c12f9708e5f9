package org.sanfu.web;

import java.util.List;
import org.springframework.http.MediaType;

/**
 * Paths that take a file, told by the feature that owns them: a body up to their own limit rather than
 * {@code sanfu.max-body-bytes}, and under /api a raw body in the file's own type rather than JSON. Such a type
 * (application/pdf, image/png...) is no form's, so a browser sends it cross-site only after a CORS preflight, as
 * for JSON; the form types (urlencoded, multipart, text/plain) stay refused there (JsonOnlyWrites).
 */
public interface FileUploads {

    /** The most bytes a body sent to this path (without the context path) may have; 0 when it takes no file. */
    long maxBodyBytes(String path);

    /**
     * The most bytes a multipart body sent to this path may have, where a page's form takes files only as such a body
     * (the enterprise's rating, urlencoded as before when it sends none, is held to {@code sanfu.max-body-bytes} then);
     * 0 when none.
     */
    default long maxMultipartBytes(String path) {
        return 0;
    }

    /** The largest file this path takes, as a refusal names it (its form's other fields aside); 0 when none. */
    long maxFileBytes(String path);

    /** The most bytes a body sent to any of its paths may have (the servlet container's multipart limit). */
    long largestBody();

    /** The types an API write to this path may declare beside JSON; empty when it takes none. */
    List<MediaType> types(String path);
}
