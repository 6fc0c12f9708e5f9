package org.sanfu.web;

import io.swagger.v3.oas.models.media.Schema;

/** What another module's part of the OpenAPI document needs of web.ApiDocs' rules (the channel callback's body). */
public final class ApiAnswers {

    private ApiAnswers() {
    }

    /** An answer's schema as the service writes it: each property null where its Java type can hold it. */
    @SuppressWarnings("rawtypes")
    public static void nullsAsAnswered(Schema schema) {
        ApiDocs.nullsOf(schema, true);
    }
}
