package org.sanfu.web;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/**
 * How large a body each path takes: {@code sanfu.max-body-bytes}, or more where a feature takes a file there
 * ({@link FileUploads}). The servlet container's multipart limits are the largest of them, so that the filters
 * (BodySizeLimitFilter, security.OversizedPageRequests) judge each path by its own and answer in its words.
 */
@Configuration(proxyBeanMethods = false)
public class UploadLimits {

    private final long maxBodyBytes;
    private final List<FileUploads> uploads;

    UploadLimits(BodySizeLimitProperties properties, List<FileUploads> uploads) {
        this.maxBodyBytes = properties.maxBodyBytes();
        this.uploads = List.copyOf(uploads);
    }

    /** The most bytes a body of this request may have. */
    public long maxBodyBytes(HttpServletRequest request) {
        String path = path(request);
        boolean multipart = isMultipart(request);
        return Math.max(maxBodyBytes, uploads.stream().mapToLong(u -> Math.max(u.maxBodyBytes(path),
                multipart ? u.maxMultipartBytes(path) : 0)).max().orElse(0));
    }

    /** Whether the request's body is multipart (a page's form with a file input). */
    public static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    /**
     * The largest file this request's path takes, as a refusal names it (10 MB, not its form's fields too); 0 when
     * it takes no file larger than the general limit.
     */
    public long maxFileBytes(HttpServletRequest request) {
        String path = path(request);
        return maxBodyBytes(request) > maxBodyBytes
                ? uploads.stream().mapToLong(u -> u.maxFileBytes(path)).max().orElse(0) : 0;
    }

    /** The types beside JSON a write to this request's path may declare. */
    List<MediaType> fileTypes(String path) {
        return uploads.stream().flatMap(u -> u.types(path).stream()).toList();
    }

    private long largest() {
        return Math.max(maxBodyBytes, uploads.stream().mapToLong(FileUploads::largestBody).max().orElse(0));
    }

    /** Tomcat reads a multipart body up to the largest limit; the filters hold each path to its own. */
    @Bean
    MultipartConfigElement multipartConfigElement() {
        return new MultipartConfigElement("", largest(), largest(), 0);
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
