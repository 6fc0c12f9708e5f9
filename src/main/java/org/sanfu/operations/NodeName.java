package org.sanfu.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The node's name in each JSON log line ({@code service.node.name}) where the prod profile asks for one and neither
 * SANFU_NODE_NAME nor HOSTNAME gave it (a shell and systemd do not export HOSTNAME): the machine's own name, as
 * {@code hostname} prints it. Spring Boot writes {@code "node":{}} for an empty one, which tells a cluster's lines
 * apart no more than nothing. Read from the kernel ({@code /proc/sys/kernel/hostname}), or Windows' COMPUTERNAME, never
 * by a DNS look-up, which may hang a start on a machine whose name resolves nowhere; where neither is there (a
 * developer's Mac), the line stays as Spring Boot writes it. Registered in META-INF/spring.factories: it runs after the
 * configuration files are read and before the logging is set up.
 */
public class NodeName implements EnvironmentPostProcessor {

    static final String SETTING = "logging.structured.ecs.service.node-name";
    private static final Path KERNELS = Path.of("/proc/sys/kernel/hostname");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // asked for (application-prod.yml) but empty; a name given is kept, and without the setting nothing is asked
        if (!environment.containsProperty(SETTING) || StringUtils.hasText(environment.getProperty(SETTING))) {
            return;
        }
        String machine = machineName();
        if (machine != null) {
            environment.getPropertySources().addFirst(new MapPropertySource("sanfuNodeName", Map.of(SETTING, machine)));
        }
    }

    /** The machine's name, or null where it cannot be read without the network. */
    static String machineName() {
        try {
            if (Files.isReadable(KERNELS)) {
                String name = Files.readString(KERNELS).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            // as if there were no such file
        }
        String windows = System.getenv("COMPUTERNAME");
        return StringUtils.hasText(windows) ? windows.strip() : null;
    }
}
