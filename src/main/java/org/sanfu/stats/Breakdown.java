package org.sanfu.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The figures of one category, department or town: {@code {"key", "label", ...figures}}. */
public record Breakdown(String key, String label, @JsonUnwrapped Figures figures) {
}
