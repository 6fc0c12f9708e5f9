package org.sanfu.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Whether a declared content type is JSON: {@code application/json} or any {@code +json} type. */
public final class JsonMedia {

    private JsonMedia() {
    }

    /** A body a script sent, for no cross-site form can declare it; false when absent or unparseable. */
    public static boolean declared(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return isJson(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.includes(type) || "json".equals(type.getSubtypeSuffix());
    }
}
