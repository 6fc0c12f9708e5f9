package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.sanfu.Message;
import org.springframework.http.HttpStatus;

/**
 * A body a handler reads as bytes (a file sent as itself), refused as the JSON bodies are: past the path's
 * limit while it is read (a chunked body declares no length, so {@link BodySizeLimitFilter} finds out only
 * then) 413, and a body the container cannot read as framed (a chunk size "zz") 400 naming it; neither is the
 * service's fault, so neither reaches the unexpected error's log.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] read(HttpServletRequest request) {
        try {
            return request.getInputStream().readAllBytes();
        } catch (PayloadTooLarge e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, e.detail());
        } catch (IOException e) {
            throw InvalidInput.of("body", Message.of("sanfu.problem.unreadable-body"));
        }
    }
}
