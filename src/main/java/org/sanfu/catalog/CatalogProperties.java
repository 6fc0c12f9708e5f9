package org.sanfu.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.departments} and {@code sanfu.categories}: what the Catalog knows.
 *
 * @param departments the departments: codes as used in JSON and routing, and labels
 * @param categories the problem categories: codes as used in JSON and routing, and labels
 */
@ConfigurationProperties("sanfu")
@Validated
public record CatalogProperties(@NotEmpty List<@Valid Entry> departments, @NotEmpty List<@Valid Entry> categories) {

    /** A code as used in JSON and URLs, and the Chinese label shown to people. */
    public record Entry(@NotBlank String code, @NotBlank String label) {}
}
