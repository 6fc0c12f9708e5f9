package org.sanfu.web;

import java.util.List;
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

    /**
     * The JSON type a success may be answered in for these accepted ranges (a range of quality 0 takes
     * nothing): application/json when they take it ({@code *}{@code /*} and {@code application/*} do), else
     * the first other +json type they name; null when problem+json is the only JSON they take. A success
     * is never labelled problem+json, the type of an error.
     */
    static MediaType successType(List<MediaType> accepted) {
        for (MediaType range : accepted) {
            if (range.getQualityValue() > 0 && (range.includes(MediaType.APPLICATION_JSON)
                    || range.isWildcardSubtype() && "json".equals(range.getSubtypeSuffix()))) {
                return MediaType.APPLICATION_JSON;
            }
        }
        for (MediaType range : accepted) {
            if (range.getQualityValue() > 0 && "json".equals(range.getSubtypeSuffix())
                    && !MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(range)) {
                return new MediaType(range.getType(), range.getSubtype());
            }
        }
        return null;
    }
}
