package org.sanfu.security;

import org.sanfu.web.Page;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form (templates/login.html); Spring Security checks what it posts to /login. Anyone. */
@Page
class SignInPage {

    @GetMapping("/login")
    String login() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        return signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()
                ? "login" : "redirect:/";
    }
}
