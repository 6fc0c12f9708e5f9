package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A page, an error page above all, is labelled text/html whatever its path ends with: with nosniff a browser
 * renders nothing labelled otherwise. An API path's errors stay problem+json.
 */
@SanfuTest
class HtmlPagesWebTests {

    @Autowired
    Pages pages;

    @Test
    void aPagesPathEndingInAFileExtensionIsStillAnsweredAsHtml() throws Exception {
        // path, status, signed in as (null: nobody)
        Map<String, Object[]> paths = Map.of("/tickets/1.json", new Object[] {404, "leader"},
                "/f/abc.json", new Object[] {410, null},
                "/webjars/echarts/echarts.min.js", new Object[] {404, "leader"},
                "/css/nope.css", new Object[] {404, null}, "/nope.js", new Object[] {404, "leader"});
        for (var path : paths.entrySet()) {
            for (String accept : new String[] {"*/*", "text/html,application/xhtml+xml,*/*;q=0.8"}) {
                String what = path.getKey() + " " + accept;
                MockHttpServletResponse r = get(path.getKey(), accept, (String) path.getValue()[1]);
                assertThat(r.getStatus()).as(what).isEqualTo(path.getValue()[0]);
                assertThat(r.getContentType()).as(what).isEqualTo("text/html;charset=UTF-8");
                assertThat(r.getContentAsString(StandardCharsets.UTF_8)).as(what).startsWith("<!DOCTYPE html>");
            }
        }
        MockHttpServletResponse api = get("/api/tickets/1.json", "*/*", null);
        assertThat(api.getContentType()).startsWith("application/problem+json");
    }

    private MockHttpServletResponse get(String path, String accept, String user) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path).header("Accept", accept);
        return pages.mvc().perform(user == null ? request : Pages.in(request, pages.session(user)))
                .andReturn().getResponse();
    }
}
