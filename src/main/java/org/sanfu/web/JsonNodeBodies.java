package org.sanfu.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A {@code @RequestBody JsonNode} (a visit, a channel, an intake) read as the actions read theirs
 * ({@link JsonBodies#parse}), so that both refuse a body alike: in particular a number or nesting past the
 * parser's limits is named by its field, where Spring's Jackson converter, whose parser we cannot ask where it
 * stood, could only say "body". Reading only: answers are written by Jackson's converter as before.
 */
@Configuration
class JsonNodeBodies implements WebMvcConfigurer {

    private final JsonBodies bodies;

    JsonNodeBodies(JsonBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new Reader());
    }

    private final class Reader extends AbstractHttpMessageConverter<JsonNode> {

        Reader() {
            super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        }

        @Override
        protected boolean supports(Class<?> type) {
            return type == JsonNode.class;
        }

        @Override
        protected boolean canWrite(MediaType mediaType) {
            return false;
        }

        /** Spring calls it only for a body that is not empty; a body it cannot read is 400 naming the field. */
        @Override
        protected JsonNode readInternal(Class<? extends JsonNode> type, HttpInputMessage input) throws IOException {
            return bodies.parseOrRefuse(input.getBody().readAllBytes());
        }

        @Override
        protected void writeInternal(JsonNode node, HttpOutputMessage output) {
            throw new UnsupportedOperationException("reads request bodies only");
        }
    }
}
