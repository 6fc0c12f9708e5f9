package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * The node's name in the JSON log lines: the one given (SANFU_NODE_NAME, HOSTNAME) is kept; none given, the machine's
 * own, where Spring Boot wrote {@code "node":{}}; without the setting (the demo profile's plain lines) nothing is added.
 */
class NodeNameTests {

    @Test
    void anEmptyNodeNameIsTheMachinesAndAGivenOneIsKept() {
        assertThat(NodeName.machineName()).as("this machine's name, as hostname prints it").isNotBlank();
        assertThat(named("")).isEqualTo(NodeName.machineName());
        assertThat(named("node-2")).isEqualTo("node-2");

        MockEnvironment demo = new MockEnvironment();
        new NodeName().postProcessEnvironment(demo, new SpringApplication());
        assertThat(demo.containsProperty(NodeName.SETTING)).isFalse();
    }

    private static String named(String configured) {
        MockEnvironment environment = new MockEnvironment().withProperty(NodeName.SETTING, configured);
        new NodeName().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(NodeName.SETTING);
    }
}
