package org.sanfu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SanfuApplication {

    public static void main(String[] args) {
        SpringApplication.run(SanfuApplication.class, args);
    }
}
