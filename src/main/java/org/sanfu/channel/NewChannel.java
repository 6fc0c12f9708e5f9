package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/channels}: a channel's code, name and optional callback URL. */
public record NewChannel(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "HOTLINE_12345", maxLength = 32,
                pattern = "^[A-Za-z0-9_]{1,32}$",
                description = "Upper-case letters, digits and _, at most 32; becomes the source of its tickets. "
                        + "Addition: lower-case letters are taken and upper-cased (hotline_12345 is HOTLINE_12345)")
        String code,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "12345政务服务热线") String name,
        @Schema(description = "http(s) URL to post every status change of the channel's tickets to; none: no callbacks",
                maxLength = 2000)
        String callbackUrl) {
}
