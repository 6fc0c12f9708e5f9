package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 走访覆盖 ({@code /reports/coverage}) on a leader's phone, in Debian's Chromium at 390 px: its two tables
 * scroll inside their panels, as the dashboard's do, rather than squeezing their columns until a heading, a
 * town, a specialist or 从未走访 breaks a character or two a line.
 */
@SanfuTest
class CoveragePageBrowserTests {

    @RegisterExtension
    static final Browser phone = Browser.phone();

    @Autowired
    Api api;

    @Test
    void onAPhoneTheTablesScrollInsideTheirPanelsWithTheirCellsOnOneLine() {
        String town = "覆盖手机测试镇" + Api.creditCode().substring(14);
        api.enterprise("台州覆盖手机测试机电股份有限公司", town);

        // a town's and an enterprise's links in the tables as well: a thumb's height, as the buttons
        phone.signInAs("leader").open("/reports/coverage?town=" + town).noSidewaysScroll()
                .tapTargetsAtLeast44px("table.table td a");
        assertThat(phone.findAll("#unvisited tbody tr")).hasSize(1);
        assertThat(phone.findAll("#byTown td a, #unvisited td a")).as("the table links checked").hasSizeGreaterThanOrEqualTo(2);

        List<String> broken = phone.brokenAcrossLines("#byTown th, #byTown td, #unvisited th, #unvisited td:not(.name)");
        assertThat(broken).as("headings, towns, figures, specialists and last visits on one line each").isEmpty();
        for (String table : List.of("#byTown", "#unvisited")) {
            assertThat(phone.script("var wrap = document.querySelector(arguments[0] + ' .table-wrap'); "
                    + "return getComputedStyle(wrap).overflowX + ' ' + (wrap.scrollWidth > wrap.clientWidth)", table))
                    .as(table + " scrolls inside its panel").isEqualTo("auto true");
        }
        assertThat((Long) phone.script(
                "return Math.round(document.querySelector('#unvisited td.name').getBoundingClientRect().width)"))
                .as("an enterprise's name a few characters a line at least").isGreaterThanOrEqualTo(120L);
        phone.screenshot("coverage-phone");
    }
}
