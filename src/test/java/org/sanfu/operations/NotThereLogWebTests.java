package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NullValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator's read of something the engine has not is the operator's 404, not an error in the service's log
 * that pages the on-call; the same failure of the service's own command still is one.
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class NotThereLogWebTests {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    @Test
    void aReadOfSomethingTheEngineHasNotLogsNoError(CapturedOutput output) throws Exception {
        CamundaHttp http = new CamundaHttp(port);
        String deployment = engine.getRepositoryService().createDeploymentQuery().list().get(0).getId();
        for (String root : List.of("/engine-rest/engine/" + engine.getName(),
                "/camunda/api/engine/engine/" + engine.getName())) {
            for (String path : List.of("/process-instance/nope/variables", "/process-instance/nope/variables/x",
                    "/task/nope/identity-links", "/execution/nope/localVariables", "/external-task/nope/errorDetails",
                    "/job/nope/stacktrace", "/decision-definition/nope/xml", "/case-definition/nope/xml",
                    "/deployment/" + deployment + "/resources/nope/data")) {
                HttpResponse<String> r = http.get(root + path, "admin:demo");
                assertThat(r.statusCode()).as(root + path + ": " + r.body()).isEqualTo(404);
            }
        }
        assertThat(failedCommands(output)).isEmpty();

        assertThatThrownBy(() -> engine.getRuntimeService().getVariables("nope")).isInstanceOf(NullValueException.class);
        assertThat(failedCommands(output)).singleElement().asString().contains("execution nope doesn't exist");
    }

    /**
     * The engine's ERROR lines of a failed command about "nope", in either layout of the log: a context of the prod
     * profile started earlier in the same JVM (ProductionProfileTests, ReadinessOfANewCountyTests) leaves the console
     * writing JSON for the contexts cached before it.
     */
    private static List<String> failedCommands(CapturedOutput output) {
        return output.getOut().lines()
                .filter(l -> l.contains(" ERROR ") || l.contains("\"level\":\"ERROR\""))
                .filter(l -> l.contains("ENGINE-16004") && l.contains("nope")).toList();
    }
}
