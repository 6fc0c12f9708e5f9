package org.sanfu.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * The Chinese error page (templates/error.html) written straight into a response, for errors met
 * before or outside a controller: a page refused by the security filters, a form without its CSRF
 * token, an unknown route. Rendered by the same view resolver as every page, never JSON.
 */
@Component
public class ErrorPages {

    private final ViewResolver views;

    ErrorPages(@Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.views = views;
    }

    public void render(HttpServletRequest request, HttpServletResponse response, HttpStatus status) throws IOException {
        render(request, response, status, null);
    }

    /**
     * The error page with a reason in Chinese under the page's own text (null: none). Under /f, the enterprise's
     * feedback link, it is that page's own (templates/feedback/error.html): its reader has no account, and the
     * workbench's ways back (返回首页, an action's page) lead to the staff's sign-in.
     */
    public void render(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String reason)
            throws IOException {
        try {
            boolean enterprise = isFeedbackLink(request);
            View page = views.resolveViewName(enterprise ? "feedback/error" : "error", Locale.SIMPLIFIED_CHINESE);
            response.setStatus(status.value());
            Map<String, Object> model = new HashMap<>();
            model.put("status", status.value());
            model.put("reason", reason);
            if (status == HttpStatus.METHOD_NOT_ALLOWED && !enterprise) {
                // an action's address (/tickets/11/reply) opened in the address bar: back to its page
                String path = request.getRequestURI().substring(request.getContextPath().length());
                int parent = path.lastIndexOf('/');
                if (parent > 0 && !path.startsWith("//")) {
                    model.put("back", request.getContextPath() + path.substring(0, parent));
                }
            }
            page.render(model, request, response);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot render the error page", e);
        }
    }

    /** Whether the request (or, on the container's error dispatch, the one that failed) is /f or under it. */
    static boolean isFeedbackLink(HttpServletRequest request) {
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                ? failed : request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        return path.equals("/f") || path.startsWith("/f/") || path.startsWith("/f;");
    }
}
