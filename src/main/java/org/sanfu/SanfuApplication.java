package org.sanfu;

import org.sanfu.generator.GenerateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SanfuApplication {

    public static void main(String[] args) {
        if (GenerateCommand.requested(args)) {
            System.exit(GenerateCommand.run(SanfuApplication.class, args));
        }
        SpringApplication.run(SanfuApplication.class, args);
    }
}
