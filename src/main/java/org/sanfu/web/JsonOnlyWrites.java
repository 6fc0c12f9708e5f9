package org.sanfu.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.sanfu.Message;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No cross-site writes to the API: a browser lets any site post a form (urlencoded, multipart,
 * text/plain) with the user's Basic credentials, but never JSON. So an unsafe request under /api that
 * declares any content type but JSON (or text/csv or an Excel workbook for the enterprise import, the one endpoint that
 * documents it, or a file's own type where a feature takes files, FileUploads) is refused 415 before anything
 * reads it, even with an empty body. A request with no
 * content type and no body ({@code curl -X POST}) stays accepted: no form can send one. Runs after
 * sign-in, like the body-size limit, so 401 comes first.
 *
 * <p>A body is read as sent: one compressed ({@code Content-Encoding: gzip}) is refused 415 with
 * {@code Accept-Encoding: identity}, rather than read as unreadable JSON.
 *
 * <p>Its answer is JSON too: a write whose {@code Accept} admits no JSON is refused 406 here, before
 * it changes anything; found out after the handler ran, the refusal would come after the commit.
 */
@Component
class JsonOnlyWrites extends OncePerRequestFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String IMPORT = "/api/enterprises/import";
    private static final String IDENTITY = "identity";

    private final Problems problems;
    private final UploadLimits uploads;

    JsonOnlyWrites(Problems problems, UploadLimits uploads) {
        this.problems = problems;
        this.uploads = uploads;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !UNSAFE.contains(request.getMethod()) || !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!answerableInJson(request.getHeader(HttpHeaders.ACCEPT))) {
            problems.write(request, response, HttpStatus.NOT_ACCEPTABLE, Message.of("sanfu.problem.not-acceptable",
                    "supported", List.of(MediaType.APPLICATION_JSON)));
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !IDENTITY.equalsIgnoreCase(encoding.strip())) {
            // RFC 7694: a coding the server does not decode is 415, naming the one it takes
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, IDENTITY);
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    Message.of("sanfu.problem.unsupported-encoding", "encoding", encoding));
            return;
        }
        String declared = request.getContentType();
        String path = UploadLimits.path(request);
        List<MediaType> files = uploads.fileTypes(path);
        if (declared == null || accepted(declared, path, files)) {
            chain.doFilter(request, response);
            return;
        }
        List<MediaType> supported = request.getRequestURI().endsWith(IMPORT)
                ? List.of(MediaType.valueOf("text/csv"), Downloads.XLSX) : !files.isEmpty() ? files : List.of(MediaType.APPLICATION_JSON);
        problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                Message.of("sanfu.problem.unsupported-media-type", "type", declared, "supported", supported));
    }

    /**
     * No Accept header, or one that admits a JSON type a success is answered in ({@code * /*},
     * {@code application/*}, any +json type but problem+json, which is for errors alone).
     */
    private static boolean answerableInJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return JsonMedia.successType(MediaType.parseMediaTypes(accept)) != null;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean accepted(String declared, String path, List<MediaType> files) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(declared);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return JsonMedia.isJson(type) || path.equals(IMPORT) && (MediaType.valueOf("text/csv").includes(type)
                || Downloads.XLSX.equalsTypeAndSubtype(type))
                || files.stream().anyMatch(type::equalsTypeAndSubtype);
    }
}
