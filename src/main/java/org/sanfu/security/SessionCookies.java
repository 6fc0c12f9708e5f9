package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.core.annotation.Order;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session cookie whose id is no printable text is no session of ours, and is not looked up: Spring Session
 * reads the id from the cookie's base64 and asks the database for it before anything else runs, and
 * PostgreSQL refuses a NUL in a text parameter, so a cookie planted with one (by a script or a neighbouring
 * subdomain) made every URL a 500, sign-in and health check included, until it was cleared. Ids Spring Session
 * makes are UUIDs: such a cookie is dropped here, before its filter, and the request goes on as one without a
 * session (the sign-in page, or 401), which writes a fresh cookie over the bad one at sign-in.
 */
@Component
@Order(SessionRepositoryFilter.DEFAULT_ORDER - 1)
class SessionCookies extends OncePerRequestFilter {

    /** Longer than any id Spring Session makes (36 characters), short of anything a database would mind. */
    static final int MAX_ID_LENGTH = 128;

    private final String name;

    SessionCookies(ServerProperties server) {
        String configured = server.getServlet().getSession().getCookie().getName();
        this.name = configured == null ? "SESSION" : configured;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Cookie[] cookies = request.getCookies();
        if (cookies == null || Arrays.stream(cookies).allMatch(this::harmless)) {
            chain.doFilter(request, response);
            return;
        }
        Cookie[] kept = Arrays.stream(cookies).filter(this::harmless).toArray(Cookie[]::new);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Cookie[] getCookies() {
                return kept.length == 0 ? null : kept.clone();
            }
        }, response);
    }

    /** Not the session cookie, or one whose id (base64, as Spring Session writes it) is printable ASCII. */
    private boolean harmless(Cookie cookie) {
        if (!name.equals(cookie.getName())) {
            return true;
        }
        byte[] id;
        try {
            id = Base64.getDecoder().decode(cookie.getValue().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return true; // not base64: Spring Session reads no id from it and asks the database nothing
        }
        if (id.length == 0 || id.length > MAX_ID_LENGTH) {
            return false;
        }
        for (byte b : id) {
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
