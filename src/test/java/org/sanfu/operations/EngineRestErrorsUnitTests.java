package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Which of the engine's null values engine-rest answers 404, and which 400. */
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
}
