package org.sanfu.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.sanfu.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request Spring Security's firewall refuses ({@code //engine-rest/task}, {@code /engine-rest;x=1/task},
 * {@code /x/../engine-rest/engine}, an encoded slash) is the client's mistake: 400 problem+json, with or
 * without credentials. Each such request once ended as a 500 with a long ERROR stack, which let anyone
 * flood the log: Spring Security parses the path for its matchers before its firewall looks at it, and a
 * path that does not start with its servlet's own (Camunda's /engine-rest) fails that parsing. So the same
 * firewall judges every request here first, before the security filters; as their handler of a refusal
 * this answers the same way. One DEBUG line is all a refusal is worth. A control character in a query is
 * 400 too, except in a page's GET: there a person pasted it (a tab between two spreadsheet cells), and the
 * page is asked again with spaces for such characters (303). A page's GET with a slash after its path is
 * sent to the path without it (301); the API and the operators' endpoints keep their exact paths. A
 * method the service never takes (TRACE) is 405 naming the ones it does.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 10)
class RejectedRequests extends OncePerRequestFilter implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);
    /** Where programs, not people at a browser, send their queries. */
    private static final List<String> MACHINE_PATHS = List.of("/api", "/actuator", "/v3/api-docs", "/engine-rest",
            "/camunda");

    private final HttpFirewall firewall;
    private final Problems problems;
    private final ErrorPages errorPages;
    private final MessageSource words;

    RejectedRequests(ObjectProvider<HttpFirewall> firewall, Problems problems, ErrorPages errorPages,
            MessageSource words) {
        this.firewall = firewall.getIfAvailable(StrictHttpFirewall::new);
        this.problems = problems;
        this.errorPages = errorPages;
        this.words = words;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!RequestFirewall.METHODS.contains(request.getMethod())) {
            refuseMethod(request, response);
            return;
        }
        HttpServletRequest checked;
        List<String> names;
        try {
            checked = firewall.getFirewalledRequest(request);
            names = Collections.list(checked.getHeaderNames());
        } catch (RequestRejectedException rejected) {
            handle(request, response, rejected);
            return;
        }
        String parameter = controlInQuery(request.getQueryString());
        if (parameter != null && isPageRead(request)) {
            // two cells pasted from a spreadsheet into a page's filter hold a tab: the same page, with spaces
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader("Location", request.getRequestURI() + "?" + withSpaces(request.getQueryString()));
            return;
        }
        String withoutSlash = withoutTrailingSlash(request);
        if (withoutSlash != null && isPageRead(request)) {
            // /enterprises/91330000MA2/ typed or pasted with a slash: the page, not a 404
            response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
            response.setHeader("Location", withoutSlash
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            return;
        }
        if (parameter != null) {
            problems.writeInvalid(request, response, parameter, Message.of("sanfu.validation.printable-only"));
            return;
        }
        // the firewall checks a header's value only when it is read: read them all now, so that a
        // control character in one (an Idempotency-Key) is refused here, naming it, not where a handler reads it
        for (String name : names) {
            try {
                Collections.list(checked.getHeaders(name));
            } catch (RequestRejectedException rejected) {
                log.debug("refused {} {}: header {}: {}", request.getMethod(), request.getRequestURI(), name,
                        rejected.getMessage());
                problems.writeInvalid(request, response, name, Message.of("sanfu.validation.printable-only"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The first query parameter whose name or value holds a control character (U+0000–U+001F, U+007F),
     * or null. No filter of the API or the pages takes one, and PostgreSQL cannot even compare a text
     * holding U+0000 (a search for it answered 500 there). Form bodies are judged by the clean-text rule.
     */
    static String controlInQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String[] parameter : parameters(query)) {
            if (hasControl(parameter[0]) || hasControl(parameter[1])) {
                return hasControl(parameter[0]) ? "query" : parameter[0];
            }
        }
        return null;
    }

    /** The query's parameters in order, each its decoded name and value ("" without "="). */
    private static List<String[]> parameters(String query) {
        List<String[]> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.add(new String[] {decoded(equals < 0 ? pair : pair.substring(0, equals)),
                    equals < 0 ? "" : decoded(pair.substring(equals + 1))});
        }
        return parameters;
    }

    /** The request's path without the slashes it ends with, or null when it ends with none (or is "/"). */
    private static String withoutTrailingSlash(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int end = uri.length();
        while (end > 1 && uri.charAt(end - 1) == '/') {
            end--;
        }
        return end == uri.length() || end <= request.getContextPath().length() + 1 ? null : uri.substring(0, end);
    }

    /** A page's GET (not the API's, nor the operators' endpoints): a person at a browser typed the query. */
    private static boolean isPageRead(HttpServletRequest request) {
        return isPageRead(request, request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Whether a GET of this path (within the context) is a page's, not a machine's. */
    private static boolean isPageRead(HttpServletRequest request, String path) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        for (String machines : MACHINE_PATHS) {
            if (path.equals(machines) || path.startsWith(machines + "/")) {
                return false;
            }
        }
        return !path.startsWith("/swagger-ui");
    }

    /** The query with each control character of a value a space, and a parameter whose name holds one left out. */
    static String withSpaces(String query) {
        StringBuilder clean = new StringBuilder();
        for (String[] parameter : parameters(query)) {
            String name = parameter[0];
            if (hasControl(name)) {
                continue;
            }
            StringBuilder value = new StringBuilder(parameter[1]);
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) < 0x20 || value.charAt(i) == 0x7F) {
                    value.setCharAt(i, ' ');
                }
            }
            clean.append(clean.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
        return clean.toString();
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a malformed escape is Spring's to refuse, as before
        }
    }

    /** Not a clean line of text by the one rule of free text ({@link Text.Rule}): a control character in it. */
    private static boolean hasControl(String text) {
        return Text.Rule.fault(text, false, false, Integer.MAX_VALUE) != null;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
        if (response.isCommitted()) {
            return;
        }
        if (!RequestFirewall.METHODS.contains(request.getMethod())) {
            // Tomcat answers TRACE itself (405) and sends it on to the error page, where the firewall sees it
            refuseMethod(request, response);
            return;
        }
        String uri = request.getRequestURI();
        String single = uri.replaceAll("/{2,}", "/");
        if (!single.equals(uri) && isPageRead(request, single.substring(request.getContextPath().length()))) {
            // /tickets//5 typed or pasted: the page at the path with single slashes (checked again there);
            // //engine-rest/task and the API's other doubled paths stay refused (400)
            response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
            response.setHeader("Location", single
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            return;
        }
        if (ProblemAdvice.isPage(withoutParameters(single).substring(request.getContextPath().length()))
                && prefersHtml(request)) {
            // a damaged link opened in a browser (a ; or a stray % in a page's path, a line break pasted into it):
            // the Chinese error page every page's errors are, not an English problem; the API's stays one
            errorPages.render(request, response, HttpStatus.BAD_REQUEST,
                    words.getMessage("page.rejected-request", null, Locale.SIMPLIFIED_CHINESE));
            return;
        }
        problems.write(request, response, HttpStatus.BAD_REQUEST, Message.of("sanfu.problem.rejected-request"));
    }

    /** The path without its segments' parameters (/api;x/tickets: /api/tickets), to judge whose it is. */
    private static String withoutParameters(String path) {
        return path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
    }

    /**
     * Whether the request's Accept puts HTML first, as a browser's does (text/html, application/xhtml+xml, at a
     * quality no JSON type beats); no Accept, *{@literal /}*, JSON first or one unreadable: not.
     */
    static boolean prefersHtml(HttpServletRequest request) {
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (MediaType type : accepted) {
            if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML) || type.equalsTypeAndSubtype(MediaType.APPLICATION_XHTML_XML)) {
                html = Math.max(html, type.getQualityValue());
            } else if (JsonMedia.isJson(type)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return html > 0 && html >= json;
    }

    /** TRACE, CONNECT, a made-up method: not a malformed request but one no resource here takes. */
    private void refuseMethod(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.debug("refused {} {}: not a method of the service", request.getMethod(), request.getRequestURI());
        response.setHeader(HttpHeaders.ALLOW, String.join(", ", RequestFirewall.METHODS));
        problems.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, Message.of(
                "sanfu.problem.method-not-allowed", "method", request.getMethod(), "allowed", RequestFirewall.METHODS));
    }
}
