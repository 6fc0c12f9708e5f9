package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of what people read: the workbench's pages are Chinese whatever the browser says (their
 * users read Chinese). The API's answers (under /api, and the problems the security filters write)
 * are Chinese when the request prefers Chinese to English by Accept-Language ({@code zh}, {@code zh-CN},
 * {@code zh-TW}...; {@code en;q=0.9, zh;q=0.8} prefers English), and English otherwise, also when the
 * request names no language: a client that says nothing gets the language of the API's own names.
 * Chinese is messages.properties, English messages_en.properties.
 */
@Configuration(proxyBeanMethods = false)
public class Languages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    /** Spring MVC asks this bean (by its name) for the language of each request it handles. */
    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/api/") ? api(request) : CHINESE;
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("the language follows the path and Accept-Language");
            }
        };
    }

    /** The API's language for this request: Chinese or English by Accept-Language, English without it. */
    public static Locale api(HttpServletRequest request) {
        return api(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /**
     * The first of Chinese and English in the order the header prefers them (by q-value, then by
     * place); English when it names neither, or cannot be read.
     */
    static Locale api(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ENGLISH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException unreadable) {
            return ENGLISH;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String language = range.getRange().split("-", 2)[0];
            if (language.equals("zh")) {
                return CHINESE;
            }
            if (language.equals("en")) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }
}
