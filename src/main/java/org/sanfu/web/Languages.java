package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of messages: the workbench's pages are Chinese whatever the browser says (its users
 * read Chinese); the API answers in the language the request prefers (Accept-Language).
 */
@Configuration(proxyBeanMethods = false)
class Languages {

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver api = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/api/") ? super.resolveLocale(request) : Locale.SIMPLIFIED_CHINESE;
            }
        };
        api.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return api;
    }
}
