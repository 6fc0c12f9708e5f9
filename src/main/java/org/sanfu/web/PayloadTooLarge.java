package org.sanfu.web;

import java.io.IOException;
import org.sanfu.Message;

/** Raised while a body is read once it passes the configured limit. */
class PayloadTooLarge extends IOException {

    private final transient Message detail;

    PayloadTooLarge(long limit) {
        this(Message.of("sanfu.problem.too-large", "limit", limit));
    }

    private PayloadTooLarge(Message detail) {
        super(detail.english());
        this.detail = detail;
    }

    Message detail() {
        return detail;
    }
}
