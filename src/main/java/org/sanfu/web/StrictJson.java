package org.sanfu.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.sanfu.Typed;
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

    /**
     * No string of a body holds U+0000. No field may (the clean-text rule refuses control characters),
     * and PostgreSQL can neither store nor compare one: a code looked up before its form is judged (a
     * credit code, a user name) answered 500 there, where H2 simply found nothing. Refused while the
     * JSON is read, for every string field at once: 400 naming the field.
     */
    @Bean
    Module noNulInStrings() {
        return new SimpleModule("sanfu-no-nul-in-strings").addDeserializer(String.class,
                new StdScalarDeserializer<>(String.class) {
                    @Override
                    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        String value = StringDeserializer.instance.deserialize(parser, context);
                        if (value != null && value.indexOf('\u0000') >= 0) {
                            throw new NulInString(parser);
                        }
                        return value;
                    }
                });
    }

    /**
     * An enum's code is read in any ASCII case, as a query parameter's is ({@link QueryParams#enumValue}): an
     * integrator's {@code "urgency": "urgent"} is URGENT, as its {@code "category": "container"} is CONTAINER. Not
     * Jackson's ACCEPT_CASE_INSENSITIVE_ENUMS: its equalsIgnoreCase would take the dotless ı or the long ſ for I and S.
     * Only the case is forgiven here; any other value goes on to Jackson's own reading, whose fault (the field, the
     * values it may hold) {@link JsonBodies} names with the body's other faults as before. Answers keep the capitals.
     */
    @Bean
    Module enumsInAnyCase() {
        return new SimpleModule("sanfu-enums-in-any-case").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new AnyCase(deserializer, type.getRawClass());
            }
        });
    }

    /** An enum's reader that first looks for the constant named by the code in capitals. */
    private static final class AnyCase extends DelegatingDeserializer {

        private final Class<?> type;

        AnyCase(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new AnyCase(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String capitals = Typed.asciiUpperCase(parser.getText());
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(capitals)) {
                        return constant;
                    }
                }
            }
            return _delegatee.deserialize(parser, context);
        }
    }

    /** A string field holding U+0000 (its path is added as Jackson unwinds). */
    static final class NulInString extends MismatchedInputException {

        NulInString(JsonParser parser) {
            super(parser, "a string holds U+0000", String.class);
        }
    }
}
