package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Locale;
import org.sanfu.web.ErrorPages;
import org.sanfu.web.UploadLimits;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page's form or upload larger than {@code sanfu.max-body-bytes} gets the Chinese 413 page, before
 * the CSRF check. After it would be too late: the servlet container drops the parts of a multipart
 * body over its limits, the form's {@code _csrf} field with them, and a file a little too large would
 * be answered "403, the page may have expired" instead of "the file is too large". (The API's
 * BodySizeLimitFilter answers problem+json after sign-in; browsers always send a Content-Length.)
 * A path that takes a file has its own limit (web.UploadLimits: a ticket's attachment), and the container reads
 * multipart bodies up to the largest of them, so the parts a chunked body brought are measured here against the
 * path's own. A multipart body is read here for the same reason: one the container cannot read (more parts than it
 * takes, a file name with a NUL) would lose its {@code _csrf} to a misleading 403, or throw from the CSRF
 * check's first read of a parameter into a 500; it gets the Chinese 400 page instead, and nothing is saved.
 */
final class OversizedPageRequests extends OncePerRequestFilter {

    private final UploadLimits limits;
    private final ErrorPages errorPages;
    private final MessageSource messages;

    OversizedPageRequests(UploadLimits limits, ErrorPages errorPages, MessageSource messages) {
        this.limits = limits;
        this.errorPages = errorPages;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limits.maxBodyBytes(request);
        boolean declaredTooLarge = request.getContentLengthLong() > limit;
        boolean multipart = !declaredTooLarge && UploadLimits.isMultipart(request);
        Exception unreadable = multipart ? unreadable(request) : null;
        // one sent without a length (chunked) passes the first check and may go past the container's limit, or the
        // path's own where the container's is larger
        if (declaredTooLarge || unreadable != null && tooLarge(unreadable)
                || multipart && unreadable == null && partsSize(request) > limit) {
            long file = limits.maxFileBytes(request);
            String reason = messages.getMessage(file > 0 ? "page.too-large-file" : "page.too-large",
                    new Object[] {size(file > 0 ? file : limit)}, Locale.SIMPLIFIED_CHINESE);
            errorPages.render(request, response, HttpStatus.PAYLOAD_TOO_LARGE, reason);
            return;
        }
        if (unreadable != null) {
            errorPages.render(request, response, HttpStatus.BAD_REQUEST,
                    messages.getMessage("page.malformed-upload", null, Locale.SIMPLIFIED_CHINESE));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Why the container cannot read the parts, or null when it reads them (it keeps them for the CSRF check and the
     * controller): Tomcat's IllegalStateException (too many parts, over its size limits), InvalidFileNameException (a
     * NUL), FileUploadException (no boundary), MalformedStreamException (a body cut short)...
     */
    private static Exception unreadable(HttpServletRequest request) {
        try {
            request.getParts();
            return null;
        } catch (ServletException | IOException | RuntimeException unreadable) {
            return unreadable;
        }
    }

    /** The bytes of the parts the container read (their sizes: the framing between them aside). */
    private static long partsSize(HttpServletRequest request) throws ServletException, IOException {
        long size = 0;
        for (Part part : request.getParts()) {
            size += part.getSize();
        }
        return size;
    }

    /** Whether the parts were refused for their size (Tomcat's SizeException, somewhere among the causes). */
    private static boolean tooLarge(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.tomcat.util.http.fileupload.impl.SizeException) {
                return true;
            }
        }
        return false;
    }

    /** 1048576 → "1 MB", 524288 → "512 KB". */
    static String size(long bytes) {
        long mb = 1024 * 1024;
        if (bytes >= mb && bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " 字节";
    }
}
