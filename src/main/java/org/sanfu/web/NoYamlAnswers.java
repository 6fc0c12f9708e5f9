package org.sanfu.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API answers JSON (API.md), but Spring MVC adds a YAML converter whenever jackson-dataformat-yaml is on the
 * class path, and springdoc brings it: a ticket or the summary was answered in YAML to {@code Accept:
 * application/yaml}, and every 406 named application/yaml as available. Taken out, YAML is refused 406 like any
 * other type the API does not give. springdoc's {@code /v3/api-docs.yaml} writes its YAML itself, as bytes.
 */
@Configuration
class NoYamlAnswers implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(MappingJackson2YamlHttpMessageConverter.class::isInstance);
    }
}
