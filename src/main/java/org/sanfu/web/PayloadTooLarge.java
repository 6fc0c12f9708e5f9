package org.sanfu.web;

import java.io.IOException;

/** Raised while a body is read once it passes the configured limit. */
class PayloadTooLarge extends IOException {
    PayloadTooLarge(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}
