package org.sanfu;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The service's message bundles as Spring Boot's MessageSource reads them, for unit tests without a context. */
public final class Bundles {

    private Bundles() {
    }

    public static ResourceBundleMessageSource bootLike() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
