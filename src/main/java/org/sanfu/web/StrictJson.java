package org.sanfu.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one ObjectMapper reads every body, the actions' raw bytes ({@link JsonBodies}) and
 * {@code @RequestBody} alike, so one strictness holds for all. application.yml switches off trailing
 * content, duplicate keys and strings taken as numbers; what no property reaches is set here: Jackson
 * would otherwise take {@code {"reason": 123}} or {@code true} as the text "123" or "true", a client's
 * mistake that must be a 400 naming the field, not a stored guess.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
