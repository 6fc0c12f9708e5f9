package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.exception.dmn.DecisionDefinitionNotFoundException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which failures of the engine's commands are an operator's typo, logged at DEBUG, and which stay errors. */
class NotThereLogUnitTests {

    private final NotThereLog log = new NotThereLog(new CamundaBpmProperties());
    private final NullValueException missing = new NullValueException("execution nope doesn't exist: execution is null");

    private static MockHttpServletRequest request(String method, String servletPath, String pathInfo) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, servletPath + pathInfo);
        request.setServletPath(servletPath);
        request.setPathInfo(pathInfo);
        return request;
    }

    @Test
    void aMissingThingAskedThroughEngineRestOrACockpitReadIsATypo() {
        assertThat(log.operatorsTypo(missing, request("GET", "/engine-rest", "/process-instance/nope/variables")))
                .isTrue();
        assertThat(log.operatorsTypo(new NullValueException("No job found with id nope: job is null"),
                request("GET", "/camunda/api/engine", "/engine/default/job/nope/stacktrace"))).isTrue();
        assertThat(log.operatorsTypo(new DecisionDefinitionNotFoundException("no deployed decision definition found"),
                request("GET", "/engine-rest", "/decision-definition/nope/xml"))).isTrue();
    }

    @Test
    void everythingElseStaysAnError() {
        MockHttpServletRequest engineRest = request("GET", "/engine-rest", "/process-instance/nope/variables");
        // another failure, or a null value that names nothing missing
        assertThat(log.operatorsTypo(new ProcessEngineException("database is down"), engineRest)).isFalse();
        assertThat(log.operatorsTypo(new NullValueException("processDefinitionKey is null"), engineRest)).isFalse();
        // asked by the service's own code or the job executor, or where the answer stays Camunda's 500
        assertThat(log.operatorsTypo(missing, null)).isFalse();
        assertThat(log.operatorsTypo(missing, request("POST", "/api", "/tickets/42/actions/sign"))).isFalse();
        assertThat(log.operatorsTypo(missing, request("POST", "/camunda/api/engine", "/engine/default/task"))).isFalse();
        // a write's: it may run the service's own code one day
        assertThat(log.operatorsTypo(missing, request("POST", "/engine-rest", "/engine/default/task/nope/complete")))
                .isFalse();
    }
}
