package org.sanfu.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Every page is HTML (templates/ holds nothing else), whatever its path ends with. Thymeleaf labels a view with the
 * type negotiated for it only when that type is concrete, and otherwise guesses one from the extension of the
 * request's path: the Chinese 404 of {@code /tickets/1.json} or {@code /nope.js}, which ErrorPages renders straight,
 * and the 410 of {@code /f/abc.json} asked with {@code Accept: *}{@code /*}, went out as application/json or
 * application/javascript, which a browser told {@code nosniff} does not render. Thymeleaf's resolver is told to
 * force its own type on every view: spring.thymeleaf.servlet.content-type, text/html;charset=UTF-8.
 */
@Component
class HtmlPages implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof ThymeleafViewResolver resolver) {
            resolver.setForceContentType(true);
        }
        return bean;
    }
}
