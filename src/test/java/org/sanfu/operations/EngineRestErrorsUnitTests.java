package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which of the engine's null values engine-rest answers 404, and which 400; and which of Cockpit's 500s are 404. */
class EngineRestErrorsUnitTests {

    @Test
    void whatTheEngineSaysItDidNotFindIs404AndAnythingElseLeftOutIs400() {
        for (String notFound : new String[] {"execution nope doesn't exist: execution is null",
                "No external task found with id nope: externalTask is null",
                "Cannot find task with id nope: task is null",
                "Process instance with id nope does not exist"}) {
            assertThat(EngineRestErrors.NotThere.status(notFound)).as(notFound).isEqualTo(Response.Status.NOT_FOUND);
        }
        assertThat(EngineRestErrors.NotThere.status("processDefinitionKey is null")).isEqualTo(Response.Status.BAD_REQUEST);
        assertThat(EngineRestErrors.NotThere.status(null)).isEqualTo(Response.Status.BAD_REQUEST);
    }

    private static Response.Status cockpit(String body) {
        return EngineRestErrors.CockpitNotThere.status(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCockpitServerErrorIs404OnlyWhenTheEngineSaysWhatItHasNot() {
        assertThat(cockpit("{\"type\":\"NullValueException\",\"message\":\"execution nope doesn't exist: execution is null\","
                + "\"code\":0}")).isEqualTo(Response.Status.NOT_FOUND);
        assertThat(cockpit("{\"type\":\"RestException\",\"message\":\"Cannot get task variable x: task nope doesn't exist: "
                + "task is null\",\"code\":0}")).isEqualTo(Response.Status.NOT_FOUND);
        // a null value that is not a missing entity, a real failure, or no Camunda error at all: left as it was
        assertThat(cockpit("{\"type\":\"NullValueException\",\"message\":\"processDefinitionKey is null\"}")).isNull();
        assertThat(cockpit("{\"type\":\"RestException\",\"message\":\"Cannot get variable: connection does not exist\"}"))
                .isNull();
        assertThat(cockpit("{\"type\":\"ProcessEngineException\",\"message\":\"database does not exist\"}")).isNull();
        assertThat(cockpit("<html>500</html>")).isNull();
        assertThat(cockpit("")).isNull();
    }
}
