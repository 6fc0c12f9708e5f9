package org.sanfu.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.max-body-bytes}: the largest request body accepted (BodySizeLimitFilter).
 *
 * @param maxBodyBytes request bodies larger than this many bytes are refused with 413
 */
@ConfigurationProperties("sanfu")
@Validated
public record BodySizeLimitProperties(@Min(1024) long maxBodyBytes) {
}
