package org.sanfu.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.sanfu.Message;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the container sends to its error page, /error: an error raised outside Spring MVC's hands once
 * the request was mapped. Tomcat itself calls sendError(400) when the body an application reads turns out
 * malformed (a chunk size "zz"), and the answer Spring MVC had made is then dropped. Answered like every
 * other refusal (problem+json for the API and the operators' endpoints, the Chinese error page for a page),
 * where Spring Boot's own error controller, which this replaces, answered its own JSON. Asked for
 * directly, /error is refused by the security filters.
 */
@Controller
class ContainerErrors implements ErrorController {

    private final Problems problems;
    private final ErrorPages errorPages;

    ContainerErrors(Problems problems, ErrorPages errorPages) {
        this.problems = problems;
        this.errorPages = errorPages;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && HttpStatus.resolve(code) != null ? HttpStatus.valueOf(code) : HttpStatus.INTERNAL_SERVER_ERROR;
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (ProblemAdvice.isPage(path.substring(Math.min(request.getContextPath().length(), path.length())))) {
            errorPages.render(request, response, status);
            return;
        }
        problems.write(request, response, status, detail(request, status, path));
    }

    private static Message detail(HttpServletRequest request, HttpStatus status, String path) {
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status == HttpStatus.BAD_REQUEST && thrown instanceof IOException) {
            // Tomcat's 400 for a body it could not read as framed (its BadRequestException for a chunk size
            // "zz", an IOException on a later read), not for anything in the JSON
            return Message.of("sanfu.problem.unreadable-body");
        }
        if (status == HttpStatus.NOT_FOUND) {
            return Message.of("sanfu.problem.no-such-path", "path", path);
        }
        if (status.is5xxServerError()) {
            // an exception out of a filter: the service's fault (Tomcat has logged it), not a refusal
            return Message.of("sanfu.problem.unexpected");
        }
        return Message.of("sanfu.problem.refused", "status", status.value());
    }
}
