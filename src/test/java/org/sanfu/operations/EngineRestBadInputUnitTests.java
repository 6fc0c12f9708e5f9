package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A JSON fault met writing engine-rest's answer is the service's, not the client's: Camunda's 500 as before, not
 * a 400 naming a field of the answer (the web tests prove the client's faults are 400).
 */
class EngineRestBadInputUnitTests {

    @Test
    void aFaultWritingTheAnswerStaysCamundas500() throws Exception {
        try (JsonGenerator writing = new JsonFactory().createGenerator(new StringWriter())) {
            assertThat(new EngineRestBadInput.Values(null)
                    .toResponse(new JsonMappingException(writing, "No serializer found for class Parcel"))
                    .getStatus()).isEqualTo(500);
            assertThat(new EngineRestBadInput.Unreadable(null)
                    .toResponse(new JsonGenerationException("Can not write a field name", writing))
                    .getStatus()).isEqualTo(500);
        }
    }
}
