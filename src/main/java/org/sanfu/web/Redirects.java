package org.sanfu.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** How a page's form answers success (docs/UI.md). */
public final class Redirects {

    private Redirects() {
    }

    /**
     * 303 to the result: the browser GETs it, so reloading the result page never posts the form again.
     * The status travels with the ModelAndView, which Spring's RedirectView honours.
     */
    public static ModelAndView seeOther(String path) {
        ModelAndView redirect = new ModelAndView("redirect:" + path);
        redirect.setStatus(HttpStatus.SEE_OTHER);
        return redirect;
    }
}
