package org.sanfu.security;

import org.springframework.http.HttpStatus;
import org.sanfu.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The session's idle end, for the pages' warning (static/js/session.js): typing into a form is no request,
 * so a page left open says, before the session ends, that it will, and offers to stay signed in.
 */
@Page
class SessionPage {

    /** Any signed-in page user (SecurityConfig: the pages' chain); signed out, the sign-in redirect. Is a request. */
    @GetMapping("/session")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void stillHere() {
    }
}
