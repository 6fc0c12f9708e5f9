package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

class TicketLinksUnitTests {

    /**
     * A town is typed text: the dashboard's links to the list carry it whole, '+' included, which a query would read
     * as a space ({@code 城关镇+新区} came back as {@code 城关镇 新区}, a town no ticket has), and '&' and '='.
     */
    @Test
    void aTownIsCarriedWholeWhateverItsCharacters() {
        String town = "城关镇+新区&东=西 #1";
        String link = TicketLinks.of("2014-05-01", "2014-05-31", "TRANSPORT", null, town).with("open", "true");
        assertThat(link).startsWith("/tickets?").doesNotContain("+", " ", "#");
        var query = UriComponentsBuilder.fromUriString(link).build().getQueryParams();
        assertThat(UriUtils.decode(query.getFirst("town"), StandardCharsets.UTF_8)).isEqualTo(town);
        assertThat(query.getFirst("open")).isEqualTo("true");
        assertThat(query.getFirst("leadDepartment")).isEqualTo("TRANSPORT");
        assertThat(query.keySet()).containsExactly("from", "to", "leadDepartment", "town", "open");
    }
}
